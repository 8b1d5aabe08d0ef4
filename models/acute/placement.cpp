// SPDX-License-Identifier: MIT
#include "placement.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace zccsim::models::acute {

Placement::Placement(const Context& ctx) : ctx_(ctx), c_(ctx.accounting.counters()) {
  for (auto& per_region : providers_) per_region.resize(ctx_.cfg.regions.size());
  provider_sites_.resize(ctx_.cfg.regions.size());
}

void Placement::add_site(std::size_t s) {
  const Site& site = ctx_.cfg.sites[s];
  const std::uint32_t n = std::max(1u, std::min(ctx_.cfg.beds.providers_per_site, std::max(1u, site.places)));
  provider_sites_[site.region].insert(provider_sites_[site.region].end(), n, s);
  for (std::size_t t = 0; t < bed_type_count; ++t) {
    const std::uint32_t count = site.beds[t];
    for (std::uint32_t k = 0; k < n; ++k) {
      const std::uint32_t beds = count / n + (k < count % n ? 1 : 0);
      providers_[t][site.region].push_back(ctx_.accounting.make_resource(
          {.name = "beds/" + site.id + "/" + std::string(bed_type_names[t]) + "/" + std::to_string(k),
           .servers = beds,
           .queue_capacity = 0,
           .group = Group::beds,
           .own = ctx_.cfg.regions[site.region].own},
          *this));
    }
  }
}

void Placement::start_search(PatientId id) {
  Patient& p = ctx_.patients[id];
  const Beds& b = ctx_.cfg.beds;
  p.search_start = ctx_.sim.now();
  p.search_tries = 0;
  // drawn first, so a patient's bed type and stay are the same however the
  // search goes (common random numbers)
  double u = p.rng.uniform();
  std::size_t t = 0;
  while (t + 1 < bed_type_count && u >= b.types[t].share) u -= b.types[t++].share;
  while (t > 0 && !(b.types[t].share > 0)) --t;  // rounding past the last type with a share
  p.bed_type = static_cast<BedType>(t);
  p.stay_days = b.types[t].length_of_stay_days.sample(p.rng);
  ctx_.observation.log(id, LogEvent::bed_search, 0, 0);
  const auto& prov = providers(p.bed_type, p.region);
  const std::size_t phoned = prov.size() - connected(prov.size());
  p.search_offset = phoned == 0 ? 0 : static_cast<std::uint32_t>(p.rng.below(phoned));
  if (wait_for_admission(id)) return;
  begin_round(id);
}

bool Placement::wait_for_admission(PatientId id) {
  Patient& p = ctx_.patients[id];
  const auto t = static_cast<std::size_t>(p.bed_type);
  const double now = ctx_.sim.now(), open = ctx_.cfg.beds.types[t].admission.next_opening(now);
  if (!(open > now)) return false;
  if (!p.admission_waited) {
    p.admission_waited = true;
    ++c_.admission_waits[t];
    // at home: one acute district-nursing visit bridges the wait (in the ED: wrong-bed time)
    if (p.phase != Phase::ed)
      charge(p, Price::district_nursing, ctx_.cfg.costs.tariff[static_cast<std::size_t>(Response::district_nursing)]);
  }
  c_.admission_wait_minutes += open - now;
  ctx_.patients.release_searcher(id);  // the triagist takes other calls meanwhile
  ctx_.sim.schedule_at(open, *this, t_round, id);
  return true;
}

void Placement::begin_round(PatientId id) {
  Patient& p = ctx_.patients[id];
  const auto& prov = providers(p.bed_type, p.region);
  const bool lookup = connected(prov.size()) > 0;
  p.search_tries = 0;
  p.search_refused = 0;
  p.search_phoning = !lookup;
  next_step(id, lookup ? ctx_.cfg.beds.lookup_minutes : ctx_.cfg.beds.attempt_minutes);
}

void Placement::next_step(PatientId id, double minutes) {
  c_.search_work_minutes += minutes;
  c_.search_work_type[static_cast<std::size_t>(ctx_.patients[id].bed_type)] += minutes;
  retry(id, minutes);
}

