// SPDX-License-Identifier: MIT
// Scenarios of either family, key-path overrides, and the paired comparison.
#include "models/acute/acute_config.hpp"
#include "io/yaml_reader.hpp"
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
