// SPDX-License-Identifier: MIT
// Replication summaries, the replication runner and the task executor.
#include "exec/experiment.hpp"
#include "sim/simulation.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>
#include <stdexcept>
#include <utility>
#include <vector>

using namespace zccsim::sim;

namespace {
constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();
}

TEST_CASE("student_t_quantile against closed forms and tables", "[experiment]") {
  // one degree of freedom: Cauchy, tan(pi (p - 1/2))
  CHECK(student_t_quantile(0.975, 1) == Approx(std::tan(std::numbers::pi * 0.475)).epsilon(1e-12));
  // two: (2p - 1) / sqrt(2 p (1 - p))
  CHECK(student_t_quantile(0.975, 2) == Approx(0.95 / std::sqrt(2 * 0.975 * 0.025)).epsilon(1e-12));
  CHECK(student_t_quantile(0.975, 4) == Approx(2.7764451051977987).epsilon(1e-12));
  CHECK(student_t_quantile(0.95, 4) == Approx(2.1318467863266495).epsilon(1e-12));
  CHECK(student_t_quantile(0.5, 7) == Approx(0.0).margin(1e-15));
}

TEST_CASE("summarize() gives the mean and the Student-t half-width", "[experiment]") {
  const std::vector<double> v{1.0, 2.0, 3.0, 4.0, 5.0};
  const Summary s = summarize(v);
  CHECK(s.n == 5u);
  CHECK(s.mean == Approx(3.0).epsilon(1e-15));
  // sd = sqrt(2.5); t_{0.975,4} = 2.7764451051977987
  CHECK(s.ci95 == Approx(2.7764451051977987 * std::sqrt(2.5) / std::sqrt(5.0)).epsilon(1e-12));

  // another level
  const Summary s90 = summarize(v, 0.90);
  CHECK(s90.ci95 == Approx(2.1318467863266495 * std::sqrt(0.5)).epsilon(1e-12));

  // a shifted data set: same half-width
  const std::vector<double> w{1001.0, 1002.0, 1003.0, 1004.0, 1005.0};
  CHECK(summarize(w).mean == Approx(1003.0).epsilon(1e-15));
  CHECK(summarize(w).ci95 == Approx(s.ci95).epsilon(1e-9));
}

TEST_CASE("summarize() skips NaNs", "[experiment]") {
  const std::vector<double> v{nan_v, 1.0, 2.0, nan_v, 3.0, 4.0, 5.0, nan_v};
  const Summary s = summarize(v);
  CHECK(s.n == 5u);
  CHECK(s.mean == Approx(3.0));
  CHECK(s.ci95 == Approx(2.7764451051977987 * std::sqrt(0.5)).epsilon(1e-12));
}

TEST_CASE("summarize() with fewer than two values", "[experiment]") {
  const std::vector<double> one{4.25, nan_v};
  const Summary s1 = summarize(one);
  CHECK(s1.n == 1u);
  CHECK(s1.mean == 4.25);
  CHECK(std::isnan(s1.ci95));

  const Summary s0 = summarize(std::vector<double>{nan_v, nan_v});
  CHECK(s0.n == 0u);
  CHECK(std::isnan(s0.mean));
  CHECK(std::isnan(s0.ci95));
  CHECK(summarize(std::vector<double>{}).n == 0u);

  const Summary same = summarize(std::vector<double>{2.0, 2.0, 2.0});
  CHECK(same.mean == 2.0);
  CHECK(same.ci95 == 0.0);
}

namespace {

// A small stochastic "replication": its metrics depend only on the index.
Metrics replicate(std::uint64_t rep) {
  Simulation sim(2024, rep);
  RandomStream s = sim.stream("unit", "rep");
  double sum = 0.0;
  for (int i = 0; i < 1000; ++i) sum += s.uniform();
  return {static_cast<double>(rep), sum, static_cast<double>(s.next_u64() >> 11)};
}

}  // namespace

