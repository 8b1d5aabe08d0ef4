// SPDX-License-Identifier: MIT
// The ambulance service alone (component_rig.hpp): planned rides, the
// destination of every transport, no-transport by need with re-contacts,
// response times from the call, help from a neighbouring region's vehicle
// and between RAV areas (two_ravs.yaml).
#include "component_rig.hpp"
#include "models/acute/coupling.hpp"
#include "models/acute/kpis.hpp"

#include <cmath>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

using namespace zccsim;
using namespace zccsim::models::acute;
using namespace zccsim::models::acute::test;

namespace {

// The ambulance service with every component a transport can go to: the
// whole chain, coupled as the model does.
struct AmbulanceRig {
  Rig rig;
  Coupling chain{rig.ctx};
  EmergencyDepartment& ed = chain.ed;
  PrimaryCare& pc = chain.primary_care;
  Placement& placement = chain.placement;
  Demand& demand = chain.demand;
  CallCentre& cc = chain.call_centre;
  Router& router = chain.router;
  AmbulanceService& amb = chain.ambulance;
  std::size_t ed_site, ggz_site;

  explicit AmbulanceRig(AcuteConfig cfg) : rig(std::move(cfg)) {
    ed_site = site_index(rig.cfg, "ed_centre");
    ggz_site = site_index(rig.cfg, "ggz_centre");
    chain.make_resources();
  }

  PatientId ride(std::uint32_t area, Response need, std::uint8_t urgency) {
    const PatientId id = rig.patient(area, need, urgency);
    rig.patients[id].assigned = Response::ambulance;
    rig.patients[id].subregion = rig.cfg.areas[area].subregion_index;
    amb.request(id);
    return id;
  }
};

AcuteConfig transporting(double needed, double not_needed) {
  AcuteConfig cfg = small();
  cfg.ambulance.transport_when_needed = needed;
  cfg.ambulance.transport_when_not_needed = not_needed;
  cfg.recontact.probability = 0;  // no call centre here: nobody calls again (but where a test says so)
  return cfg;
}

}  // namespace

TEST_CASE("a planned ride takes its patient to a hospital and never enters the ED", "[components]") {
  AmbulanceRig a(transporting(1, 1));
  const PatientId id = a.rig.patient(1, Response::ambulance, 4);
  a.amb.planned_ride(id);
  CHECK(a.rig.c.rides == 1);
  CHECK(a.rig.c.rides_class[2] == 1);  // class B whatever the urgency
  a.rig.sim.run_until(24 * 60.0);
  CHECK(a.rig.c.ed_visits == 0);
  CHECK(a.ed.places(a.ed_site)->stats(a.rig.sim.now()).busy.integral(a.rig.sim.now()) == 0.0);
  CHECK(a.rig.c.transports[static_cast<std::size_t>(Destination::hospital)] == 1);
  CHECK(a.rig.c.time_to_care[4].count() == 0);  // planned: no time to care
  CHECK(a.rig.patients.ended() == 1);
  CHECK(a.rig.c.lost == 0);
  // costed as a B ride plus the km from the pick-up to the ED's hospital
  const double km = a.rig.geo.km_site_area(a.ed_site, 1);
  CHECK(a.rig.c.activity_cost == Approx(a.rig.cfg.costs.ambulance_b + a.rig.cfg.costs.ambulance_per_km * km));
}

TEST_CASE("a transport goes where the need is: ED, crisis team, bed search", "[components]") {
  AmbulanceRig a(transporting(1, 1));
  a.ride(1, Response::ggz_crisis, 2);
  a.rig.sim.run_until(6 * 60.0);
  CHECK(a.rig.c.ggz == 1);  // the crisis team's assessment, at its site
  CHECK(a.rig.c.ed_visits == 0);
  CHECK(a.rig.c.transports[static_cast<std::size_t>(Destination::ggz_crisis)] == 1);
  CHECK(a.rig.c.time_to_care[2].count() == 1);  // care started on scene, once

  a.ride(1, Response::vvt_bed, 3);
  a.rig.sim.run_until(12 * 60.0);
  CHECK(a.rig.c.ed_visits == 0);
  CHECK(a.rig.c.placed_in + a.rig.c.placed_out == 1);
  CHECK(a.rig.c.transports[static_cast<std::size_t>(Destination::vvt_bed)] == 1);

  a.ride(1, Response::ed, 2);
  a.ride(1, Response::gp_home_visit, 3);  // over-triage: the ED
  a.rig.sim.run_until(18 * 60.0);
  CHECK(a.rig.c.ed_visits == 2);
  CHECK(a.rig.c.ed_by_ambulance == 2);
  CHECK(a.rig.c.transports[static_cast<std::size_t>(Destination::ed)] == 2);
  CHECK(a.rig.c.lost == 0);
}

