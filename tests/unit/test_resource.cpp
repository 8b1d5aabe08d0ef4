// SPDX-License-Identifier: MIT
// Resource: exact timelines with deterministic service times.
#include "sim/random.hpp"
#include "sim/resource.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

using namespace zccsim::sim;

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

struct Job {
  double arrival;
  double service;
  std::uint32_t cls = 0;
  double patience = inf;
};

// What happened, in the order it happened.
struct Rec {
  double time;
  char what;  // Q queued, R rejected, S service starts, A abandons, D done
  std::uint64_t entity;
  std::uint32_t server;
  bool operator==(const Rec&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Rec& r) {
  return os << '{' << r.time << ' ' << r.what << " e" << r.entity << " s" << r.server << '}';
}

// The counters of ResourceStats, compared at once: a failure prints them all.
struct Counts {
  std::uint64_t arrivals, blocked, queued, abandoned, started, completed;
  bool operator==(const Counts&) const = default;
};

Counts counts(const ResourceStats& s) { return {s.arrivals, s.blocked, s.queued, s.abandoned, s.started, s.completed}; }

std::ostream& operator<<(std::ostream& os, const Counts& c) {
  return os << "{arrivals " << c.arrivals << ", blocked " << c.blocked << ", queued " << c.queued << ", abandoned "
            << c.abandoned << ", started " << c.started << ", completed " << c.completed << '}';
}

// A tiny client: arrivals come from its own events at the jobs' times; a
// service start schedules the completion after the job's service time, and
// the completion releases the server.
class Client final : public ResourceClient, public EventHandler {
 public:
  enum : std::uint32_t { tag_arrive = 0, tag_done = 1 };
  std::vector<Job> jobs;
  std::vector<Rec> log;
  std::vector<std::uint32_t> server_of;
  Resource* res = nullptr;

  explicit Client(std::vector<Job> j) : jobs(std::move(j)), server_of(jobs.size(), 0) {}

  void schedule(Simulation& sim) {
    for (std::size_t i = 0; i < jobs.size(); ++i)
      sim.schedule_at(jobs[i].arrival, *this, tag_arrive, i, Priority::arrival);
  }

  void handle(Simulation& sim, std::uint32_t tag, std::uint64_t e) override {
    if (tag == tag_arrive) {
      const Job& j = jobs[e];
      const SeizeOutcome out = res->seize(sim, e, j.cls, j.patience);
      switch (out.result) {
        case SeizeResult::served:
          start(sim, e, out.server);
          break;
        case SeizeResult::queued:
          log.push_back({sim.now(), 'Q', e, 0});
          break;
        case SeizeResult::rejected:
          log.push_back({sim.now(), 'R', e, 0});
          break;
      }
    } else {
      log.push_back({sim.now(), 'D', e, server_of[e]});
      res->release(sim, server_of[e]);
    }
  }
  void on_service_start(Simulation& sim, Resource& r, std::uint64_t e, std::uint32_t s) override {
    REQUIRE(&r == res);
    start(sim, e, s);
  }
  void on_abandon(Simulation& sim, Resource& r, std::uint64_t e) override {
    REQUIRE(&r == res);
    log.push_back({sim.now(), 'A', e, 0});
  }

  std::vector<Rec> only(char what) const {
    std::vector<Rec> v;
    for (const Rec& r : log)
      if (r.what == what) v.push_back(r);
    return v;
  }

 private:
  void start(Simulation& sim, std::uint64_t e, std::uint32_t s) {
    server_of[e] = s;
    log.push_back({sim.now(), 'S', e, s});
    sim.schedule_in(jobs[e].service, *this, tag_done, e);
  }
};

// Sets up a simulation, a client and a resource, and schedules the jobs.
struct Bench {
  Simulation sim{1, 0};
  Client client;
  Resource res;
  Bench(ResourceSpec spec, std::vector<Job> jobs) : client(std::move(jobs)), res(sim, std::move(spec), client) {
    client.res = &res;
    client.schedule(sim);
  }
};

ResourceSpec spec(std::uint32_t servers) {
  ResourceSpec s;
  s.name = "desk";
  s.servers = servers;
  return s;
}

}  // namespace

