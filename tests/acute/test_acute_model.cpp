// SPDX-License-Identifier: MIT
// The acute-care model: conservation of patients, determinism, and variants
// that move KPIs in the directions their inputs imply. Directions are paired
// comparisons (same seed and replication indices, so common random numbers):
// the 99 % interval of the per-replication difference must exclude zero.
#include "models/acute/acute_loader.hpp"
#include "models/acute/acute_report.hpp"
#include "exec/experiment.hpp"
#include "tests/common/kpi.hpp"
#include "tests/common/paired.hpp"
#include "tests/common/run.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <string>

using namespace zccsim;
using namespace zccsim::models::acute;

namespace {

const std::string dir = ZCCSIM_ACUTE_TEST_DIR;

using test::Runs;

Runs run_file(const std::string& name, std::uint64_t reps = 6, unsigned threads = 0) {
  return test::run(models::Scenario::from_file(dir + "/" + name), 4242, reps, threads);
}

std::vector<double> kpi(const Runs& r, const std::string& name) { return test::kpi_column(r.names, r.rows, name); }

using test::paired_direction;

}  // namespace

TEST_CASE("every patient ends somewhere or is reported in the system", "[model]") {
  const Runs r = run_file("small_region.yaml", 4);
  CHECK(r.conservation.created > 10000);
  CHECK(r.conservation.created == r.conservation.ended + r.conservation.in_system);
  double reported = 0;
  for (double x : kpi(r, "patients_in_system_at_end")) reported += x;
  CHECK(reported == static_cast<double>(r.conservation.in_system));
  // shares are shares
  for (const char* k : {"hap_phone_advice_share", "first_time_right_share", "ambulance_no_transport_share",
                        "answered_within_30s_share", "ed_occupancy", "utilization_triage_gp"})
    for (double x : kpi(r, k)) {
      INFO(k);
      CHECK(x >= 0.0);
      CHECK(x <= 1.0);
    }
  // HAP outcomes partition the HAP contacts that stayed in primary care
  const auto a = kpi(r, "hap_phone_advice_share"), b = kpi(r, "hap_consult_share"), c = kpi(r, "hap_home_visit_share");
  for (std::size_t i = 0; i < a.size(); ++i) CHECK(a[i] + b[i] + c[i] == Approx(1.0).epsilon(1e-12));
}

TEST_CASE("the same seed gives identical KPIs whatever the thread count", "[model]") {
  const auto sc = models::Scenario::from_file(dir + "/small_region.yaml");
  const auto one = test::run(sc, 9, 3, 1).summary_json();
  const auto two = test::run(sc, 9, 3, 2).summary_json();
  const auto other = test::run(sc, 10, 3, 2).summary_json();
  CHECK(one == two);
  CHECK(one != other);
}

TEST_CASE("variants move KPIs in the directions their inputs imply", "[model]") {
  const Runs base = run_file("small_region.yaml");
  SECTION("without capacity insight, bed search takes longer") {
    CHECK(paired_direction(base, run_file("variant_no_insight.yaml"), "placement_search_minutes_mean") == 1);
  }
  SECTION("fragmented triage is less often right first time") {
    CHECK(paired_direction(base, run_file("variant_fragmented.yaml"), "first_time_right_share") == -1);
  }
  SECTION("fewer triagists answer fewer calls within 30 s") {
    CHECK(paired_direction(base, run_file("variant_fewer_triagists.yaml"), "answered_within_30s_share") == -1);
  }
  SECTION("callers who give up on fewer triagists load 112 and the ED; nobody is lost") {
    const Runs fewer = run_file("variant_fewer_triagists.yaml");
    for (const char* k :
         {"phone_abandoned_share", "calls_112_per_1000", "gave_up_per_1000_calls_112", "gave_up_per_1000_ed",
          "gave_up_per_1000_own_gp", "gave_up_per_1000_stays_home", "cost_gave_up_meur_per_year"}) {
      INFO(k);
      CHECK(paired_direction(base, fewer, k) == 1);
    }
    for (const Runs* r : {&base, &fewer})
      for (double x : kpi(*r, "lost_share")) CHECK(x == 0.0);
  }
  SECTION("inhabitants spread over their areas wait longer for an A1 ambulance") {
    const Runs spread = run_file("variant_spread_areas.yaml");
    CHECK(paired_direction(base, spread, "a1_response_minutes_mean") == 1);
    CHECK(paired_direction(base, spread, "a1_within_15min_share") == -1);
  }
  SECTION("a surge brings more patients") {
    CHECK(paired_direction(base, run_file("variant_surge.yaml"), "patients_per_1000") == 1);
  }
  SECTION("fewer ambulances reach fewer A1 calls within 15 minutes") {
    CHECK(paired_direction(base, run_file("variant_fewer_ambulances.yaml"), "a1_within_15min_share") == -1);
  }
  SECTION("per-sub-region queues answer fewer calls within 30 s than one pooled queue") {
    CHECK(paired_direction(base, run_file("variant_per_subregion.yaml"), "answered_within_30s_share") == -1);
  }
}

