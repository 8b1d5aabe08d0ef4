// SPDX-License-Identifier: MIT
// Runs under mpirun (tests/mpi/CMakeLists.txt): checks sim::mpi::execute on
// synthetic tasks whose finishing order is scrambled by sleeps.
//   order   several rounds (0, 1, 3 and 200 tasks): the sink gets every result
//           once, in task order, equal bit for bit to sim::execute's; tasks
//           pinned to rank 0 run there; progress counts up to the total
//   error   a task throws on a rank other than 0 (or on rank 0 with one
//           rank): rank 0 rethrows a message naming the rank and the task;
//           every process exits with status 3, nothing hangs
//   error0  a task throws on rank 0: the original exception comes back
//   stop    the stop flag is set after 20 results: fewer tasks run, the
//           delivered ones are right, the report says stopped
//   stop_reserve  the stop comes when every task is handed out and the
//           other ranks were told so (kEndRound {0}) but still hold a task
//           they have not started: they drop it, the report says stopped
// Exit status: 0 pass, 3 the expected error, 1 fail; messages from rank 0.
#include "exec/mpi_executor.hpp"

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>
#include <thread>

using namespace zccsim;

namespace {

int env_rank() { return sim::mpi::detect_launch().rank; }

sim::TaskResult compute(const sim::Task& t) {
  // uneven durations so results come back out of order
  std::this_thread::sleep_for(std::chrono::microseconds((t.replication * 7919 + t.point * 104729) % 3000));
  const double r = static_cast<double>(t.replication), p = static_cast<double>(t.point);
  sim::Metrics m{p, r, std::sin(r * 0.37 + p), std::nan(""), 1.0 / (r + 1.0)};
  m.resize(5 + t.replication % 4, -0.0);  // rows of different lengths
  return {m, t.replication * 3 + t.point};
}

struct Checker final : sim::ResultSink {
  explicit Checker(const std::vector<sim::Task>& t) : tasks(t) {}
  void accept(std::size_t index, const sim::Task& task, sim::TaskResult&& r) override {
    // in task order; after a stop, finished results beyond a gap come in order, gaps skipped
    if (gaps ? index < next : index != next)
      fail("result " + std::to_string(index) + " arrived when " + std::to_string(next) + " was due");
    if (!(task == tasks[index])) fail("wrong task for index " + std::to_string(index));
    const auto want = compute(task);
    if (r.events != want.events || r.metrics.size() != want.metrics.size() ||
        std::memcmp(r.metrics.data(), want.metrics.data(), r.metrics.size() * sizeof(double)) != 0)
      fail("result " + std::to_string(index) + " differs from a local run");
    next = index + 1;
    ++received;
  }
  [[noreturn]] static void fail(const std::string& what) {
    std::fprintf(stderr, "FAIL: %s\n", what.c_str());
    std::exit(sim::mpi::finish(1));
  }
  const std::vector<sim::Task>& tasks;
  std::size_t next = 0, received = 0;
  bool gaps = false;  // a stopped run may skip tasks that never ran
};

std::vector<sim::Task> make_tasks(std::size_t n) {
  std::vector<sim::Task> tasks;
  for (std::size_t i = 0; i < n; ++i) tasks.push_back({static_cast<std::uint32_t>(i % 3), i / 3});
  return tasks;
}

int check_order() {
  // pinned: point 1, replication 0 must run in this process (rank 0)
  const sim::TaskFn fn = [](const sim::Task& t) {
    if (t.point == 1 && t.replication == 0 && env_rank() != 0) throw std::runtime_error("pinned task ran on a worker");
    return compute(t);
  };
  const auto pinned = [](const sim::Task& t) { return t.point == 1 && t.replication == 0; };
  for (std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{3}, std::size_t{200}}) {
    const auto tasks = make_tasks(n);
    Checker sink(tasks);
    std::size_t last_done = 0;
    sim::ExecutionControl control;
    control.threads = 1;
    control.progress = [&](std::size_t done, std::size_t total, std::uint64_t) {
      if (done != last_done + 1 || total != n)
        Checker::fail("progress " + std::to_string(done) + "/" + std::to_string(total));
      last_done = done;
    };
    const auto report = sim::mpi::execute(tasks, fn, sink, control, pinned);
    if (sink.next != n || report.completed != n || report.stopped || last_done != n)
      Checker::fail("round of " + std::to_string(n) + ": " + std::to_string(sink.next) + " delivered");
  }
  std::printf("order: 4 rounds on %d ranks, every result in task order, bit for bit\n", sim::mpi::world_size());
  return 0;
}