TEST_CASE("direct admission share 1 admits every ambulance need past the ED, 0 none", "[components]") {
  for (const double share : {0.0, 1.0}) {
    AcuteConfig cfg = transporting(1, 1);
    cfg.ambulance.direct_admission_share = share;
    cfg.ed.vvt_after_ed_share = 0;  // every ED patient leaves the ED within the day
    AmbulanceRig a(std::move(cfg));
    for (int i = 0; i < 20; ++i) {
      a.ride(static_cast<std::uint32_t>(i % 3), Response::ambulance, 1);
      a.rig.sim.run_until(a.rig.sim.now() + 120.0);
    }
    a.rig.sim.run_until(a.rig.sim.now() + 24 * 60.0);
    INFO("direct_admission_share " << share);
    CHECK(a.rig.c.transports[static_cast<std::size_t>(Destination::direct_admission)] == (share == 1 ? 20u : 0u));
    CHECK(a.rig.c.ed_by_ambulance == (share == 1 ? 0u : 20u));
    CHECK(a.rig.c.ed_visits == a.rig.c.ed_by_ambulance);
    // a direct admission is not an ED visit: no ED tariff
    const double ride = a.rig.cfg.costs.tariff[static_cast<std::size_t>(Response::ambulance)];
    const double ed = a.rig.cfg.costs.tariff[static_cast<std::size_t>(Response::ed)];
    CHECK(a.rig.c.activity_cost > 20 * ride);
    if (share == 1) CHECK(a.rig.c.activity_cost < 20 * (ride + ed));
    CHECK(a.rig.patients.ended() == 20);
    CHECK(a.rig.c.lost == 0);
  }
}

TEST_CASE("no transport follows the need; an unsettled patient left at home contacts again", "[components]") {
  AcuteConfig cfg = transporting(0, 0);  // nobody transported
  cfg.recontact.probability = 1;
  cfg.recontact.delay = sim::Distribution::deterministic(60 * 24);
  AmbulanceRig a(std::move(cfg));
  for (const Response need : {Response::ambulance, Response::ed, Response::ggz_crisis, Response::vvt_bed,
                              Response::gp_home_visit, Response::gp_phone})
    a.ride(1, need, 2);
  a.rig.sim.run_until(6 * 60.0);
  CHECK(a.rig.c.no_transport == 6);
  CHECK(a.rig.c.transports[static_cast<std::size_t>(Destination::home)] == 6);
  CHECK(a.rig.c.no_transport_recontact_72h == 4);  // the four needs the crew cannot settle on scene
  CHECK(a.rig.patients.live() == 4);               // their re-contacts are waiting to call
  CHECK(a.rig.c.lost == 0);

  // transport_when_needed for ambulance and ED needs, transport_when_not_needed below the ED's level
  for (const bool needed : {true, false}) {
    AmbulanceRig r(needed ? transporting(1, 0) : transporting(0, 1));
    for (const Response need : {Response::ambulance, Response::ed, Response::gp_home_visit, Response::ggz_crisis})
      r.ride(1, need, 2);
    r.rig.sim.run_until(6 * 60.0);
    INFO("transported: " << (needed ? "needed" : "not needed"));
    CHECK(r.rig.c.no_transport == 2);
    CHECK(r.rig.c.transports[static_cast<std::size_t>(Destination::ed)] == (needed ? 2u : 1u));
    CHECK(r.rig.c.transports[static_cast<std::size_t>(Destination::ggz_crisis)] == (needed ? 0u : 1u));
  }
}

