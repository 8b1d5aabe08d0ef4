// SPDX-License-Identifier: MIT
// The acute model's bookkeeping components alone (component_rig.hpp): the
// KPI table, accounting, observation, demand and the router.
#include "component_rig.hpp"
#include "models/acute/abandonment.hpp"
#include "models/acute/call_centre.hpp"
#include "models/acute/demand.hpp"
#include "models/acute/emergency_department.hpp"
#include "models/acute/kpis.hpp"
#include "models/acute/primary_care.hpp"
#include "models/acute/router.hpp"

#include <array>
#include <cmath>
#include <numeric>
#include <set>
#include <string>

using namespace zccsim;
using namespace zccsim::models::acute;
using namespace zccsim::models::acute::test;

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
  auto line = rig.accounting.make_resource({.name = "line/x", .servers = 4, .group = Group::line_gp}, client);
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
  // the price view by item; small_region.yaml: ed zvw, bed_day_* wlz, wrong_bed_hour wmo
  c.paid[static_cast<std::size_t>(Price::ed)] = 6e5;
  c.paid[static_cast<std::size_t>(Price::bed_day_grz)] = 3e5;
  c.paid[static_cast<std::size_t>(Price::wrong_bed_hour)] = 1e5;
  c.activity_cost = 1e6;
  c.gave_up_cost = 2e5;
  c.calls_112 = 40;
  c.gave_up = {2, 4, 6, 8};
  c.under_triage = {1, 2, 3, 100, 100, 100};  // safety events: U0-U2 only
  c.late_care = {0, 4, 0, 0, 0, 0};
  c.stayed_home = {0, 0, 5, 100, 0, 0};
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
  // the resource view, apart: 4 GP triagists all year at 45 euro an hour,
  // 2 ED places at 80 (small_region.yaml costs.resources)
  const double triage = 45.0 * 4 * 8760, places = 80.0 * 2 * 8760;
  const auto group = [&](Group g) {
    return k[column(Kpi::cost_resource_group_meur_per_year) + static_cast<std::size_t>(g)];
  };
  CHECK(group(Group::line_gp) == Approx(triage / 1e6).epsilon(1e-12));
  CHECK(group(Group::ed) == Approx(places / 1e6).epsilon(1e-12));
  CHECK(group(Group::hap) == 0.0);
  CHECK(at(Kpi::cost_resources_meur_per_year) == Approx((triage + places) / 1e6).epsilon(1e-12));
  // the headline: what is paid + the zcc's own costs (two locations, with
  // insight: 250,000 + 50,000 + 150,000 + 400,000 each), never the resources
  const double zcc = 2 * 850000.0;
  CHECK(at(Kpi::cost_zcc_meur_per_year) == Approx(zcc / 1e6).epsilon(1e-12));
  CHECK(at(Kpi::cost_activities_meur_per_year) == 1.0);
  CHECK(at(Kpi::cost_total_meur_per_year) == Approx((1e6 + zcc) / 1e6).epsilon(1e-12));
  CHECK(at(Kpi::cost_per_patient) == Approx((1e6 + zcc) / 4000).epsilon(1e-12));
  // who pays, and to whom
  CHECK(k[column(Kpi::cost_paid_meur_per_year) + static_cast<std::size_t>(Payer::zvw)] == Approx(0.6));
  CHECK(k[column(Kpi::cost_paid_meur_per_year) + static_cast<std::size_t>(Payer::wlz)] == Approx(0.3));
  CHECK(k[column(Kpi::cost_paid_meur_per_year) + static_cast<std::size_t>(Payer::wmo)] == Approx(0.1));
  CHECK(k[column(Kpi::cost_paid_to_meur_per_year) + static_cast<std::size_t>(Provider::ed)] == Approx(0.7));
  CHECK(k[column(Kpi::cost_paid_to_meur_per_year) + static_cast<std::size_t>(Provider::beds)] == Approx(0.3));
  CHECK(k[column(Kpi::cost_paid_to_meur_per_year) + static_cast<std::size_t>(Provider::hap)] == 0.0);
  CHECK(kpi_names()[column(Kpi::cost_paid_meur_per_year) + 1] == "cost_paid_meur_per_year_wlz");
  CHECK(kpi_names()[column(Kpi::cost_resource_group_meur_per_year) + 9] ==
        "cost_resource_group_meur_per_year_ed_places");
  CHECK(at(Kpi::patients_in_system_at_end) == 3.0);
  const double per_1000 = 1000.0 / 200000.0;
  CHECK(at(Kpi::calls_112_per_1000) == 40 * per_1000);
  CHECK(k[column(Kpi::gave_up_per_1000) + 1] == 4 * per_1000);
  CHECK(kpi_names()[column(Kpi::gave_up_per_1000) + 3] == "gave_up_per_1000_stays_home");
  CHECK(k[column(Kpi::under_triage_per_1000) + 3] == 100 * per_1000);
  CHECK(k[column(Kpi::stayed_home_per_1000) + 2] == 5 * per_1000);
  CHECK(at(Kpi::safety_events_per_1000) == Approx((1 + 2 + 3 + 4 + 5) * per_1000).epsilon(1e-12));
  CHECK(at(Kpi::cost_gave_up_meur_per_year) == 0.2);
  CHECK(at(Kpi::lost_share) == 0.0);
}

