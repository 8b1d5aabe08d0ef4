// SPDX-License-Identifier: MIT
// The acute model's components, one at a time, on the small test region:
// each is built alone with the patient ledger, the book of resources and
// observation as its neighbours (and only the neighbours it calls), patients
// are put in by hand, and the outcome is checked exactly.
#include "models/acute/accounting.hpp"
#include "models/acute/acute_loader.hpp"
#include "models/acute/ambulance_service.hpp"
#include "models/acute/call_centre.hpp"
#include "models/acute/demand.hpp"
#include "models/acute/emergency_department.hpp"
#include "models/acute/kpis.hpp"
#include "models/acute/observation.hpp"
#include "models/acute/placement.hpp"
#include "models/acute/primary_care.hpp"
#include "models/acute/router.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <set>
#include <string>

using namespace zccsim;
using namespace zccsim::models::acute;

namespace {

const std::string dir = ZCCSIM_ACUTE_TEST_DIR;

AcuteConfig small(const std::string& file = "small_region.yaml") { return load_acute_file(dir + "/" + file); }

std::size_t site_index(const AcuteConfig& cfg, const std::string& id) {
  for (std::size_t s = 0; s < cfg.sites.size(); ++s)
    if (cfg.sites[s].id == id) return s;
  FAIL("no site " << id);
  return 0;
}

// A component's surroundings: engine, book and counters, observation
// (event log on), the patient ledger.
struct Rig {
  AcuteConfig cfg;
  Geography geo;
  sim::Simulation sim{7, 0};
  RunOptions options;
  Accounting accounting{cfg, sim};
  Observation observation{sim, options};
  Patients patients{sim, accounting.counters(), observation};
  Context ctx{cfg, geo, sim, accounting, observation, patients};
  Counters& c = accounting.counters();

  explicit Rig(AcuteConfig config, RunOptions opt = {.hourly = false, .event_log = true})
      : cfg(std::move(config)), geo(cfg), options(opt) {}

  PatientId patient(std::uint32_t area, Response need, std::uint8_t urgency) {
    const PatientId id = patients.create();
    Patient& p = patients[id];
    p.rng = sim::RandomStream(7, 0, std::uint64_t{99}, std::uint64_t{id});
    p.area = area;
    p.region = static_cast<std::uint32_t>(cfg.areas[area].region);
    p.need = need;
    p.urgency = urgency;
    p.first_contact = sim.now();
    return id;
  }
};

// A resource client for resources the test holds itself.
struct NoClient final : sim::ResourceClient {
  void on_service_start(sim::Simulation&, sim::Resource&, std::uint64_t, std::uint32_t) override {}
  void on_abandon(sim::Simulation&, sim::Resource&, std::uint64_t) override {}
};

}  // namespace

TEST_CASE("the KPI table declares every acute KPI once, in the columns of kpi_names", "[components]") {
  const sim::KpiTable& t = kpi_table();
  CHECK(t.columns() == kpi_names());
  CHECK(t.kpis.size() == kpi_count);
  CHECK(kpi_names().size() == column_count());
  std::set<std::string> names;
  for (const sim::KpiSpec& k : t.kpis) {
    INFO(k.name);
    CHECK(names.insert(k.name).second);
    CHECK(!k.unit.empty());
    CHECK(!k.description.empty());
  }
  const auto spec = [&](Kpi k) -> const sim::KpiSpec& { return t.kpis[static_cast<std::size_t>(k)]; };
  CHECK(spec(Kpi::a1_within_15min_share).better == sim::Better::higher);
  CHECK(spec(Kpi::ed_wait_minutes_mean).better == sim::Better::lower);
  CHECK(spec(Kpi::cost_per_patient).better == sim::Better::lower);
  CHECK(spec(Kpi::utilization_ambulances).better == sim::Better::neither);
  REQUIRE(spec(Kpi::time_to_care_minutes).dimensions.size() == 1);
  const sim::Dimension& urgency = t.dimensions[spec(Kpi::time_to_care_minutes).dimensions[0]];
  CHECK(urgency.name == "urgency");
  CHECK(urgency.labels == std::vector<std::string>{"U0", "U1", "U2", "U3", "U4", "U5"});
  REQUIRE(spec(Kpi::destination_share).dimensions.size() == 1);
  CHECK(t.dimensions[spec(Kpi::destination_share).dimensions[0]].name == "response");
  CHECK(kpi_names()[column(Kpi::time_to_care_minutes) + 2] == "time_to_care_minutes_U2");
  CHECK(kpi_names()[column(Kpi::destination_share)] == "destination_share_self_care");
  CHECK(kpi_names()[column(Kpi::ggz_crisis_per_1000)] == "ggz_crisis_per_1000");
  CHECK(kpi_names().back() == "patients_in_system_at_end");
}

