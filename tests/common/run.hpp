// SPDX-License-Identifier: MIT
// Replications of a scenario for the tests, through the one pipeline every
// entry point uses (run_experiment), rows in replication order.
#pragma once

#include "io/summary_json.hpp"
#include "study/scenario.hpp"
#include "study/sweep.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace zccsim::test {

struct Runs {
  std::string model, summary_key;
  std::uint64_t seed = 0;
  std::vector<std::string> names;          // the scenario's KPI names
  std::vector<sim::Metrics> rows;          // one per replication, in replication order
  std::vector<sim::Conservation> per_row;  // one per replication
  sim::Conservation conservation;          // summed over replications
  std::uint64_t events = 0;
  models::ExperimentReport report;  // what run_experiment said (summaries per KPI)

  // The JSON summary `zccsim run --json` writes for these rows.
  std::string summary_json() const {
    return models::json_text(models::summary_document(model, seed, summary_key, names, rows.size(), report.kpis.at(0)));
  }
};

// Replications 0..replications-1 of `sc` on `threads` threads (0: all cores).
inline Runs run(const models::Scenario& sc, std::uint64_t seed, std::uint64_t replications, unsigned threads = 0) {
  struct Sink final : sim::ResultSink {
    explicit Sink(Runs& r) : out(r) {}
    void accept(std::size_t, const sim::Task&, sim::TaskResult&& r) override {
      out.rows.push_back(std::move(r.metrics));
      out.per_row.push_back(r.conservation);
      out.conservation.created += r.conservation.created;
      out.conservation.ended += r.conservation.ended;
      out.conservation.in_system += r.conservation.in_system;
      out.events += r.events;
    }
    Runs& out;
  };
  Runs runs{sc.model_name(), sc.summary_key(), seed, sc.kpi_names(), {}, {}, {}, 0, {}};
  Sink sink(runs);
  sim::ExecutionControl control;
  control.threads = threads;
  runs.report =
      models::run_experiment(models::run_of(sc, seed, replications), control, sim::execute, {.stream = &sink});
  return runs;
}

}  // namespace zccsim::test
