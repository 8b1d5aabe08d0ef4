// SPDX-License-Identifier: MIT
// Simulation: clock, run_until, priorities, warm-up and streams.
#include "sim/simulation.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <stdexcept>
#include <vector>

using namespace zccsim::sim;

namespace {

struct Seen {
  double time;
  std::uint32_t tag;
  std::uint64_t arg;
  bool operator==(const Seen&) const = default;
};

// Records every event; tag 99 stops the run, tag 98 schedules a follow-up now.
class Logger final : public EventHandler {
 public:
  std::vector<Seen> log;
  void handle(Simulation& sim, std::uint32_t tag, std::uint64_t arg) override {
    log.push_back({sim.now(), tag, arg});
    if (tag == 99) sim.stop();
    if (tag == 98) sim.schedule_in(0.0, *this, 1, arg + 1);
  }
};

class CountingRecorder final : public Recorder {
 public:
  std::vector<double> resets;
  void reset(double now) override { resets.push_back(now); }
};

}  // namespace

TEST_CASE("run_until processes events with time <= end and leaves the clock at end", "[simulation]") {
  Simulation sim(1, 0);
  Logger lg;
  CHECK(sim.now() == 0.0);
  sim.schedule_at(5.0, lg, 1);
  sim.schedule_at(10.0, lg, 2);
  sim.schedule_at(10.5, lg, 3);
  sim.schedule_in(2.0, lg, 4);
  sim.run_until(10.0);
  CHECK(lg.log == std::vector<Seen>{{2.0, 4, 0}, {5.0, 1, 0}, {10.0, 2, 0}});
  CHECK(sim.now() == 10.0);
  CHECK(sim.pending() == 1u);
  CHECK(sim.events_processed() == 3u);

  sim.run_until(7.0);  // the clock never goes back
  CHECK(sim.now() == 10.0);
  CHECK(lg.log.size() == 3u);

  sim.run_until(20.0);
  CHECK(lg.log.back() == Seen{10.5, 3, 0});
  CHECK(sim.now() == 20.0);
  CHECK(sim.pending() == 0u);

  // schedule_in is relative to the current clock
  sim.schedule_in(1.5, lg, 5);
  sim.run_until(std::numeric_limits<double>::infinity());
  CHECK(lg.log.back() == Seen{21.5, 5, 0});
  CHECK(sim.now() == 21.5);  // an infinite horizon leaves the clock at the last event
}

TEST_CASE("events scheduled during the run at the current time run in the same call", "[simulation]") {
  Simulation sim(1, 0);
  Logger lg;
  sim.schedule_at(3.0, lg, 98, 10);
  sim.run_until(3.0);
  CHECK(lg.log == std::vector<Seen>{{3.0, 98, 10}, {3.0, 1, 11}});
}

TEST_CASE("scheduling in the past or at NaN throws std::logic_error", "[simulation]") {
  Simulation sim(1, 0);
  Logger lg;
  sim.run_until(10.0);
  CHECK_THROWS_AS(sim.schedule_at(9.999, lg), std::logic_error);
  CHECK_THROWS_AS(sim.schedule_in(-0.5, lg), std::logic_error);
  CHECK_THROWS_AS(sim.schedule_at(std::numeric_limits<double>::quiet_NaN(), lg), std::logic_error);
  CHECK(sim.pending() == 0u);
  CHECK_NOTHROW(sim.schedule_at(10.0, lg));  // now is not the past
  CHECK(sim.pending() == 1u);
}

TEST_CASE("priorities order simultaneous events, FIFO within a priority", "[simulation]") {
  Simulation sim(1, 0);
  Logger lg;
  sim.schedule_at(1.0, lg, 0, 1, Priority::late);
  sim.schedule_at(1.0, lg, 0, 2, Priority::arrival);
  sim.schedule_at(1.0, lg, 0, 3, Priority::normal);
  sim.schedule_at(1.0, lg, 0, 4, Priority::release);
  sim.schedule_at(1.0, lg, 0, 5, Priority::system);
  sim.schedule_at(1.0, lg, 0, 6, Priority::normal);
  sim.schedule_at(1.0, lg, 0, 7, Priority::system);
  sim.schedule_at(1.0, lg, 0, 9, Priority::observe);
  sim.schedule_at(0.5, lg, 0, 8, Priority::late);  // earlier time beats any priority
  sim.run_until(2.0);
  std::vector<std::uint64_t> order;
  for (const Seen& s : lg.log) order.push_back(s.arg);
  CHECK(order == std::vector<std::uint64_t>{8, 9, 5, 7, 4, 3, 6, 2, 1});
}