TEST_CASE("the care chain graph and the offered load follow from the scenario", "[model]") {
  const auto cfg = load_acute_file(dir + "/small_region.yaml");
  const std::string dot = care_chain_dot(cfg);
  CHECK(dot.rfind("digraph care_chain {", 0) == 0);
  for (const char* s : {"\"hap_calls\" -> \"zcc triage\"", "\"calls_112\" -> \"112 dispatch\"",
                        "\"ed_walk_ins\" -> \"no triage\"", "\"zcc triage\" -> \"hap_consult\""}) {
    INFO(s);
    CHECK(dot.find(s) != std::string::npos);
  }
  // yearly volumes: hap_calls 240 per 1,000 of 200,000 inhabitants
  const auto flows = expected_flows(cfg);
  double hap = 0;
  for (const auto& e : flows)
    if (e.from == "hap_calls") hap += e.per_year;
  CHECK(hap == Approx(48000.0).epsilon(1e-9));
  bool overloaded = true;
  offered_load_report(cfg, Geography(cfg), overloaded);
  CHECK_FALSE(overloaded);
  auto tight = cfg;
  for (auto& s : tight.sites)
    if (s.kind == SiteKind::vvt) s.beds = {2, 1, 1, 1};
  const std::string report = offered_load_report(tight, Geography(tight), overloaded);
  CHECK(overloaded);
  CHECK(report.find("short-stay beds") != std::string::npos);
  // today's HAP triage line: the own region's own roster (twice the
  // scenario's) is its capacity, so its mean load halves
  auto today = cfg;
  today.mode = TriageMode::fragmented;
  const auto gp_load = [](const AcuteConfig& c) {
    bool over = false;
    const std::string r = offered_load_report(c, Geography(c), over);
    const std::size_t at = r.find("fragmented triage gp");
    REQUIRE(at != std::string::npos);
    return std::stod(r.substr(at + 28, 11));
  };
  auto twice = today;
  Roster doubled = today.fragmented_rosters[0];
  for (auto& x : doubled) x *= 2;
  REQUIRE(twice.regions[0].own);
  twice.regions[0].fragmented_rosters[0] = doubled;
  CHECK(gp_load(today) > 0.01);
  CHECK(gp_load(twice) == Approx(gp_load(today) / 2).epsilon(0.01));
  // a consult or home visit in office hours is the own GP's (Router), so the
  // HAP posts and cars, closed then, get no work in those hours: finite peaks
  // (inf when office-hour work was counted against a closed post)
  const auto peak = [](const std::string& r, const std::string& name) {
    const std::size_t at = r.find(name);
    REQUIRE(at != std::string::npos);
    return std::stod(r.substr(at + 39, 11));
  };
  auto closed = today;  // HAP posts and cars off duty in office hours, as in the default region
  const auto office = [](std::size_t h) { return h / 24 < 5 && h % 24 >= 8 && h % 24 < 17; };
  for (auto& site : closed.sites)
    if (site.kind == SiteKind::hap)
      for (std::size_t h = 0; h < 168; ++h)
        if (office(h)) site.staff[h] = 0;
  for (std::size_t h = 0; h < 168; ++h)
    if (office(h)) closed.home_visit_cars[h] = 0;
  for (auto& reg : closed.regions) reg.home_visit_cars.reset();
  bool over = false;
  const std::string r = offered_load_report(closed, Geography(closed), over);
  for (const char* name : {"HAP GPs", "home-visit cars"}) {
    INFO(name);
    CHECK(std::isfinite(peak(r, name)));
    CHECK(peak(r, name) > 0);
  }
}

