// SPDX-License-Identifier: MIT
#include "experiment.hpp"

#include "ordered_delivery.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <limits>
#include <mutex>
#include <thread>
#include <utility>

namespace zccsim::sim {

ExecutionReport execute(const std::vector<Task>& tasks, const TaskFn& fn, ResultSink& sink,
                        const ExecutionControl& control) {
  const std::size_t n = tasks.size();
  unsigned threads = control.threads ? control.threads : std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(n, 1)));
  detail::OrderedDelivery delivery(tasks, sink, control);
  std::atomic<std::size_t> next{0};
  std::mutex mutex;  // guards delivery
  auto stop_requested = [&] { return control.stop && control.stop->load(std::memory_order_relaxed); };
  auto worker = [&] {
    while (!stop_requested()) {
      const std::size_t i = next.fetch_add(1);
      if (i >= n) return;
      TaskResult r;
      try {
        r = fn(tasks[i]);
      } catch (...) {
        const std::lock_guard lock(mutex);
        delivery.fail(std::current_exception());
        next = n;
        return;
      }
      const std::lock_guard lock(mutex);
      delivery.store(i, std::move(r));
      if (delivery.failed()) {  // the sink or the progress callback threw
        next = n;
        return;
      }
    }
  };
  if (threads <= 1) {
    worker();
  } else {
    std::vector<std::jthread> pool;
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);
  }
  return delivery.finish();
}

}  // namespace zccsim::sim