TEST_CASE("c servers take the first c seizes, the rest queue FIFO", "[resource]") {
  Bench b(spec(2), {{0, 10}, {1, 10}, {2, 10}, {3, 10}, {4, 10}});
  b.sim.run_until(5.0);
  CHECK(b.res.busy_count() == 2u);
  CHECK(b.res.queue_length() == 3u);
  CHECK(b.res.on_duty_count() == 2u);
  CHECK(b.res.server_count() == 2u);
  CHECK(b.res.free_count() == 0u);
  b.sim.run_until(100.0);
  const std::vector<Rec> expected{
      {0, 'S', 0, 0},  {1, 'S', 1, 1},  {2, 'Q', 2, 0},  {3, 'Q', 3, 0},  {4, 'Q', 4, 0},  {10, 'D', 0, 0},
      {10, 'S', 2, 0},  // served at the instant of the release
      {11, 'D', 1, 1}, {11, 'S', 3, 1}, {20, 'D', 2, 0}, {20, 'S', 4, 0}, {21, 'D', 3, 1}, {30, 'D', 4, 0}};
  CHECK(b.client.log == expected);
  CHECK(b.res.busy_count() == 0u);
  CHECK(b.res.queue_length() == 0u);
  CHECK(b.res.free_count() == 2u);
}

TEST_CASE("statistics on an exact timeline", "[resource]") {
  // same timeline as above: waits 0 0 8 8 16, services 10 each, end at 30
  Bench b(spec(2), {{0, 10}, {1, 10}, {2, 10}, {3, 10}, {4, 10}});
  b.sim.run_until(30.0);
  const ResourceStats& st = b.res.stats(30.0);
  CHECK(counts(st) == Counts{.arrivals = 5, .blocked = 0, .queued = 3, .abandoned = 0, .started = 5, .completed = 5});
  CHECK(st.wait.count() == 5u);
  CHECK(st.wait.mean() == Approx(32.0 / 5.0));
  CHECK(st.wait.max() == 16.0);
  CHECK(st.wait.min() == 0.0);
  CHECK(st.sojourn.mean() == Approx(82.0 / 5.0));
  CHECK(st.wait_quantiles.count() == 5u);
  CHECK(st.wait_quantiles.quantile(0.4) == 0.0);
  CHECK(st.wait_quantiles.quantile(1.0) == Approx(16.0).epsilon(0.004));
  // queue length 1 on [2,3), 2 on [3,4), 3 on [4,10), 2 on [10,11), 1 on [11,20)
  CHECK(st.queue_length.mean(30.0) == Approx(32.0 / 30.0));
  CHECK(st.busy.mean(30.0) == Approx(50.0 / 30.0));
  CHECK(st.on_duty.mean(30.0) == Approx(2.0));
  CHECK(b.res.utilization(30.0) == Approx(50.0 / 60.0));
  REQUIRE(st.server_busy_time.size() == 2u);
  CHECK(st.server_busy_time[0] == Approx(30.0));  // jobs 0, 2, 4
  CHECK(st.server_busy_time[1] == Approx(20.0));  // jobs 1, 3
  REQUIRE(st.by_class.size() == 1u);
  CHECK(st.by_class[0].arrivals == 5u);
  CHECK(st.by_class[0].queued == 3u);
  CHECK(st.by_class[0].wait.mean() == Approx(32.0 / 5.0));
}

