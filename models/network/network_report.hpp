// SPDX-License-Identifier: MIT
// The terminal summary of a network scenario's replications.
#pragma once

#include "network_config.hpp"
#include "sim/kpi.hpp"
#include "sim/summary.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace zccsim::models::network {

// A plain-text table for the terminal: one row per node, the means of
// `kpis` (one per name in `names`) over `replications` replications.
std::string summary_table(const NetworkConfig& cfg, const std::vector<std::string>& names, std::uint64_t replications,
                          const std::vector<sim::Summary>& kpis);

}  // namespace zccsim::models::network
