// SPDX-License-Identifier: MIT
// The terminal summary of a network scenario's replications.
#pragma once

#include "network_config.hpp"
#include "sim/kpi.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace zccsim::models::network {

// A plain-text table for the terminal: one row per node.
std::string summary_table(const NetworkConfig& cfg, const std::vector<std::string>& names,
                          const std::vector<sim::Metrics>& rows);

}  // namespace zccsim::models::network
