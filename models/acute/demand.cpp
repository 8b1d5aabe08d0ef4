// SPDX-License-Identifier: MIT
#include "demand.hpp"

#include "ambulance_service.hpp"
#include "call_centre.hpp"
#include "router.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>

namespace zccsim::models::acute {

namespace {

constexpr std::uint64_t patient_stream = sim::stable_hash("acute/patient");
constexpr std::uint64_t recontact_stream = sim::stable_hash("acute/recontact");

std::vector<std::uint32_t> own_areas(const AcuteConfig& cfg) {
  std::vector<std::uint32_t> out;
  for (std::size_t a = 0; a < cfg.areas.size(); ++a)
    if (cfg.regions[cfg.areas[a].region].own) out.push_back(static_cast<std::uint32_t>(a));
  return out;
}

}  // namespace

Demand::AreaPicker::AreaPicker(const AcuteConfig& cfg, std::vector<std::uint32_t> areas) : areas_(std::move(areas)) {
  double cum = 0;
  for (std::uint32_t a : areas_) cum_.push_back(cum += cfg.areas[a].population);
  // guide table: where the search for a draw in bucket b of [0, 1) starts
  // (4 buckets per area: about one step from there)
  guide_.resize(4 * cum_.size() + 1);
  for (std::size_t b = 0; b < guide_.size(); ++b)
    guide_[b] = static_cast<std::uint32_t>(
        std::lower_bound(cum_.begin(), cum_.end(), static_cast<double>(b) / static_cast<double>(guide_.size()) * cum) -
        cum_.begin());
}

// The first area whose cumulative population is not below u x the total
// (std::lower_bound's answer), searched from the guide table's bucket: back
// while the area before also qualifies (rounding), then forward.
std::uint32_t Demand::AreaPicker::pick(double u) const {
  const double x = u * cum_.back();
  const double buckets = static_cast<double>(guide_.size());
  std::size_t area = guide_[std::min(static_cast<std::size_t>(std::max(0.0, u) * buckets), guide_.size() - 1)];
  area = std::min(area, cum_.size());
  while (area > 0 && !(cum_[area - 1] < x)) --area;
  while (area < cum_.size() && cum_[area] < x) ++area;
  return areas_[std::min<std::size_t>(area, areas_.size() - 1)];
}

Demand::Demand(const Context& ctx) : ctx_(ctx), c_(ctx.accounting.counters()), all_areas_(ctx.cfg, own_areas(ctx.cfg)) {
  for (std::size_t s = 0; s < stream_count; ++s) {
    groups_[s] = demand_groups(ctx_.cfg, s);
    for (const DemandGroup& g : groups_[s]) pickers_[s].emplace_back(ctx_.cfg, g.areas);
  }
}

// One generator per stream and group of areas: the scenario's volume draws
// from the stream's "arrivals" random stream (as before regions could have
// their own demand), a region's own from "arrivals/REGION".
void Demand::start() {
  const AcuteConfig& cfg = ctx_.cfg;
  if (own_areas(cfg).empty()) throw std::invalid_argument("no area in an own region");
  for (std::size_t s = 0; s < stream_count; ++s) {
    for (std::size_t k = 0; k < groups_[s].size(); ++k) {
      const DemandGroup& g = groups_[s][k];
      const std::string purpose = g.region ? "arrivals/" + cfg.regions[*g.region].name : std::string("arrivals");
      gens_.push_back(std::make_unique<sim::ArrivalGenerator>(
          sim::ArrivalProcess::nhpp(g.profile), ctx_.sim.stream(stream_names[s], purpose), *this,
          static_cast<std::uint32_t>(s + stream_count * k), cfg.warmup + cfg.horizon));
      gens_.back()->start(ctx_.sim);
    }
  }
}

void Demand::on_arrival(sim::Simulation& sim, std::uint32_t generator) {
  const AcuteConfig& cfg = ctx_.cfg;
  const auto source = static_cast<std::uint32_t>(generator % stream_count);
  const std::size_t group = generator / stream_count;
  const auto kind = static_cast<StreamKind>(source);
  const Stream& st = cfg.streams[source];
  const PatientId id = ctx_.patients.create();
  Patient& p = ctx_.patients[id];
  p.key = (static_cast<std::uint64_t>(source) << 48) | arrivals_[source]++;
  p.rng.restart(sim.seed(), sim.replication(), patient_stream, p.key);
  const double u = p.rng.uniform();
  p.area = group < pickers_[source].size() ? pickers_[source][group].pick(u) : all_areas_.pick(u);
  p.region = static_cast<std::uint32_t>(cfg.areas[p.area].region);
  p.subregion = cfg.areas[p.area].subregion_index;
  p.stream = static_cast<std::uint8_t>(source);
  p.urgency = static_cast<std::uint8_t>(draw(st.urgency, p.rng));
  p.need = static_cast<Response>(draw(st.need_by_urgency[p.urgency], p.rng));
  p.assessed_urgency = p.urgency;
  p.first_contact = sim.now();
  ++c_.patients;
  ++c_.sub[p.subregion].patients;
  ctx_.observation.log(id, LogEvent::arrival, static_cast<std::uint8_t>(source), static_cast<std::uint16_t>(p.area));
  switch (kind) {
    case StreamKind::hap_calls:
      return call_centre_->patient_call(id, Discipline::gp);
    case StreamKind::self_triage:
      if (p.rng.uniform() < st.self_care_share) return router_->assign(id, Response::self_care);
      p.self_triage = true;
      return call_centre_->patient_call(id, Discipline::gp);
    case StreamKind::calls_112:
      return call_centre_->emergency_call(id);
    case StreamKind::provider_calls:
      return call_centre_->provider_call(id);
    case StreamKind::ed_walk_ins:
      return router_->assign(id, Response::ed);
    case StreamKind::gp_referrals:
      return router_->assign(id, p.need);  // the GP has decided
    case StreamKind::planned_rides:
      return ambulance_->planned_ride(id);  // requested by a care provider, not triaged
  }
}

void Demand::recontact_later(PatientId id, double delay) {
  const PatientId again = ctx_.patients.create();
  Patient& q = ctx_.patients[again];
  const Patient& orig = ctx_.patients[id];
  q.area = orig.area;
  q.region = orig.region;
  q.subregion = orig.subregion;
  q.need = orig.need;
  q.urgency = orig.urgency;
  q.assessed_urgency = orig.urgency;
  q.stream = orig.stream;
  q.first_contact = orig.first_contact;
  q.recontact = true;
  q.key = orig.key;
  q.rng.restart(ctx_.sim.seed(), ctx_.sim.replication(), recontact_stream, orig.key);
  ctx_.sim.schedule_in(delay, *this, 0, again);
}

// A re-contact: urgent needs call 112, the others the GP line.
void Demand::handle(sim::Simulation& sim, std::uint32_t, std::uint64_t arg) {
  const auto id = static_cast<PatientId>(arg);
  Patient& p = ctx_.patients[id];
  ++c_.recontacts;
  if (sim.now() - p.first_contact <= 1440.0) ++c_.recontact_24h;
  if (p.need == Response::ambulance || p.urgency <= 1) return call_centre_->emergency_call(id);
  call_centre_->patient_call(id, Discipline::gp);
}

}  // namespace zccsim::models::acute
