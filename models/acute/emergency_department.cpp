// SPDX-License-Identifier: MIT
#include "emergency_department.hpp"

#include "hospital.hpp"
#include "placement.hpp"

#include <stdexcept>

namespace zccsim::models::acute {

EmergencyDepartment::EmergencyDepartment(const Context& ctx) : ctx_(ctx), c_(ctx.accounting.counters()) {
  ed_.resize(ctx_.cfg.sites.size());
}

void EmergencyDepartment::add_site(std::size_t s) {
  const Site& site = ctx_.cfg.sites[s];
  ed_[s] = ctx_.accounting.make_resource({.name = "ed/" + site.id,
                                          .schedule = schedule_of(site.staff),
                                          .group = Group::ed,
                                          .own = ctx_.cfg.regions[site.region].own,
                                          .classes = urgency_count},
                                         *this);
}

std::size_t EmergencyDepartment::choose(Patient& p, double speed_kmh, bool steer) const {
  if (ctx_.geo.nearest(SiteKind::ed, p.area).empty()) throw std::invalid_argument("no ed site");
  const double extra = steer && ctx_.cfg.capacity_insight ? ctx_.cfg.ed_choice.max_extra_minutes : 0.0;
  const Chosen c = least_loaded_nearby(
      ctx_.geo, SiteKind::ed, p.area, speed_kmh, ctx_.sim.now(), extra, [this](std::size_t s) { return is_open(s); },
      [this](std::size_t s) { return crowding(*ed_[s]); });
  p.ed_redirected = c.site != c.nearest;
  return c.site;
}

std::size_t EmergencyDepartment::nearest_open_ed(std::size_t area) const {
  if (ctx_.geo.nearest(SiteKind::ed, area).empty()) throw std::invalid_argument("no ed site");
  return nearest_open(ctx_.geo, SiteKind::ed, area, [this](std::size_t s) { return is_open(s); });
}

void EmergencyDepartment::enter(PatientId id, std::size_t site) {
  Patient& p = ctx_.patients[id];
  p.site = static_cast<std::uint32_t>(site);
  p.ed_arrival = ctx_.sim.now();
  ++c_.ed_visits;
  c_.ed_redirected += p.ed_redirected;
  ++c_.sub[p.subregion].ed_visits;
  if (p.assigned != Response::ed) charge(p, Price::ed, ctx_.cfg.costs.tariff[static_cast<std::size_t>(Response::ed)]);
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
  if (p.admitted && hospital_ != nullptr && hospital_->admit(id)) return;  // keeps the ED place until it has a bed
  ctx_.patients.release_held(id);
  ctx_.patients.end(id, End::after_care);
}

}  // namespace zccsim::models::acute