TEST_CASE("accounting computes KPIs from known counters and resources", "[components]") {
  Rig rig(small());  // own population 200,000
  NoClient client;
  auto ed = rig.accounting.make_resource({.name = "ed/x", .servers = 2, .group = Group::ed}, client);
  auto line = rig.accounting.make_resource(
      {.name = "line/x", .servers = 4, .group = Group::line_gp, .hourly_cost = 60.0}, client);
  rig.accounting.start();
  REQUIRE(ed->seize(rig.sim, 1).result == sim::SeizeResult::served);
  Counters& c = rig.c;
  c.patients = 4000;
  c.hap_outcome = {1, 2, 1};
  c.ed_visits = 8;
  c.ed_admitted = 2;
  c.calls = 10;
  c.hung_up = 1;
  c.answer_wait.add(0.5);
  c.time_to_care[2].add(30.0);
  c.first_assigned = 4;
  c.first_response[0] = 1;
  c.activity_cost = 1e6;
  rig.sim.run_until(minutes_per_year);  // one year, no warm-up
  const sim::Metrics k = rig.accounting.kpis(3);
  const auto at = [&](Kpi id) { return k[column(id)]; };
  CHECK(at(Kpi::patients_per_1000) == 4000 * (1000.0 / 200000.0 / 1.0));
  CHECK(at(Kpi::hap_phone_advice_share) == 0.25);
  CHECK(at(Kpi::hap_consult_share) == 0.5);
  CHECK(at(Kpi::ed_admitted_share) == 0.25);
  CHECK(at(Kpi::phone_abandoned_share) == 0.1);
  CHECK(at(Kpi::answer_seconds_mean) == 30.0);
  CHECK(std::isnan(at(Kpi::hap_referred_share)));  // no HAP contacts: nothing to measure
  CHECK(k[column(Kpi::time_to_care_minutes) + 2] == 30.0);
  CHECK(std::isnan(k[column(Kpi::time_to_care_minutes) + 3]));
  CHECK(k[column(Kpi::destination_share)] == 0.25);
  CHECK(at(Kpi::ed_occupancy) == 0.5);  // one of two places busy all year
  CHECK(at(Kpi::utilization_triage_gp) == 0.0);
  // staff: 4 triagists all year at 60 euro per hour
  const double staff = 60.0 * 4 * minutes_per_year / 60.0;
  CHECK(at(Kpi::cost_staff_meur_per_year) == staff / 1e6);
  CHECK(at(Kpi::cost_total_meur_per_year) == (staff + 1e6) / 1e6);
  CHECK(at(Kpi::cost_per_patient) == (staff + 1e6) / 4000);
  CHECK(at(Kpi::patients_in_system_at_end) == 3.0);
}

TEST_CASE("observation keeps hourly means per resource and the event log", "[components]") {
  Rig rig(small(), {.hourly = true, .event_log = true});
  NoClient client;
  auto res = rig.accounting.make_resource({.name = "ed/x", .servers = 2, .group = Group::ed}, client);
  rig.accounting.start();
  rig.observation.start(rig.accounting.tracked());
  REQUIRE(res->seize(rig.sim, 1).result == sim::SeizeResult::served);
  rig.sim.run_until(30.0);
  REQUIRE(res->seize(rig.sim, 2).result == sim::SeizeResult::served);
  rig.observation.log(5, LogEvent::arrival, 3, 2);
  rig.sim.run_until(120.0);
  const auto series = rig.observation.take_hourly();
  REQUIRE(series.size() == 1);
  CHECK(series[0].resource == "ed/x");
  CHECK(series[0].kind == "ed");
  CHECK(series[0].busy == std::vector<float>{1.5f, 2.0f});
  CHECK(series[0].on_duty == std::vector<float>{2.0f, 2.0f});
  CHECK(series[0].queue == std::vector<float>{0.0f, 0.0f});
  const auto log = rig.observation.take_log();
  REQUIRE(log.size() == 1);
  CHECK(log[0].time == 30.0);
  CHECK(log[0].patient == 5);
  CHECK(log_event_names[log[0].event] == "arrival");
  CHECK(log[0].detail == 3);
  CHECK(log[0].place == 2);
}

