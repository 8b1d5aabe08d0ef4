// SPDX-License-Identifier: MIT
#include "ordered_delivery.hpp"

#include <utility>

namespace zccsim::sim::detail {

OrderedDelivery::OrderedDelivery(const std::vector<Task>& tasks, ResultSink& sink, const ExecutionControl& control)
    : tasks_(tasks), sink_(sink), control_(control), pending_(tasks.size()) {}

void OrderedDelivery::store(std::size_t i, TaskResult&& result) {
  ++done_;
  events_ += result.events;
  pending_[i] = std::move(result);
  if (error_) return;
  try {
    while (delivered_ < pending_.size() && pending_[delivered_]) {
      sink_.accept(delivered_, tasks_[delivered_], std::move(*pending_[delivered_]));
      pending_[delivered_].reset();
      ++delivered_;
    }
    if (control_.progress) control_.progress(done_, pending_.size(), events_);
  } catch (...) {
    error_ = std::current_exception();
  }
}

void OrderedDelivery::fail(std::exception_ptr error) noexcept {
  if (!error_) error_ = std::move(error);
}

ExecutionReport OrderedDelivery::finish() {
  if (error_) std::rethrow_exception(error_);
  const std::size_t n = pending_.size();
  ExecutionReport report;
  report.stopped = delivered_ < n;
  report.completed = delivered_;
  for (std::size_t i = delivered_; i < n; ++i)
    if (pending_[i]) {
      sink_.accept(i, tasks_[i], std::move(*pending_[i]));
      pending_[i].reset();
      ++report.completed;
    }
  return report;
}

}  // namespace zccsim::sim::detail
