// SPDX-License-Identifier: MIT
#include "placement.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace zccsim::models::acute {

Placement::Placement(const Context& ctx) : ctx_(ctx), c_(ctx.accounting.counters()) {
  providers_.resize(ctx_.cfg.regions.size());
}

void Placement::add_site(std::size_t s) {
  const Site& site = ctx_.cfg.sites[s];
  const std::uint32_t n = std::max(1u, std::min(ctx_.cfg.beds.providers_per_site, std::max(1u, site.places)));
  for (std::uint32_t k = 0; k < n; ++k) {
    const std::uint32_t beds = site.places / n + (k < site.places % n ? 1 : 0);
    providers_[site.region].push_back(
        ctx_.accounting.make_resource({.name = "beds/" + site.id + "/" + std::to_string(k),
                                       .servers = beds,
                                       .queue_capacity = 0,
                                       .group = Group::beds,
                                       .own = ctx_.cfg.regions[site.region].own},
                                      *this));
  }
}

void Placement::start_search(PatientId id) {
  Patient& p = ctx_.patients[id];
  p.search_start = ctx_.sim.now();
  p.search_tries = 0;
  // drawn first, so a patient's stay is the same however the search goes (common random numbers)
  p.stay_days = ctx_.cfg.beds.length_of_stay_days.sample(p.rng);
  ctx_.observation.log(id, LogEvent::bed_search, 0, 0);
  const auto& prov = providers_[p.region];
  const std::size_t phoned = prov.size() - connected(prov.size());
  p.search_offset = phoned == 0 ? 0 : static_cast<std::uint32_t>(p.rng.below(phoned));
  begin_round(id);
}

void Placement::begin_round(PatientId id) {
  const auto& prov = providers_[ctx_.patients[id].region];
  const double first = connected(prov.size()) > 0 ? ctx_.cfg.beds.lookup_minutes : ctx_.cfg.beds.attempt_minutes;
  c_.search_work_minutes += first;
  retry(id, first);
}

void Placement::next_round(PatientId id) {
  Patient& p = ctx_.patients[id];
  if (!p.search_line) return begin_round(id);
  p.search_callback = true;  // queued for a triagist of the line that started the search
  const auto out = p.search_line->seize(ctx_.sim, id, p.urgency);
  if (out.result == sim::SeizeResult::rejected) throw std::logic_error("acute model: a line rejected a bed search");
  if (out.result == sim::SeizeResult::served) line_answered(id, out.server);
}

void Placement::line_answered(PatientId id, std::uint32_t server) {
  Patient& p = ctx_.patients[id];
  p.search_callback = false;
  p.search_server = server;
  p.search_holding = true;
  begin_round(id);
}

std::size_t Placement::connected(std::size_t count) const {
  if (!ctx_.cfg.capacity_insight) return 0;
  return static_cast<std::size_t>(std::llround(ctx_.cfg.beds.connected_share * static_cast<double>(count)));
}

// The step of the round that just took its time (the lookup, or phone call
// search_tries) is done: a bed, or the next step.
void Placement::search_step(PatientId id) {
  const AcuteConfig& cfg = ctx_.cfg;
  Patient& p = ctx_.patients[id];
  const auto& prov = providers_[p.region];
  const std::size_t seen = connected(prov.size()), phoned = prov.size() - seen;
  const std::size_t lookups = seen > 0 ? 1 : 0, steps = lookups + phoned;
  if (p.search_tries < lookups) {  // the lookup: the connected provider with most free beds
    sim::Resource* best = nullptr;
    for (std::size_t k = 0; k < seen; ++k)
      if (prov[k]->free_count() > 0 && (!best || prov[k]->free_count() > best->free_count())) best = prov[k].get();
    if (best) return place_in(id, *best);
    ++c_.rejections;
  } else if (p.search_tries < steps) {  // a phone call to a provider not connected
    sim::Resource& r = *prov[seen + (p.search_offset + p.search_tries - lookups) % phoned];
    if (r.free_count() > 0) return place_in(id, r);
    ++c_.rejections;
  }
  if (++p.search_tries < steps) {
    c_.search_work_minutes += cfg.beds.attempt_minutes;
    return retry(id, cfg.beds.attempt_minutes);
  }
  // every provider in the region said no: one call to a neighbouring region
  p.search_tries = 0;
  if (p.rng.uniform() < cfg.beds.neighbour_free_probability) return place_outside(id);
  ++c_.rejections;
  ctx_.patients.release_searcher(id);  // the triagist takes other calls until the next round
  ctx_.sim.schedule_in(cfg.beds.retry_after, *this, t_round, id);
}

// The search ends now: a bed in the region (seized at once) or outside it.
void Placement::search_ends(PatientId id, Where where) {
  Patient& p = ctx_.patients[id];
  const double now = ctx_.sim.now();
  c_.search.add(now - p.search_start);
  ctx_.patients.release_searcher(id);
  ctx_.observation.log(id, LogEvent::placed, where == Where::in_region ? 1 : 0, 0);
  if (p.phase == Phase::ed) {
    c_.wrong_bed_minutes += now - p.wrong_bed_start;
    charge(p, Price::wrong_bed_hour, ctx_.cfg.costs.wrong_bed_hour * (now - p.wrong_bed_start) / 60.0);
    ctx_.patients.release_held(id);
  } else if (!p.transported) {  // a transported patient's care started on scene
    ctx_.patients.care_start(id, now);
  }
}

void Placement::place_in(PatientId id, sim::Resource& bed) {
  search_ends(id, Where::in_region);
  ++c_.placed_in;
  if (const auto server = ctx_.patients.seize(id, bed, Phase::bed)) started(id, bed, *server);
}

void Placement::place_outside(PatientId id) {
  search_ends(id, Where::neighbour);
  ++c_.placed_out;
  Patient& p = ctx_.patients[id];
  charge(p, Price::bed_day, ctx_.cfg.costs.bed_day * p.stay_days);  // the stay there, paid alike
  ctx_.patients.end(id, End::after_care);
}

void Placement::on_service_start(sim::Simulation&, sim::Resource& res, std::uint64_t entity, std::uint32_t server) {
  started(static_cast<PatientId>(entity), res, server);
}

void Placement::on_abandon(sim::Simulation&, sim::Resource&, std::uint64_t) {
  throw std::logic_error("acute model: beds have no queue");
}

void Placement::started(PatientId id, sim::Resource& res, std::uint32_t server) {
  Patient& p = ctx_.patients[id];
  Patients::hold(p, res, server);
  const double service = p.stay_days * 1440.0;
  charge(p, Price::bed_day, ctx_.cfg.costs.bed_day * p.stay_days);
  ctx_.sim.schedule_in(service, *this, t_stay_done, id, sim::Priority::release);
}

void Placement::handle(sim::Simulation&, std::uint32_t tag, std::uint64_t arg) {
  const auto id = static_cast<PatientId>(arg);
  if (tag == t_search) return search_step(id);
  if (tag == t_round) return next_round(id);
  ctx_.patients.release_held(id);
  ctx_.patients.end(id, End::after_care);
}

}  // namespace zccsim::models::acute