TEST_CASE("the resource view is rostered or provided capacity x unit cost, of the own regions only", "[components]") {
  Rig rig(small());
  NoClient client;
  // a GP triage line of 2 on weekday evenings 17-24: a year from a Monday is
  // 52 weeks and a Monday, 52 x 5 x 7 x 2 + 7 x 2 = 3,654 hours at 45 euro
  Roster evenings{};
  for (std::size_t d = 0; d < 5; ++d)
    for (std::size_t h = 17; h < 24; ++h) evenings[d * 24 + h] = 2;
  // an ambulance of 2 vehicles 08-20 every day: 2 x 12 x 365 = 8,760 vehicle-hours at 160
  Roster days{};
  for (std::size_t d = 0; d < 7; ++d)
    for (std::size_t h = 8; h < 20; ++h) days[d * 24 + h] = 2;
  Roster one{};
  one.fill(1);
  auto line = rig.accounting.make_resource(
      {.name = "line/x", .schedule = schedule_of(evenings), .group = Group::line_gp}, client);
  auto station = rig.accounting.make_resource(
      {.name = "station/x", .schedule = schedule_of(days), .queue_capacity = 0, .group = Group::station}, client);
  auto car =
      rig.accounting.make_resource({.name = "cars/x", .schedule = schedule_of(one), .group = Group::cars}, client);
  auto beds = rig.accounting.make_resource({.name = "beds/x", .servers = 3, .group = Group::beds}, client);
  // a neighbour's ED serves the region's patients but is the neighbour's capacity
  auto ed = rig.accounting.make_resource({.name = "ed/n", .servers = 5, .group = Group::ed, .own = false}, client);
  rig.accounting.start();
  rig.sim.run_until(minutes_per_year);
  const sim::Metrics k = rig.accounting.kpis(0);
  const auto group = [&](Group g) {
    return k[column(Kpi::cost_resource_group_meur_per_year) + static_cast<std::size_t>(g)] * 1e6;
  };
  CHECK(group(Group::line_gp) == Approx(3654.0 * 45).epsilon(1e-12));
  CHECK(group(Group::station) == Approx(8760.0 * 160).epsilon(1e-12));
  CHECK(group(Group::cars) == Approx(8760.0 * (65 + 35)).epsilon(1e-12));  // the GP and the car's driver and vehicle
  CHECK(group(Group::beds) == Approx(3 * 365.0 * 160).epsilon(1e-12));     // a bed-day, occupied or not
  CHECK(group(Group::ed) == 0.0);
  CHECK(k[column(Kpi::cost_resources_meur_per_year)] * 1e6 ==
        Approx(3654.0 * 45 + 8760.0 * 160 + 8760.0 * 100 + 3 * 365.0 * 160).epsilon(1e-12));
  // nothing was charged: the headline is the zcc's own costs alone
  CHECK(k[column(Kpi::cost_activities_meur_per_year)] == 0.0);
  CHECK(k[column(Kpi::cost_total_meur_per_year)] == k[column(Kpi::cost_zcc_meur_per_year)]);
}

