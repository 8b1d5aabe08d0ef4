// SPDX-License-Identifier: MIT
// Records a model produces beside its KPIs, and the results file stores:
// conservation counts, the hourly series of a resource and the lines of the
// per-entity event log. Domain-free, so that exec/ and io/ never include a
// model header.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace zccsim::sim {

// Conservation of entities (patients, customers) in one replication: every
// one created either ended somewhere counted or is still in the system.
struct Conservation {
  std::uint64_t created = 0;    // records created (first contacts + re-contacts)
  std::uint64_t ended = 0;      // records that reached an end (care given, hung up, placed)
  std::uint64_t in_system = 0;  // records still in the system at the end
  bool operator==(const Conservation&) const = default;
};

// Hourly means of one resource, from time 0 (warm-up included; hour index
// 0 = start_date 00:00).
struct HourlySeries {
  std::string resource;  // e.g. "zcc/zeist/gp", "ed/umcu", "station/amb_zeist"
  std::string kind;      // triage_line, dispatch, hap, cars, nursing, ggz, ed, station, beds
  std::vector<float> busy, on_duty, queue;
};

// Daily means of the busy servers of one kind of resource (summed over the
// resources of that kind), from time 0 (warm-up included; day index 0 =
// start_date): what the warm-up advice needs, a few numbers a day where the
// hourly series take three per resource and hour.
struct DailyBusy {
  std::string kind;  // as HourlySeries::kind
  std::vector<double> busy;
};

// One line of the optional per-patient event log.
struct LogRecord {
  double time;            // minutes
  std::uint32_t patient;  // record id (re-contacts get a new id)
  std::uint8_t event;     // index into the model's event names (acute: log_event_names)
  std::uint8_t detail;    // response, discipline or stream, by event
  std::uint16_t place;    // area or site index, by event
};

// The waits of one resource by hour of the week in which an entity arrived
// (hour 0 = Monday 00:00 of model time 0): what the staffing study
// (study/staffing.hpp) measures. Arrivals after the warm-up, counted when their
// wait ends (service start, abandonment, blocking); those still waiting at
// the end are not counted.
// What the staffing study asks a model to measure at a resource: the arrivals
// of classes first_class..last_class (all by default), answered within `within`.
struct AnswerWithin {
  std::string resource;
  double within = 0.0;  // time units
  std::uint32_t first_class = 0, last_class = std::numeric_limits<std::uint32_t>::max();
  bool counts(std::uint32_t cls) const noexcept { return cls >= first_class && cls <= last_class; }
};

struct ArrivalStates {
  AnswerWithin asked;                         // the resource, the limit of `answered`, the classes
  std::array<std::uint64_t, 168> arrivals{};  // arrivals in that hour of the week
  std::array<std::uint64_t, 168> answered{};  // of them, served after a wait <= answer_within
  // found[h][n]: arrivals in hour h that found n entities at the resource
  // when they arrived: in service + waiting (with priority classes: waiting
  // in classes 0..last_class, sim::Resource::ahead_of)
  std::array<std::vector<std::uint64_t>, 168> found;
};

// What one replication adds to its KPIs when asked (the first replication
// of `zccsim run`, Scenario.run(hourly=..., event_log=...)): the hourly series
// of every resource, the daily busy servers by kind and the event log, with
// the names that decode the log.
struct Detail {
  std::vector<HourlySeries> hourly;   // empty unless asked for
  std::vector<DailyBusy> daily_busy;  // empty unless asked for
  bool has_log = false;               // the log was asked for (it may be empty)
  std::vector<LogRecord> event_log;
  std::vector<std::string> log_event_names, response_names, area_names, site_names;
  std::vector<ArrivalStates> arrival_states;  // empty unless asked for (DetailOptions::answer_within)
};

struct DetailOptions {
  bool hourly = false;      // fill Detail::hourly
  bool daily_busy = false;  // fill Detail::daily_busy (zccsim run's warm-up advice)
  bool event_log = false;   // fill Detail::event_log and its names
  // fill Detail::arrival_states for these resources (the staffing study)
  std::vector<AnswerWithin> answer_within;
};

}  // namespace zccsim::sim