TEST_CASE("without wait_statistics a resource keeps no wait, sojourn or per-class statistics, the rest alike",
          "[resource]") {
  ResourceSpec off = spec(2);
  off.wait_statistics = false;
  // waits 0 0 8 8; the last job abandons at 5 after waiting 2 (its patience)
  const std::vector<Job> jobs{{0, 10}, {1, 10}, {2, 10}, {3, 10}, {3, 10, 0, 2}};
  Bench with(spec(2), jobs);
  Bench without(off, jobs);
  with.sim.run_until(30.0);
  without.sim.run_until(30.0);
  const ResourceStats& a = with.res.stats(30.0);
  const ResourceStats& b = without.res.stats(30.0);
  REQUIRE(a.abandoned == 1u);
  CHECK(a.wait.count() == 5u);
  CHECK(a.sojourn.count() == 5u);
  CHECK(a.wait_quantiles.count() == 5u);
  CHECK(a.by_class[0].wait.count() == 5u);
  CHECK(b.wait.count() == 0u);
  CHECK(b.sojourn.count() == 0u);
  CHECK(b.wait_quantiles.count() == 0u);
  CHECK(b.wait_quantiles.buckets_held() == 0u);
  CHECK(b.by_class[0].wait.count() == 0u);
  CHECK(counts(b) == counts(a));
  CHECK(a.by_class[0].arrivals == 5u);
  CHECK(b.by_class[0].arrivals == 0u);  // the per-class records are off too
  CHECK(b.busy.integral(30.0) == a.busy.integral(30.0));
  CHECK(b.queue_length.integral(30.0) == a.queue_length.integral(30.0));
  CHECK(b.server_busy_time == a.server_busy_time);
  CHECK(without.client.log == with.client.log);
}

TEST_CASE("per-server busy time includes service in progress", "[resource]") {
  Bench b(spec(1), {{0, 100}});
  b.sim.run_until(40.0);
  CHECK(b.res.stats(40.0).server_busy_time[0] == Approx(40.0));
  b.sim.run_until(70.0);
  // kept_stats() leaves the per-server times as the last stats() left them; its integrals are current
  CHECK(b.res.kept_stats().server_busy_time[0] == Approx(40.0));
  CHECK(b.res.kept_stats().busy.integral(70.0) == Approx(70.0));
  CHECK(b.res.stats(70.0).server_busy_time[0] == Approx(70.0));  // not double counted
  CHECK(b.res.utilization(70.0) == Approx(1.0));
  b.sim.run_until(150.0);
  CHECK(b.res.stats(150.0).server_busy_time[0] == Approx(100.0));
  CHECK(b.res.utilization(150.0) == Approx(100.0 / 150.0));
}

TEST_CASE("the lowest free server id is chosen", "[resource]") {
  // servers 1 and 2 free up at 5 and 3: the arrival at 7 takes 1 (done at 8), the one
  // at 8 takes 1 again (the completion at 8 runs first), the one at 8.5 takes 2
  Bench b(spec(4), {{0, 100}, {0, 5}, {0, 3}, {0, 100}, {7, 1}, {8, 1}, {8.5, 1}});
  b.sim.run_until(8.5);
  const auto starts = b.client.only('S');
  REQUIRE(starts.size() == 7u);
  for (std::uint32_t i = 0; i < 4; ++i) CHECK(starts[i].server == i);
  CHECK(starts[4] == Rec{7, 'S', 4, 1});
  CHECK(starts[5] == Rec{8, 'S', 5, 1});  // server 1 is free again at 8 (done at 8)
  CHECK(starts[6] == Rec{8.5, 'S', 6, 2});
}

TEST_CASE("more than 64 servers", "[resource]") {
  std::vector<Job> jobs;
  for (int i = 0; i < 71; ++i) jobs.push_back({0.0, 100.0 + i});
  jobs[65].service = 10.0;  // server 65 frees first
  jobs[70].service = 1.0;
  jobs.push_back({1.0, 1.0});
  Bench b(spec(70), jobs);
  b.sim.run_until(20.0);
  const auto starts = b.client.only('S');
  REQUIRE(starts.size() == 72u);
  for (std::uint32_t i = 0; i < 70; ++i) CHECK(starts[i].server == i);
  CHECK(starts[70] == Rec{10, 'S', 70, 65});  // job 70 queued, takes server 65 at 10
  CHECK(starts[71] == Rec{11, 'S', 71, 65});
}

TEST_CASE("queue_capacity 0 is a loss system", "[resource]") {
  ResourceSpec s = spec(1);
  s.queue_capacity = 0;
  Bench b(s, {{0, 10}, {1, 10}, {5, 10}, {10, 10}});
  b.sim.run_until(100.0);
  const std::vector<Rec> expected{{0, 'S', 0, 0},  {1, 'R', 1, 0},  {5, 'R', 2, 0},
                                  {10, 'D', 0, 0}, {10, 'S', 3, 0}, {20, 'D', 3, 0}};
  CHECK(b.client.log == expected);
  const auto& st = b.res.stats(100.0);
  CHECK(counts(st) == Counts{.arrivals = 4, .blocked = 2, .queued = 0, .abandoned = 0, .started = 2, .completed = 2});
  CHECK(st.wait.count() == 2u);  // rejected entities never joined
}