TEST_CASE("demand draws the area by population of the own regions", "[components]") {
  Rig rig(small());  // north 60,000, centre 100,000, south 40,000
  Demand demand(rig.ctx);
  CHECK(demand.area_of(0.0) == 0);
  CHECK(demand.area_of(0.29) == 0);
  CHECK(demand.area_of(0.31) == 1);
  CHECK(demand.area_of(0.79) == 1);
  CHECK(demand.area_of(0.81) == 2);
  CHECK(demand.area_of(0.999999) == 2);
}

TEST_CASE("demand makes the patient record and sends each stream to its first step", "[components]") {
  Rig rig(small());
  Demand demand(rig.ctx);
  CallCentre cc(rig.ctx);
  Router router(rig.ctx);
  EmergencyDepartment ed(rig.ctx);
  demand.connect(cc, router);
  cc.connect(router);
  router.connect({.ed = &ed});
  cc.add_region_lines(0);
  ed.add_site(site_index(rig.cfg, "ed_centre"));
  ed.add_site(site_index(rig.cfg, "ed_next"));
  const auto walk_in = static_cast<std::uint32_t>(StreamKind::ed_walk_ins);
  demand.on_arrival(rig.sim, walk_in);
  demand.on_arrival(rig.sim, walk_in);
  CHECK(rig.c.patients == 2);
  CHECK(rig.c.ed_visits == 2);
  CHECK(rig.patients[1].key == ((std::uint64_t{walk_in} << 48) | 1));
  CHECK(rig.patients[1].assigned == Response::ed);
  CHECK(rig.patients[1].phase == Phase::ed);
  demand.on_arrival(rig.sim, static_cast<std::uint32_t>(StreamKind::calls_112));
  const Patient& caller = rig.patients[2];
  CHECK(caller.phase == Phase::line);
  CHECK(cc.line(caller.line).res->name() == "dispatch/home");
  CHECK(cc.line(caller.line).res->busy_count() == 1);
  CHECK(rig.c.calls == 0);  // 112 calls are not patients' GP-line calls
}

TEST_CASE("placement with capacity insight takes the provider with most free beds", "[components]") {
  Rig rig(small());  // vvt_pool: 30 beds over 5 providers of 6
  Placement placement(rig.ctx);
  placement.add_site(site_index(rig.cfg, "vvt_pool"));
  const auto& prov = placement.providers(0);
  REQUIRE(prov.size() == 5);
  const std::uint32_t busy[5] = {6, 4, 1, 3, 5};  // free: 0, 2, 5, 3, 1
  std::uint64_t other = 1000;
  for (std::size_t i = 0; i < 5; ++i)
    for (std::uint32_t b = 0; b < busy[i]; ++b) REQUIRE(prov[i]->seize(rig.sim, other++).result == sim::SeizeResult::served);
  const PatientId id = rig.patient(1, Response::vvt_bed, 3);
  placement.start_search(id);
  rig.sim.run_until(rig.cfg.beds.lookup_minutes - 1e-9);
  CHECK(prov[2]->busy_count() == 1);
  rig.sim.run_until(rig.cfg.beds.lookup_minutes);
  CHECK(prov[2]->busy_count() == 2);
  CHECK(rig.patients[id].held == prov[2].get());
  CHECK(rig.c.placed_in == 1);
  CHECK(rig.c.rejections == 0);
  CHECK(rig.c.search.mean() == rig.cfg.beds.lookup_minutes);
  CHECK(rig.c.time_to_care[3].mean() == rig.cfg.beds.lookup_minutes);
  const auto log = rig.observation.take_log();
  REQUIRE(log.size() == 3);
  CHECK(log_event_names[log[0].event] == "bed_search");
  CHECK(log_event_names[log[1].event] == "placed");
  CHECK(log[1].detail == 1);  // in the region
  CHECK(log_event_names[log[2].event] == "care_start");
}

