// SPDX-License-Identifier: MIT
#include "hospital.hpp"

#include <stdexcept>
#include <string>

namespace zccsim::models::acute {

Hospital::Hospital(const Context& ctx) : ctx_(ctx), c_(ctx.accounting.counters()) {
  beds_.resize(ctx_.cfg.sites.size());
  releases_.resize(ctx_.cfg.sites.size());
  hospitals_.resize(ctx_.cfg.regions.size());
  if (ctx_.cfg.hospital_beds) site_sub_ = site_subregions(ctx_.cfg, ctx_.geo, SiteKind::ed);
}

void Hospital::add_site(std::size_t s) {
  const Site& site = ctx_.cfg.sites[s];
  if (!site.hospital_beds) return;
  if (*site.hospital_beds >= (1U << bed_bits)) throw std::logic_error("acute model: too many hospital beds at a site");
  beds_[s] = ctx_.accounting.make_resource({.name = "hospital_beds/" + site.id,
                                            .servers = *site.hospital_beds,
                                            .group = Group::hospital_beds,
                                            .own = ctx_.cfg.regions[site.region].own},
                                           *this);
  hospitals_[site.region].push_back(s);
  std::vector<Release> room;
  room.reserve(*site.hospital_beds);  // one release per bed at most: the heap never grows after this
  releases_[s].due = decltype(releases_[s].due)(std::greater<>{}, std::move(room));
}

bool Hospital::admit(PatientId id) {
  Patient& p = ctx_.patients[id];
  const std::size_t home = p.site;
  if (!beds_[home]) return false;
  ++c_.hospital_admissions;
  ++c_.sub[p.subregion].hospital_admissions;
  p.stay_days = ctx_.cfg.hospital.los_days.sample(p.rng);  // drawn first: the same stay however the bed is found
  sim::Resource& own = *beds_[home];
  std::size_t site = home;
  TransferKind kind = TransferKind::region;
  if (own.free_count() == 0 && find_bed(home, site, kind)) return transfer(id, site, kind), true;
  p.phase = Phase::bed;
  const auto out = own.seize(ctx_.sim, id, 0);
  if (out.result == sim::SeizeResult::served) {
    stay(id, home, out.server);
  } else {  // no free bed anywhere: waits for the first of its own hospital
    ++c_.boarded;
    p.wrong_bed_start = ctx_.sim.now();
  }
  return true;
}

bool Hospital::find_bed(std::size_t from, std::size_t& site, TransferKind& kind) const {
  const AcuteConfig& cfg = ctx_.cfg;
  const std::size_t r = cfg.sites[from].region;
  NearestSite best;
  const auto look = [&](std::size_t region) {
    for (const std::size_t s : hospitals_[region])
      if (beds_[s]->free_count() > 0) best.offer(s, ctx_.geo.km_site_site(from, s));
  };
  // the region's, then a neighbouring region's, then (LCPS) any region's: the nearest free bed of each stage
  kind = TransferKind::region;
  look(r);
  if (!best.found()) {
    kind = TransferKind::neighbour;
    for (const std::size_t n : cfg.regions[r].neighbours) look(n);
  }
  if (!best.found()) {
    kind = TransferKind::lcps;
    for (std::size_t n = 0; n < hospitals_.size(); ++n) look(n);  // the own and neighbouring ones have none free
  }
  site = best.site;
  return best.found();
}

// The remote bed is reserved now, for the preparation, the drive and the
// stay; the patient keeps its ED place (if any) while the transfer is
// arranged, then rides there (its record ends when it leaves).
void Hospital::transfer(PatientId id, std::size_t to, TransferKind kind) {
  const AcuteConfig& cfg = ctx_.cfg;
  Patient& p = ctx_.patients[id];
  const auto out = beds_[to]->seize(ctx_.sim, id, 0);
  if (out.result != sim::SeizeResult::served) throw std::logic_error("acute model: a free hospital bed was not free");
  const double now = ctx_.sim.now(), prep = cfg.hospital.transfer_prep_minutes;
  const double drive = ctx_.geo.minutes(ctx_.geo.km_site_site(p.site, to), cfg.road.speed_kmh, now + prep);
  const auto k = static_cast<std::size_t>(kind);
  ++c_.transfers_sent[k];
  ++c_.transfers_received[k];
  ++c_.sub[p.subregion].transfers_sent;
  // received by the sub-region of an own region's hospital; a neighbouring
  // (own: false) region's hospital is no own sub-region's
  if (site_sub_[to] != no_subregion) ++c_.sub[site_sub_[to]].transfers_received;
  c_.transfer_minutes.add(prep + drive);
  charge(p, Price::hospital_transfer, cfg.costs.hospital_transfer);
  charge(p, Price::hospital_bed_day, cfg.costs.hospital_bed_day * p.stay_days);
  ctx_.sim.schedule_in(prep, *this, t_prep_done, id, sim::Priority::release);
  free_at(to, out.server, now + prep + drive + p.stay_days * 1440.0);
}

void Hospital::stay(PatientId id, std::size_t site, std::uint32_t server) {
  Patient& p = ctx_.patients[id];
  charge(p, Price::hospital_bed_day, ctx_.cfg.costs.hospital_bed_day * p.stay_days);
  free_at(site, server, ctx_.sim.now() + p.stay_days * 1440.0);
  ctx_.patients.release_held(id);  // the ED place
  ctx_.patients.end(id, End::after_care);
}

void Hospital::free_at(std::size_t site, std::uint32_t server, double at) {
  Releases& r = releases_[site];
  r.due.push({at, booked_++ << bed_bits | server});
  if (r.event.valid() && !(at < r.event_at)) return;
  if (r.event.valid()) ctx_.sim.cancel(r.event);
  r.event = ctx_.sim.schedule_at(at, *this, t_bed_free, site, sim::Priority::release);
  r.event_at = at;
}

void Hospital::free_due(std::size_t site) {
  Releases& r = releases_[site];
  r.event = {};
  const double now = ctx_.sim.now();
  while (!r.due.empty() && !(r.due.top().at > now)) {
    const std::uint32_t server = r.due.top().server();
    r.due.pop();
    beds_[site]->release(ctx_.sim, server);  // a boarder may take it (announced in a later event)
  }
  if (r.due.empty()) return;
  r.event_at = r.due.top().at;
  r.event = ctx_.sim.schedule_at(r.event_at, *this, t_bed_free, site, sim::Priority::release);
}

// A boarding patient gets the first free bed of its own hospital.
void Hospital::on_service_start(sim::Simulation& sim, sim::Resource&, std::uint64_t entity, std::uint32_t server) {
  const auto id = static_cast<PatientId>(entity);
  Patient& p = ctx_.patients[id];
  const double waited = sim.now() - p.wrong_bed_start;
  c_.boarding.add(waited);
  if (p.held != nullptr) charge(p, Price::wrong_bed_hour, ctx_.cfg.costs.wrong_bed_hour * waited / 60.0);
  stay(id, p.site, server);
}

void Hospital::on_abandon(sim::Simulation&, sim::Resource&, std::uint64_t) {
  throw std::logic_error("acute model: boarding patients have no patience");
}

void Hospital::handle(sim::Simulation&, std::uint32_t tag, std::uint64_t arg) {
  if (tag == t_bed_free) return free_due(static_cast<std::size_t>(arg));
  // t_prep_done: the ED place is left, the patient rides to the reserved bed (the hospital's from now)
  const auto id = static_cast<PatientId>(arg);
  ctx_.patients.release_held(id);
  ctx_.patients.end(id, End::after_care);
}

}  // namespace zccsim::models::acute
