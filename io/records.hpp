// SPDX-License-Identifier: MIT
// Records a model produces beside its KPIs and the results file stores: the
// hourly series of a resource and the lines of the per-patient event log.
// Here, not in a model header, so io/ never includes a model.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace zccsim::models::io {

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
  std::uint8_t event;      // index into the model's event names (acute: log_event_names)
  std::uint8_t detail;     // response, discipline or stream, by event
  std::uint16_t place;     // area or site index, by event
};

}  // namespace zccsim::models::io
