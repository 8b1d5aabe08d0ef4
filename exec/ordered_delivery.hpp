// SPDX-License-Identifier: MIT
// Internal to the executors (sim::execute, sim::mpi::execute): hands finished
// results to the sink in task-list order and keeps the first error, so both
// share one definition of "ordered delivery". Not thread-safe: the executor
// calls it under its own mutex.
#pragma once

#include "experiment.hpp"

#include <cstddef>
#include <cstdint>
#include <exception>
#include <optional>
#include <vector>

namespace zccsim::sim::detail {

class OrderedDelivery {
 public:
  OrderedDelivery(const std::vector<Task>& tasks, ResultSink& sink, const ExecutionControl& control);

  // Task i finished: delivers every result now at the front of the list and
  // reports progress. An exception from the sink or the progress callback
  // becomes the first error (see failed()); nothing is delivered after one.
  void store(std::size_t i, TaskResult&& result);
  // Keeps `error` unless there is an earlier one.
  void fail(std::exception_ptr error) noexcept;
  bool failed() const noexcept { return static_cast<bool>(error_); }
  // Task i finished already (delivered or waiting for an earlier one).
  bool known(std::size_t i) const noexcept { return i < delivered_ || pending_[i].has_value(); }
  // After the workers stopped: rethrows the first error, or delivers (in
  // order) what finished beyond the first gap a stop left and reports.
  ExecutionReport finish();

 private:
  const std::vector<Task>& tasks_;
  ResultSink& sink_;
  const ExecutionControl& control_;
  std::vector<std::optional<TaskResult>> pending_;  // finished, not yet delivered
  std::size_t delivered_ = 0, done_ = 0;
  std::uint64_t events_ = 0;
  std::exception_ptr error_;
};

}  // namespace zccsim::sim::detail