int check_error(bool on_rank0) {
  const int size = sim::mpi::detect_launch().size;
  const sim::TaskFn fn = [&](const sim::Task& t) {
    const bool here = on_rank0 ? env_rank() == 0 : (env_rank() != 0 || size <= 1);
    if (here && t.replication >= 5) throw std::domain_error("task exploded");
    return compute(t);
  };
  const auto tasks = make_tasks(300);
  Checker sink(tasks);
  sim::ExecutionControl control;
  control.threads = 1;
  try {
    sim::mpi::execute(tasks, fn, sink, control);
  } catch (const std::domain_error& e) {
    if (!on_rank0 && size > 1) Checker::fail("a remote error came back as the original type");
    std::printf("error: rank 0 rethrew: %s\n", e.what());
    return 3;
  } catch (const std::runtime_error& e) {
    const std::string what = e.what();
    if (on_rank0 || what.find("MPI rank ") == std::string::npos || what.find("task exploded") == std::string::npos ||
        what.find("replication ") == std::string::npos)
      Checker::fail("unexpected error message: " + what);
    std::printf("error: rank 0 rethrew: %s\n", e.what());
    return 3;
  }
  Checker::fail("no error came back");
}

int check_stop() {
  std::atomic<bool> stop{false};
  const auto tasks = make_tasks(400);
  Checker sink(tasks);
  sink.gaps = true;
  sim::ExecutionControl control;
  control.threads = 1;
  control.stop = &stop;
  control.progress = [&](std::size_t done, std::size_t, std::uint64_t) {
    if (done >= 20) stop = true;
  };
  const auto report = sim::mpi::execute(tasks, compute, sink, control);
  if (!report.stopped || report.completed < 20 || report.completed >= tasks.size() ||
      (env_rank() == 0 && report.completed != sink.received))
    Checker::fail("stop: completed " + std::to_string(report.completed) + ", received " +
                  std::to_string(sink.received));
  std::printf("stop: %zu of %zu tasks delivered after the stop flag\n", report.completed, tasks.size());
  return 0;
}

int check_stop_reserve() {
  // Two threads per rank. A rank other than 0 gets four tasks at once (two
  // run, two wait); its first task takes 0.2 s, the others 1.5 s, while rank 0
  // finishes everything else in a few ms. The first result from another rank
  // sets the stop flag: by then no task is left to hand out, so that rank's
  // next request was or is answered with kEndRound {0}, and one of its tasks
  // still waits. The stop must reach it anyway and drop that task.
  std::atomic<bool> stop{false};
  std::atomic<int> started{0};
  const int rank = env_rank();
  const sim::TaskFn fn = [&](const sim::Task& t) {
    using std::chrono::milliseconds;
    std::this_thread::sleep_for(rank == 0 ? milliseconds(2) : milliseconds(started++ == 0 ? 200 : 1500));
    sim::TaskResult r = compute(t);
    r.events = static_cast<std::uint64_t>(rank);
    return r;
  };
  struct Sink final : sim::ResultSink {
    explicit Sink(std::atomic<bool>& s) : stop(s) {}
    void accept(std::size_t, const sim::Task&, sim::TaskResult&& r) override {
      ++received;
      if (r.events != 0) stop = true;  // computed on another rank
    }
    std::atomic<bool>& stop;
    std::size_t received = 0;
  } sink(stop);
  const auto tasks = make_tasks(24);
  sim::ExecutionControl control;
  control.threads = 2;
  control.stop = &stop;
  const auto report = sim::mpi::execute(tasks, fn, sink, control);
  if (!report.stopped || report.completed >= tasks.size() || report.completed != sink.received)
    Checker::fail("stop_reserve: completed " + std::to_string(report.completed) + " of " +
                  std::to_string(tasks.size()) + (report.stopped ? ", stopped" : ", not stopped"));
  std::printf("stop_reserve: %zu of %zu tasks delivered; the reserve was dropped\n", report.completed, tasks.size());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "order";
  int status = 1;
  try {
    if (mode == "order") status = check_order();
    else if (mode == "error") status = check_error(false);
    else if (mode == "error0") status = check_error(true);
    else if (mode == "stop") status = check_stop();
    else if (mode == "stop_reserve") status = check_stop_reserve();
    else std::fprintf(stderr, "unknown mode %s\n", mode.c_str());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "FAIL: %s\n", e.what());
    status = 1;
  }
  return sim::mpi::finish(status);
}
