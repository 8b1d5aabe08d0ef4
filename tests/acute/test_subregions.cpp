// SPDX-License-Identifier: MIT
// KPIs per sub-region (issue #10, mechanism 9): the acute scenario's KPI
// table adds them after the region-wide columns, labelled by the own areas'
// sub-regions; every patient counts under their area's sub-region, so the
// sub-regions' values add up (counts, rates weighted by population, costs)
// or average (shares, means, a quantile) to the region-wide value.
#include "models/acute/kpis.hpp"
#include "models/acute/acute_model.hpp"
#include "study/registry.hpp"
#include "tests/common/kpi.hpp"
#include "tests/common/run.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

using namespace zccsim;
using namespace zccsim::models::acute;

namespace {

const std::string dir = ZCCSIM_ACUTE_TEST_DIR;

models::Scenario small_region() { return models::Scenario::from_file(dir + "/small_region.yaml"); }

// small_region.yaml without sub-regions: its areas have none, its zcc
// locations list none
models::Scenario without_subregions() {
  return small_region()
      .with_override("zcc.locations[0].subregions", "[]")
      .with_override("zcc.locations[1].subregions", "[]")
      .with_override("areas", "[{name: north, population: 60000, lat: 52.20, lon: 5.20, region: home},"
                              " {name: centre, population: 100000, lat: 52.10, lon: 5.15, region: home},"
                              " {name: south, population: 40000, lat: 52.00, lon: 5.25, region: home}]");
}

double value(const test::Runs& r, std::size_t row, const std::string& name) {
  return r.rows.at(row).at(test::kpi_index(r.names, name));
}

}  // namespace

TEST_CASE("the per-sub-region KPIs follow the region-wide columns, labelled by the own sub-regions", "[model]") {
  const auto sc = small_region();
  const sim::KpiTable& t = *sc.loaded().kpi_table();
  const auto& names = sc.kpi_names();
  CHECK(t.columns() == names);
  // the region-wide columns first, unchanged
  REQUIRE(names.size() > kpi_names().size());
  CHECK(std::equal(kpi_names().begin(), kpi_names().end(), names.begin()));
  REQUIRE(t.dimensions.back().name == "subregion");
  CHECK(t.dimensions.back().labels == std::vector<std::string>{"a", "b"});
  const std::size_t n = 2;
  CHECK(names.size() == column_count(*sc.acute()));
  CHECK(names.size() == column_count() + n * (subregion_kpi_count - 1 + urgency_count));
  // column() is the table's layout, for every KPI, sub-region and urgency
  for (std::size_t k = 0; k < subregion_kpi_count; ++k) {
    const auto id = static_cast<SubregionKpi>(k);
    const std::string& base = t.kpis.at(kpi_count + k).name;
    for (std::size_t s = 0; s < n; ++s) {
      const std::string label = s == 0 ? "a" : "b";
      if (id == SubregionKpi::time_to_care_minutes) {
        for (std::size_t u = 0; u < urgency_count; ++u)
          CHECK(names.at(column(id, n, s, u)) == base + "_" + label + "_U" + std::to_string(u));
      } else {
        CHECK(names.at(column(id, n, s)) == base + "_" + label);
      }
    }
  }
  CHECK(names.at(column(SubregionKpi::ed_visits_per_1000, n, 1)) == "ed_visits_per_1000_subregion_b");
  CHECK(names.back() == "hospital_transfers_received_per_1000_subregion_b");
  // the family's table stays the region-wide one
  CHECK(models::model_family("acute").kpi_table()->columns() == kpi_names());
}

TEST_CASE("a scenario without sub-regions has no per-sub-region KPIs; own areas without one are 'none'", "[model]") {
  const auto plain = without_subregions();
  CHECK(plain.acute()->subregions.empty());
  CHECK(plain.kpi_names() == kpi_names());
  CHECK(plain.run(3, 0).metrics.size() == kpi_names().size());
  // one own area without a sub-region: a label of its own, last
  const auto mixed =
      small_region().with_override("areas[0]", "{name: north, population: 60000, lat: 52.20, lon: 5.20, region: home}");
  CHECK(mixed.acute()->subregions == std::vector<std::string>{"a", "b", "none"});
  const auto& names = mixed.kpi_names();
  CHECK(std::find(names.begin(), names.end(), "population_subregion_none") != names.end());
  CHECK(mixed.run(3, 0).metrics.size() == names.size());
}

TEST_CASE("the sub-regions' KPIs add up to the region-wide ones", "[model]") {
  const auto sc = small_region();
  const test::Runs r = test::run(sc, 4242, 3);
  const std::vector<std::string> subs{"a", "b"};
  const double own = sc.acute()->own_population();
  const auto sub = [&](std::size_t row, const std::string& kpi, const std::string& s) {
    return value(r, row, kpi + "_subregion_" + s);
  };
  for (std::size_t row = 0; row < r.rows.size(); ++row) {
    INFO("replication " << row);
    double population = 0;
    for (const auto& s : subs) population += sub(row, "population", s);
    CHECK(population == own);
    CHECK(sub(row, "population", "a") == 160000.0);
    // rates per 1,000, weighted by population: the region-wide rate
    for (const std::string kpi : {"patients_per_1000", "hap_contacts_per_1000", "ed_visits_per_1000",
                                  "ambulance_rides_per_1000", "safety_events_per_1000"}) {
      INFO(kpi);
      double weighted = 0;
      for (const auto& s : subs) weighted += sub(row, kpi, s) * sub(row, "population", s);
      CHECK(value(r, row, kpi) > 0);
      CHECK(weighted / own == Approx(value(r, row, kpi)).epsilon(1e-12));
    }
    // cost per inhabitant, weighted by population: the headline total
    double cost = 0;
    for (const auto& s : subs) cost += sub(row, "cost_per_inhabitant", s) * sub(row, "population", s);
    CHECK(cost / 1e6 == Approx(value(r, row, "cost_total_meur_per_year")).epsilon(1e-12));
    // shares, means and the p95 of the whole lie between the sub-regions'
    const auto between = [&](const std::string& whole, const std::string& kpi) {
      INFO(kpi);
      const double v = value(r, row, whole), x = sub(row, kpi, "a"), y = sub(row, kpi, "b");
      REQUIRE(!std::isnan(v));
      CHECK(v >= std::min(x, y) - 1e-9);
      CHECK(v <= std::max(x, y) + 1e-9);
      CHECK(x != y);  // the sub-regions differ: the KPI is not the region's copied
    };
    between("phone_abandoned_share", "phone_abandoned_share");
    between("a1_within_15min_share", "a1_within_15min_share");
    between("a1_response_minutes_p95", "a1_response_minutes_p95");
    for (std::size_t u = 0; u < urgency_count; ++u) {
      const std::string U = "_U" + std::to_string(u);
      const double v = value(r, row, "time_to_care_minutes" + U);
      if (std::isnan(v)) continue;
      const double x = value(r, row, "time_to_care_minutes_subregion_a" + U),
                   y = value(r, row, "time_to_care_minutes_subregion_b" + U);
      INFO("U" << u);
      CHECK(v >= std::min(x, y) - 1e-9);
      CHECK(v <= std::max(x, y) + 1e-9);
    }
  }
  // they reach the JSON summary of `zccsim run --json`
  const std::string json = r.summary_json();
  CHECK(json.find("\"ed_visits_per_1000_subregion_b\"") != std::string::npos);
  CHECK(json.find("\"time_to_care_minutes_subregion_a_U0\"") != std::string::npos);
}