TEST_CASE("A1 counts from the call reaching the dispatch room; the pre-alert turns the crew out earlier",
          "[components]") {
  for (const bool prealert : {false, true}) {
    AcuteConfig cfg = transporting(0, 0);
    cfg.ambulance.dispatch_delay = sim::Distribution::deterministic(2);
    if (prealert) cfg.ambulance.prealert_minutes = 1.0;
    AmbulanceRig a(std::move(cfg));
    // a 112 call reached the room at 0, answered at 3; the triage call ends at 8
    const PatientId id = a.rig.patient(0, Response::ambulance, 0);
    a.rig.patients[id].dispatch_call = 0;
    a.rig.patients[id].dispatch_answer = 3;
    a.rig.sim.run_until(8.0);
    a.amb.request(id);
    // a ride requested by a HAP (no 112 call) at 8
    a.amb.request(a.rig.patient(0, Response::ambulance, 0));
    a.rig.sim.run_until(600.0);
    const std::size_t north = site_index(a.rig.cfg, "amb_north");
    const double drive = a.rig.geo.minutes(a.rig.geo.km_site_area(north, 0), a.rig.cfg.road.urgent_speed_kmh, 8.0);
    INFO("prealert " << prealert);
    REQUIRE(a.rig.c.a1_response.count() == 2);
    // without the pre-alert the crew leaves 2 min after the request; with it, at max(request, 3 + 1 + 2)
    const double turnout = prealert ? 0.0 : 2.0;
    CHECK(a.rig.c.a1_from_request.mean() == Approx(((turnout + drive) + (2 + drive)) / 2));
    CHECK(a.rig.c.a1_response.mean() == Approx(((8 + turnout + drive) + (2 + drive)) / 2));
    CHECK(a.rig.c.a1_response.mean() >= a.rig.c.a1_from_request.mean());
  }
}

TEST_CASE("a neighbouring region's vehicle helps only past help_after_minutes", "[components]") {
  // a neighbouring region's station right at the south area; the own ones are farther
  AcuteConfig base = transporting(0, 0);
  Site help = base.sites[site_index(base, "amb_south")];
  help.id = "amb_help";
  help.region = 1;  // "next": not own
  help.lat = base.areas[2].lat;
  help.lon = base.areas[2].lon;
  REQUIRE_FALSE(base.regions[help.region].own);
  base.sites.push_back(help);
  const std::size_t north = site_index(base, "amb_north"), south = site_index(base, "amb_south");
  const std::size_t helper = base.sites.size() - 1;
  for (const double bound : {0.0, 1000.0}) {
    AcuteConfig cfg = base;
    cfg.ambulance.help_after_minutes = bound;
    AmbulanceRig a(std::move(cfg));
    const double own = a.rig.geo.minutes(a.rig.geo.km_site_area(south, 2), a.rig.cfg.road.urgent_speed_kmh, 0.0);
    REQUIRE(a.rig.geo.km_site_area(helper, 2) < a.rig.geo.km_site_area(south, 2));
    REQUIRE(own > 0.0);
    a.ride(2, Response::ambulance, 0);
    INFO("help_after_minutes " << bound);
    if (bound < own) {  // the own vehicle is too far: the neighbour's, which is nearer
      CHECK(a.amb.station(helper)->busy_count() == 1);
      CHECK(a.rig.c.neighbour_help == 1);
    } else {  // near enough: the nearest own vehicle
      CHECK(a.amb.station(south)->busy_count() == 1);
      CHECK(a.rig.c.neighbour_help == 0);
    }
    CHECK(a.amb.station(north)->busy_count() == 0);
  }
  // no own vehicle free: the neighbour's, whatever the bound
  AcuteConfig cfg = base;
  cfg.ambulance.help_after_minutes = 1000.0;
  AmbulanceRig a(std::move(cfg));
  for (int i = 0; i < 4; ++i) a.ride(2, Response::ambulance, 0);
  CHECK(a.amb.station(north)->busy_count() + a.amb.station(south)->busy_count() == 4);
  a.ride(2, Response::ambulance, 0);
  CHECK(a.amb.station(helper)->busy_count() == 1);
  CHECK(a.rig.c.neighbour_help == 1);
}

