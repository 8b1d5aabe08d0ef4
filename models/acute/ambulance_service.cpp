// SPDX-License-Identifier: MIT
#include "ambulance_service.hpp"

#include "demand.hpp"
#include "emergency_department.hpp"
#include "hospital.hpp"
#include "placement.hpp"
#include "primary_care.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace zccsim::models::acute {

namespace {

constexpr double recontact_window = 72 * 60.0;  // minutes: recontact_72h_after_no_transport_share

}  // namespace

AmbulanceService::AmbulanceService(const Context& ctx) : ctx_(ctx), c_(ctx.accounting.counters()) {
  const AcuteConfig& cfg = ctx_.cfg;
  stations_.resize(cfg.sites.size());
  for (const Area& a : cfg.areas) area_rav_.push_back(cfg.ambulance_area(a));
  for (const Site& s : cfg.sites) {
    station_rav_.push_back(cfg.ambulance_area(s));
    station_has_rav_.push_back(s.rav.has_value());
    // a neighbouring region's vehicle, or a RAV's of any region (for a patient whose area has a RAV)
    may_help_.push_back(!cfg.regions[s.region].own || s.rav.has_value());
  }
  // dispatch centres: a RAV's centre; an area or station without a RAV is
  // dispatched by a centre of its region's own (past the centres' indices)
  const auto centre = [&](const std::optional<std::size_t>& rav, std::size_t region) {
    if (cfg.dispatch_centres.empty()) return std::uint32_t{0};
    return static_cast<std::uint32_t>(rav ? cfg.rav_centre[*rav] : cfg.dispatch_centres.size() + region);
  };
  for (const Area& a : cfg.areas) area_centre_.push_back(centre(a.rav, a.region));
  for (const Site& s : cfg.sites) station_centre_.push_back(centre(s.rav, s.region));
  station_sub_ = site_subregions(cfg, ctx_.geo,
                                 SiteKind::ambulance_station);  // the sub-region a station's help given counts under
}

void AmbulanceService::add_station(std::size_t s) {
  const Site& site = ctx_.cfg.sites[s];
  stations_[s] = ctx_.accounting.make_resource(
      {.name = "station/" + site.id,
       .schedule = schedule_of(site.staff),
       .queue_capacity = 0,
       .group = ctx_.cfg.regions[site.region].own ? Group::station : Group::neighbour_station,
       .own = ctx_.cfg.regions[site.region].own},
      *this);
}

void AmbulanceService::request(PatientId id) {
  ride(id, ctx_.cfg.ambulance.urgency_class[ctx_.patients[id].assessed_urgency]);
}

void AmbulanceService::planned_ride(PatientId id) {
  Patient& p = ctx_.patients[id];
  p.planned = true;
  p.assigned = Response::ambulance;
  ride(id, 2);
}

void AmbulanceService::ride(PatientId id, std::uint8_t amb_class) {
  Patient& p = ctx_.patients[id];
  p.request = ctx_.sim.now();
  if (p.dispatch_call < 0) p.dispatch_call = p.request;  // requested without a 112 call
  p.amb_class = amb_class;
  ++c_.rides;
  ++c_.rides_class[p.amb_class];
  SubregionCounters& sub = c_.sub[p.subregion];
  ++sub.rides;
  sub.a1_rides += p.amb_class == 0;
  if (p.amb_class < 2 && primary_care_need(p.need)) ++c_.urgent_rides_primary_care;
  if (!try_dispatch(id, true)) pending_[p.amb_class].push_back(id);
}

