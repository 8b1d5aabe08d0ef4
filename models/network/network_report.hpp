// SPDX-License-Identifier: MIT
// Replications of a network scenario and their summary (JSON and a table).
#pragma once

#include "io/json.hpp"
#include "network_config.hpp"
#include "exec/experiment.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace zccsim::models::network {

struct NetworkRun {
  std::uint64_t seed = 0;
  std::vector<std::string> names;  // metric names (dotted, below "nodes")
  std::vector<sim::Metrics> rows;  // one per replication, in replication order
  std::uint64_t events = 0;        // summed over replications
};

NetworkRun run_network(const NetworkConfig& cfg, std::uint64_t seed, std::uint64_t replications,
                       unsigned threads);

// {"model": "network", "replications": R, "seed": S, "nodes": {...{"mean", "ci95"}}}
Json summary_json(const NetworkRun& run);

// A plain-text table for the terminal: one row per node.
std::string summary_table(const NetworkConfig& cfg, const std::vector<std::string>& names,
                          const std::vector<sim::Metrics>& rows);

}  // namespace zccsim::models::network
