// SPDX-License-Identifier: MIT
// The acute-care regional model: one replication of a scenario.
#pragma once

#include "acute_config.hpp"
#include "geography.hpp"
#include "sim/kpi.hpp"
#include "sim/records.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace zccsim::models::acute {

// KPI names, the same for every scenario, in the order of AcuteResult::kpis:
// the columns of kpi_table() (kpis.hpp: units, directions, descriptions).
const std::vector<std::string>& kpi_names();

// Conservation counts, hourly series and event-log records live in
// sim/records.hpp (the results file stores them without knowing this model).
using sim::Conservation;
using sim::DailyBusy;
using sim::HourlySeries;
using sim::LogRecord;
extern const std::vector<std::string> log_event_names;

struct AcuteResult {
  sim::Metrics kpis;
  std::vector<HourlySeries> hourly;
  std::vector<DailyBusy> daily_busy;
  std::vector<LogRecord> log;
  Conservation conservation;
  std::uint64_t events = 0;
};

// Without hourly series or daily busy servers no observation event runs.
struct RunOptions {
  bool hourly = false;      // fill AcuteResult::hourly
  bool daily_busy = false;  // fill AcuteResult::daily_busy
  bool event_log = false;   // fill AcuteResult::log
};

AcuteResult run_replication(const AcuteConfig& cfg, const Geography& geo, std::uint64_t seed, std::uint64_t replication,
                            const RunOptions& options = {});

}  // namespace zccsim::models::acute
