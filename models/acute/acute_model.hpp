// SPDX-License-Identifier: MIT
// The acute-care regional model: one replication of a scenario.
#pragma once

#include "acute_config.hpp"
#include "geography.hpp"
#include "io/records.hpp"
#include "sim/kpi.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace zccsim::models::acute {

// KPI names, the same for every scenario, in the order of AcuteResult::kpis:
// the columns of kpi_table() (kpis.hpp: units, directions, descriptions).
const std::vector<std::string>& kpi_names();

// The hourly series and event-log records live in io/records.hpp (the
// results file stores them without knowing this model).
using io::HourlySeries;
using io::LogRecord;
extern const std::vector<std::string> log_event_names;

struct Conservation {
  std::uint64_t created = 0;    // patient records created (first contacts + re-contacts)
  std::uint64_t ended = 0;      // records that reached an end (care given, hung up, placed)
  std::uint64_t in_system = 0;  // records still in the system at the end
};

struct AcuteResult {
  sim::Metrics kpis;
  std::vector<HourlySeries> hourly;
  std::vector<LogRecord> log;
  Conservation conservation;
  std::uint64_t events = 0;
};

struct RunOptions {
  bool hourly = false;     // fill AcuteResult::hourly
  bool event_log = false;  // fill AcuteResult::log
};

AcuteResult run_replication(const AcuteConfig& cfg, const Geography& geo, std::uint64_t seed,
                            std::uint64_t replication, const RunOptions& options = {});

}  // namespace zccsim::models::acute