TEST_CASE("a region's own dispatchers, home-visit cars and nursing teams staff its resources", "[components]") {
  // the resource view of a year: each rostered hour x its unit cost
  const auto costs = [](AcuteConfig cfg) {
    Rig rig(std::move(cfg));
    CallCentre cc(rig.ctx);
    PrimaryCare pc(rig.ctx);
    cc.add_region_lines(0);
    pc.add_region_teams(0);
    rig.accounting.start();
    rig.sim.run_until(minutes_per_year);
    const sim::Metrics k = rig.accounting.kpis(0);
    const auto group = [&](Group g) {
      return k[column(Kpi::cost_resource_group_meur_per_year) + static_cast<std::size_t>(g)] * 1e6;
    };
    return std::array<double, 3>{group(Group::dispatch), group(Group::cars), group(Group::nursing)};
  };
  AcuteConfig cfg = small();
  const auto shared = costs(cfg);
  // a year from a Monday: 52 weeks and a Monday
  const auto hours = [](const Roster& r) {
    return 52 * std::accumulate(r.begin(), r.end(), 0.0) + std::accumulate(r.begin(), r.begin() + 24, 0.0);
  };
  Roster three{}, two{}, one{};
  three.fill(3);
  two.fill(2);
  one.fill(1);
  cfg.dispatchers = three;  // the scenario's: not used by a region with its own
  cfg.regions[0].dispatchers = two;
  cfg.regions[0].home_visit_cars = one;
  cfg.regions[0].nursing_teams = two;
  const auto own = costs(cfg);
  // 8,760 hours a year; dispatcher 55, car 65 + 35, nursing team 60 euro an hour (small_region.yaml)
  CHECK(own[0] == Approx(2 * 8760.0 * 55).epsilon(1e-12));
  CHECK(own[1] == Approx(1 * 8760.0 * 100).epsilon(1e-12));
  CHECK(own[2] == Approx(2 * 8760.0 * 60).epsilon(1e-12));
  // without its own, the region works with the scenario's rosters
  CHECK(shared[0] == Approx(hours(small().dispatchers) * 55).epsilon(1e-12));
  CHECK(shared[1] == Approx(hours(small().home_visit_cars) * 100).epsilon(1e-12));
  CHECK(shared[2] == Approx(hours(small().nursing_teams) * 60).epsilon(1e-12));
}

TEST_CASE("the zcc's own costs: per location, the platform only with insight, none in fragmented mode",
          "[components]") {
  const auto zcc_cost = [](AcuteConfig cfg) {
    Rig rig(std::move(cfg));
    rig.accounting.start();
    rig.sim.run_until(minutes_per_year);
    return rig.accounting.kpis(0)[column(Kpi::cost_zcc_meur_per_year)] * 1e6;
  };
  AcuteConfig cfg = small();  // two locations
  CHECK(zcc_cost(cfg) == Approx(2 * (250000 + 50000 + 150000 + 400000.0)).epsilon(1e-12));
  cfg.capacity_insight = false;
  CHECK(zcc_cost(cfg) == Approx(2 * (250000 + 150000 + 400000.0)).epsilon(1e-12));
  cfg.mode = TriageMode::fragmented;  // the zcc section is ignored
  CHECK(zcc_cost(cfg) == 0.0);
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

TEST_CASE("observation keeps daily busy servers by kind, and schedules nothing unasked", "[components]") {
  for (const bool daily : {true, false}) {
    Rig rig(small(), {.hourly = false, .daily_busy = daily, .event_log = false});
    NoClient client;
    auto x = rig.accounting.make_resource({.name = "ed/x", .servers = 2, .group = Group::ed}, client);
    auto y = rig.accounting.make_resource({.name = "ed/y", .servers = 1, .group = Group::ed}, client);
    auto hap = rig.accounting.make_resource({.name = "hap/p", .servers = 1, .group = Group::hap}, client);
    rig.accounting.start();
    rig.observation.start(rig.accounting.tracked());
    REQUIRE(x->seize(rig.sim, 1).result == sim::SeizeResult::served);
    rig.sim.run_until(720.0);
    REQUIRE(y->seize(rig.sim, 2).result == sim::SeizeResult::served);
    rig.sim.run_until(2880.0);
    const auto days = rig.observation.take_daily_busy();
    CHECK(rig.observation.take_hourly().empty());
    if (!daily) {
      CHECK(days.empty());
      CHECK(rig.sim.events_processed() == 0);  // no observation event at all
      continue;
    }
    CHECK(rig.sim.events_processed() == 2);  // one a day
    REQUIRE(days.size() == 2);               // one series per kind, in book order
    CHECK(days[0].kind == "ed");
    CHECK(days[0].busy == std::vector<double>{1.5, 2.0});  // ed/x 1 all along, ed/y 1 from noon on day 0
    CHECK(days[1].kind == "hap");
    CHECK(days[1].busy == std::vector<double>{0.0, 0.0});
  }
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
  Abandonment abandonment(rig.ctx);
  demand.connect(cc, router);
  cc.connect(router, abandonment);
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