TEST_CASE("fragmented mode builds no zcc lines, whatever the zcc section says", "[model]") {
  // the same scenario with the zcc locations kept or removed: same KPIs
  // (resource cost and triage utilisation include no idle zcc triagists, and
  // there are no zcc own costs)
  const auto kept = run_file("variant_fragmented_locations.yaml", 3).summary_json();
  const auto removed = run_file("variant_fragmented.yaml", 3).summary_json();
  CHECK(kept == removed);
}

TEST_CASE("per subregion, a closed location's calls go to the open one and nobody hangs up early", "[model]") {
  // one location's GP line open at a time; patience longer than the run
  const Runs r = run_file("variant_subregion_closed.yaml", 3);
  CHECK(r.conservation.created == r.conservation.ended + r.conservation.in_system);
  // (daytime_gp_share is not 0: consults and home visits assigned in office
  // hours go to the patient's own GP)
  for (const char* k : {"phone_abandoned_share", "lost_share"})
    for (double x : kpi(r, k)) {
      INFO(k);
      CHECK(x == 0.0);
    }
  // the calls were answered, some after an overflow wait with no other location open
  for (double x : kpi(r, "hap_contacts_per_1000")) CHECK(x > 200.0);
  for (double x : kpi(r, "answered_within_2min_share")) CHECK(x < 1.0);
  for (double x : kpi(r, "transfer_share")) CHECK(x > 0.0);
}

TEST_CASE("capacity insight shortens the bed search and changes the cost when beds are scarce", "[model]") {
  // the small region with its short-stay beds cut until they are nearly always full
  const auto base = models::Scenario::from_file(dir + "/small_region.yaml");
  const auto scarce = base.with_override("sites[6].beds", "{elv_low: 2, elv_high: 2, grz: 1, crisis: 1}");
  const Runs with = test::run(scarce, 4242, 40);
  const Runs without = test::run(scarce.with_override("capacity_insight", "false"), 4242, 40);
  const Runs partly = test::run(scarce.with_override("beds.connected_share", "0.4"), 4242, 40);
  // (six beds of four types: refusals, admission hours and small pools leave a bed empty now and then)
  for (double x : kpi(with, "bed_occupancy")) CHECK(x > 0.8);
  // without insight the triagist phones provider after provider: longer, more work, more wrong-bed hours
  CHECK(paired_direction(with, without, "placement_search_minutes_mean") == 1);
  CHECK(paired_direction(with, without, "placement_search_work_hours") == 1);
  CHECK(paired_direction(with, without, "utilization_triage_vvt") == 1);  // the search holds the zcc's triagist
  CHECK(paired_direction(with, without, "wrong_bed_hours") == 1);
  // and what is paid to the ED rises (an ED place held waiting costs
  // costs.wrong_bed_hour), while the zcc's own costs fall by the platform
  // connection it no longer has. The activities' total is not tested: the bed
  // days paid move with it (fewer patients placed per day), by as much as the
  // noise. The net is reported, not assumed: in this small region the
  // connection (0.1 M euro a year) costs more than the wrong-bed hours it saves.
  CHECK(paired_direction(with, without, "cost_paid_to_meur_per_year_ed") == 1);
  CHECK(paired_direction(with, without, "cost_zcc_meur_per_year") == -1);
  CHECK(paired_direction(with, without, "cost_total_meur_per_year") == -1);
  // partial insight (40 % of providers connected) lies in between
  CHECK(paired_direction(with, partly, "placement_search_minutes_mean") == 1);
  CHECK(paired_direction(partly, without, "placement_search_minutes_mean") == 1);
  // for every bed type
  for (const auto& type : bed_type_names) {
    const std::string k = "placement_search_minutes_by_type_" + std::string(type);
    INFO(k);
    CHECK(paired_direction(with, without, k) == 1);
  }
  for (const Runs* r : {&with, &without, &partly})
    for (double x : kpi(*r, "lost_share")) CHECK(x == 0.0);
}

