// SPDX-License-Identifier: MIT
#include "ambulance_service.hpp"

#include "emergency_department.hpp"

#include <stdexcept>

namespace zccsim::models::acute {

AmbulanceService::AmbulanceService(const Context& ctx) : ctx_(ctx), c_(ctx.accounting.counters()) {
  stations_.resize(ctx_.cfg.sites.size());
}

void AmbulanceService::add_station(std::size_t s) {
  const Site& site = ctx_.cfg.sites[s];
  stations_[s] = ctx_.accounting.make_resource({.name = "station/" + site.id,
                                                .schedule = schedule_of(site.staff),
                                                .queue_capacity = 0,
                                                .group = Group::station,
                                                .own = ctx_.cfg.regions[site.region].own},
                                               *this);
}

void AmbulanceService::request(PatientId id) {
  Patient& p = ctx_.patients[id];
  p.request = ctx_.sim.now();
  p.amb_class = ctx_.cfg.ambulance.urgency_class[p.urgency];
  ++c_.rides;
  ++c_.rides_class[p.amb_class];
  if (!try_dispatch(id)) pending_[p.amb_class].push_back(id);
}

bool AmbulanceService::try_dispatch(PatientId id) {
  const AcuteConfig& cfg = ctx_.cfg;
  Patient& p = ctx_.patients[id];
  for (std::size_t s : ctx_.geo.nearest(SiteKind::ambulance_station, p.area)) {
    // a region's own fleet, helped by neighbouring (not simulated) regions
    const std::size_t r = cfg.sites[s].region;
    if (r != p.region && cfg.regions[r].own) continue;
    sim::Resource& st = *stations_[s];
    if (st.free_count() == 0) continue;
    const auto out = st.seize(ctx_.sim, id);
    if (out.result != sim::SeizeResult::served) continue;
    Patients::hold(p, st, out.server);
    p.phase = Phase::station;
    p.station = static_cast<std::uint32_t>(s);
    const double speed = p.amb_class < 2 ? cfg.road.urgent_speed_kmh : cfg.road.speed_kmh;
    const double delay = cfg.ambulance.dispatch_delay.sample(p.rng);
    const double drive = ctx_.geo.minutes(ctx_.geo.km_site_area(s, p.area), speed, ctx_.sim.now());
    ctx_.sim.schedule_in(delay + drive, *this, t_on_scene, id);
    return true;
  }
  return false;
}

void AmbulanceService::dispatch_pending() {
  for (auto& q : pending_) {
    while (!q.empty() && try_dispatch(q.front())) q.pop_front();
    if (!q.empty()) return;  // keep A1 ahead of A2 ahead of B
  }
}

void AmbulanceService::on_scene(PatientId id) {
  Patient& p = ctx_.patients[id];
  const double response = ctx_.sim.now() - p.request;
  ctx_.observation.log(id, LogEvent::ambulance_on_scene, p.amb_class, static_cast<std::uint16_t>(p.area));
  if (p.amb_class == 0) {
    c_.a1_response.add(response);
    c_.a1_quantiles.add(response);
  }
  c_.within_norm[p.amb_class] += response <= ctx_.cfg.ambulance.norm_minutes[p.amb_class];
  ctx_.patients.care_start(id, ctx_.sim.now());
  ctx_.sim.schedule_in(ctx_.cfg.ambulance.on_scene.sample(p.rng), *this, t_scene_done, id);
}

// The vehicle the patient held drives back to its station (arg: station and server).
void AmbulanceService::vehicle_back_later(Patient& p, double after) {
  ctx_.sim.schedule_in(after, *this, t_vehicle_back, (static_cast<std::uint64_t>(p.station) << 32) | p.server);
  p.held = nullptr;
}

void AmbulanceService::scene_done(PatientId id) {
  const AcuteConfig& cfg = ctx_.cfg;
  Patient& p = ctx_.patients[id];
  const double share = transport_share(cfg.ambulance, p.need);
  const std::size_t station = p.station;
  if (p.rng.uniform() < share) {
    const auto& near = ctx_.geo.nearest(SiteKind::ed, p.area);
    if (near.empty()) throw std::invalid_argument("no ed site");
    const std::size_t ed = near.front();
    const double km = ctx_.geo.km_site_area(ed, p.area);
    if (p.amb_class < 2) charge(p, Price::ambulance, cfg.costs.tariff[static_cast<std::size_t>(Response::ambulance)]);
    else charge(p, Price::ambulance_b, cfg.costs.ambulance_b);
    charge(p, Price::ambulance_per_km, cfg.costs.ambulance_per_km * km);
    p.transported = true;
    p.site = static_cast<std::uint32_t>(ed);
    const double speed = p.amb_class == 0 ? cfg.road.urgent_speed_kmh : cfg.road.speed_kmh;
    ctx_.sim.schedule_in(ctx_.geo.minutes(km, speed, ctx_.sim.now()), *this, t_at_ed, id);
    return;
  }
  ++c_.no_transport;
  charge(p, Price::ambulance_no_transport, cfg.costs.ambulance_no_transport);
  vehicle_back_later(p, ctx_.geo.minutes(ctx_.geo.km_site_area(station, p.area), cfg.road.speed_kmh, ctx_.sim.now()));
  ctx_.patients.end(id, End::after_care);
}

void AmbulanceService::handle(sim::Simulation& sim, std::uint32_t tag, std::uint64_t arg) {
  if (tag == t_vehicle_back) {
    stations_[arg >> 32]->release(sim, static_cast<std::uint32_t>(arg & 0xffffffffu));
    return dispatch_pending();
  }
  const auto id = static_cast<PatientId>(arg);
  Patient& p = ctx_.patients[id];
  switch (tag) {
    case t_on_scene:
      return on_scene(id);
    case t_scene_done:
      return scene_done(id);
    case t_at_ed:
      sim.schedule_in(ctx_.cfg.ambulance.handover.sample(p.rng), *this, t_handover_done, id);
      return;
    case t_handover_done: {
      const double km = ctx_.geo.km_site_site(p.site, p.station);
      vehicle_back_later(p, ctx_.geo.minutes(km, ctx_.cfg.road.speed_kmh, sim.now()));
      return ed_->enter(id, p.site);
    }
    default:
      throw std::logic_error("acute model: unknown ambulance event");
  }
}

void AmbulanceService::on_service_start(sim::Simulation&, sim::Resource&, std::uint64_t, std::uint32_t) {
  throw std::logic_error("acute model: a station queued a request");
}

void AmbulanceService::on_abandon(sim::Simulation&, sim::Resource&, std::uint64_t) {
  throw std::logic_error("acute model: a station queued a request");
}

}  // namespace zccsim::models::acute
