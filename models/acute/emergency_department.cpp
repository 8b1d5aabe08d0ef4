// SPDX-License-Identifier: MIT
#include "emergency_department.hpp"

#include "placement.hpp"

#include <algorithm>
#include <stdexcept>

namespace zccsim::models::acute {

EmergencyDepartment::EmergencyDepartment(const Context& ctx) : ctx_(ctx), c_(ctx.accounting.counters()) {
  ed_.resize(ctx_.cfg.sites.size());
}

void EmergencyDepartment::add_site(std::size_t s) {
  const Site& site = ctx_.cfg.sites[s];
  ed_[s] = ctx_.accounting.make_resource(
      {.name = "ed/" + site.id, .servers = site.places, .group = Group::ed, .classes = urgency_count}, *this);
}

std::size_t EmergencyDepartment::choose(Patient& p, double speed_kmh, bool steer) const {
  const auto& near = ctx_.geo.nearest(SiteKind::ed, p.area);
  if (near.empty()) throw std::invalid_argument("no ed site");
  p.ed_redirected = false;
  const double extra = ctx_.cfg.ed_choice.max_extra_minutes;
  if (!steer || !ctx_.cfg.capacity_insight || extra <= 0) return near.front();
  const double now = ctx_.sim.now();
  const auto crowding = [](const sim::Resource& r) {
    return static_cast<double>(r.queue_length() + r.busy_count()) / std::max(1u, r.server_count());
  };
  const double bound = ctx_.geo.minutes(ctx_.geo.km_site_area(near.front(), p.area), speed_kmh, now) + extra;
  std::size_t best = near.front();
  double best_crowding = crowding(*ed_[best]);
  for (std::size_t k = 1; k < near.size(); ++k) {
    const std::size_t s = near[k];
    if (ctx_.geo.minutes(ctx_.geo.km_site_area(s, p.area), speed_kmh, now) > bound) break;  // sorted by distance
    if (const double c = crowding(*ed_[s]); c < best_crowding) best = s, best_crowding = c;
  }
  p.ed_redirected = best != near.front();
  return best;
}

void EmergencyDepartment::enter(PatientId id, std::size_t site) {
  Patient& p = ctx_.patients[id];
  p.site = static_cast<std::uint32_t>(site);
  p.ed_arrival = ctx_.sim.now();
  ++c_.ed_visits;
  c_.ed_redirected += p.ed_redirected;
  if (p.assigned != Response::ed) p.cost += ctx_.cfg.costs.tariff[static_cast<std::size_t>(Response::ed)];
  ctx_.observation.log(id, LogEvent::ed_arrival, 0, static_cast<std::uint16_t>(site));
  if (const auto server = ctx_.patients.seize(id, *ed_[site], Phase::ed)) started(id, *ed_[site], *server);
}

void EmergencyDepartment::on_service_start(sim::Simulation&, sim::Resource& res, std::uint64_t entity,
                                           std::uint32_t server) {
  started(static_cast<PatientId>(entity), res, server);
}

void EmergencyDepartment::on_abandon(sim::Simulation&, sim::Resource&, std::uint64_t) {
  throw std::logic_error("acute model: ED patients have no patience");
}

void EmergencyDepartment::started(PatientId id, sim::Resource& res, std::uint32_t server) {
  const AcuteConfig& cfg = ctx_.cfg;
  Patient& p = ctx_.patients[id];
  Patients::hold(p, res, server);
  const double now = ctx_.sim.now();
  c_.ed_wait.add(now - p.ed_arrival);
  ctx_.observation.log(id, LogEvent::ed_place, 0, static_cast<std::uint16_t>(p.site));
  if (p.assigned == Response::ed && !p.transported) ctx_.patients.care_start(id, now);
  p.admitted = p.rng.uniform() < cfg.ed.admission_share;
  c_.ed_admitted += p.admitted;
  const double service = (p.admitted ? cfg.ed.los_admitted : cfg.ed.los_discharged).sample(p.rng);
  ctx_.sim.schedule_in(service, *this, 0, id, sim::Priority::release);
}

void EmergencyDepartment::handle(sim::Simulation& sim, std::uint32_t, std::uint64_t arg) {
  const auto id = static_cast<PatientId>(arg);
  Patient& p = ctx_.patients[id];
  c_.ed_los.add(sim.now() - p.ed_arrival);
  if (!p.admitted && (p.need == Response::vvt_bed || p.rng.uniform() < ctx_.cfg.ed.vvt_after_ed_share)) {
    p.wrong_bed_start = sim.now();
    return placement_->start_search(id);  // keeps the ED place while searching
  }
  ctx_.patients.release_held(id);
  ctx_.patients.end(id, End::after_care);
}

}  // namespace zccsim::models::acute
