// SPDX-License-Identifier: MIT
// Observation: the per-patient event log and the hourly series of every
// resource in the book (busy, on duty, queue; means per hour from time 0).
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

  // One series per resource of the book (made by now); registers for the
  // warm-up reset and, with hourly series on, schedules the first hour.
  void start(const std::vector<Tracked>& book);

  std::vector<HourlySeries> take_hourly() { return std::move(series_); }
  std::vector<LogRecord> take_log() { return std::move(log_); }

 private:
  void handle(sim::Simulation& sim, std::uint32_t tag, std::uint64_t hour) override;
  void reset(double now) override;

  sim::Simulation& sim_;
  RunOptions options_;
  const std::vector<Tracked>* book_ = nullptr;
  double warm_ = 0;
  std::vector<HourlySeries> series_;
  std::vector<std::array<double, 3>> last_integrals_;
  std::vector<LogRecord> log_;
};

}  // namespace zccsim::models::acute