TEST_CASE("beds by type: narrower admission hours make patients wait, in the ED and at home", "[model]") {
  // the small region: ELV admits 08-22 (GRZ 08-17 on weekdays, crisis beds always); narrowed: ELV 09-17 on weekdays
  const auto base = models::Scenario::from_file(dir + "/small_region.yaml");
  const auto narrow = base.with_override("beds.types.elv_low.admission_hours", "{from: 9, to: 17, days: weekdays}")
                          .with_override("beds.types.elv_high.admission_hours", "{from: 9, to: 17, days: weekdays}");
  const Runs wide = test::run(base, 4242, 8);
  const Runs office = test::run(narrow, 4242, 8);
  for (const char* k :
       {"admission_wait_hours", "admission_waits_per_1000_elv_low", "admission_waits_per_1000_elv_high",
        "wrong_bed_hours", "placement_search_minutes_by_type_elv_high", "cost_paid_to_meur_per_year_ed"}) {
    INFO(k);
    CHECK(paired_direction(wide, office, k) == 1);
  }
  // crisis beds admit around the clock: never wait
  for (const Runs* r : {&wide, &office}) {
    for (double x : kpi(*r, "admission_waits_per_1000_crisis")) CHECK(x == 0.0);
    for (double x : kpi(*r, "lost_share")) CHECK(x == 0.0);
  }
}

TEST_CASE("beds by type: lower acceptance lengthens the search and the triagist's work", "[model]") {
  const auto base = models::Scenario::from_file(dir + "/small_region.yaml").with_override("capacity_insight", "false");
  auto picky = base;
  for (const auto& type : bed_type_names)
    picky = picky.with_override("beds.types." + std::string(type) + ".acceptance", "0.4");
  const Runs usual = test::run(base, 4242, 8);
  const Runs refusing = test::run(picky, 4242, 8);
  for (const char* k : {"bed_refusals_per_1000_elv_low", "bed_refusals_per_1000_elv_high",
                        "placement_search_minutes_mean", "placement_search_work_hours", "utilization_triage_vvt"}) {
    INFO(k);
    CHECK(paired_direction(usual, refusing, k) == 1);
  }
  for (double x : kpi(refusing, "lost_share")) CHECK(x == 0.0);
}

TEST_CASE("today's chain: a bed search holds the VVT line's triagist, more so without insight", "[model]") {
  // the default (today's chain: fragmented lines, 30 % of providers connected), eight weeks after one of warm-up
  const auto today = models::Scenario::from_file(std::string(ZCCSIM_SCENARIO_DIR) + "/midden_nederland.yaml")
                         .with_override("warmup_days", "7")
                         .with_override("horizon_days", "56");
  const Runs partial = test::run(today, 4242, 6);
  const Runs without = test::run(today.with_override("capacity_insight", "false"), 4242, 6);
  const Runs full = test::run(today.with_override("beds.connected_share", "1.0"), 4242, 6);
  // phoning provider after provider is triagist work: the VVT line is busier, its callers wait longer
  for (const char* k : {"placement_search_work_hours", "utilization_triage_vvt", "placement_search_minutes_mean"}) {
    INFO(k);
    CHECK(paired_direction(partial, without, k) == 1);
    CHECK(paired_direction(full, partial, k) == 1);
  }
  for (double x : kpi(without, "lost_share")) CHECK(x == 0.0);
}

TEST_CASE("ED choice with insight: a crowded ED's patients wait less and travel further", "[model]") {
  // the small region with ed_centre cut to 6 places (crowded, about 21 min mean wait); ed_next is 24-38 min further
  // from its north and centre areas, so the bound is wider than the default region's (it is a small region)
  const auto crowded = models::Scenario::from_file(dir + "/small_region.yaml").with_override("sites[0].places", "6");
  const Runs nearest = test::run(crowded.with_override("ed_choice.max_extra_minutes", "0"), 4242, 8);
  const Runs steered = test::run(crowded.with_override("ed_choice.max_extra_minutes", "45"), 4242, 8);
  const Runs blind = test::run(
      crowded.with_override("ed_choice.max_extra_minutes", "45").with_override("capacity_insight", "false"), 4242, 8);
  CHECK(paired_direction(nearest, steered, "ed_redirected_share") == 1);
  CHECK(paired_direction(nearest, steered, "ed_wait_minutes_mean") == -1);
  CHECK(paired_direction(nearest, steered, "ed_travel_minutes_mean") == 1);  // the unwelcome part
  for (const Runs* r : {&nearest, &blind})                                   // 0, or no insight: always the nearest
    for (double x : kpi(*r, "ed_redirected_share")) CHECK(x == 0.0);
  for (double x : kpi(steered, "lost_share")) CHECK(x == 0.0);
}