// two_ravs.yaml: rav_n = the north area (amb_north, 2 vehicles, sub-region
// a), rav_s = centre and south (amb_south, 1 vehicle, sub-region b).
TEST_CASE("between RAVs: the other RAV's free vehicle when the own RAV has none, counted received and given",
          "[components]") {
  AcuteConfig cfg = small("two_ravs.yaml");
  cfg.ambulance.transport_when_needed = cfg.ambulance.transport_when_not_needed = 0;
  cfg.recontact.probability = 0;
  cfg.ambulance.help_after_minutes = 1000.0;  // the own vehicle is always near enough
  REQUIRE(cfg.ravs == std::vector<std::string>{"rav_n", "rav_s"});
  REQUIRE(cfg.subregions == std::vector<std::string>{"a", "b"});
  AmbulanceRig a(std::move(cfg));
  const std::size_t north = site_index(a.rig.cfg, "amb_north"), south = site_index(a.rig.cfg, "amb_south");
  a.ride(2, Response::ambulance, 0);  // south: its RAV's vehicle
  CHECK(a.amb.station(south)->busy_count() == 1);
  CHECK(a.rig.c.neighbour_help == 0);
  CHECK(a.rig.c.help_given == 0);
  a.ride(2, Response::ambulance, 0);  // rav_s has none free: rav_n's
  CHECK(a.amb.station(north)->busy_count() == 1);
  CHECK(a.rig.c.neighbour_help == 1);
  CHECK(a.rig.c.help_given == 1);
  CHECK(a.rig.c.sub[1].help_received == 1);  // the patient's sub-region (b, rav_s)
  CHECK(a.rig.c.sub[0].help_given == 1);     // the vehicle's (a: amb_north's nearest own area is north)
  CHECK(a.rig.c.sub[0].help_received == 0);
  CHECK(a.rig.c.sub[1].help_given == 0);
  a.ride(0, Response::ambulance, 0);  // north: its own RAV's last vehicle, no help
  CHECK(a.amb.station(north)->busy_count() == 2);
  CHECK(a.rig.c.neighbour_help == 1);
  a.ride(0, Response::ambulance, 0);  // nothing free anywhere: it waits
  CHECK(a.amb.pending(0).size() == 1);
  CHECK(a.rig.c.neighbour_help == 1);
  CHECK(a.rig.c.help_given == 1);
}

TEST_CASE("between RAVs: no help while the own vehicle is within help_after_minutes; help_max_minutes bounds the "
          "helper's drive",
          "[components]") {
  AcuteConfig base = small("two_ravs.yaml");
  base.ambulance.transport_when_needed = base.ambulance.transport_when_not_needed = 0;
  base.recontact.probability = 0;
  const std::size_t north = site_index(base, "amb_north"), south = site_index(base, "amb_south");
  const std::size_t centre = 1;  // rav_s; rav_n's post is nearer to it than its own
  const auto drives = [&](const AmbulanceRig& a) {
    const Geography& g = a.rig.geo;
    const double v = a.rig.cfg.road.urgent_speed_kmh;
    return std::pair{g.minutes(g.km_site_area(south, centre), v, 0.0),
                     g.minutes(g.km_site_area(north, centre), v, 0.0)};
  };
  struct Case {
    double after;
    std::optional<double> max;
    bool helped;
  };
  {
    AmbulanceRig probe(base);
    const auto [own, helper] = drives(probe);
    REQUIRE(helper < own);
    REQUIRE(helper > 0.5);
    for (const Case c : {Case{own - 0.5, std::nullopt, true},   // the own one drives longer than the bound
                         Case{own + 0.5, std::nullopt, false},  // within it: the own one, though farther
                         Case{0.0, helper + 0.25, true},        // the helper within help_max_minutes
                         Case{0.0, helper - 0.25, false},       // beyond it: the own one after all
                         Case{0.0, 0.0, false}}) {              // 0: no help
      AcuteConfig cfg = base;
      cfg.ambulance.help_after_minutes = c.after;
      cfg.ambulance.help_max_minutes = c.max;
      AmbulanceRig a(std::move(cfg));
      a.ride(centre, Response::ambulance, 0);
      INFO("help_after_minutes " << c.after << ", help_max_minutes " << (c.max ? *c.max : -1));
      CHECK(a.amb.station(c.helped ? north : south)->busy_count() == 1);
      CHECK(a.amb.station(c.helped ? south : north)->busy_count() == 0);
      CHECK(a.rig.c.neighbour_help == (c.helped ? 1u : 0u));
      CHECK(a.rig.c.help_given == (c.helped ? 1u : 0u));
    }
  }
  // no own vehicle free: the helper only within help_max_minutes, else the ride waits
  for (const bool within : {true, false}) {
    AcuteConfig cfg = base;
    cfg.ambulance.help_after_minutes = 1000.0;
    AmbulanceRig probe(cfg);
    const double helper = drives(probe).second;
    cfg.ambulance.help_max_minutes = within ? helper + 0.25 : helper - 0.25;
    AmbulanceRig a(std::move(cfg));
    a.ride(2, Response::ambulance, 0);  // south takes rav_s's only vehicle
    REQUIRE(a.amb.station(south)->busy_count() == 1);
    a.ride(centre, Response::ambulance, 0);
    INFO("helper within help_max_minutes: " << within);
    CHECK(a.amb.station(north)->busy_count() == (within ? 1u : 0u));
    CHECK(a.amb.pending(0).size() == (within ? 0u : 1u));
    CHECK(a.rig.c.neighbour_help == (within ? 1u : 0u));
  }
}

