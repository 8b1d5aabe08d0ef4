// SPDX-License-Identifier: MIT
// Paired comparison of scenario variants with common random numbers: every
// variant runs the same replication indices with the same seed, so its
// random streams match replication by replication.
#pragma once

#include "io/json.hpp"
#include "io/results.hpp"
#include "scenario.hpp"
#include "exec/experiment.hpp"

#include <string>
#include <vector>

namespace zccsim::models {

// Runs an experiment with one point per variant (run_experiment) and returns
// its results: the header of compare_header, and the rows of the
// replications every variant finished (an interrupted compare keeps complete
// pairs), sorted by (variant, replication); io::point_summaries and
// io::paired_differences summarize them. Labels default to the file stems
// (made unique). Throws ScenarioError when the variants differ in model or KPI
// names. `stream`, when given, also receives every row as it is final (task
// order: replication-major, variant v of replication r is point v), e.g. a
// results file (`zccsim compare --out`).
io::Results compare(const std::vector<Scenario>& variants, std::vector<std::string> labels, std::uint64_t seed,
                    std::uint64_t replications, const sim::ExecutionControl& control,
                    const sim::Executor& executor = sim::execute, sim::ResultSink* stream = nullptr);

// The header of a compare's results file: the first variant's, with one
// point per variant (its label; settings {file: PATH}; its scenario text).
io::Results compare_header(const std::vector<Scenario>& variants, const std::vector<std::string>& labels,
                           std::uint64_t seed);

// {"command": "compare", "model", "replications", "seed", "variants": [{label, file}],
//  "kpis": {NAME: {LABEL: {mean, ci95}, ..., "difference": {LABEL: {mean, ci95}}}},
//  "budget": budget_json(...) of cost_total_meur_per_year (budget.hpp), only when a variant has a budget section}
// of compare's results `c` of the variants read from `files`.
Json compare_json(const io::Results& c, const std::vector<std::string>& files);

// A unique label per file (its stem, with _2, _3 ... for repeats).
std::vector<std::string> labels_for(const std::vector<std::string>& files);

}  // namespace zccsim::models