TEST_CASE("an ED with limited hours, and an ED closed: its patients travel to the next, nobody is lost", "[model]") {
  // the small region: ed_centre (sites[0]) open all week, 08:00-23:00, or closed (closed_sites), paired
  const auto base = models::Scenario::from_file(dir + "/small_region.yaml");
  const Runs open = test::run(base, 4242, 6);
  const Runs day =
      test::run(base.with_override("sites[0].places", "[{days: all, from: 8, to: 23, staff: 12}]"), 4242, 6);
  const Runs closed = test::run(base.with_override("closed_sites", "[ed_centre]"), 4242, 6);
  CHECK(paired_direction(open, day, "ed_travel_minutes_mean") == 1);    // nights at the next ED
  CHECK(paired_direction(day, closed, "ed_travel_minutes_mean") == 1);  // and days too
  CHECK(paired_direction(open, closed, "ed_wait_minutes_mean") == 1);   // one ED's places for everyone
  for (const Runs* r : {&open, &day, &closed})
    for (double x : kpi(*r, "lost_share")) CHECK(x == 0.0);
  // the same patients come to an ED (their need does not depend on which): ED visits within 2 %
  const auto v0 = kpi(open, "ed_visits_per_1000"), v1 = kpi(closed, "ed_visits_per_1000");
  for (std::size_t i = 0; i < v0.size(); ++i) CHECK(v1[i] == Approx(v0[i]).epsilon(0.02));
}

// The shipped zcc, eight weeks after one of warm-up, with `choice`.max_extra_minutes 0 and 10, paired: nobody is
// redirected at 0, some are at 10, those sent wait less (`wait`), and nobody is lost.
static std::pair<Runs, Runs> nearby_choice(const std::string& choice, const std::string& prefix, std::size_t reps) {
  const auto zcc = models::Scenario::from_file(std::string(ZCCSIM_SCENARIO_DIR) + "/variants/zcc.yaml")
                       .with_override("warmup_days", "7")
                       .with_override("horizon_days", "56");
  Runs nearest = test::run(zcc.with_override(choice + ".max_extra_minutes", "0"), 4242, reps);
  Runs steered = test::run(zcc.with_override(choice + ".max_extra_minutes", "10"), 4242, reps);
  for (double x : kpi(nearest, prefix + "_redirected_share")) CHECK(x == 0.0);
  CHECK(paired_direction(nearest, steered, prefix + "_redirected_share") == 1);
  CHECK(paired_direction(nearest, steered, prefix + "_wait_minutes_mean") == -1);
  for (double x : kpi(steered, "lost_share")) CHECK(x == 0.0);
  return {std::move(nearest), std::move(steered)};
}

TEST_CASE("HAP post choice with insight: consults wait less at the posts, some drive further", "[model]") {
  nearby_choice("hap_choice", "hap", 6);
}

TEST_CASE("GGZ crisis team choice with insight: requests wait less, the teams drive further", "[model]") {
  // two crisis teams, Utrecht and Zeist
  const auto [nearest, steered] = nearby_choice("ggz_choice", "ggz", 16);
  CHECK(paired_direction(nearest, steered, "utilization_ggz_teams") == 1);  // the longer drives: team time
}

