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
  std::vector<sim::ArrivalStates> arrival_states;  // one per RunOptions::answer_within entry, in its order
  Conservation conservation;
  std::uint64_t events = 0;
};

// Without hourly series or daily busy servers no observation event runs.
struct RunOptions {
  bool hourly = false;      // fill AcuteResult::hourly
  bool daily_busy = false;  // fill AcuteResult::daily_busy
  bool event_log = false;   // fill AcuteResult::log
  // the staffing study: the patient calls of these phone lines (resource = a
  // line's name, classes = urgencies U0..U5) (AcuteResult::arrival_states)
  std::vector<sim::AnswerWithin> answer_within{};
};

AcuteResult run_replication(const AcuteConfig& cfg, const Geography& geo, std::uint64_t seed, std::uint64_t replication,
                            const RunOptions& options = {});

}  // namespace zccsim::models::acute