TEST_CASE("without RAVs a station of another own region never helps, whatever the bounds", "[components]") {
  AcuteConfig cfg = transporting(0, 0);
  Region other;
  other.name = "home2";  // a second simulated region: the south area and its post
  cfg.regions.push_back(other);
  const std::size_t north = site_index(cfg, "amb_north"), south = site_index(cfg, "amb_south");
  cfg.areas[2].region = cfg.regions.size() - 1;
  cfg.sites[south].region = cfg.regions.size() - 1;
  cfg.ambulance.help_after_minutes = 0.0;  // any helper would be sent at once
  REQUIRE(cfg.ravs.empty());
  AmbulanceRig a(std::move(cfg));
  for (int i = 0; i < 2; ++i) a.ride(2, Response::ambulance, 0);
  CHECK(a.amb.station(south)->busy_count() == 2);
  a.ride(2, Response::ambulance, 0);  // its region has none free: it waits, home's post stays free
  CHECK(a.amb.pending(0).size() == 1);
  CHECK(a.amb.station(north)->busy_count() == 0);
  CHECK(a.rig.c.neighbour_help == 0);
  CHECK(a.rig.c.help_given == 0);
}

// dispatch_centres.yaml: centre mk_a dispatches rav_n (the north area,
// amb_north, 2 vehicles) and rav_c (the centre area, amb_centre, 1 vehicle);
// mk_b dispatches rav_s (the south area, amb_south, 1 vehicle), whose post
// is nearer to the centre area than amb_north.
namespace {

AcuteConfig centres_fixture() {
  AcuteConfig cfg = small("dispatch_centres.yaml");
  cfg.ambulance.transport_when_needed = cfg.ambulance.transport_when_not_needed = 0;
  cfg.recontact.probability = 0;
  return cfg;
}

// The mechanism off: the same RAVs without dispatch centres.
AcuteConfig without_centres(AcuteConfig cfg) {
  cfg.dispatch_centres.clear();
  cfg.rav_centre.clear();
  cfg.ambulance.help_other_centre_after_minutes.reset();
  cfg.ambulance.help_request_minutes = 0;
  return cfg;
}

}  // namespace