TEST_CASE("112 warm transfer and rides booked by the zcc move the chain the way their mechanisms imply", "[model]") {
  // the shipped zcc, ten weeks after two of warm-up, paired
  const auto zcc = [](const std::string& key, const std::string& value) {
    return models::Scenario::from_file(std::string(ZCCSIM_SCENARIO_DIR) + "/variants/zcc.yaml")
        .with_override("warmup_days", "14")
        .with_override("horizon_days", "70")
        .with_override(key, value);
  };
  SECTION("warm-transferring non-time-critical 112 calls: fewer rides, more zcc work, later care for some") {
    const Runs none = test::run(zcc("triage.dispatch.warm_transfer_share", "0"), 4242, 6);
    const Runs all = test::run(zcc("triage.dispatch.warm_transfer_share", "1"), 4242, 6);
    for (const char* k : {"warm_transfers_per_1000", "utilization_triage_ambulance",
                          "ride_requests_per_1000",      // the zcc's rides go back through the dispatch room
                          "time_to_care_minutes_U2"}) {  // the unwelcome part: a second triage first
      INFO(k);
      CHECK(paired_direction(none, all, k) == 1);
    }
    for (const char* k : {"ambulance_rides_per_1000", "urgent_rides_primary_care_share"}) {
      INFO(k);
      CHECK(paired_direction(none, all, k) == -1);
    }
    for (double x : kpi(none, "warm_transfers_per_1000")) CHECK(x == 0.0);
  }
  SECTION("the zcc booking its own rides takes work off the dispatch room") {
    const Runs via = test::run(zcc("zcc.books_ambulance_rides", "false"), 4242, 6);
    const Runs own = test::run(zcc("zcc.books_ambulance_rides", "true"), 4242, 6);
    CHECK(paired_direction(via, own, "utilization_dispatch") == -1);
    for (double x : kpi(via, "ride_requests_per_1000")) CHECK(x > 0.0);
  }
}

TEST_CASE("direct admission past the ED lowers ED visits and their ambulance share, not the rides", "[model]") {
  const auto base = models::Scenario::from_file(dir + "/small_region.yaml");
  const Runs none = test::run(base, 4242, 8);
  const Runs half = test::run(base.with_override("ambulance.direct_admission_share", "0.5"), 4242, 8);
  CHECK(paired_direction(none, half, "ed_visits_per_1000") == -1);
  CHECK(paired_direction(none, half, "ed_arrivals_by_ambulance_share") == -1);
  CHECK(paired_direction(none, half, "transport_destination_per_1000_direct_admission") == 1);
  CHECK(paired_direction(none, half, "transport_destination_per_1000_ed") == -1);
  // the vehicles drive the same rides to the same hospitals: rides and response times do not move at all
  for (const char* k : {"ambulance_rides_per_1000", "ambulance_no_transport_share", "a1_response_minutes_mean"}) {
    INFO(k);
    CHECK(kpi(none, k) == kpi(half, k));
  }
  for (double x : kpi(none, "transport_destination_per_1000_direct_admission")) CHECK(x == 0.0);
}

TEST_CASE("A1 from the call is never shorter than from the request", "[model]") {
  const Runs r = run_file("small_region.yaml", 4);
  const auto call = kpi(r, "a1_response_minutes_mean"), request = kpi(r, "a1_from_request_minutes_mean");
  const auto in_norm = kpi(r, "a1_within_15min_share"), in_norm_request = kpi(r, "a1_from_request_within_15min_share");
  for (std::size_t i = 0; i < call.size(); ++i) {
    CHECK(call[i] > request[i]);  // 112 calls take time before the request
    CHECK(in_norm[i] <= in_norm_request[i]);
  }
}

