// SPDX-License-Identifier: MIT
// A validated open queueing network (`model: network`), as plain structs.
#pragma once

#include "sim/arrivals.hpp"
#include "sim/distribution.hpp"
#include "sim/resource.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace zccsim::models::network {

struct NodeConfig {
  std::string name;
  std::uint32_t servers = 1;
  std::vector<std::uint32_t> schedule;        // optional: 168 on-duty counts by hour of week
  std::optional<std::size_t> queue_capacity;  // nullopt: unlimited
  sim::QueueDiscipline discipline = sim::QueueDiscipline::fifo;
  std::vector<sim::Distribution> service;                    // per class
  std::vector<std::optional<sim::ArrivalProcess>> arrivals;  // per class; nullopt: no external arrivals
  std::optional<sim::Distribution> patience;
  std::vector<std::pair<std::size_t, double>> routing;  // (node index, probability)
};

struct NetworkConfig;
// Expected external arrivals over warm-up and horizon (sum over nodes and classes).
double expected_arrivals(const NetworkConfig& cfg);

struct NetworkConfig {
  std::string time_unit = "minute";
  double hour_length = 60.0;  // time units per hour
  double horizon = 0.0;       // simulated time after warm-up
  double warmup = 0.0;
  std::uint64_t max_arrivals = 100'000'000;  // the loader refuses more expected external arrivals
  std::vector<std::string> classes{"default"};
  std::vector<NodeConfig> nodes;
};

}  // namespace zccsim::models::network
