// SPDX-License-Identifier: MIT
// Sweeps: a base scenario, a grid (or list) of overrides by key path, and
// replications of every point; optionally replications are added until the
// chosen KPIs are precise enough. The CLI (`zccsim sweep EXP.yaml`) and the
// Python bindings both use this.
//
// Experiment file (YAML):
//   base: ../scenarios/midden_nederland.yaml   # relative to this file
//   replications: 20                           # per point (the first round with precision)
//   seed: 1
//   grid:                                      # cartesian product, in key order
//     capacity_insight: [true, false]
//     "zcc.locations[0].rosters.gp": [3, 4, 5]
//   points:                                    # and/or an explicit list
//     - {label: no_zcc, set: {"triage.mode": fragmented, "zcc.locations": []}}
//   precision:                                 # optional
//     kpis: [a1_within_15min_share]
//     relative: 0.02          # stop when every listed KPI's 95 % half-width <= 2 % of |mean| ...
//     absolute: 0.0           # ... or <= this (either suffices; default 0)
//     max_replications: 200   # per point, a cap
//     batch: 10               # replications added per round
#pragma once

#include "compare.hpp"  // Executor
#include "scenario.hpp"
#include "sim/experiment.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace zccsim::models {

struct SweepPoint {
  std::string label;  // "capacity_insight=false, zcc.locations[0].rosters.gp=4" unless given
  std::vector<std::pair<std::string, std::string>> settings;  // (key path, YAML value)
};

struct Precision {
  std::vector<std::string> kpis;
  double relative = 0.0, absolute = 0.0;
  std::uint64_t max_replications = 100, batch = 10;
};

struct Experiment {
  std::string path, text;  // the experiment file (empty when built in code)
  Scenario base;
  std::vector<SweepPoint> points;
  std::uint64_t replications = 10, seed = 1;
  std::optional<Precision> precision;
};

// Reads and checks an experiment file; errors are ScenarioError with the
// experiment file's line and column (or the scenario's, for a bad value
// that the scenario rejects, naming the point).
Experiment load_experiment(const std::string& path);

// The scenario of one point: the base with the point's settings applied.
Scenario point_scenario(const Experiment& e, std::size_t point);

struct SweepResult {
  std::vector<std::string> kpi_names;
  std::vector<std::uint32_t> point;        // per row
  std::vector<std::uint64_t> replication;  // per row
  std::vector<sim::Metrics> rows;          // sorted by (point, replication)
  bool complete = true;
  std::uint64_t events = 0;
};

// Runs every point. Replication r of every point uses streams (seed, r, ...),
// so points are paired like compare's variants. With precision, rounds of
// `batch` replications are added to the points that are not yet precise.
// `stream`, when given, receives every row as soon as it is final (in task
// order) so callers can write results without holding them all.
SweepResult run_sweep(const Experiment& e, const sim::ExecutionControl& control, const Executor& executor = sim::execute,
                      sim::ResultSink* stream = nullptr);

}  // namespace zccsim::models