// A patient's own vehicles are those of its area's ambulance area (its RAV,
// else its region: AcuteConfig::ambulance_area); another area's may help
// (may_help_). The own dispatch centre's choice: the nearest free own
// vehicle, unless help_after_minutes sends the nearest free helper of the
// same centre: the own one's drive is longer than that and the helper's is
// shorter, or no own one is free; without help_after_minutes the nearest
// free vehicle of either. A helper of another dispatch centre instead only
// when the centre's nearest free vehicle drives longer than
// help_other_centre_after_minutes (default help_after_minutes) and the
// helper's drive is shorter than the centre's choice's, or the centre has
// none free (without dispatch centres every area and station is of one
// centre: the rule above alone). help_max_minutes bounds a helper's drive.
// The stations come nearest first, so a helper found after the own one is
// not nearer (the search stops at the first own one), and past the first
// helper beyond help_max_minutes every other helper is beyond it too.
std::optional<std::size_t> AmbulanceService::choose_station(const Patient& p) const {
  const AcuteConfig& cfg = ctx_.cfg;
  const Ambulance& amb = cfg.ambulance;
  const double speed = p.amb_class < 2 ? cfg.road.urgent_speed_kmh : cfg.road.speed_kmh;
  const double now = ctx_.sim.now();
  const std::size_t mine_area = area_rav_[p.area];
  const bool area_has_rav = cfg.areas[p.area].rav.has_value();
  const std::uint32_t centre = area_centre_[p.area];
  const std::optional<double>& other_after = amb.help_other_centre_after_minutes ? amb.help_other_centre_after_minutes
                                                                                 : amb.help_after_minutes;
  bool help_reachable = !amb.help_max_minutes || *amb.help_max_minutes > 0;
  const auto sites = ctx_.geo.nearest(SiteKind::ambulance_station, p.area);
  const auto km = ctx_.geo.nearest_km(SiteKind::ambulance_station, p.area);
  // places in the list of the free stations: own, a same-centre helper's, another centre's
  std::optional<std::size_t> own, same, other;
  for (std::size_t i = 0; i < sites.size(); ++i) {
    const std::size_t s = sites[i];
    const bool mine = station_rav_[s] == mine_area;
    if (!mine && (!help_reachable || !may_help_[s] || (station_has_rav_[s] && !area_has_rav))) continue;
    if (stations_[s]->free_count() == 0) continue;
    if (!mine && amb.help_max_minutes && ctx_.geo.minutes(km[i], speed, now) > *amb.help_max_minutes) {
      help_reachable = false;  // sorted by distance: every later helper drives longer
      continue;
    }
    if (!other_after) return s;  // no help rule: the nearest free vehicle of any
    if (mine) {
      own = i;
      break;
    }
    if (station_centre_[s] != centre) {
      if (!other) other = i;
    } else if (!same) {
      same = i;
      if (!amb.help_after_minutes) break;  // the centre's nearest free vehicle of either
    }
  }
  const auto drives_over = [&](std::size_t i, double minutes) { return ctx_.geo.minutes(km[i], speed, now) > minutes; };
  const auto station = [&](std::optional<std::size_t> i) -> std::optional<std::size_t> {
    if (i) return sites[*i];
    return std::nullopt;
  };
  // the centre's choice: its own RAV's vehicle, or another RAV's of the centre (found first: nearer) past
  // help_after_minutes
  std::optional<std::size_t> pick = own;
  if (same && (!own || !amb.help_after_minutes || (drives_over(*own, *amb.help_after_minutes) && km[*same] < km[*own])))
    pick = same;
  if (!pick || !other) return station(pick ? pick : other);
  // another centre's: the centre's nearest free vehicle drives too long and the other's is nearer than its choice
  if (drives_over(same ? *same : *own, *other_after) && km[*other] < km[*pick]) return station(other);
  return station(pick);
}