TEST_CASE("a finite queue blocks when full", "[resource]") {
  ResourceSpec s = spec(1);
  s.queue_capacity = 2;
  Bench b(s, {{0, 10}, {1, 10}, {2, 10}, {3, 10}, {11, 10}, {12, 10}});
  b.sim.run_until(100.0);
  const std::vector<Rec> expected{{0, 'S', 0, 0},  {1, 'Q', 1, 0},  {2, 'Q', 2, 0},  {3, 'R', 3, 0},
                                  {10, 'D', 0, 0}, {10, 'S', 1, 0}, {11, 'Q', 4, 0},  // one place was free again
                                  {12, 'R', 5, 0}, {20, 'D', 1, 0}, {20, 'S', 2, 0}, {30, 'D', 2, 0},
                                  {30, 'S', 4, 0}, {40, 'D', 4, 0}};
  CHECK(b.client.log == expected);
  CHECK(b.res.stats(100.0).blocked == 2u);
  CHECK(b.res.stats(100.0).queued == 3u);
}

TEST_CASE("priority discipline: class 0 first, FIFO within class, non-preemptive", "[resource]") {
  ResourceSpec s = spec(1);
  s.discipline = QueueDiscipline::priority;
  s.classes = 2;
  const std::vector<Job> jobs{{0, 10, 1}, {1, 10, 1}, {2, 10, 0}, {3, 10, 1}, {4, 10, 0}};
  Bench b(s, jobs);
  b.sim.run_until(100.0);
  const std::vector<Rec> expected{
      {0, 'S', 0, 0},  {1, 'Q', 1, 0},  {2, 'Q', 2, 0},  {3, 'Q', 3, 0},
      {4, 'Q', 4, 0},  {10, 'D', 0, 0},  // class 1 in service is not pre-empted by the class-0 arrivals
      {10, 'S', 2, 0}, {20, 'D', 2, 0}, {20, 'S', 4, 0}, {30, 'D', 4, 0},
      {30, 'S', 1, 0}, {40, 'D', 1, 0}, {40, 'S', 3, 0}, {50, 'D', 3, 0}};
  CHECK(b.client.log == expected);
  const auto& st = b.res.stats(100.0);
  REQUIRE(st.by_class.size() == 2u);
  CHECK(st.by_class[0].arrivals == 2u);
  CHECK(st.by_class[1].arrivals == 3u);
  CHECK(st.by_class[0].queued == 2u);
  CHECK(st.by_class[1].queued == 2u);
  CHECK(st.by_class[0].wait.mean() == Approx((8.0 + 16.0) / 2));
  CHECK(st.by_class[1].wait.mean() == Approx((0.0 + 29.0 + 37.0) / 3));

  SECTION("the same input under FIFO ignores the classes") {
    ResourceSpec f = s;
    f.discipline = QueueDiscipline::fifo;
    Bench c(f, jobs);
    c.sim.run_until(100.0);
    std::vector<std::uint64_t> order;
    for (const Rec& r : c.client.only('S')) order.push_back(r.entity);
    CHECK(order == std::vector<std::uint64_t>{0, 1, 2, 3, 4});
    CHECK(c.res.stats(100.0).by_class[0].wait.mean() == Approx((18.0 + 36.0) / 2));
  }
}