TEST_CASE("placement without insight phones the providers one by one", "[components]") {
  AcuteConfig cfg = small();
  cfg.capacity_insight = false;
  Rig rig(std::move(cfg));
  Placement placement(rig.ctx);
  placement.add_site(site_index(rig.cfg, "vvt_pool"));
  const auto& prov = placement.providers(0);
  std::uint64_t other = 1000;
  for (std::size_t i = 0; i < 5; ++i)  // only provider 3 has a bed
    for (std::uint32_t b = 0; b < (i == 3 ? 5u : 6u); ++b) REQUIRE(prov[i]->seize(rig.sim, other++).result == sim::SeizeResult::served);
  const PatientId id = rig.patient(1, Response::vvt_bed, 3);
  placement.start_search(id);
  const std::uint32_t first = rig.patients[id].search_offset;
  const std::uint32_t calls = (3 + 5 - first) % 5 + 1;  // up to and including provider 3
  rig.sim.run_until(1000.0);
  CHECK(prov[3]->busy_count() == 6);
  CHECK(rig.c.placed_in == 1);
  CHECK(rig.c.rejections == calls - 1);
  CHECK(rig.c.search.mean() == calls * rig.cfg.beds.attempt_minutes);
}

TEST_CASE("the ambulance service sends the nearest free vehicle and queues A1 before A2 before B", "[components]") {
  AcuteConfig cfg = small();
  cfg.ambulance.transport_when_needed = cfg.ambulance.transport_when_not_needed = 0;  // vehicles come back
  Rig rig(std::move(cfg));
  AmbulanceService amb(rig.ctx);
  const std::size_t north = site_index(rig.cfg, "amb_north"), south = site_index(rig.cfg, "amb_south");
  amb.add_station(north);
  amb.add_station(south);
  // area 0 (north): its own station first, then the other
  amb.request(rig.patient(0, Response::ambulance, 0));
  CHECK(amb.station(north)->busy_count() == 1);
  amb.request(rig.patient(0, Response::ambulance, 0));
  amb.request(rig.patient(0, Response::ambulance, 0));
  CHECK(amb.station(north)->busy_count() == 2);
  CHECK(amb.station(south)->busy_count() == 1);
  amb.request(rig.patient(0, Response::ambulance, 0));
  // every vehicle out: B, then A2, then A1 wait
  amb.request(rig.patient(0, Response::ambulance, 4));
  amb.request(rig.patient(0, Response::ambulance, 2));
  amb.request(rig.patient(0, Response::ambulance, 1));
  REQUIRE(amb.pending(0).size() == 1);
  REQUIRE(amb.pending(1).size() == 1);
  REQUIRE(amb.pending(2).size() == 1);
  const auto waiting = [&] { return amb.pending(0).size() + amb.pending(1).size() + amb.pending(2).size(); };
  while (waiting() == 3 && rig.sim.now() < 600) rig.sim.run_until(rig.sim.now() + 0.01);
  CHECK(amb.pending(0).empty());
  CHECK(amb.pending(1).size() == 1);
  CHECK(amb.pending(2).size() == 1);
  while (waiting() == 2 && rig.sim.now() < 600) rig.sim.run_until(rig.sim.now() + 0.01);
  CHECK(amb.pending(1).empty());
  CHECK(amb.pending(2).size() == 1);
  CHECK(rig.c.rides == 7);
  CHECK(rig.c.rides_class[0] == 5);
}

