// SPDX-License-Identifier: MIT
// No patient vanishes, in any shipped scenario; and understaffing does not
// look cheaper because callers vanish: with fewer triagists the callers who
// give up load 112 and the ED, safety events rise, and every path they take
// is costed (paired against the default, common random numbers).
#include "models/acute/acute_loader.hpp"
#include "tests/common/kpi.hpp"
#include "tests/common/paired.hpp"
#include "tests/common/run.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

using namespace zccsim;

namespace {

const std::string scenario_dir = ZCCSIM_SCENARIO_DIR;

// Every scenario file under scenarios/ (experiments and data are not scenarios).
std::vector<std::string> shipped_scenarios() {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(scenario_dir)) {
    const std::string rel = fs::relative(e.path(), scenario_dir).generic_string();
    if (e.is_regular_file() && e.path().extension() == ".yaml" && rel.rfind("experiments/", 0) != 0 &&
        rel.rfind("data/", 0) != 0)
      out.push_back(rel);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// A scenario whose file name says a zcc location is closed (variants/*_closed.yaml: Saturday 2025-03-01, day 54).
bool has_closure(const std::string& rel) { return rel.find("_closed") != std::string::npos; }

// An acute scenario on a short horizon (five weeks after one of warm-up; eight
// with a closure, so that the run reaches it).
models::Scenario short_run(const std::string& rel) {
  const auto sc = models::Scenario::from_file(scenario_dir + "/" + rel);
  if (sc.model_name() != "acute") return sc;
  return sc.with_override("warmup_days", "7").with_override("horizon_days", has_closure(rel) ? "56" : "35");
}

}  // namespace

TEST_CASE("no patient is lost in any shipped scenario", "[model]") {
  const auto files = shipped_scenarios();
  CHECK(files.size() >= 22);  // midden_nederland, national, 10 regions, 7 variants, 3 network
  for (const std::string& rel : files) {
    DYNAMIC_SECTION(rel) {
      const test::Runs r = test::run(short_run(rel), 1, 2);
      for (const sim::Conservation& c : r.per_row) {
        CHECK(c.created > 0);
        CHECK(c.created == c.ended + c.in_system);
      }
      if (r.model == "acute") {
        // every record ended after care or on a counted path: none without either
        for (double x : test::kpi_column(r.names, r.rows, "lost_share")) CHECK(x == 0.0);
        // a closure scenario's calls during the closure were made (and counted)
        if (has_closure(rel))
          for (double x : test::kpi_column(r.names, r.rows, "closure_calls_per_1000")) CHECK(x > 0.0);
        const auto in_system = test::kpi_column(r.names, r.rows, "patients_in_system_at_end");
        for (std::size_t i = 0; i < r.rows.size(); ++i)
          CHECK(in_system[i] == static_cast<double>(r.per_row[i].in_system));
      }
    }
  }
}

TEST_CASE("no admitted patient is lost on the hospital paths: own bed, transfer of each kind, boarding", "[model]") {
  // three_hospitals.yaml (A surged, B its neighbour, C not) with fewer beds,
  // so that every path is taken: a bed at once, a transfer to the neighbour
  // and by LCPS, boarding; every admission is costed once its bed is taken
  const auto sc = models::Scenario::from_file(std::string(ZCCSIM_ACUTE_TEST_DIR) + "/three_hospitals.yaml")
                      .with_override("sites[0].hospital_beds", "30")
                      .with_override("sites[1].hospital_beds", "45")
                      .with_override("sites[2].hospital_beds", "45");
  const test::Runs r = test::run(sc, 5, 2);
  const auto& cfg = *sc.acute();
  const double per_1000 = cfg.own_population() / 1000.0;
  for (std::size_t i = 0; i < r.rows.size(); ++i) {
    INFO("replication " << i);
    const auto v = [&](const char* k) { return test::kpi_column(r.names, r.rows, k)[i]; };
    CHECK(r.per_row[i].created == r.per_row[i].ended + r.per_row[i].in_system);
    CHECK(v("lost_share") == 0.0);
    CHECK(v("patients_in_system_at_end") == static_cast<double>(r.per_row[i].in_system));
    CHECK(v("hospital_transfers_sent_per_1000_neighbour") > 0.0);
    CHECK(v("hospital_transfers_sent_per_1000_lcps") > 0.0);
    CHECK(v("hospital_boarded_share") > 0.0);
    // costed: the bed days of the admissions at the mean stay (boarders still waiting
    // at the end are not booked yet, and stays vary: within 15 %)
    const double admissions = v("hospital_admissions_per_1000") * per_1000;
    const double expected = admissions * cfg.hospital.los_days.mean() * cfg.costs.hospital_bed_day / 1e6;
    const double transfers = (v("hospital_transfers_sent_per_1000_region") +
                              v("hospital_transfers_sent_per_1000_neighbour") +
                              v("hospital_transfers_sent_per_1000_lcps")) *
                             per_1000 * cfg.costs.hospital_transfer / 1e6;
    CHECK(v("cost_paid_to_meur_per_year_hospital") == Approx(expected + transfers).epsilon(0.15));
  }
}

TEST_CASE("fewer triagists load 112 and the ED, raise safety events, and every path is costed", "[model]") {
  // the shipped zcc and its fewer_triagists variant, paired: 8
  // replications of ten weeks after two of warm-up
  const auto shortened = [](const std::string& rel) {
    return models::Scenario::from_file(scenario_dir + "/" + rel)
        .with_override("warmup_days", "14")
        .with_override("horizon_days", "70");
  };
  const auto base_sc = shortened("variants/zcc.yaml");
  const test::Runs base = test::run(base_sc, 2025, 8);
  const test::Runs fewer = test::run(shortened("variants/fewer_triagists.yaml"), 2025, 8);
  using test::paired_direction;
  for (const char* k : {"phone_abandoned_share",
                        "gave_up_per_1000_calls_112",  // the load elsewhere in the chain
                        "calls_112_per_1000", "gave_up_per_1000_ed", "ed_visits_per_1000", "gave_up_per_1000_own_gp",
                        "gave_up_per_1000_stays_home",  // safety
                        "late_care_per_1000_U1", "safety_events_per_1000", "cost_gave_up_meur_per_year"}) {
    INFO(k);
    CHECK(paired_direction(base, fewer, k) == 1);
  }
  for (const test::Runs* r : {&base, &fewer})
    for (double x : test::kpi_column(r->names, r->rows, "lost_share")) CHECK(x == 0.0);
  // the paths are costed: the care of callers who gave up costs at least their
  // ED visits and own-GP contacts (112 paths cost more on top; a few records
  // still in the system at the end are not yet booked, hence 0.9)
  const auto& cfg = *base_sc.acute();
  const double meur_per_1000 = cfg.own_population() / 1000.0 / 1e6;
  const double ed_tariff = cfg.costs.tariff[static_cast<std::size_t>(models::acute::Response::ed)];
  const auto ed = test::kpi_column(fewer.names, fewer.rows, "gave_up_per_1000_ed");
  const auto gp = test::kpi_column(fewer.names, fewer.rows, "gave_up_per_1000_own_gp");
  const auto cost = test::kpi_column(fewer.names, fewer.rows, "cost_gave_up_meur_per_year");
  for (std::size_t i = 0; i < cost.size(); ++i) {
    const double floor = (ed[i] * ed_tariff + gp[i] * cfg.costs.own_gp_contact) * meur_per_1000;
    INFO("replication " << i << ": cost of the paths " << cost[i] << " M euro a year, ED and own GP alone " << floor);
    CHECK(floor > 0.0);
    CHECK(cost[i] >= 0.9 * floor);
  }
  // each part of the cost moves in its direction: the triagists' hours cost
  // less (the resource view), the callers' extra ED visits are paid for (the
  // price view); the ambulance rides of their 112 calls do not fall
  CHECK(paired_direction(base, fewer, "cost_resource_group_meur_per_year_triage_gp") == -1);
  CHECK(paired_direction(base, fewer, "cost_resources_meur_per_year") == -1);
  CHECK(paired_direction(base, fewer, "cost_paid_to_meur_per_year_ed") == 1);
  CHECK(paired_direction(base, fewer, "cost_paid_to_meur_per_year_ambulance") >= 0);
  CHECK(paired_direction(base, fewer, "cost_zcc_meur_per_year") == 0);  // the same location
  // the net is reported, not assumed: print it with its parts (the views are
  // never summed: the headline is what is paid + the zcc's own costs)
  for (const char* k : {"cost_total_meur_per_year", "cost_activities_meur_per_year", "cost_paid_to_meur_per_year_ed",
                        "cost_paid_to_meur_per_year_ambulance", "cost_paid_to_meur_per_year_hap",
                        "cost_resources_meur_per_year", "cost_resource_group_meur_per_year_triage_gp"}) {
    const auto a = test::kpi_column(base.names, base.rows, k), b = test::kpi_column(fewer.names, fewer.rows, k);
    std::vector<double> d(a.size());
    for (std::size_t i = 0; i < a.size(); ++i) d[i] = b[i] - a[i];
    const auto s = sim::summarize(d);
    WARN(k << ": fewer_triagists - zcc = " << s.mean << " +- " << s.ci95 << " (95 %)");
  }
}
