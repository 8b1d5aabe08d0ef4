// SPDX-License-Identifier: MIT
// A resource: numbered servers plus a queue whose order is a policy. Staff
// pools, vehicles and beds are all resources. Features: finite queue capacity
// (blocking), patience (abandonment), a capacity schedule by hour of week
// (a busy server going off duty finishes its entity first; an event only at
// the hours where the scheduled count changes), day types (a day may take
// the hours of another day of the week, e.g. a holiday those of a Sunday),
// absences (periods in which
// part of the schedule is off duty: an event at each end), per-server
// utilisation.
//
// Protocol: seize() either starts service at once (SeizeResult::served, with
// the server id), queues the entity, or rejects it. A queued entity that gets
// a server later is announced to the client by on_service_start() in a
// zero-delay event of priority `release`; one whose patience runs out first
// by on_abandon(). The client calls release(server) when service ends.
#pragma once

#include "event_queue.hpp"
#include "simulation.hpp"
#include "slot_pool.hpp"
#include "stats.hpp"

#include <cmath>
#include <cstdint>
#include <deque>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace zccsim::sim {

enum class QueueDiscipline { fifo, priority };  // priority: class 0 first, FIFO within class
enum class SeizeResult { served, queued, rejected };

struct SeizeOutcome {
  SeizeResult result;
  std::uint32_t server = 0;  // valid when served
};

// A period [from, to) in which by_hour[hour of week] of the scheduled servers
// are off duty (168 values; the on-duty count is floored at 0). Absences
// add up where they overlap.
struct Absence {
  double from = 0.0, to = 0.0;
  std::vector<std::uint32_t> by_hour;
};

struct ResourceSpec {
  std::string name;
  std::uint32_t servers = 1;                  // servers on duty when there is no schedule
  std::optional<std::size_t> queue_capacity;  // nullopt: unlimited; 0: pure loss system
  QueueDiscipline discipline = QueueDiscipline::fifo;
  std::uint32_t classes = 1;
  std::vector<std::uint32_t> schedule;  // empty, or 168 on-duty counts by hour of week
  double hour_length = 60.0;            // time units per hour (schedule and absences)
  std::vector<Absence> absences{};      // without a schedule: absences from the constant `servers`
  // Day types (empty: none): day d (hours 24d..24d+23 from time 0) takes the
  // hours of day of week day_of_week[d] (0..6, 0 = the week's first day) in
  // the schedule and the absences; days past the end are themselves (d % 7).
  std::vector<std::uint8_t> day_of_week{};
  // Keep the statistics of waits and sojourn times and the per-class ones
  // (stats().wait, sojourn, wait_quantiles, by_class: a Welford update with
  // a division each, a histogram line and the per-class record usually not
  // in cache): off for a model that keeps its own (the counts and
  // time-weighted statistics are kept either way).
  bool wait_statistics = true;
};

class Resource;

class ResourceClient {
 public:
  virtual void on_service_start(Simulation& sim, Resource& res, std::uint64_t entity, std::uint32_t server) = 0;
  virtual void on_abandon(Simulation& sim, Resource& res, std::uint64_t entity) = 0;

 protected:
  ~ResourceClient() = default;
};

// Statistics kept by every resource; reset at warm-up. The fields every
// seize and release updates come first (a few cache lines).
struct ResourceStats {
  std::uint64_t arrivals = 0, blocked = 0, queued = 0, abandoned = 0, started = 0, completed = 0;
  TimeWeighted busy;
  // wait, sojourn, wait_quantiles and by_class: empty unless ResourceSpec::wait_statistics
  Tally wait;     // time in queue of everyone who joined (0 if served at once)
  Tally sojourn;  // wait + service for served; wait for abandoned
  QuantileSketch wait_quantiles;
  struct PerClass {
    std::uint64_t arrivals = 0, queued = 0;
    Tally wait;
  };
  std::vector<PerClass> by_class;
  TimeWeighted queue_length, on_duty;
  TimeWeighted absent;                   // scheduled servers off duty by an absence
  std::vector<double> server_busy_time;  // per server id (brought up to date by Resource::stats)
};

class alignas(64) Resource final : private EventHandler, private Recorder {
 public:
  Resource(Simulation& sim, ResourceSpec spec, ResourceClient& client);

  SeizeOutcome seize(Simulation& sim, std::uint64_t entity, std::uint32_t cls = 0,
                     double patience = std::numeric_limits<double>::infinity());
  void release(Simulation& sim, std::uint32_t server);