TEST_CASE("patience: abandon exactly at arrival + patience, unless served first", "[resource]") {
  Bench b(spec(1), {{0, 10},
                    {1, 10, 0, 5},      // abandons at 6, from the head of the queue
                    {2, 10, 0, 20},     // served at 10, before its patience runs out at 22
                    {3, 10, 0, 16.5},   // abandons at 19.5
                    {4, 10, 0, inf}});  // served at 20
  b.sim.run_until(200.0);
  const std::vector<Rec> expected{{0, 'S', 0, 0},    {1, 'Q', 1, 0},  {2, 'Q', 2, 0},  {3, 'Q', 3, 0},
                                  {4, 'Q', 4, 0},    {6, 'A', 1, 0},  {10, 'D', 0, 0}, {10, 'S', 2, 0},
                                  {19.5, 'A', 3, 0}, {20, 'D', 2, 0}, {20, 'S', 4, 0}, {30, 'D', 4, 0}};
  CHECK(b.client.log == expected);
  const auto& st = b.res.stats(200.0);
  CHECK(counts(st) == Counts{.arrivals = 5, .blocked = 0, .queued = 4, .abandoned = 2, .started = 3, .completed = 3});
  // waits 0, 5, 8, 16.5, 16; sojourns 10, 5, 18, 16.5, 26
  CHECK(st.wait.count() == 5u);
  CHECK(st.wait.mean() == Approx(45.5 / 5.0));
  CHECK(st.sojourn.mean() == Approx(75.5 / 5.0));
  // queue: 1 [1,2) 2 [2,3) 3 [3,4) 4 [4,6) 3 [6,10) 2 [10,19.5) 1 [19.5,20)
  CHECK(st.queue_length.integral(200.0) == Approx(1 + 2 + 3 + 8 + 12 + 19 + 0.5));
  CHECK(b.res.queue_length() == 0u);
  CHECK(b.sim.pending() == 0u);  // the cancelled patience event of job 2 is gone
}

TEST_CASE("patience 0 abandons at the arrival instant", "[resource]") {
  Bench b(spec(1), {{0, 10}, {3, 10, 0, 0.0}});
  b.sim.run_until(50.0);
  CHECK(b.client.only('A') == std::vector<Rec>{{3, 'A', 1, 0}});
  CHECK(b.client.only('S').size() == 1u);
}

TEST_CASE("many abandonments: queue compaction keeps FIFO order of the patient", "[resource]") {
  // one long service; 300 impatient arrivals, every tenth one patient
  std::vector<Job> jobs{{0, 1000}};
  for (int i = 1; i <= 300; ++i) jobs.push_back({static_cast<double>(i), 1.0, 0, i % 10 == 0 ? inf : 2.0});
  Bench b(spec(1), jobs);
  b.sim.run_until(999.0);
  CHECK(b.client.only('A').size() == 270u);
  CHECK(b.res.queue_length() == 30u);
  b.sim.run_until(5000.0);
  const auto starts = b.client.only('S');
  REQUIRE(starts.size() == 31u);
  for (std::size_t k = 1; k < starts.size(); ++k) {
    CHECK(starts[k].entity == 10 * k);
    CHECK(starts[k].time == 1000.0 + static_cast<double>(k - 1));
  }
  for (const Rec& a : b.client.only('A')) CHECK(a.time == jobs[a.entity].arrival + 2.0);
  const auto& st = b.res.stats(5000.0);
  CHECK(st.abandoned == 270u);
  CHECK(st.started == 31u);
}