TEST_CASE("dispatch centres: the own centre's helper before a nearer one of another centre while it is within "
          "help_other_centre_after_minutes, counted across centres both ways",
          "[components]") {
  const AcuteConfig base = centres_fixture();
  REQUIRE(base.dispatch_centres.size() == 2);
  const std::size_t north = site_index(base, "amb_north"), own = site_index(base, "amb_centre"),
                    south = site_index(base, "amb_south");
  const std::uint32_t centre = 1;  // rav_c
  double same_drive = 0;
  {
    AmbulanceRig probe(base);
    const Geography& g = probe.rig.geo;
    const double v = probe.rig.cfg.road.urgent_speed_kmh;
    REQUIRE(g.km_site_area(south, centre) < g.km_site_area(north, centre));
    REQUIRE(g.minutes(g.km_site_area(own, centre), v, 0.0) < *base.ambulance.help_after_minutes);
    same_drive = g.minutes(g.km_site_area(north, centre), v, 0.0);
  }
  struct Case {
    const char* what;
    bool centres;
    std::optional<double> other_after;
    std::size_t sent;
    bool across;
  };
  for (const Case c : {Case{"the own centre's helper within the bound", true, same_drive + 0.5, north, false},
                       Case{"the own centre's helper beyond the bound", true, same_drive - 0.5, south, true},
                       Case{"without dispatch centres: the nearest helper", false, std::nullopt, south, false}}) {
    AcuteConfig cfg = c.centres ? base : without_centres(base);
    if (c.centres) cfg.ambulance.help_other_centre_after_minutes = c.other_after;
    AmbulanceRig a(std::move(cfg));
    a.ride(centre, Response::ambulance, 0);  // rav_c's only vehicle
    REQUIRE(a.amb.station(own)->busy_count() == 1);
    a.ride(centre, Response::ambulance, 0);
    INFO(c.what);
    CHECK(a.amb.station(c.sent)->busy_count() == 1);
    CHECK(a.amb.station(c.sent == north ? south : north)->busy_count() == 0);
    CHECK(a.rig.c.neighbour_help == 1);  // help between RAVs in every case
    CHECK(a.rig.c.help_given == 1);
    const std::uint64_t across = c.across ? 1 : 0;
    CHECK(a.rig.c.centre_help_received == across);
    CHECK(a.rig.c.centre_help_given == across);
    CHECK(a.rig.c.sub[0].centre_help_received == across);  // the patient's sub-region (a: mk_a)
    CHECK(a.rig.c.sub[1].centre_help_given == across);     // the vehicle's (b: amb_south's nearest area is south)
    CHECK(a.rig.c.sub[1].centre_help_received == 0);
    CHECK(a.rig.c.sub[0].centre_help_given == 0);
  }
}

TEST_CASE("dispatch centres: another centre's vehicle is on scene help_request_minutes later", "[components]") {
  const AcuteConfig base = centres_fixture();
  const std::size_t south = site_index(base, "amb_south");
  const std::uint32_t centre = 1;
  std::vector<double> minutes;  // the two rides' request-to-scene minutes summed
  for (const double request : {0.0, 3.0}) {
    AcuteConfig cfg = base;
    cfg.ambulance.help_other_centre_after_minutes = 0.0;  // any nearer helper of another centre
    cfg.ambulance.help_request_minutes = request;
    AmbulanceRig a(std::move(cfg));
    a.ride(centre, Response::ambulance, 0);  // rav_c's own vehicle
    a.ride(centre, Response::ambulance, 0);  // mk_b's
    REQUIRE(a.amb.station(south)->busy_count() == 1);
    REQUIRE(a.rig.c.centre_help_received == 1);
    a.rig.sim.run_until(120.0);
    REQUIRE(a.rig.c.a1_from_request.count() == 2);
    minutes.push_back(a.rig.c.a1_from_request.sum());
  }
  CHECK(minutes[1] - minutes[0] == Approx(3.0));
}

TEST_CASE("ambulance_minutes_per_ride is the stations' busy time over the deployments", "[components]") {
  AmbulanceRig a(transporting(1, 1));
  for (std::uint32_t area = 0; area < 3; ++area) a.ride(area, Response::ed, 2);
  const PatientId id = a.rig.patient(1, Response::ambulance, 4);
  a.amb.planned_ride(id);
  a.rig.sim.run_until(24 * 60.0);  // every vehicle back at its station
  const double now = a.rig.sim.now();
  double busy = 0;
  for (std::size_t s = 0; s < a.rig.cfg.sites.size(); ++s)
    if (sim::Resource* st = a.amb.station(s)) busy += st->stats(now).busy.integral(now);
  REQUIRE(a.rig.c.rides == 4);
  REQUIRE(busy > 4 * a.rig.cfg.ambulance.on_scene.mean());  // each ride at least its time on scene
  const sim::Metrics k = a.rig.accounting.kpis(0);
  CHECK(k[column(Kpi::ambulance_minutes_per_ride)] == Approx(busy / 4));
}
