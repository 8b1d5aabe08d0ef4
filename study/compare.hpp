// SPDX-License-Identifier: MIT
// Paired comparison of scenario variants with common random numbers: every
// variant runs the same replication indices with the same seed, so its
// random streams match replication by replication.
#pragma once

#include "io/json.hpp"
#include "io/results_h5.hpp"
#include "scenario.hpp"
#include "exec/experiment.hpp"

#include <functional>
#include <string>
#include <vector>

namespace zccsim::models {

struct Comparison {
  std::string model;
  std::uint64_t seed = 0;
  std::vector<std::string> labels, files;
  std::vector<std::string> kpi_names;
  std::vector<std::vector<sim::Metrics>> rows;  // [variant][replication], only complete pairs
  std::vector<std::uint64_t> replications;      // the replication index of each paired row
  bool complete = true;
  std::uint64_t events = 0;

  sim::Summary mean(std::size_t variant, std::size_t kpi) const;
  // variant - first, paired per replication
  sim::Summary difference(std::size_t variant, std::size_t kpi) const;
};

// Labels default to the file stems (made unique). Throws ScenarioError when
// the variants differ in model or KPI names.
// `stream`, when given, also receives every row as it is final (task order:
// replication-major, variant v of replication r is point v), e.g. a results
// file (`zccsim compare --out`).
Comparison compare(const std::vector<Scenario>& variants, std::vector<std::string> labels, std::uint64_t seed,
                   std::uint64_t replications, const sim::ExecutionControl& control,
                   const sim::Executor& executor = sim::execute, sim::ResultSink* stream = nullptr);

// The header of a compare's results file: the first variant's, with one
// point per variant (its label; settings {file: PATH}; its scenario text).
io::ResultsFile compare_header(const std::vector<Scenario>& variants, const std::vector<std::string>& labels,
                               std::uint64_t seed);

// {"command": "compare", "model", "replications", "seed", "variants": [{label, file}],
//  "kpis": {NAME: {LABEL: {mean, ci95}, ..., "difference": {LABEL: {mean, ci95}}}}}
Json to_json(const Comparison& c);

// A unique label per file (its stem, with _2, _3 ... for repeats).
std::vector<std::string> labels_for(const std::vector<std::string>& files);

}  // namespace zccsim::models