TEST_CASE("planned rides add B rides to hospitals, not ED visits", "[model]") {
  const auto base = models::Scenario::from_file(dir + "/small_region.yaml");
  const auto planned =
      base.with_override("demand.planned_rides",
                         "{per_1000_per_year: 15, profile: {weekday: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, "
                         "1, 1, 1, 1, 1, 1, 1, 1, 1], weekend: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, "
                         "1, 1, 1, 1, 1, 1, 1]}}");
  const Runs without = test::run(base, 4242, 8);
  const Runs with = test::run(planned, 4242, 8);
  CHECK(paired_direction(without, with, "ambulance_rides_per_1000") == 1);
  CHECK(paired_direction(without, with, "ambulance_urgent_share") == -1);
  CHECK(paired_direction(without, with, "ed_arrivals_by_ambulance_share") == 0);
  const auto hospital = kpi(with, "transport_destination_per_1000_hospital");
  const auto added = kpi(with, "ambulance_rides_per_1000"), before = kpi(without, "ambulance_rides_per_1000");
  for (std::size_t i = 0; i < hospital.size(); ++i) {
    CHECK(hospital[i] == Approx(15.0).epsilon(0.1));  // every planned ride ends at a hospital
    CHECK(added[i] - before[i] == Approx(hospital[i]).epsilon(0.02));
  }
  for (double x : kpi(without, "transport_destination_per_1000_hospital")) CHECK(x == 0.0);
  for (double x : kpi(with, "lost_share")) CHECK(x == 0.0);
}
TEST_CASE("the cost views of a run: the headline is the tariffs paid + the zcc's own costs, nothing else", "[model]") {
  const Runs r = run_file("small_region.yaml", 3);
  const auto paid = kpi(r, "cost_activities_meur_per_year"), total = kpi(r, "cost_total_meur_per_year"),
             zcc = kpi(r, "cost_zcc_meur_per_year"), resources = kpi(r, "cost_resources_meur_per_year"),
             hap_gp = kpi(r, "cost_resource_group_meur_per_year_hap_gp");
  const auto sum_of = [&](const char* prefix, std::size_t i) {
    double s = 0;
    for (std::size_t k = 0; k < r.names.size(); ++k)
      if (r.names[k].rfind(prefix, 0) == 0) s += r.rows[i][k];
    return s;
  };
  for (std::size_t i = 0; i < paid.size(); ++i) {
    INFO("replication " << i);
    CHECK(paid[i] > 0.0);
    // small_region.yaml: two zcc locations with insight, 850,000 euro each a year
    CHECK(zcc[i] == Approx(1.7).epsilon(1e-12));
    // the HAP GP hours (resource view) are not in what is paid: the headline is exactly tariffs + zcc
    CHECK(hap_gp[i] > 0.0);
    CHECK(total[i] == Approx(paid[i] + zcc[i]).epsilon(1e-12));
    // the splits sum to their totals: by payer and by provider to the tariffs paid, by group to the resources
    CHECK(sum_of("cost_paid_meur_per_year_", i) == Approx(paid[i]).epsilon(1e-12));
    CHECK(sum_of("cost_paid_to_meur_per_year_", i) == Approx(paid[i]).epsilon(1e-12));
    CHECK(sum_of("cost_resource_group_meur_per_year_", i) == Approx(resources[i]).epsilon(1e-12));
    // small_region.yaml: placements and bed days are paid by the Wlz, so the Wlz pays the beds, all of them
    CHECK(kpi(r, "cost_paid_to_meur_per_year_beds")[i] > 0.0);
    CHECK(kpi(r, "cost_paid_meur_per_year_wlz")[i] ==
          Approx(kpi(r, "cost_paid_to_meur_per_year_beds")[i]).epsilon(1e-12));
  }
}

TEST_CASE("closing the one zcc location costs far more than closing one of three (resilience)", "[model]") {
  // the shipped closure pair, two weeks around the closed Saturday
  // (2025-03-01) after seven weeks of warm-up, paired
  const auto run = [](const std::string& variant) {
    const auto sc = models::Scenario::from_file(std::string(ZCCSIM_SCENARIO_DIR) + "/variants/" + variant)
                        .with_override("warmup_days", "49")
                        .with_override("horizon_days", "14");
    return test::run(sc, 4242, 6);
  };
  const Runs one = run("zcc.yaml"), one_closed = run("zcc_closed.yaml");
  const Runs three = run("three_locations.yaml"), three_closed = run("three_locations_closed.yaml");
  for (const Runs* r : {&one_closed, &three_closed}) {
    CHECK(r->conservation.created == r->conservation.ended + r->conservation.in_system);
    for (double x : kpi(*r, "lost_share")) CHECK(x == 0.0);
  }
  for (const Runs* r : {&one, &three})
    for (double x : kpi(*r, "closure_calls_per_1000")) CHECK(x == 0.0);
  // the closure shows in the existing KPIs: more hang-ups, more who give up
  // by every path, fewer answered within 2 minutes
  const std::vector<std::string> gave_up = {"gave_up_per_1000_calls_112", "gave_up_per_1000_ed",
                                            "gave_up_per_1000_own_gp", "gave_up_per_1000_stays_home"};
  CHECK(paired_direction(one, one_closed, "phone_abandoned_share") == 1);
  CHECK(paired_direction(one, one_closed, "answered_within_2min_share") == -1);
  for (const auto& k : gave_up) CHECK(paired_direction(one, one_closed, k) == 1);
  CHECK(paired_direction(three, three_closed, "phone_abandoned_share") == 1);
  // resilience: per replication, the rise from closing the one location is
  // many times the rise from closing one of three
  const auto rise = [](const Runs& base, const Runs& variant, const std::string& k) {
    const auto a = kpi(base, k), b = kpi(variant, k);
    double sum = 0;
    for (std::size_t i = 0; i < a.size(); ++i) sum += b[i] - a[i];
    return sum / static_cast<double>(a.size());
  };
  const double abandoned_one = rise(one, one_closed, "phone_abandoned_share"),
               abandoned_three = rise(three, three_closed, "phone_abandoned_share");
  double gave_up_one = 0, gave_up_three = 0;
  for (const auto& k : gave_up) gave_up_one += rise(one, one_closed, k), gave_up_three += rise(three, three_closed, k);
  INFO("abandoned share rise: one location " << abandoned_one << ", one of three " << abandoned_three);
  INFO("gave up per 1000 rise: one location " << gave_up_one << ", one of three " << gave_up_three);
  CHECK(abandoned_one > 4 * abandoned_three);
  CHECK(gave_up_one > 4 * gave_up_three);
  // the calls made during the closure: at the one location only those made
  // in its last two minutes are answered in time; at three, the two open
  // locations answer a third or more within 2 minutes
  for (double x : kpi(one_closed, "closure_answered_within_2min_share")) CHECK(x < 0.001);
  for (double x : kpi(three_closed, "closure_answered_within_2min_share")) CHECK(x > 0.3);
  for (double x : kpi(one_closed, "closure_abandoned_share")) CHECK(x > 0.9);
  for (double x : kpi(three_closed, "closure_abandoned_share")) CHECK(x < 0.5);
}

