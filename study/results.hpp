// SPDX-License-Identifier: MIT
// The header of a scenario's results: what every entry point (zccsim run,
// sweep, compare; Python) writes into a results file or keeps in memory,
// made in one place.
#pragma once

#include "io/results.hpp"
#include "scenario.hpp"

#include <cstdint>

namespace zccsim::models {

// Model (family), model version, KPI table hash, KPI names, scenario text and
// path, seed and this zccsim's version; no rows, points or shard.
io::Results results_header(const Scenario& sc, std::uint64_t seed);

}  // namespace zccsim::models