void Placement::next_round(PatientId id) {
  if (wait_for_admission(id)) return;
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

bool Placement::accepts(Patient& p) const {
  const double a = ctx_.cfg.beds.types[static_cast<std::size_t>(p.bed_type)].acceptance;
  if (a >= 1.0) return true;  // no draw: the patient's stream is untouched
  if (p.rng.uniform() < a) return true;
  ++c_.refusals[static_cast<std::size_t>(p.bed_type)];
  return false;
}

// The step of the round that just took its time (a lookup or a phone call)
// is done: a bed, or the next step.
void Placement::search_step(PatientId id) {
  Patient& p = ctx_.patients[id];
  const auto& prov = providers(p.bed_type, p.region);
  const std::size_t seen = connected(prov.size()), phoned = prov.size() - seen;
  if (!p.search_phoning) {  // the lookup: ask the connected provider with most free beds not asked yet
    std::size_t best = seen;
    for (std::size_t k = 0; k < seen; ++k) {
      if (k < 32 && (p.search_refused >> k & 1u)) continue;
      if (prov[k]->free_count() > 0 && (best == seen || prov[k]->free_count() > prov[best]->free_count())) best = k;
    }
    if (best < seen) {
      if (accepts(p)) return place_in(id, *prov[best]);
      if (best < 32) p.search_refused |= 1u << best;
      // refused: the next best connected provider is phoned (at most one ask per connected provider)
      if (++p.search_tries < seen) return next_step(id, ctx_.cfg.beds.attempt_minutes);
    } else {
      ++c_.rejections;
    }
    return phone_phase(id, phoned);
  }
  // a phone call to a provider not connected (none in the region: the call to a neighbouring region)
  if (phoned == 0) return round_failed(id);
  sim::Resource& r = *prov[seen + (p.search_offset + p.search_tries) % phoned];
  if (r.free_count() > 0) {
    if (accepts(p)) return place_in(id, r);
  } else {
    ++c_.rejections;
  }
  if (++p.search_tries < phoned) return next_step(id, ctx_.cfg.beds.attempt_minutes);
  round_failed(id);
}

void Placement::phone_phase(PatientId id, std::size_t phoned) {
  Patient& p = ctx_.patients[id];
  p.search_phoning = true;
  p.search_tries = 0;
  if (phoned > 0) return next_step(id, ctx_.cfg.beds.attempt_minutes);
  round_failed(id);
}

// Every provider in the region said no: one call to a neighbouring region.
// The listed neighbours that are simulated (own) with beds of the patient's
// type: the free provider nearest the patient's area takes the patient (no
// draw); none free, a new round. None such: a coin with
// beds.neighbour_free_probability.
void Placement::round_failed(PatientId id) {
  Patient& p = ctx_.patients[id];
  p.search_tries = 0;
  const auto t = static_cast<std::size_t>(p.bed_type);
  bool simulated = false;
  NearestSite nearest;
  sim::Resource* best = nullptr;
  for (const std::size_t r : ctx_.cfg.regions[p.region].neighbours) {
    if (!ctx_.cfg.regions[r].own) continue;
    const auto& prov = providers(p.bed_type, r);
    for (std::size_t k = 0; k < prov.size(); ++k) {
      const std::size_t s = provider_sites_[r][k];
      if (ctx_.cfg.sites[s].beds[t] == 0) continue;
      simulated = true;
      if (prov[k]->free_count() > 0 && nearest.offer(s, ctx_.geo.km_site_area(s, p.area))) best = prov[k].get();
    }
  }
  if (best != nullptr) return place_in(id, *best, Where::neighbour);
  if (!simulated && p.rng.uniform() < ctx_.cfg.beds.neighbour_free_probability) return place_outside(id);
  ++c_.rejections;
  ctx_.patients.release_searcher(id);  // the triagist takes other calls until the next round
  ctx_.sim.schedule_in(ctx_.cfg.beds.retry_after, *this, t_round, id);
}

// The search ends now: a bed in the region (seized at once) or outside it.
void Placement::search_ends(PatientId id, Where where) {
  Patient& p = ctx_.patients[id];
  const double now = ctx_.sim.now();
  const auto t = static_cast<std::size_t>(p.bed_type);
  c_.search.add(now - p.search_start);
  c_.search_type[t].add(now - p.search_start);
  ++c_.placed_type[t];
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

void Placement::place_in(PatientId id, sim::Resource& bed, Where where) {
  search_ends(id, where);
  ++(where == Where::in_region ? c_.placed_in : c_.placed_out);
  if (const auto server = ctx_.patients.seize(id, bed, Phase::bed)) started(id, bed, *server);
}

void Placement::place_outside(PatientId id) {
  search_ends(id, Where::neighbour);
  ++c_.placed_out;
  Patient& p = ctx_.patients[id];
  const auto t = static_cast<std::size_t>(p.bed_type);
  charge(p, bed_day_price(p.bed_type), ctx_.cfg.costs.bed_day[t] * p.stay_days);  // the stay there, paid alike
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
  charge(p, bed_day_price(p.bed_type), ctx_.cfg.costs.bed_day[static_cast<std::size_t>(p.bed_type)] * p.stay_days);
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
