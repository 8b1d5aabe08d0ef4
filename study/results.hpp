// SPDX-License-Identifier: MIT
// The results file of a scenario: the header every entry point (zccsim run,
// sweep, compare; Python) writes, made in one place.
#pragma once

#include "io/results_h5.hpp"
#include "scenario.hpp"

#include <cstdint>

namespace zccsim::models {

// Model (family), model version, KPI table hash, KPI names, scenario text and
// path, seed and this zccsim's version; no rows, points or shard.
io::ResultsFile results_header(const Scenario& sc, std::uint64_t seed);

}  // namespace zccsim::models
