// SPDX-License-Identifier: MIT
// Scenarios of either family, key-path overrides, and the paired comparison.
#include "models/acute/acute_config.hpp"
#include "io/yaml_reader.hpp"
#include "study/budget.hpp"
#include "study/compare.hpp"
#include "study/registry.hpp"
#include "study/scenario.hpp"
#include "tests/common/kpi.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace zccsim;
using models::Scenario;

namespace {
const std::string acute_dir = ZCCSIM_ACUTE_TEST_DIR;
const std::string scenario_dir = ZCCSIM_SCENARIO_DIR;

// equal element by element, NaN equal to NaN
bool same(const sim::Metrics& a, const sim::Metrics& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!(a[i] == b[i] || (std::isnan(a[i]) && std::isnan(b[i])))) return false;
  return true;
}

std::size_t kpi_index(const Scenario& s, const std::string& name) { return test::kpi_index(s.kpi_names(), name); }
}  // namespace

TEST_CASE("a Scenario reads either model family and runs replications", "[study]") {
  const auto net = Scenario::from_file(scenario_dir + "/network/mmc.yaml");
  CHECK(net.model_name() == "network");
  CHECK(net.summary_key() == "nodes");
  CHECK(net.kpi_names().front() == "q.arrivals");
  const auto acute = Scenario::from_file(acute_dir + "/small_region.yaml");
  CHECK(acute.model_name() == "acute");
  CHECK(acute.name() == "small test region");
  const auto a = acute.run(3, 1), b = acute.run(3, 1), c = acute.run(3, 2);
  CHECK(same(a.metrics, b.metrics));
  CHECK_FALSE(same(a.metrics, c.metrics));
  CHECK(a.events > 0);
}

TEST_CASE("key paths read and override values; the result is validated again", "[study]") {
  const auto base = Scenario::from_file(acute_dir + "/small_region.yaml");
  CHECK(base.get("capacity_insight") == "true");
  CHECK(base.get("zcc.locations[1].name") == "south");
  CHECK(base.get("demand.hap_calls.per_1000_per_year") == "240");
  const auto more = base.with_override("demand.hap_calls.per_1000_per_year", "480");
  CHECK(more.get("demand.hap_calls.per_1000_per_year") == "480");
  CHECK(base.get("demand.hap_calls.per_1000_per_year") == "240");  // the original is untouched
  const auto k = kpi_index(base, "hap_contacts_per_1000");
  CHECK(more.run(1, 0).metrics[k] > 1.7 * base.run(1, 0).metrics[k]);
  const auto roster = base.with_override("zcc.locations[0].rosters.gp", "5");
  CHECK(roster.acute()->zcc.locations[0].rosters[0][100] == 5u);
  // an invalid value names where it came from, with the allowed values
  try {
    (void)base.with_override("triage.mode", "sometimes", "exp.yaml");
    FAIL("no error");
  } catch (const models::ScenarioError& e) {
    CHECK(std::string(e.what()).rfind("exp.yaml:1:1: unknown triage mode 'sometimes'; allowed: zcc, fragmented", 0) ==
          0);
  }
  // an unknown path lists what is there
  try {
    (void)base.get("zcc.locatons");
    FAIL("no error");
  } catch (const models::ScenarioError& e) {
    CHECK(std::string(e.what()) ==
          "key path 'zcc.locatons': no key 'locatons' in 'zcc'; keys there: pooling, overflow_after_minutes, "
          "patient_hours, locations");
  }
  CHECK_THROWS_AS(base.get("zcc.locations[7]"), models::ScenarioError);
  // reading never changes the scenario
  CHECK(base.get("capacity_insight") == "true");
  CHECK(base.get("zcc.pooling") == "pooled");
}

TEST_CASE("pairing (common random numbers) narrows the interval of a difference", "[study]") {
  const auto a = Scenario::from_file(acute_dir + "/small_region.yaml");
  const auto b = Scenario::from_file(acute_dir + "/variant_fewer_triagists.yaml");
  // 16 replications: with 8 the estimate of the narrowing itself is noisy
  // (answered_within_30s_share narrows by about 25 %, the bar below)
  const std::uint64_t reps = 16;
  const auto paired = models::compare({a, b}, {}, 11, reps, {});
  // rows sorted by (variant, replication): variant v's replication r is row v * reps + r
  REQUIRE(paired.rows() == 2 * reps);
  for (std::size_t i = 0; i < paired.rows(); ++i) REQUIRE(paired.replication[i] == i % reps);
  const auto paired_differences = models::io::paired_differences(paired, 1);
  // independent runs: B with another seed, so its streams do not match A's
  const auto independent = models::compare({a, b}, {}, 12, reps, {});
  // safety events, not a time to care: every urgency's mean time to care
  // includes patients who call again hours later (after giving up, or left
  // at home by an ambulance crew), whose tail makes the two estimates of the
  // effect too noisy to compare
  for (const char* kpi : {"answered_within_30s_share", "cost_per_patient", "ed_visits_per_1000",
                          "hap_contacts_per_1000", "a1_response_minutes_mean", "safety_events_per_1000"}) {
    const auto k = kpi_index(a, kpi);
    std::vector<double> d;
    for (std::size_t r = 0; r < reps; ++r) d.push_back(independent.row(reps + r)[k] - paired.row(r)[k]);
    const auto unpaired = sim::summarize(d);
    const auto pair = paired_differences[k];
    INFO(kpi << ": paired difference " << pair.mean << " +- " << pair.ci95 << ", independent " << unpaired.mean
             << " +- " << unpaired.ci95);
    CHECK(pair.ci95 < 0.75 * unpaired.ci95);
    CHECK(std::abs(pair.mean - unpaired.mean) < unpaired.ci95);  // the same effect, estimated twice
  }
  // a comparison of a scenario with itself differs by exactly zero
  const auto self = models::compare({a, a}, {}, 5, 3, {});
  CHECK(self.point_labels == std::vector<std::string>{"small_region", "small_region_2"});
  for (const auto& d : models::io::paired_differences(self, 1))
    if (!std::isnan(d.mean)) CHECK(d.mean == 0.0);
}