namespace {

// Keeps the rows it gets; throws at row `throw_at`.
class ThrowingSink final : public ResultSink {
 public:
  explicit ThrowingSink(std::size_t throw_at) : throw_at_(throw_at) {}
  void accept(std::size_t index, const Task&, TaskResult&& result) override {
    if (index == throw_at_) throw std::runtime_error("sink failed");
    rows.push_back(std::move(result.metrics));
  }
  std::vector<Metrics> rows;

 private:
  std::size_t throw_at_;
};

std::vector<Task> replication_tasks(std::uint64_t count) {
  std::vector<Task> tasks(count);
  for (std::uint64_t i = 0; i < count; ++i) tasks[i].replication = i;
  return tasks;
}

TaskResult replicate_task(const Task& task) { return {replicate(task.replication), 1000}; }

}  // namespace

TEST_CASE("execute rethrows an exception from the sink", "[experiment]") {
  const auto tasks = replication_tasks(40);
  for (unsigned threads : {1u, 2u, 4u}) {
    INFO("threads " << threads);
    ThrowingSink sink(5);
    ExecutionControl control;
    control.threads = threads;
    CHECK_THROWS_WITH(execute(tasks, replicate_task, sink, control), "sink failed");
    REQUIRE(sink.rows.size() == 5u);  // rows before the failing one arrived, in order
    for (std::size_t i = 0; i < sink.rows.size(); ++i) CHECK(sink.rows[i] == replicate(i));
  }
}

TEST_CASE("execute rethrows an exception from a task", "[experiment]") {
  const auto tasks = replication_tasks(20);
  auto failing = [](const Task& t) -> TaskResult {
    if (t.replication == 7) throw std::runtime_error("replication 7 failed");
    return replicate_task(t);
  };
  for (unsigned threads : {1u, 4u}) {
    INFO("threads " << threads);
    ThrowingSink sink(1000);  // never throws itself
    ExecutionControl control;
    control.threads = threads;
    CHECK_THROWS_WITH(execute(tasks, failing, sink, control), "replication 7 failed");
    CHECK(sink.rows.size() <= 7u);  // nothing at or after the failed task arrives
    for (std::size_t i = 0; i < sink.rows.size(); ++i) CHECK(sink.rows[i] == replicate(i));
  }
}

TEST_CASE("execute rethrows an exception from the progress callback", "[experiment]") {
  const auto tasks = replication_tasks(40);
  for (unsigned threads : {1u, 2u, 4u}) {
    INFO("threads " << threads);
    ThrowingSink sink(tasks.size());  // never throws
    ExecutionControl control;
    control.threads = threads;
    std::size_t calls = 0;  // progress runs under the executor's lock (no Catch2 on workers)
    bool consistent = true;
    control.progress = [&](std::size_t done, std::size_t total, std::uint64_t events) {
      consistent = consistent && total == tasks.size() && events == 1000 * done;
      if (++calls == 3) throw std::logic_error("progress failed");
    };
    CHECK_THROWS_AS(execute(tasks, replicate_task, sink, control), std::logic_error);
    CHECK(consistent);
    CHECK(calls == 3u);  // no progress report after the failure
    CHECK(sink.rows.size() < tasks.size());
  }
}

TEST_CASE("execute delivers in task order for any thread count", "[experiment]") {
  const auto tasks = replication_tasks(31);
  ThrowingSink one(tasks.size());
  ExecutionControl control;
  control.threads = 1;
  const ExecutionReport r1 = execute(tasks, replicate_task, one, control);
  CHECK(r1.completed == tasks.size());
  CHECK_FALSE(r1.stopped);
  for (unsigned threads : {2u, 4u, 0u}) {
    INFO("threads " << threads);
    ThrowingSink sink(tasks.size());
    control.threads = threads;
    const ExecutionReport r = execute(tasks, replicate_task, sink, control);
    CHECK(r.completed == tasks.size());
    CHECK(sink.rows == one.rows);
  }
}