TEST_CASE("capacity schedule: changes at hour boundaries, busy servers finish first", "[resource]") {
  ResourceSpec s = spec(0);
  s.schedule.assign(168, 1);
  s.schedule[0] = 2;  // [0, 60)
  s.schedule[1] = 1;  // [60, 120)
  s.schedule[2] = 0;  // [120, 180)
  s.schedule[3] = 3;  // [180, 240), then 1
  s.hour_length = 60.0;
  Bench b(s, {{0, 100}, {10, 30}, {70, 30}, {125, 100}});
  CHECK(b.res.server_count() == 3u);
  std::vector<std::uint32_t> duty, free;
  for (double t : {30.0, 59.0, 60.0, 90.0, 125.0, 129.0, 130.0, 179.0, 180.0, 239.0, 240.0, 300.0}) {
    b.sim.run_until(t);
    duty.push_back(b.res.on_duty_count());
    free.push_back(b.res.free_count());
  }
  // at 120 capacity drops to 0 but job 2 (served 100..130) holds its server until 130
  CHECK(duty == std::vector<std::uint32_t>{2, 2, 1, 1, 1, 1, 0, 0, 3, 3, 1, 1});
  CHECK(free == std::vector<std::uint32_t>{0, 1, 0, 0, 0, 0, 0, 0, 2, 2, 0, 1});
  const std::vector<Rec> expected{{0, 'S', 0, 0},   {10, 'S', 1, 1},  {40, 'D', 1, 1},  {70, 'Q', 2, 0},
                                  {100, 'D', 0, 0}, {100, 'S', 2, 0}, {125, 'Q', 3, 0},  // nobody free at 130 either
                                  {130, 'D', 2, 0}, {180, 'S', 3, 0}, {280, 'D', 3, 0}};
  CHECK(b.client.log == expected);
  // on duty: 2*60 + 1*70 + 0*50 + 3*60 + 1*60 = 430; busy 100 + 30 + 30 + 100 = 260
  CHECK(b.res.stats(300.0).on_duty.integral(300.0) == Approx(430.0));
  CHECK(b.res.utilization(300.0) == Approx(260.0 / 430.0));
  const auto& busy = b.res.stats(300.0).server_busy_time;
  CHECK(busy == std::vector<double>{230.0, 30.0, 0.0});
  // the schedule repeats weekly
  b.sim.run_until(168 * 60 + 30.0);
  CHECK(b.res.on_duty_count() == 2u);
  b.sim.run_until(168 * 60 + 150.0);
  CHECK(b.res.on_duty_count() == 0u);
}

TEST_CASE("capacity schedule: an event only at the hours where the count changes", "[resource]") {
  // a constant week: no schedule event at all
  ResourceSpec flat = spec(0);
  flat.schedule.assign(168, 2);
  Bench f(flat, {});
  f.sim.run_until(3 * 168 * 60.0);
  CHECK(f.sim.events_processed() == 0u);
  CHECK(f.res.on_duty_count() == 2u);
  // weeks with 1, 2, 5 and 60 changes, one at the wrap from Sunday to Monday, started mid-week
  RandomStream rng(3, 0, "unit", "schedule");
  for (int changes : {1, 2, 5, 60}) {
    INFO(changes);
    ResourceSpec s = spec(0);
    s.schedule.assign(168, 1);
    if (changes == 1) std::fill(s.schedule.begin() + 100, s.schedule.end(), 4);  // [100, 168) 4: changes at 100 and 0
    if (changes == 2) std::fill(s.schedule.begin() + 8, s.schedule.begin() + 17, 3);
    if (changes >= 5)
      for (int i = 0; i < changes; ++i) s.schedule[rng.below(168)] = static_cast<std::uint32_t>(rng.below(4));
    std::uint64_t expected_events = 0;
    for (std::size_t h = 1; h < 3 * 168; ++h) expected_events += s.schedule[h % 168] != s.schedule[(h - 1) % 168];
    Simulation sim{1, 0};
    sim.run_until(0.5);  // the resource is made within hour 0
    Client client({});
    Resource res(sim, s, client);
    for (std::size_t h = 0; h < 3 * 168; ++h) {
      sim.run_until(static_cast<double>(h) * 60.0 + 30.0);
      CHECK(res.on_duty_count() == s.schedule[h % 168]);
    }
    sim.run_until(3 * 168 * 60.0 - 1.0);
    CHECK(sim.events_processed() == expected_events);
  }
}

TEST_CASE("capacity schedule with day types: a day takes another day's hours; events only at changes", "[resource]") {
  // weekdays 08-17: 3, evenings 1, weekend 2; day 2 (Wednesday) and day 12
  // (Saturday) take Sunday's hours, day 8 (Tuesday) takes Monday's (no change)
  ResourceSpec s = spec(0);
  s.schedule.assign(168, 1);
  for (std::size_t d = 0; d < 7; ++d)
    for (std::size_t h = 0; h < 24; ++h) s.schedule[d * 24 + h] = d >= 5 ? 2 : (h >= 8 && h < 17 ? 3 : 1);
  s.schedule[6 * 24 + 12] = 4;  // a Sunday noon peak
  s.day_of_week = {0, 1, 6, 3, 4, 5, 6, 0, 0, 2, 3, 4, 6};
  const auto expected_at = [&](std::size_t hour) {
    const std::size_t day = hour / 24;
    const std::size_t d = day < s.day_of_week.size() ? s.day_of_week[day] : day % 7;
    return s.schedule[d * 24 + hour % 24];
  };
  std::uint64_t expected_events = 0;
  for (std::size_t h = 1; h < 3 * 168; ++h) expected_events += expected_at(h) != expected_at(h - 1);
  Simulation sim{1, 0};
  Client client({});
  Resource res(sim, s, client);
  for (std::size_t h = 0; h < 3 * 168; ++h) {
    sim.run_until(static_cast<double>(h) * 60.0 + 30.0);
    INFO("hour " << h);
    CHECK(res.on_duty_count() == expected_at(h));
  }
  sim.run_until(3 * 168 * 60.0 - 1.0);
  CHECK(sim.events_processed() == expected_events);
  s.day_of_week[1] = 7;
  Simulation bad{1, 0};
  CHECK_THROWS_AS(Resource(bad, s, client), std::invalid_argument);
}

