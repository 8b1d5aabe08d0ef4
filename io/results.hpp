// SPDX-License-Identifier: MIT
// Results in memory: the one shape every entry point hands results in. A run,
// a compare, a sweep and a results file (io/results_h5.hpp reads and writes
// exactly this) are all rows of (point, replication) with a KPI vector and
// conservation counts each, the header that says what made them, and the
// detail (hourly series, event log) of one replication. Columns, so Python
// hands them to numpy without a copy.
#pragma once

#include "exec/experiment.hpp"
#include "sim/records.hpp"
#include "sim/summary.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace zccsim::models::io {

using sim::Conservation;
using sim::HourlySeries;
using sim::LogRecord;

struct Results {
  // ---- what made them (the results file's header) ----
  std::string model;             // the model family: "acute" or "network"
  std::string model_version;     // the family's model version ("" in files of zccsim 0.3)
  std::string kpi_table_sha256;  // SHA-256 of the KPI table ("" in files of zccsim 0.3)
  std::string scenario_text;     // the resolved scenario YAML
  std::string scenario_path;
  std::string experiment_text;  // a sweep's experiment file ("" otherwise)
  std::string version;          // the zccsim version that made them
  std::uint64_t seed = 0;
  std::vector<std::string> kpi_names;
  std::vector<std::string> point_labels;     // a label per point; empty = one point "run" (normalize)
  std::vector<std::string> point_settings;   // YAML of each point's overrides ("{}" for none)
  std::vector<std::string> point_scenarios;  // compare: each variant's resolved scenario; else empty
  bool complete = true;                      // false when the run was interrupted (finished rows only)
  std::string shard;                         // "" or "i/N" (--shard)

  // ---- the rows, in columns ----
  std::vector<std::uint32_t> point;        // per row
  std::vector<std::uint64_t> replication;  // per row
  std::vector<double> values;              // row-major, rows() x kpi_names.size(); NaN = not defined
  std::vector<Conservation> conservation;  // per row, or empty (files of zccsim 0.3)

  // ---- the detail of one replication: hourly series, event log (may be empty) ----
  sim::Detail detail;
  std::uint64_t detail_replication = 0;  // the replication it belongs to

  // ---- of the run in this process (not stored in a file) ----
  std::uint64_t events = 0;   // simulated events
  std::vector<bool> precise;  // a sweep with precision: per point, every listed KPI met the target

  std::size_t rows() const noexcept { return replication.size(); }
  // The KPI values of row r.
  std::span<const double> row(std::size_t r) const;
  // Appends a row: `metrics` must have kpi_names.size() values (std::logic_error).
  void add_row(std::uint32_t p, std::uint64_t r, std::span<const double> metrics, const Conservation& c);
  // Drops the rows, keeping the header and the detail.
  void clear_rows() noexcept;
  // Replaces the rows by those of `from` (whose header is not looked at).
  void take_rows(Results&& from) noexcept;
};

// The canonical form: at least one point label ("run") and a settings entry
// per label ("{}" when missing).
void normalize(Results& r);

// Sorts the rows by (point, replication); rows of equal keys keep their order.
void sort_rows(Results& r);

// Keeps only the replications every point has (a compare stopped midway keeps
// complete pairs), in their order.
void keep_complete_pairs(Results& r);

// Per KPI, the summary of point p's rows in their order.
std::vector<sim::Summary> point_summaries(const Results& r, std::uint32_t p);

// Per KPI, the summary of the paired difference point p - point `against`
// over the replications both have (common random numbers: the same
// replication index is the same patients), in point p's row order.
std::vector<sim::Summary> paired_differences(const Results& r, std::uint32_t p, std::uint32_t against = 0);

// The in-memory sink of run_experiment: every row, the event count and the
// detail go into a Results (whose header the caller sets).
class ResultsSink final : public sim::ResultSink {
 public:
  explicit ResultsSink(Results& into) : into_(into) {}
  void accept(std::size_t index, const sim::Task& task, sim::TaskResult&& result) override;

 private:
  Results& into_;
};

}  // namespace zccsim::models::io