TEST_CASE("the budget view: ramp-up, one-off costs, cumulative and net present value by hand", "[study][budget]") {
  // the variant costs 2 M euro a year less (+- 0.1); three years, half the
  // effect in the first; one-off 1.25 and 0.5; 4 % a year, year 1 undiscounted
  const std::vector<double> ramp{0.5, 1, 1}, one_off{1.25, 0.5, 0};
  sim::Summary d;
  d.mean = -2.0;
  d.ci95 = 0.1;
  const auto v = models::budget_view(ramp, one_off, 0.04, d);
  CHECK(v.yearly_saving == 2.0);
  REQUIRE(v.years.size() == 3);
  CHECK(v.years[0].saving == 1.0);
  CHECK(v.years[0].net == -0.25);
  CHECK(v.years[1].net == 1.5);
  CHECK(v.years[2].net == 2.0);
  CHECK(v.years[2].cumulative == 3.25);
  CHECK(v.years[0].discount_factor == 1.0);
  CHECK(v.years[2].discount_factor == Approx(1 / 1.0816).epsilon(1e-15));
  // -0.25 + 1.5 / 1.04 + 2 / 1.0816
  CHECK(v.npv == Approx(3.0414201183431953).epsilon(1e-14));
  // 0.1 x (0.5 + 1 / 1.04 + 1 / 1.0816)
  CHECK(v.npv_ci95 == Approx(0.23860946745562130).epsilon(1e-14));
  CHECK(v.years[0].saving_ci95 == 0.05);
}

TEST_CASE("compare gives a budget view for each variant with a budget section", "[study][budget]") {
  const auto a = Scenario::from_file(acute_dir + "/small_region.yaml").with_override("horizon_days", "14");
  const auto b =
      a.with_override("capacity_insight", "false")
          .with_override("budget",
                         "{years: 2, ramp_up: [0.5, 1], one_off_meur: {project: [0.5, 0], training: [0.1, 0]},"
                         " discount_rate: 0}");
  const auto c = models::compare({a, b}, {"base", "variant"}, 3, 4, {});
  const auto views = models::compare_budgets(c);
  REQUIRE(views.size() == 1);  // the base has none
  const auto& v = views[0];
  CHECK(v.variant == "variant");
  const auto d = models::io::paired_differences(c, 1)[kpi_index(a, "cost_total_meur_per_year")];
  CHECK(v.yearly_saving == -d.mean);
  // without discounting the net present value is the sum of the nets
  CHECK(v.npv == Approx(1.5 * -d.mean - 0.6).epsilon(1e-12));
  CHECK(v.years[1].cumulative == v.npv);
  const auto j = models::json_text(models::compare_json(c, {"a.yaml", "b.yaml"}));
  CHECK(j.find("\"budget\"") != std::string::npos);
  CHECK(j.find("\"npv\"") != std::string::npos);
  // no budget section: no budget key
  CHECK(models::json_text(models::compare_json(models::compare({a, a}, {}, 3, 2, {}), {"a.yaml", "a.yaml"}))
            .find("budget") == std::string::npos);
  // a baseline with a budget is not the chain before the change: none either
  CHECK(
      models::compare_budgets(models::compare({b, b.with_override("capacity_insight", "true")}, {}, 3, 2, {})).empty());
}

TEST_CASE("the model-family registry is the one list of families", "[study][registry]") {
  const auto& families = models::model_families();
  REQUIRE(families.size() == 2);
  CHECK(families[0].name == "network");
  CHECK(families[1].name == "acute");
  // a scenario names its family, and an unknown one is refused with the registry's names
  CHECK(Scenario::from_file(scenario_dir + "/network/mmc.yaml").model_name() == "network");
  const auto acute = Scenario::from_file(acute_dir + "/small_region.yaml");
  CHECK(acute.model_name() == "acute");
  CHECK(acute.loaded().headline_kpis().size() < acute.kpi_names().size());
  CHECK_THROWS_WITH(Scenario::from_text("model: queue\n", "x.yaml"),
                    Catch::Contains("x.yaml:1:8") && Catch::Contains("network, acute"));
}