TEST_CASE("a retiring server called back before it finishes stays on duty", "[resource]") {
  ResourceSpec s = spec(0);
  s.schedule.assign(168, 1);
  s.schedule[1] = 0;  // [60, 120) nobody
  // job 0 runs 30..150 across the gap; job 1 queues at 100 and is served at 150
  Bench b(s, {{30, 120}, {100, 10}});
  b.sim.run_until(90.0);
  CHECK(b.res.on_duty_count() == 1u);  // retiring, still busy
  b.sim.run_until(200.0);
  CHECK(b.res.on_duty_count() == 1u);
  const std::vector<Rec> expected{
      {30, 'S', 0, 0}, {100, 'Q', 1, 0}, {150, 'D', 0, 0}, {150, 'S', 1, 0}, {160, 'D', 1, 0}};
  CHECK(b.client.log == expected);
}

TEST_CASE("a capacity increase serves the queue at the hour boundary", "[resource]") {
  ResourceSpec s = spec(0);
  s.schedule.assign(168, 2);
  s.schedule[0] = 0;
  Bench b(s, {{10, 5}, {20, 5}, {30, 5}});
  b.sim.run_until(100.0);
  const std::vector<Rec> expected{{10, 'Q', 0, 0}, {20, 'Q', 1, 0}, {30, 'Q', 2, 0}, {60, 'S', 0, 0}, {60, 'S', 1, 1},
                                  {65, 'D', 0, 0}, {65, 'S', 2, 0}, {65, 'D', 1, 1}, {70, 'D', 2, 0}};
  CHECK(b.client.log == expected);
  CHECK(b.res.stats(100.0).wait.mean() == Approx((50.0 + 40.0 + 35.0) / 3));
}

TEST_CASE("warm-up resets resource statistics", "[resource]") {
  Simulation sim(1, 0);
  Client client({{0, 100}, {10, 10}});
  Resource res(sim, spec(1), client);
  client.res = &res;
  client.schedule(sim);
  sim.set_warmup(50.0);
  sim.run_until(150.0);
  const auto& st = res.stats(150.0);
  // both arrived before the warm-up; job 1 started at 100; completions at 100 and 110
  CHECK(counts(st) == Counts{.arrivals = 0, .blocked = 0, .queued = 0, .abandoned = 0, .started = 1, .completed = 2});
  CHECK(st.wait.count() == 1u);
  CHECK(st.wait.mean() == Approx(90.0));                   // its whole wait, including before the warm-up
  CHECK(st.server_busy_time[0] == Approx(60.0));           // [50, 110)
  CHECK(st.queue_length.integral(150.0) == Approx(50.0));  // 1 on [50, 100)
  CHECK(res.utilization(150.0) == Approx(60.0 / 100.0));
}

