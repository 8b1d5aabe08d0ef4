// SPDX-License-Identifier: MIT
#include "experiment.hpp"

#include <boost/math/distributions/students_t.hpp>

#include <atomic>
#include <cmath>
#include <exception>
#include <limits>
#include <mutex>
#include <optional>
#include <thread>

namespace zccsim::sim {

double student_t_quantile(double p, double dof) {
  return boost::math::quantile(boost::math::students_t_distribution<double>(dof), p);
}

Summary summarize(std::span<const double> values, double level) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::size_t n = 0;
  double mean = 0.0, m2 = 0.0;
  for (double x : values) {
    if (std::isnan(x)) continue;
    ++n;
    const double d = x - mean;
    mean += d / static_cast<double>(n);
    m2 += d * (x - mean);
  }
  if (n == 0) return {nan, nan, 0};
  if (n == 1) return {mean, nan, 1};
  const double sd = std::sqrt(m2 / static_cast<double>(n - 1));
  const double t = student_t_quantile(0.5 + level / 2.0, static_cast<double>(n - 1));
  return {mean, t * sd / std::sqrt(static_cast<double>(n)), n};
}

std::vector<Metrics> run_replications(std::uint64_t first, std::uint64_t count, unsigned threads,
                                      const ReplicationFn& fn) {
  std::vector<Metrics> rows(count);
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::uint64_t>(threads, std::max<std::uint64_t>(count, 1)));
  std::atomic<std::uint64_t> next{0};
  std::exception_ptr error;
  std::mutex error_mutex;
  auto worker = [&] {
    for (std::uint64_t i; (i = next.fetch_add(1)) < count;) {
      try {
        rows[i] = fn(first + i);
      } catch (...) {
        const std::lock_guard lock(error_mutex);
        if (!error) error = std::current_exception();
        next = count;
      }
    }
  };
  if (threads <= 1) {
    worker();
  } else {
    std::vector<std::jthread> pool;
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);
  }
  if (error) std::rethrow_exception(error);
  return rows;
}

ExecutionReport execute(const std::vector<Task>& tasks, const TaskFn& fn, ResultSink& sink,
                        const ExecutionControl& control) {
  const std::size_t n = tasks.size();
  unsigned threads = control.threads ? control.threads : std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(n, 1)));
  std::vector<std::optional<TaskResult>> pending(n);  // finished, not yet delivered
  std::atomic<std::size_t> next{0};
  std::mutex mutex;  // guards pending, delivery, counters and the error
  std::size_t delivered = 0, done = 0;
  std::uint64_t events = 0;
  std::exception_ptr error;
  bool stopped = false;
  auto stop_requested = [&] { return control.stop && control.stop->load(std::memory_order_relaxed); };
  auto deliver_ready = [&] {  // caller holds the mutex
    while (delivered < n && pending[delivered]) {
      sink.accept(delivered, tasks[delivered], std::move(*pending[delivered]));
      pending[delivered].reset();
      ++delivered;
    }
  };
  auto worker = [&] {
    for (;;) {
      if (stop_requested()) return;
      const std::size_t i = next.fetch_add(1);
      if (i >= n) return;
      TaskResult r;
      try {
        r = fn(tasks[i]);
      } catch (...) {
        const std::lock_guard lock(mutex);
        if (!error) error = std::current_exception();
        next = n;
        return;
      }
      const std::lock_guard lock(mutex);
      ++done;
      events += r.events;
      pending[i] = std::move(r);
      if (!error) deliver_ready();
      if (control.progress) control.progress(done, n, events);
    }
  };
  if (threads <= 1) {
    worker();
  } else {
    std::vector<std::jthread> pool;
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);
  }
  if (error) std::rethrow_exception(error);
  ExecutionReport report;
  stopped = delivered < n;
  // after a stop: deliver what finished beyond the first gap, in order
  for (std::size_t i = delivered; i < n; ++i)
    if (pending[i]) {
      sink.accept(i, tasks[i], std::move(*pending[i]));
      ++report.completed;
    }
  report.completed += delivered;
  report.stopped = stopped;
  return report;
}

}  // namespace zccsim::sim
