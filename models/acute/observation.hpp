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
#include <string>
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

  // The staffing study's phone lines (RunOptions::answer_within, resource =
  // a line's name): which of the call centre's lines (`line_names` by line
  // id) to watch. An unknown name throws std::invalid_argument naming the lines.
  void watch_lines(const std::vector<std::string>& line_names, const Calendar& calendar, double warmup);
  bool watched(std::uint32_t line) const noexcept { return line < watched_.size() && !watched_[line].empty(); }
  // A patient call joined watched line `line` (resource `res`) now, before
  // its seize: each target counts the calls in service and those waiting in
  // urgencies up to its last (sim::ArrivalStates::found).
  void line_joined(std::uint32_t line, const sim::Resource& res, std::uint8_t urgency);
  // The patient call that joined watched line `line` at `joined` was
  // answered after `wait` (at that line or, overflowed, at another).
  void line_answered(std::uint32_t line, double joined, std::uint8_t urgency, double wait);
  std::vector<sim::ArrivalStates> take_line_states() { return std::move(states_); }

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
  // watched lines: per line id the indices into states_
  std::vector<std::vector<std::size_t>> watched_;
  std::vector<sim::ArrivalStates> states_;
  const Calendar* calendar_ = nullptr;
  double line_warmup_ = 0;
  std::size_t hour_of_week(double t) const noexcept;
};

}  // namespace zccsim::models::acute
