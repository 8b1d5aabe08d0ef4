// SPDX-License-Identifier: MIT
// A scenario of either model family, loaded and validated, ready to run
// replications. Compare, sweeps, MPI and the Python bindings work on this
// type and never on a model directly. Cheap to copy (shared, immutable).
#pragma once

#include "exec/experiment.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace zccsim::models {

namespace acute {
struct AcuteConfig;
}
namespace network {
struct NetworkConfig;
}
class LoadedModel;
class YamlReader;

class Scenario {
 public:
  // A file (its `extends:` resolved). Throws ScenarioError "file:line:col: ...".
  static Scenario from_file(const std::string& path);
  // YAML text; `name` stands for the file in error messages. `base_dir`
  // resolves a relative `extends:` (default: the current directory).
  static Scenario from_text(const std::string& yaml, const std::string& name = "<scenario>",
                            const std::string& base_dir = "");

  // A copy with one value replaced by key path ("zcc.locations[0].rosters.gp");
  // `yaml_value` is YAML ("3", "[1, 2]", "{dist: exponential, mean: 5}").
  // The result is validated again; errors name `origin` for the new value.
  Scenario with_override(std::string_view path, const std::string& yaml_value,
                         const std::string& origin = "<override>") const;
  // with_override of every (key path, YAML value) in order, validated once:
  // many values cost one build. Errors name `origin` for the new values.
  Scenario with_overrides(const std::vector<std::pair<std::string, std::string>>& settings,
                          const std::string& origin = "<override>") const;
  // The value at a key path, as YAML text.
  std::string get(std::string_view path) const;

  const std::string& model_name() const noexcept;     // the family: "acute", "network"
  const std::string& model_version() const noexcept;  // the family's version (registry.hpp)
  // SHA-256 of the KPI table: every column's name, unit and direction.
  const std::string& kpi_table_sha256() const;
  const std::string& path() const noexcept;  // the file, or the name given
  const std::string& text() const;           // the resolved YAML (emitted on first use)
  const std::string& name() const noexcept;  // the scenario's `name:` (acute) or its path
  // KPI (acute) or metric (network, dotted "node.metric") names of a replication's row.
  const std::vector<std::string>& kpi_names() const noexcept;
  // The JSON key the summary goes under: "kpis" (acute) or "nodes" (network).
  std::string summary_key() const;
  // The family's loaded scenario (study/registry.hpp): summary table, headline KPIs.
  const LoadedModel& loaded() const noexcept;
  // The resolved YAML with every node's file and position (io/yaml_reader.hpp).
  const YamlReader& reader() const noexcept;

  // What `zccsim validate FILE` (and Scenario.validate() in Python) prints:
  // the kind and size, and for acute scenarios the offered load per resource;
  // `overloaded` (if given) is set when a resource's offered load is >= 1.
  std::string validation_report(bool* overloaded = nullptr) const;

  // One replication: a pure function of (scenario, seed, replication); the
  // record carries the asked-for detail (acute: hourly series, event log).
  sim::TaskResult run(std::uint64_t seed, std::uint64_t replication, const sim::DetailOptions& detail = {}) const;

  const acute::AcuteConfig* acute() const noexcept;        // null for other families
  const network::NetworkConfig* network() const noexcept;  // null for other families

  struct Impl;

 private:
  explicit Scenario(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  // The scenario of a built Impl, its `targets:` and `shifts:` checked (study/staffing.hpp).
  static Scenario checked(std::shared_ptr<const Impl> impl);
  std::shared_ptr<const Impl> impl_;
};

}  // namespace zccsim::models