TEST_CASE("public holidays are out of hours: the HAP sees their patients, not the own GP (paired)", "[model]") {
  // the shipped region over Easter to Whit Monday 2025 (Easter Monday, King's
  // Day on a Saturday, Ascension Day, Whit Monday), holidays on and off
  const auto spring = [](const std::string& holidays) {
    return models::Scenario::from_file(std::string(ZCCSIM_SCENARIO_DIR) + "/midden_nederland.yaml")
        .with_override("start_date", "2025-04-14")
        .with_override("warmup_days", "7")
        .with_override("horizon_days", "56")
        .with_override("calendar.public_holidays", holidays);
  };
  const Runs off = test::run(spring("[]"), 4242, 6);
  const Runs on = test::run(spring("[easter_monday, kings_day, ascension_day, whit_monday]"), 4242, 6);
  // a Sunday's demand: more HAP calls, fewer daytime GP referrals to the ED
  // (the ED visits move both ways: not tested); the HAP's Sunday roster
  for (const char* k : {"hap_contacts_per_1000", "cost_resources_meur_per_year"}) {
    INFO(k);
    CHECK(paired_direction(off, on, k) == 1);
  }
  // the size: each of the three weekday holidays has a Sunday's HAP calls
  // (28.4 % of a week's profile against 8.6 %), 232 per 1,000 a year: +0.88 per
  // 1,000 a holiday, 17.2 per 1,000 a year over 56 days; self-triage adds ~1
  const auto d_on = kpi(on, "hap_contacts_per_1000"), d_off = kpi(off, "hap_contacts_per_1000");
  double diff = 0;
  for (std::size_t i = 0; i < d_on.size(); ++i) diff += (d_on[i] - d_off[i]) / static_cast<double>(d_on.size());
  CHECK(diff == Approx(18.2).epsilon(0.1));
  // office-hours patients (after 112 or a provider) go to the HAP, not their own GP
  CHECK(paired_direction(off, on, "daytime_gp_share") == -1);
  for (const Runs* r : {&off, &on})
    for (double x : kpi(*r, "lost_share")) CHECK(x == 0.0);
  // a period without a holiday in it runs exactly as without a calendar
  const auto winter = [](const std::string& holidays) {
    return models::Scenario::from_file(std::string(ZCCSIM_SCENARIO_DIR) + "/midden_nederland.yaml")
        .with_override("warmup_days", "7")
        .with_override("horizon_days", "28")
        .with_override("calendar.public_holidays", holidays);
  };
  CHECK(test::run(winter("[]"), 4242, 2).summary_json() ==
        test::run(winter("[christmas_day, easter_monday]"), 4242, 2).summary_json());
}