TEST_CASE("stop() ends run_until after the current event", "[simulation]") {
  Simulation sim(1, 0);
  Logger lg;
  sim.schedule_at(1.0, lg, 1);
  sim.schedule_at(2.0, lg, 99);
  sim.schedule_at(3.0, lg, 1);
  sim.run_until(10.0);
  CHECK(lg.log.size() == 2u);
  CHECK(sim.now() == 2.0);  // not advanced to the horizon
  sim.run_until(10.0);      // resumes
  CHECK(lg.log.size() == 3u);
  CHECK(sim.now() == 10.0);
}

TEST_CASE("cancel through the simulation clears the handle", "[simulation]") {
  Simulation sim(1, 0);
  Logger lg;
  EventHandle a = sim.schedule_at(1.0, lg, 1);
  sim.schedule_at(2.0, lg, 2);
  EventHandle copy = a;
  CHECK(sim.cancel(a));
  CHECK_FALSE(a.valid());
  CHECK_FALSE(sim.cancel(a));
  CHECK_FALSE(sim.cancel(copy));
  CHECK(sim.pending() == 1u);
  sim.run_until(5.0);
  CHECK(lg.log == std::vector<Seen>{{2.0, 2, 0}});
}

TEST_CASE("warm-up resets registered recorders at the warm-up time, before other events", "[simulation]") {
  Simulation sim(1, 0);
  Logger lg;
  CountingRecorder r1, r2;
  sim.add_recorder(r1);
  sim.add_recorder(r2);
  sim.schedule_at(100.0, lg, 7);  // same instant, scheduled before the warm-up event
  sim.set_warmup(100.0);
  CHECK(sim.warmup() == 100.0);
  sim.run_until(99.0);
  CHECK(r1.resets.empty());
  sim.run_until(200.0);
  CHECK(r1.resets == std::vector<double>{100.0});
  CHECK(r2.resets == std::vector<double>{100.0});
  REQUIRE(lg.log.size() == 1u);
  CHECK(lg.log[0].time == 100.0);
  CHECK(sim.events_processed() == 2u);

  // a warm-up that has already passed schedules nothing
  Simulation late(1, 0);
  CountingRecorder r3;
  late.add_recorder(r3);
  late.run_until(50.0);
  late.set_warmup(20.0);
  late.set_warmup(50.0);
  CHECK(late.pending() == 0u);
  late.run_until(100.0);
  CHECK(r3.resets.empty());
}

TEST_CASE("the system priority of warm-up runs it before normal events at that time", "[simulation]") {
  Simulation sim(1, 0);
  CountingRecorder rec;
  sim.add_recorder(rec);
  // the handler checks whether the reset has happened when it runs
  class Probe final : public EventHandler {
   public:
    CountingRecorder* rec = nullptr;
    std::size_t resets_seen = 99;
    void handle(Simulation&, std::uint32_t, std::uint64_t) override { resets_seen = rec->resets.size(); }
  } probe;
  probe.rec = &rec;
  sim.schedule_at(30.0, probe);
  sim.set_warmup(30.0);
  sim.run_until(30.0);
  CHECK(probe.resets_seen == 1u);
}

TEST_CASE("stream() is the RandomStream of (seed, replication, component, purpose)", "[simulation]") {
  const Simulation sim(77, 5);
  CHECK(sim.seed() == 77u);
  CHECK(sim.replication() == 5u);
  RandomStream a = sim.stream("triage", "service");
  RandomStream b(77, 5, "triage", "service");
  RandomStream other = Simulation(77, 6).stream("triage", "service");
  bool differs = false;
  for (int i = 0; i < 50; ++i) {
    const std::uint64_t x = a.next_u64();
    CHECK(x == b.next_u64());
    differs |= x != other.next_u64();
  }
  CHECK(differs);
}
