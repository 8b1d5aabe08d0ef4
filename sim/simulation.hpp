// SPDX-License-Identifier: MIT
// One simulation run: clock, future-event set, random streams and the
// recorders that warm-up resets. No globals: many can run side by side.
#pragma once

#include "event_queue.hpp"
#include "random.hpp"

#include <cstdint>
#include <string_view>
#include <vector>

namespace zccsim::sim {

// Anything that keeps statistics registers itself to be reset at warm-up end.
class Recorder {
 public:
  virtual void reset(double now) = 0;

 protected:
  ~Recorder() = default;
};

class Simulation final : private EventHandler {
 public:
  Simulation(std::uint64_t seed, std::uint64_t replication) noexcept : seed_(seed), replication_(replication) {}
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;

  double now() const noexcept { return now_; }
  std::uint64_t seed() const noexcept { return seed_; }
  std::uint64_t replication() const noexcept { return replication_; }

  EventHandle schedule_at(double time, EventHandler& handler, std::uint32_t tag = 0, std::uint64_t arg = 0,
                          Priority priority = Priority::normal);
  EventHandle schedule_in(double delay, EventHandler& handler, std::uint32_t tag = 0, std::uint64_t arg = 0,
                          Priority priority = Priority::normal) {
    return schedule_at(now_ + delay, handler, tag, arg, priority);
  }
  // Cancels a pending event; clears the handle. False if it was not pending.
  bool cancel(EventHandle& handle) noexcept {
    const bool ok = fes_.cancel(handle);
    handle = {};
    return ok;
  }

  // Processes every event with time <= end, then sets the clock to end.
  void run_until(double end);
  // Makes run_until return after the current event.
  void stop() noexcept { stopped_ = true; }

  // The stream of (seed, replication, component, purpose).
  RandomStream stream(std::string_view component, std::string_view purpose) const noexcept {
    return {seed_, replication_, component, purpose};
  }

  // Recorders are reset when the warm-up ends (at time `warmup`).
  void add_recorder(Recorder& r) { recorders_.push_back(&r); }
  void set_warmup(double warmup);
  double warmup() const noexcept { return warmup_; }

  std::uint64_t events_processed() const noexcept { return processed_; }
  std::size_t pending() const noexcept { return fes_.size(); }

 private:
  void handle(Simulation& sim, std::uint32_t tag, std::uint64_t arg) override;

  FutureEventSet<> fes_;
  std::vector<Recorder*> recorders_;
  double now_ = 0.0, warmup_ = 0.0;
  std::uint64_t seed_, replication_, processed_ = 0;
  bool stopped_ = false;
};

}  // namespace zccsim::sim
