// SPDX-License-Identifier: MIT
// Observation: the per-patient event log, the hourly series of every
// resource in the book (busy, on duty, queue; means per hour from time 0) and
// the daily busy servers of each kind of resource (means per day from time 0),
// each only when RunOptions asks for it: without them no event of its own.
#pragma once

#include "accounting.hpp"
#include "acute_model.hpp"
#include "sim/simulation.hpp"

#include <array>
#include <cstdint>
#include <vector>

namespace zccsim::models::acute {

// Index into log_event_names.
enum class LogEvent : std::uint8_t {
  arrival,
  line_join,
  answered,
  hung_up,
  triaged,
  care_start,
  ambulance_on_scene,
  ed_arrival,
  ed_place,
  bed_search,
  placed,
  end,
  gave_up  // detail: the path (gave_up_names)
};

class Observation final : private sim::EventHandler, private sim::Recorder {
 public:
  Observation(sim::Simulation& sim, const RunOptions& options) : sim_(sim), options_(options) {}
  Observation(const Observation&) = delete;
  Observation& operator=(const Observation&) = delete;

  void log(std::uint32_t patient, LogEvent e, std::uint8_t detail, std::uint16_t place) {
    if (options_.event_log) log_.push_back({sim_.now(), patient, static_cast<std::uint8_t>(e), detail, place});
  }

  // One series per resource of the book (made by now) and one per kind;
  // registers for the warm-up reset and schedules the first hour and day of
  // what is asked for.
  void start(const std::vector<Tracked>& book);

  std::vector<HourlySeries> take_hourly() { return std::move(series_); }
  std::vector<DailyBusy> take_daily_busy() { return std::move(daily_); }
  std::vector<LogRecord> take_log() { return std::move(log_); }

 private:
  enum Tag : std::uint32_t { tag_hour = 0, tag_day = 1 };
  void handle(sim::Simulation& sim, std::uint32_t tag, std::uint64_t n) override;
  void reset(double now) override;
  void record_hour();
  void record_day();

  sim::Simulation& sim_;
  RunOptions options_;
  const std::vector<Tracked>* book_ = nullptr;
  double warm_ = 0;
  std::vector<HourlySeries> series_;
  std::vector<std::array<double, 3>> last_integrals_;
  std::vector<DailyBusy> daily_;
  std::vector<std::size_t> kind_of_;            // book index -> index into daily_
  std::vector<double> day_sum_, last_day_sum_;  // busy-server integrals by kind
  std::vector<LogRecord> log_;
};

}  // namespace zccsim::models::acute