TEST_CASE("the call centre overflows a waiting zcc call to the less busy location", "[components]") {
  AcuteConfig cfg = small("variant_per_subregion.yaml");
  cfg.phone.patience = sim::Distribution::deterministic(30);
  cfg.zcc_triage.time[0] = sim::Distribution::deterministic(60);  // nobody finishes triage in the test
  Rig rig(std::move(cfg));
  CallCentre cc(rig.ctx);
  Router router(rig.ctx);
  cc.connect(router);
  cc.add_region_lines(0);
  cc.add_zcc_lines();
  const auto line_named = [&](const std::string& name) {
    for (CallCentre::LineId l = 0; l < cc.line_count(); ++l)
      if (cc.line(l).res->name() == name) return l;
    FAIL("no line " << name);
    return CallCentre::LineId{0};
  };
  const auto main_gp = line_named("zcc/main/gp"), south_gp = line_named("zcc/south/gp");
  rig.sim.run_until(17 * 60.0);  // Monday 17:00: main has 2 GPs on duty, south 1
  REQUIRE(cc.line(main_gp).res->on_duty_count() == 2);
  REQUIRE(cc.line(south_gp).res->on_duty_count() == 1);
  PatientId ids[3];
  for (auto& id : ids) {
    id = rig.patient(0, Response::gp_phone, 4);  // north: subregion a, location main
    cc.patient_call(id, Discipline::gp);
  }
  CHECK(cc.line(main_gp).res->busy_count() == 2);
  CHECK(cc.line(main_gp).res->queue_length() == 1);
  rig.sim.run_until(17 * 60.0 + rig.cfg.zcc.overflow_after);
  CHECK(cc.line(main_gp).res->queue_length() == 0);
  CHECK(cc.line(south_gp).res->busy_count() == 1);
  CHECK(rig.patients[ids[2]].line == south_gp);
  CHECK(rig.c.calls == 3);
  CHECK(rig.c.answered_30s == 2);
  CHECK(rig.c.answered_2min == 3);  // the answer time counts across the overflow
  CHECK(rig.c.hung_up == 0);
}

TEST_CASE("the ED takes patients in its places and queues the rest", "[components]") {
  Rig rig(small());  // ed_centre: 12 places
  EmergencyDepartment ed(rig.ctx);
  const std::size_t site = site_index(rig.cfg, "ed_centre");
  ed.add_site(site);
  for (int i = 0; i < 13; ++i) {
    const PatientId id = rig.patient(1, Response::ed, 3);
    rig.patients[id].assigned = i == 0 ? Response::ed : Response::ambulance;
    ed.enter(id, site);
  }
  CHECK(ed.places(site)->busy_count() == 12);
  CHECK(ed.places(site)->queue_length() == 1);
  CHECK(rig.c.ed_visits == 13);
  CHECK(rig.c.ed_wait.count() == 12);
  CHECK(rig.c.ed_wait.mean() == 0.0);
  CHECK(rig.c.time_to_care[3].count() == 1);  // only the one assigned to the ED starts care there
  CHECK(rig.patients[0].cost == 0.0);
  CHECK(rig.patients[1].cost == rig.cfg.costs.tariff[static_cast<std::size_t>(Response::ed)]);
}

TEST_CASE("primary care: a consult starts after the drive to the nearest HAP post", "[components]") {
  Rig rig(small());
  PrimaryCare pc(rig.ctx);
  const std::size_t post = site_index(rig.cfg, "hap_centre");
  pc.add_post(post);
  const PatientId id = rig.patient(0, Response::hap_consult, 3);
  rig.patients[id].assigned = Response::hap_consult;
  pc.consult(id);
  const double drive = rig.geo.minutes(rig.geo.km_site_area(post, 0), rig.cfg.road.speed_kmh, 0.0);
  REQUIRE(drive > 0);
  rig.sim.run_until(drive * 0.999);
  CHECK(pc.post(post)->busy_count() == 0);
  rig.sim.run_until(drive);
  CHECK(pc.post(post)->busy_count() == 1);
  CHECK(rig.c.time_to_care[3].mean() == drive);
}

TEST_CASE("the router ends self care at once and counts the first response", "[components]") {
  Rig rig(small());
  Router router(rig.ctx);  // self care needs no neighbour
  const PatientId id = rig.patient(1, Response::self_care, 5);
  router.assign(id, Response::self_care);
  CHECK(rig.patients.ended() == 1);
  CHECK(rig.patients.live() == 0);
  CHECK(rig.c.first_assigned == 1);
  CHECK(rig.c.first_right == 1);
  CHECK(rig.c.first_response[0] == 1);
  CHECK(rig.c.time_to_care[5].count() == 1);
}
