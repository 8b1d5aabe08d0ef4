// SPDX-License-Identifier: MIT
// Replications and experiments on threads. Each replication is a pure function of its
// index (its random streams depend only on seed, replication, component and
// purpose), so results are identical for any thread count.
#pragma once

#include "sim/kpi.hpp"
#include "sim/records.hpp"
#include "sim/summary.hpp"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace zccsim::sim {

// ---- experiments: many (point, replication) tasks ---------------------------

struct Task {
  std::uint32_t point = 0;        // scenario variant / sweep point
  std::uint64_t replication = 0;  // replication index (its random streams)
  bool operator==(const Task&) const = default;
};

// One replication's record: its KPIs (in the order of the model's KPI
// columns), the events it simulated, its conservation counts and, when the
// run asked for it, its detail (hourly series, event log). Every entry point
// (CLI, Python, tests) gets this one record from Scenario::run.
struct TaskResult {
  Metrics metrics;
  std::uint64_t events = 0;  // simulated events, for progress reports
  Conservation conservation{};
  std::shared_ptr<Detail> detail{};  // null unless asked for (never sent between MPI ranks)
};

using TaskFn = std::function<TaskResult(const Task&)>;

// Receives results in the order of the task list, whatever order they
// finished in, so files written from it are identical for any thread or
// process count. Called from one thread at a time.
class ResultSink {
 public:
  virtual void accept(std::size_t index, const Task& task, TaskResult&& result) = 0;

 protected:
  ~ResultSink() = default;
};

struct ExecutionControl {
  unsigned threads = 0;                     // 0: all cores
  const std::atomic<bool>* stop = nullptr;  // set (e.g. by SIGINT): start no new task
  std::function<void(std::size_t done, std::size_t total, std::uint64_t events)> progress;
};

struct ExecutionReport {
  std::size_t completed = 0;  // tasks whose results reached the sink
  bool stopped = false;       // the stop flag ended the run early
};

// Runs the tasks on threads with dynamic load balancing and hands every
// finished result to the sink in task-list order. On stop, tasks already
// running finish; finished results are delivered (in order, gaps skipped).
// The first exception thrown by a task, the sink or the progress callback
// stops the assignment of tasks and is rethrown after the workers stop.
ExecutionReport execute(const std::vector<Task>& tasks, const TaskFn& fn, ResultSink& sink,
                        const ExecutionControl& control);

// Anything that runs tasks like execute() does (threads, MPI ranks, a shard).
using Executor =
    std::function<ExecutionReport(const std::vector<Task>&, const TaskFn&, ResultSink&, const ExecutionControl&)>;

}  // namespace zccsim::sim
