// SPDX-License-Identifier: MIT
#include "hospital.hpp"

#include <stdexcept>
#include <string>

namespace zccsim::models::acute {

Hospital::Hospital(const Context& ctx) : ctx_(ctx), c_(ctx.accounting.counters()) {
  beds_.resize(ctx_.cfg.sites.size());
  hospitals_.resize(ctx_.cfg.regions.size());
  if (ctx_.cfg.hospital_beds) site_sub_ = site_subregions(ctx_.cfg, ctx_.geo);
}

void Hospital::add_site(std::size_t s) {
  const Site& site = ctx_.cfg.sites[s];
  if (!site.hospital_beds) return;
  beds_[s] = ctx_.accounting.make_resource({.name = "hospital_beds/" + site.id,
                                            .servers = *site.hospital_beds,
                                            .group = Group::hospital_beds,
                                            .own = ctx_.cfg.regions[site.region].own},
                                           *this);
  hospitals_[site.region].push_back(s);
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
    ctx_.patients.release_held(id);  // the ED place
    stay(id, own, out.server);
  } else {  // no free bed anywhere: waits for the first of its own hospital
    ++c_.boarded;
    p.wrong_bed_start = ctx_.sim.now();
  }
  return true;
}

std::size_t Hospital::nearest_free(std::size_t from, const std::vector<std::size_t>& sites, double& best_km) const {
  std::size_t best = sites.size();
  for (std::size_t k = 0; k < sites.size(); ++k) {
    const std::size_t s = sites[k];
    if (beds_[s]->free_count() == 0) continue;
    const double km = ctx_.geo.km_site_site(from, s);
    if (best == sites.size() || km < best_km || (km == best_km && s < sites[best])) best = k, best_km = km;
  }
  return best;
}

bool Hospital::find_bed(std::size_t from, std::size_t& site, TransferKind& kind) const {
  const AcuteConfig& cfg = ctx_.cfg;
  const std::size_t r = cfg.sites[from].region;
  double km = 0;
  if (const std::size_t k = nearest_free(from, hospitals_[r], km); k < hospitals_[r].size()) {
    site = hospitals_[r][k];
    kind = TransferKind::region;
    return true;
  }
  // a neighbouring region's, then (LCPS) any region's: the nearest free bed of each stage
  for (const TransferKind stage : {TransferKind::neighbour, TransferKind::lcps}) {
    bool found = false;
    double best_km = 0;
    const auto look = [&](std::size_t region) {
      const auto& list = hospitals_[region];
      double k_km = 0;
      const std::size_t k = nearest_free(from, list, k_km);
      if (k == list.size() || (found && !(k_km < best_km || (k_km == best_km && list[k] < site)))) return;
      found = true;
      best_km = k_km;
      site = list[k];
    };
    if (stage == TransferKind::neighbour) {
      for (const std::size_t n : cfg.regions[r].neighbours) look(n);
    } else {
      for (std::size_t n = 0; n < hospitals_.size(); ++n) look(n);  // the own and neighbouring ones have none free
    }
    if (found) {
      kind = stage;
      return true;
    }
  }
  return false;
}

// The remote bed is reserved now; the patient keeps its ED place (if any)
// while the transfer is arranged, then rides there.
void Hospital::transfer(PatientId id, std::size_t to, TransferKind kind) {
  const AcuteConfig& cfg = ctx_.cfg;
  Patient& p = ctx_.patients[id];
  sim::Resource& bed = *beds_[to];
  const auto out = bed.seize(ctx_.sim, id, 0);
  if (out.result != sim::SeizeResult::served) throw std::logic_error("acute model: a free hospital bed was not free");
  p.transfer_bed = &bed;
  p.transfer_server = out.server;
  const double now = ctx_.sim.now(), prep = cfg.hospital.transfer_prep_minutes;
  const double drive = ctx_.geo.minutes(ctx_.geo.km_site_site(p.site, to), cfg.road.speed_kmh, now + prep);
  const auto k = static_cast<std::size_t>(kind);
  ++c_.transfers_sent[k];
  ++c_.transfers_received[k];
  ++c_.sub[p.subregion].transfers_sent;
  ++c_.sub[site_sub_[to]].transfers_received;
  c_.transfer_minutes.add(prep + drive);
  charge(p, Price::hospital_transfer, cfg.costs.hospital_transfer);
  charge(p, Price::hospital_bed_day, cfg.costs.hospital_bed_day * p.stay_days);
  ctx_.sim.schedule_in(prep, *this, t_prep_done, id, sim::Priority::release);
  ctx_.sim.schedule_in(prep + drive + p.stay_days * 1440.0, *this, t_stay_done, id, sim::Priority::release);
}

void Hospital::stay(PatientId id, sim::Resource& bed, std::uint32_t server) {
  Patient& p = ctx_.patients[id];
  Patients::hold(p, bed, server);
  p.phase = Phase::bed;
  charge(p, Price::hospital_bed_day, ctx_.cfg.costs.hospital_bed_day * p.stay_days);
  ctx_.sim.schedule_in(p.stay_days * 1440.0, *this, t_stay_done, id, sim::Priority::release);
}

// A boarding patient gets the first free bed of its own hospital.
void Hospital::on_service_start(sim::Simulation& sim, sim::Resource& res, std::uint64_t entity, std::uint32_t server) {
  const auto id = static_cast<PatientId>(entity);
  Patient& p = ctx_.patients[id];
  const double waited = sim.now() - p.wrong_bed_start;
  c_.boarding.add(waited);
  if (p.held != nullptr) charge(p, Price::wrong_bed_hour, ctx_.cfg.costs.wrong_bed_hour * waited / 60.0);
  ctx_.patients.release_held(id);  // the ED place
  stay(id, res, server);
}

void Hospital::on_abandon(sim::Simulation&, sim::Resource&, std::uint64_t) {
  throw std::logic_error("acute model: boarding patients have no patience");
}

void Hospital::handle(sim::Simulation&, std::uint32_t tag, std::uint64_t arg) {
  const auto id = static_cast<PatientId>(arg);
  if (tag == t_prep_done) {  // the ED place is left; the patient rides to the reserved bed
    Patient& p = ctx_.patients[id];
    ctx_.patients.release_held(id);
    Patients::hold(p, *p.transfer_bed, p.transfer_server);
    p.transfer_bed = nullptr;
    return;
  }
  ctx_.patients.release_held(id);  // t_stay_done
  ctx_.patients.end(id, End::after_care);
}

}  // namespace zccsim::models::acute