bool AmbulanceService::try_dispatch(PatientId id, bool at_request) {
  const AcuteConfig& cfg = ctx_.cfg;
  Patient& p = ctx_.patients[id];
  const auto s = choose_station(p);
  if (!s) return false;
  sim::Resource& st = *stations_[*s];
  const auto out = st.seize(ctx_.sim, id);
  if (out.result != sim::SeizeResult::served) throw std::logic_error("acute model: a free vehicle was not served");
  Patients::hold(p, st, out.server);
  p.phase = Phase::station;
  p.station = static_cast<std::uint32_t>(*s);
  const bool other_centre = station_centre_[*s] != area_centre_[p.area];
  if (station_rav_[*s] != area_rav_[p.area]) {  // help across ambulance areas: received and, by an own vehicle, given
    const bool given = cfg.regions[cfg.sites[*s].region].own;
    ++c_.neighbour_help;
    ++c_.sub[p.subregion].help_received;
    if (given) {
      ++c_.help_given;
      ++c_.sub[station_sub_[*s]].help_given;
    }
    if (other_centre) {  // across dispatch centres as well
      ++c_.centre_help_received;
      ++c_.sub[p.subregion].centre_help_received;
      if (given) {
        ++c_.centre_help_given;
        ++c_.sub[station_sub_[*s]].centre_help_given;
      }
    }
  }
  const double now = ctx_.sim.now();
  const double speed = p.amb_class < 2 ? cfg.road.urgent_speed_kmh : cfg.road.speed_kmh;
  double delay = cfg.ambulance.dispatch_delay.sample(p.rng);
  // A1 pre-alert: a crew free when the dispatcher alerted it, while still on
  // the 112 call, turned out then (a later request waited for a vehicle).
  if (at_request && p.amb_class == 0 && cfg.ambulance.prealert_minutes && p.dispatch_answer >= 0) {
    const double alerted = p.dispatch_answer + *cfg.ambulance.prealert_minutes;
    if (alerted < now) delay = std::max(0.0, alerted + delay - now);
  }
  if (other_centre) delay += cfg.ambulance.help_request_minutes;  // the call between the dispatch rooms
  const double drive = ctx_.geo.minutes(ctx_.geo.km_site_area(*s, p.area), speed, now);
  ctx_.sim.schedule_in(delay + drive, *this, t_on_scene, id);
  return true;
}

void AmbulanceService::dispatch_pending() {
  for (auto& q : pending_) {
    while (!q.empty() && try_dispatch(q.front(), false)) q.pop_front();
    if (!q.empty()) return;  // keep A1 ahead of A2 ahead of B
  }
}

void AmbulanceService::on_scene(PatientId id) {
  Patient& p = ctx_.patients[id];
  const double now = ctx_.sim.now();
  const double from_request = now - p.request, from_call = now - p.dispatch_call;
  ctx_.observation.log(id, LogEvent::ambulance_on_scene, p.amb_class, static_cast<std::uint16_t>(p.area));
  const double norm = ctx_.cfg.ambulance.norm_minutes[p.amb_class];
  if (p.amb_class == 0) {  // the A1 norm counts from the call; from the request as a second measure
    c_.a1_response.add(from_call);
    c_.a1_quantiles.add(from_call);
    c_.within_norm[0] += from_call <= norm;
    SubregionCounters& sub = c_.sub[p.subregion];
    sub.a1_response.add(from_call);
    sub.a1_within_norm += from_call <= norm;
    c_.a1_from_request.add(from_request);
    c_.a1_request_within_norm += from_request <= norm;
  } else {
    c_.within_norm[p.amb_class] += from_request <= norm;
  }
  if (p.planned) ctx_.patients.planned_care_start(id);
  else ctx_.patients.care_start(id, now);
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
  if (p.planned) return transport(id, Destination::hospital);
  if (p.rng.uniform() < transport_share(cfg.ambulance, p.need)) {
    Destination dest = transport_destination(p.need);
    if (p.need == Response::ambulance && p.rng.uniform() < cfg.ambulance.direct_admission_share)
      dest = Destination::direct_admission;
    return transport(id, dest);
  }
  ++c_.no_transport;
  ++c_.transports[static_cast<std::size_t>(Destination::home)];
  charge(p, Price::ambulance_no_transport, cfg.costs.ambulance_no_transport);
  const double back = ctx_.geo.minutes(ctx_.geo.km_site_area(p.station, p.area), cfg.road.speed_kmh, ctx_.sim.now());
  vehicle_back_later(p, back);
  if (unsettled_on_scene(p.need) && !p.recontact && p.rng.uniform() < cfg.recontact.probability) {
    const double delay = cfg.recontact.delay.sample(p.rng);
    c_.no_transport_recontact_72h += delay <= recontact_window;
    links_.demand->recontact_later(id, delay);  // may move the pool: p is not used after this
  }
  ctx_.patients.end(id, End::after_care);
}

