// SPDX-License-Identifier: MIT
// Today's chain (the default region, scenarios/midden_nederland.yaml)
// reproduces the published national figures: every "enforced" row of
// scenarios/calibration.csv must lie in its [low, high] band, so a change
// that moves a KPI off its figure fails here. The band must also be wider
// than the simulation's own noise (the 99 % interval is printed with each
// check, from 10 replications). "reported" and "held_out" rows are shown in scenarios/README.md
// (scripts/readme_tables), not enforced; this test checks they name KPIs.
#include "exec/experiment.hpp"
#include "models/acute/acute_model.hpp"
#include "tests/common/kpi.hpp"
#include "tests/common/run.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace zccsim;

namespace {

struct Row {
  std::string part, figure, kpi, source;
  double published = 0, low = 0, high = 0;
};

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out;
  std::string cell;
  std::istringstream in(line);
  while (std::getline(in, cell, ',')) out.push_back(cell);
  if (!line.empty() && line.back() == ',') out.emplace_back();
  return out;
}

std::vector<Row> calibration_rows() {
  const std::string path = std::string(ZCCSIM_SCENARIO_DIR) + "/calibration.csv";
  std::ifstream in(path);
  REQUIRE(in.good());
  std::vector<Row> rows;
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto c = split(line);
    INFO(path << ": " << line);
    REQUIRE(c.size() == 7);
    if (header) {
      CHECK(line == "part,figure,kpi,published,low,high,source");
      header = false;
      continue;
    }
    Row r{c[0], c[1], c[2], c[6]};
    r.published = std::stod(c[3]);
    if (r.part == "enforced") {
      r.low = std::stod(c[4]);
      r.high = std::stod(c[5]);
      CHECK(r.low <= r.published);
      CHECK(r.published <= r.high);
    } else {
      CHECK((r.part == "reported" || r.part == "held_out"));
    }
    rows.push_back(r);
  }
  return rows;
}

}  // namespace

TEST_CASE("today's chain reproduces the published national figures (scenarios/calibration.csv)",
          "[model][calibration]") {
  const auto rows = calibration_rows();
  const auto& names = models::acute::kpi_names();
  std::size_t enforced = 0;
  for (const Row& r : rows) {
    // every KPI a row names exists (a product: both factors)
    std::istringstream factors(r.kpi);
    for (std::string f; std::getline(factors, f, '*');) {
      INFO(r.figure << ": KPI " << f);
      CHECK(std::find(names.begin(), names.end(), f) != names.end());
    }
    enforced += r.part == "enforced";
  }
  REQUIRE(enforced >= 15);
  const auto run =
      test::run(models::Scenario::from_file(std::string(ZCCSIM_SCENARIO_DIR) + "/midden_nederland.yaml"), 2025, 10, 0);
  for (const Row& r : rows) {
    if (r.part != "enforced") continue;
    // s.ci95: the half-width of the 99 % interval (the level asked for)
    const sim::Summary s = sim::summarize(test::kpi_column(run.names, run.rows, r.kpi), 0.99);
    INFO(r.figure << " (" << r.kpi << "): simulated " << s.mean << " +- " << s.ci95 << " (99 %, " << s.n
                  << " replications), published " << r.published << ", accepted " << r.low << " to " << r.high << " ("
                  << r.source << ")");
    CHECK(s.n == run.rows.size());
    CHECK(s.ci95 < (r.high - r.low) / 2);  // the band is wider than the simulation noise
    CHECK(s.mean >= r.low);
    CHECK(s.mean <= r.high);
  }
  CHECK(run.conservation.created == run.conservation.ended + run.conservation.in_system);
}