  const std::string& name() const noexcept { return spec_.name; }
  const ResourceSpec& spec() const noexcept { return spec_; }
  std::uint32_t classes() const noexcept { return classes_; }  // spec().classes
  std::uint32_t server_count() const noexcept { return static_cast<std::uint32_t>(servers_.size()); }
  std::uint32_t busy_count() const noexcept { return busy_; }
  std::uint32_t on_duty_count() const noexcept { return on_duty_; }
  // The servers the schedule (less absences under way) puts on duty now; 0
  // when the resource is closed this hour (busy servers may still finish).
  std::uint32_t scheduled_count() const noexcept { return target_; }
  std::size_t queue_length() const noexcept { return queued_; }
  // The waiting entities a new arrival of class `cls` queues behind: all of
  // them (fifo), or those of classes 0..cls (priority; later arrivals of a
  // higher class may still pass it).
  // Counted from the queues when asked (the staffing study's watched lines
  // only): no bookkeeping on the hot path.
  std::size_t ahead_of(std::uint32_t cls) const noexcept {
    if (spec_.discipline == QueueDiscipline::fifo) return queued_;
    std::size_t n = 0;
    for (std::uint32_t c = 0; c <= cls && c < queues_.size(); ++c)
      for (const std::uint32_t id : queues_[c]) n += entries_[id].alive;
    return n;
  }
  // Servers on duty and free right now (a busy server is always on duty; one
  // going off duty while busy stays on duty until it is released).
  std::uint32_t free_count() const noexcept { return on_duty_ - busy_; }
  // Statistics up to `now`; per-server busy times are brought up to date.
  const ResourceStats& stats(double now);
  // The statistics as kept, without bringing the per-server busy times up to
  // date (O(1): the time-weighted integrals are taken at any time).
  const ResourceStats& kept_stats() const noexcept { return stats_; }
  // Time-averaged utilisation since the last reset: busy / on duty.
  double utilization(double now);

 private:
  enum Tag : std::uint32_t { tag_start = 0, tag_abandon = 1, tag_schedule = 2, tag_absence = 3 };
  struct Server {
    std::uint64_t entity = 0;
    double arrival = 0.0, busy_since = 0.0;
    double busy_time = 0.0;  // since the reset, up to busy_since (stats() copies it out)
    bool busy = false, on_duty = false, retiring = false;
  };
  struct Entry {
    std::uint64_t entity = 0;
    double arrival = 0.0;
    EventHandle patience;
    std::uint32_t cls = 0;
    bool alive = false;
  };

  void handle(Simulation& sim, std::uint32_t tag, std::uint64_t arg) override;
  void reset(double now) override;
  std::optional<std::uint32_t> free_server() const noexcept;
  void occupy(Simulation& sim, std::uint32_t server, std::uint64_t entity, double arrival, std::uint32_t cls);
  void serve_queue(Simulation& sim);
  std::optional<std::uint32_t> pop_queue();
  void set_capacity(Simulation& sim, std::uint32_t target);
  // The next schedule event after hour `hour` (absolute): at the next hour
  // whose count differs from its predecessor's; none for a constant week.
  void schedule_next_change(Simulation& sim, std::uint64_t hour);
  // With day types: the absolute hour of the next change after `hour`.
  std::uint64_t next_change_by_day(std::uint64_t hour) const noexcept;
  // The week in force at `now` (the schedule less the absences under way)
  // and its change table.
  void apply_absences(double now);
  // The on-duty count of the week in force at absolute hour `hour`.
  void capacity_at(Simulation& sim, std::uint64_t hour);
  // The scheduled on-duty count at hour of week h (before absences).
  std::uint32_t scheduled(std::size_t h) const noexcept {
    return spec_.schedule.empty() ? spec_.servers : spec_.schedule[h];
  }
  // The hour of week whose counts apply at absolute hour `hour` (day types).
  std::size_t week_hour(std::uint64_t hour) const noexcept {
    const std::uint64_t day = hour / 24;
    const std::uint64_t d = day < spec_.day_of_week.size() ? spec_.day_of_week[day] : day % 7;
    return static_cast<std::size_t>(d * 24 + hour % 24);
  }
  bool plain_day(std::uint64_t day) const noexcept {
    return day >= spec_.day_of_week.size() || spec_.day_of_week[day] == day % 7;
  }
  std::uint64_t hour_of(double now) const noexcept {
    return static_cast<std::uint64_t>(std::floor(now / spec_.hour_length));
  }
  void record_busy(double now);

  // What every seize and release reads or writes comes first, then the
  // statistics (their hot fields first): a few adjacent cache lines.
  std::vector<Server> servers_;
  std::vector<std::uint64_t> free_bits_;  // free and on duty
  std::size_t queued_ = 0;                // live entries
  std::uint32_t busy_ = 0, on_duty_ = 0, target_ = 0;
  std::uint32_t classes_;  // spec_.classes and
  bool wait_statistics_;   // spec_.wait_statistics, here beside the hot fields
  ResourceStats stats_;
  ResourceClient& client_;
  ResourceSpec spec_;
  std::vector<std::uint32_t> week_;      // the on-duty counts in force by hour of week (schedule or absences)
  std::vector<std::uint8_t> to_change_;  // week_: hours from hour of week h to the next change (1..168), 0: none
  EventHandle next_change_;              // the pending schedule event
  std::vector<std::deque<std::uint32_t>> queues_;  // entry ids, one per class (fifo: one)
  SlotPool<Entry> entries_;
};

}  // namespace zccsim::sim