// The patient is taken to the destination's nearest site (the nearest ED
// open now for the ED; the hospital of the nearest ED for a direct admission
// and a planned ride, whatever its ED's hours); without a site of that kind,
// to the ED.
void AmbulanceService::transport(PatientId id, Destination dest) {
  const AcuteConfig& cfg = ctx_.cfg;
  Patient& p = ctx_.patients[id];
  const SiteKind kind = dest == Destination::ggz_crisis ? SiteKind::ggz_crisis
                        : dest == Destination::vvt_bed  ? SiteKind::vvt
                                                        : SiteKind::ed;
  auto near = ctx_.geo.nearest(kind, p.area);
  if (near.empty()) {
    dest = Destination::ed;
    near = ctx_.geo.nearest(SiteKind::ed, p.area);
  }
  if (near.empty()) throw std::invalid_argument("no ed site");
  const std::size_t site = dest == Destination::ed ? links_.ed->nearest_open_ed(p.area) : near.front();
  const double km = ctx_.geo.km_site_area(site, p.area);
  if (!p.planned && p.amb_class < 2)
    charge(p, Price::ambulance, cfg.costs.tariff[static_cast<std::size_t>(Response::ambulance)]);
  else charge(p, Price::ambulance_b, cfg.costs.ambulance_b);
  charge(p, Price::ambulance_per_km, cfg.costs.ambulance_per_km * km);
  p.transported = true;
  p.destination = dest;
  p.site = static_cast<std::uint32_t>(site);
  ++c_.transports[static_cast<std::size_t>(dest)];
  const double speed = p.amb_class == 0 ? cfg.road.urgent_speed_kmh : cfg.road.speed_kmh;
  ctx_.sim.schedule_in(ctx_.geo.minutes(km, speed, ctx_.sim.now()), *this, t_at_destination, id);
}

void AmbulanceService::handover_done(PatientId id) {
  const AcuteConfig& cfg = ctx_.cfg;
  Patient& p = ctx_.patients[id];
  const double km = ctx_.geo.km_site_site(p.site, p.station);
  vehicle_back_later(p, ctx_.geo.minutes(km, cfg.road.speed_kmh, ctx_.sim.now()));
  switch (p.destination) {
    case Destination::ed:
      ++c_.ed_by_ambulance;
      return links_.ed->enter(id, p.site);
    case Destination::ggz_crisis:
      charge(p, Price::ggz_crisis, cfg.costs.tariff[static_cast<std::size_t>(Response::ggz_crisis)]);
      return links_.primary_care->crisis_visit(id);  // at the crisis site: the team needs no drive
    case Destination::vvt_bed:
      charge(p, Price::vvt_bed, cfg.costs.tariff[static_cast<std::size_t>(Response::vvt_bed)]);
      p.phase = Phase::none;
      return links_.placement->start_search(id);
    case Destination::direct_admission:
      if (links_.hospital != nullptr && links_.hospital->admit(id)) return;  // a bed of the nearest ED's hospital
      break;
    case Destination::hospital:
    case Destination::home:
      break;
  }
  ctx_.patients.end(id, End::after_care);  // admitted past the ED, or delivered by a planned ride
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
    case t_at_destination:
      sim.schedule_in(ctx_.cfg.ambulance.handover.sample(p.rng), *this, t_handover_done, id);
      return;
    case t_handover_done:
      return handover_done(id);
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