TEST_CASE("resource misuse throws", "[resource]") {
  Simulation sim(1, 0);
  Client client(std::vector<Job>{});
  SECTION("release of an idle or unknown server") {
    Resource res(sim, spec(2), client);
    CHECK_THROWS_AS(res.release(sim, 0), std::logic_error);
    CHECK_THROWS_AS(res.release(sim, 7), std::logic_error);
  }
  SECTION("class out of range") {
    Resource res(sim, spec(1), client);
    CHECK_THROWS_AS(res.seize(sim, 1, 1), std::out_of_range);
    CHECK(res.busy_count() == 0u);
  }
  SECTION("bad specs") {
    ResourceSpec s = spec(1);
    s.classes = 0;
    CHECK_THROWS_AS(Resource(sim, s, client), std::invalid_argument);
    s = spec(1);
    s.schedule.assign(24, 1);
    CHECK_THROWS_AS(Resource(sim, s, client), std::invalid_argument);
    s.schedule.assign(168, 1);
    s.hour_length = 0.0;
    CHECK_THROWS_AS(Resource(sim, s, client), std::invalid_argument);
  }
}

TEST_CASE("absences: part of the schedule off duty for a period, busy servers finish first", "[resource]") {
  ResourceSpec s = spec(0);
  s.schedule.assign(168, 3);
  s.schedule[2] = 4;  // [120, 180) 4, else 3
  std::vector<std::uint32_t> part(168, 2);
  part[2] = 3;
  s.absences = {{90.0, 150.0, part}};  // [90, 150): 2 of 3 (hour 1), 3 of 4 (hour 2) off duty
  // jobs 0 and 1 are in service across the start of the absence; 3 and 4 queue
  Bench b(s, {{0, 100}, {10, 200}, {80, 5}, {95, 10}, {96, 10}});
  std::vector<std::uint32_t> duty;
  for (double t : {89.0, 91.0, 101.0, 119.0, 121.0, 149.0, 151.0, 181.0}) {
    b.sim.run_until(t);
    duty.push_back(b.res.on_duty_count());
  }
  // at 90 the target is 1: server 2 (free) leaves, server 1 (job 1 until
  // 210) retires when done, server 0 stays and serves the queue from 100;
  // at 150 the target is 4 again
  CHECK(duty == std::vector<std::uint32_t>{3, 2, 2, 2, 2, 2, 4, 3});
  const std::vector<Rec> expected{{0, 'S', 0, 0},   {10, 'S', 1, 1},  {80, 'S', 2, 2},  {85, 'D', 2, 2},
                                  {95, 'Q', 3, 0},  {96, 'Q', 4, 0},  {100, 'D', 0, 0}, {100, 'S', 3, 0},
                                  {110, 'D', 3, 0}, {110, 'S', 4, 0}, {120, 'D', 4, 0}};
  CHECK(b.client.log == expected);
  // absent: 2 * 30 (hour 1 from 90) + 3 * 30 (hour 2 to 150) = 150 server-minutes
  CHECK(b.res.stats(200.0).absent.integral(200.0) == 150.0);
  // the week after: the schedule alone again
  b.sim.run_until(168 * 60 + 100.0);
  CHECK(b.res.on_duty_count() == 3u);
}

TEST_CASE("absences: without a schedule, from the constant servers; events only at changes", "[resource]") {
  ResourceSpec s = spec(5);
  s.absences = {{600.0, 700.0, std::vector<std::uint32_t>(168, 5)},
                {650.0, 1000.0, std::vector<std::uint32_t>(168, 2)}};
  Bench b(s, {});
  std::vector<std::uint32_t> duty;
  for (double t : {599.0, 601.0, 660.0, 701.0, 999.0, 1001.0}) {
    b.sim.run_until(t);
    duty.push_back(b.res.on_duty_count());
  }
  CHECK(duty == std::vector<std::uint32_t>{5, 0, 0, 3, 3, 5});  // overlapping absences add up, floored at 0
  b.sim.run_until(3 * 168 * 60.0);
  CHECK(b.sim.events_processed() == 4u);  // the four ends: no hourly events for a constant week
  CHECK(b.res.stats(2000.0).absent.integral(2000.0) == 5 * 100.0 + 2 * 300.0);
  ResourceSpec bad = spec(1);
  bad.absences = {{10.0, 5.0, std::vector<std::uint32_t>(168, 1)}};
  Simulation sim{1, 0};
  Client client({});
  CHECK_THROWS_AS(Resource(sim, bad, client), std::invalid_argument);
  bad.absences = {{0.0, 5.0, std::vector<std::uint32_t>(3, 1)}};
  CHECK_THROWS_AS(Resource(sim, bad, client), std::invalid_argument);
}
