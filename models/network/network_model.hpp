// SPDX-License-Identifier: MIT
// Runs an open queueing network on the engine and reports per-node metrics.
#pragma once

#include "network_config.hpp"
#include "sim/kpi.hpp"
#include "sim/records.hpp"
#include "sim/summary.hpp"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace zccsim::models::network {

// Metric names, in the order run_replication() returns their values, as
// dotted JSON paths below "nodes": "triage.mean_wait",
// "triage.by_class.urgent.p_wait", ...
std::vector<std::string> metric_names(const NetworkConfig& cfg);

struct RunCounters {
  std::uint64_t events = 0;
  std::uint64_t in_system_at_end = 0;
  sim::Conservation conservation;
  std::vector<sim::ArrivalStates> arrival_states;  // one per answer_within entry, in its order
};

// The nodes whose sim::ArrivalStates to record (resource = node name).
using AnswerWithin = std::vector<sim::AnswerWithin>;

// One replication; a pure function of (cfg, seed, replication).
sim::Metrics run_replication(const NetworkConfig& cfg, std::uint64_t seed, std::uint64_t replication,
                             RunCounters* counters = nullptr, const AnswerWithin& answer_within = {});

}  // namespace zccsim::models::network
