// SPDX-License-Identifier: MIT
// The acute-care regional model: one replication of a scenario.
#pragma once

#include "acute_config.hpp"
#include "geography.hpp"
#include "sim/experiment.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace zccsim::models::acute {

// KPI names, the same for every scenario, in the order of AcuteResult::kpis:
// the columns of kpi_table() (kpis.hpp: units, directions, descriptions).
const std::vector<std::string>& kpi_names();

// Hourly means of one resource, from time 0 (warm-up included; hour index
// 0 = start_date 00:00).
struct HourlySeries {
  std::string resource;  // e.g. "zcc/zeist/gp", "ed/umcu", "station/amb_zeist"
  std::string kind;      // triage_line, dispatch, hap, cars, nursing, ggz, ed, station, beds
  std::vector<float> busy, on_duty, queue;
};

// One line of the optional per-patient event log.
struct LogRecord {
  double time;             // minutes
  std::uint32_t patient;   // record id (re-contacts get a new id)
  std::uint8_t event;      // index into log_event_names
  std::uint8_t detail;     // response, discipline or stream, by event
  std::uint16_t place;     // area or site index, by event
};
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
