// SPDX-License-Identifier: MIT
// Reading a `model: acute` scenario (docs/acute_schema.md) into AcuteConfig.
#pragma once

#include "acute_config.hpp"
#include "sim/arrivals.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace zccsim::models {
class YamlReader;
}

namespace zccsim::models::acute {

// Reads `path` (following `extends:`), checks everything and converts units
// (days -> minutes, dates -> minutes since start_date 00:00, rosters -> 168
// hourly values, profiles -> mean 1). Throws models::ScenarioError
// "file:line:column: message", naming the file (base or variant) where the
// offending value is written and, where there is a choice, the allowed values.
AcuteConfig load_acute_file(const std::string& path);

// The same from a reader whose root says `model: acute` (the CLI peeks at
// `model` first). If the reader still has `extends:`, it is resolved here
// (relative to reader.file()).
AcuteConfig load_acute(const YamlReader& reader);

// The scenario text after resolving `extends:` (to store with results):
// deterministic for the same files; the file's own text if it has no extends.
std::string resolved_scenario_text(const std::string& path);

// The arrivals of stream `s` as the model's demand draws them, in groups of
// areas with one arrival profile each (rates per minute by hour of week, day
// types, surges, demand growth): the first, when it has areas, is every own
// region without its own volume of s (regions[].demand); then one per own
// region with its own. A group of no arrivals is left out. And the expected
// arrivals of every enabled stream over warm-up and horizon (re-contacts not
// counted; the loader checks them against max_arrivals).
struct DemandGroup {
  std::optional<std::size_t> region;  // none: the scenario's volume
  std::vector<std::uint32_t> areas;   // their indices into AcuteConfig::areas, in order
  sim::RateProfile profile;
};
std::vector<DemandGroup> demand_groups(const AcuteConfig& cfg, std::size_t s);
double expected_arrivals(const AcuteConfig& cfg);

// Days since 1970-01-01 of an ISO date "YYYY-MM-DD", or false if it is not
// a valid date in that form.
bool parse_iso_date(const std::string& text, long& days_since_epoch);

}  // namespace zccsim::models::acute
