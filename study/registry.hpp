// SPDX-License-Identifier: MIT
// The model-family registry: every family (`model: acute`, `model: network`)
// says here how it is loaded from a scenario and what it gives: its KPI
// names, one replication's record, its summary table and its validation
// report. Scenario, compare, sweeps, the CLI and Python reach a model only
// through this. A third family is added in one place: families.cpp.
#pragma once

#include "exec/experiment.hpp"
#include "sim/summary.hpp"

#include <memory>
#include <string>
#include <vector>

namespace zccsim::models {

class YamlReader;

// A family's scenario, loaded and validated; immutable, shared by copies of
// a Scenario and used from several threads at once.
class LoadedModel {
 public:
  virtual ~LoadedModel() = default;
  // KPI (acute) or metric (network, "node.metric") names of a replication's row.
  virtual const std::vector<std::string>& kpi_names() const noexcept = 0;
  // The family's KPI table (names, units, directions, dimensions), when it
  // declares one; its columns are kpi_names(). Null: names only (network).
  virtual const sim::KpiTable* kpi_table() const noexcept { return nullptr; }
  // The KPIs the terminal tables of compare and sweep show (all when empty).
  virtual const std::vector<std::string>& headline_kpis() const noexcept = 0;
  // The scenario's display name (`name:`, or the file when it has none).
  virtual const std::string& display_name() const noexcept = 0;
  // The JSON key the summary goes under ("kpis", "nodes").
  virtual std::string summary_key() const = 0;
  // One replication: a pure function of (scenario, seed, replication); with
  // `detail`, the record carries the asked-for detail (families without
  // hourly series or an event log leave it null).
  virtual sim::TaskResult run(std::uint64_t seed, std::uint64_t replication,
                              const sim::DetailOptions& detail) const = 0;
  // What `zccsim validate` prints after the file name line; sets `overloaded`
  // when a resource's offered load is >= 1.
  virtual std::string validation_report(const std::string& path, bool& overloaded) const = 0;
  // The terminal summary of `zccsim run`: `kpis` summarizes `replications`
  // replications, one per KPI name.
  virtual std::string summary_table(std::uint64_t replications, const std::vector<sim::Summary>& kpis) const = 0;

 protected:
  LoadedModel() = default;
  LoadedModel(const LoadedModel&) = default;
  LoadedModel& operator=(const LoadedModel&) = default;
};

struct ModelFamily {
  std::string name;  // the value of the scenario's `model:` key
  // Bumped whenever the family's results change (a commit that moves its
  // golden fingerprints); results files store it, and --append and merge
  // refuse to mix results of different model versions.
  std::string version;
  std::shared_ptr<const LoadedModel> (*load)(const YamlReader& reader);
  // The family's KPI table, the same for every scenario; null when its KPIs
  // depend on the scenario (network: "node.metric"; ask LoadedModel).
  const sim::KpiTable* (*kpi_table)();
};

// The family named `name`; throws ScenarioError listing the families.
const ModelFamily& model_family(const std::string& name);

// Every family, in the order `model:`'s allowed values are listed.
const std::vector<ModelFamily>& model_families();

}  // namespace zccsim::models
