// SPDX-License-Identifier: MIT
// The protocol (all messages on MPI_COMM_WORLD, arrays of uint64 unless noted):
//
//   rank 0 -> w   kRoundStart {}                  a call of execute began
//   w -> rank 0   kRequest {want, idle, threads}  w could use `want` more tasks;
//                                                 `idle` of its threads have none
//   rank 0 -> w   kAssign {index, point, replication}*   possibly none (then w
//                                                 asks again when a task ends)
//   w -> rank 0   kResult {index, events, created, ended, in_system, n, n doubles as their bits}
//   w -> rank 0   kError  chars: a task threw on w
//   w -> rank 0   kInterrupt {}                   a stop signal reached w
//   rank 0 -> w   kEndRound {stop}                no more tasks this round;
//                                                 stop = 1: drop the reserve too
//   w -> rank 0   kRoundDone {}                   w holds nothing; silent until
//                                                 the next kRoundStart or kExit
//   rank 0 -> w   kExit {status}                  finalize and exit
//
// Messages between two ranks arrive in the order they were sent (MPI's
// non-overtaking rule). Rank 0 answers a kRequest with kAssign while tasks are
// left and with kEndRound {0} after; requests that reach it after it sent
// kEndRound are ignored (w stops asking once it gets kEndRound). On a halt (a
// stop, or an error on any rank) rank 0 sends kEndRound {1} to every rank
// that has not sent kRoundDone, including ranks that already got kEndRound
// {0} and still hold a reserve, so a rank may get kEndRound twice in a round.
// A kEndRound that reaches w after w sent kRoundDone (the two crossed) is
// ignored: it can only belong to the round w has finished, because rank 0
// starts the next round only after every kRoundDone of this one, so the next
// kRoundStart comes after it.
//
// Every rank's main thread polls with MPI_Iprobe and sleeps briefly when there
// is nothing to do: Open MPI's blocking calls spin, which would steal the core
// a worker thread computes on. Only main threads call MPI (FUNNELED).
#include "mpi_executor.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <thread>

#include <fcntl.h>
#include <unistd.h>

namespace zccsim::sim::mpi {

namespace {

// The real stderr of a silenced rank, for messages that must not be lost
// (a broken protocol: MPI_Abort follows); -1 when not silenced.
int saved_stderr = -1;

bool env_int(const char* name, int& out) {
  const char* v = std::getenv(name);
  if (!v || !*v) return false;
  char* end = nullptr;
  const long x = std::strtol(v, &end, 10);
  if (*end != '\0' || x < 0 || x > 1'000'000'000) return false;
  out = static_cast<int>(x);
  return true;
}

}  // namespace

Launch detect_launch() {
  Launch l;
  int v = 0;
  if (env_int("OMPI_COMM_WORLD_SIZE", v)) {  // Open MPI's mpirun
    l.under_launcher = true;
    l.size = v;
    env_int("OMPI_COMM_WORLD_RANK", l.rank);
  } else if (env_int("PMI_SIZE", v)) {  // MPICH's hydra, srun --mpi=pmi2
    l.under_launcher = true;
    l.size = v;
    env_int("PMI_RANK", l.rank);
  } else if (env_int("PMIX_RANK", v)) {  // srun --mpi=pmix, PRRTE: the size is known after MPI_Init
    l.under_launcher = true;
    l.rank = v;
  }
  return l;
}

bool wanted() {
  const Launch l = detect_launch();
  return l.under_launcher && l.size != 1;
}

void silence_other_ranks() {
  if (!detect_launch().secondary()) return;
  const int null = ::open("/dev/null", O_WRONLY);
  if (null < 0) return;
  std::fflush(stdout);
  std::fflush(stderr);
  saved_stderr = ::dup(STDERR_FILENO);
  ::dup2(null, STDOUT_FILENO);
  ::dup2(null, STDERR_FILENO);
  ::close(null);
}

}  // namespace zccsim::sim::mpi

#ifndef ZCCSIM_HAVE_MPI

namespace zccsim::sim::mpi {

ExecutionReport execute(const std::vector<Task>&, const TaskFn&, ResultSink&, const ExecutionControl&,
                        const std::function<bool(const Task&)>&) {
  const Launch l = detect_launch();
  throw std::runtime_error("this zccsim was built without MPI but was started by an MPI launcher (" +
                           (l.size > 0 ? std::to_string(l.size) : std::string("several")) +
                           " processes): every process would run every task. Rebuild with MPI (install "
                           "libopenmpi-dev; cmake -DZCCSIM_MPI=ON), or run without mpirun and split the work "
                           "with --shard i/N");
}

int finish(int status) { return status; }

int world_size() { return 1; }

}  // namespace zccsim::sim::mpi

#else  // ZCCSIM_HAVE_MPI

#include "ordered_delivery.hpp"
#include "stop_signal.hpp"

#include <mpi.h>

#include <atomic>
#include <bit>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>

namespace zccsim::sim::mpi {

namespace {

enum Tag : int { kRoundStart = 101, kRequest, kAssign, kResult, kError, kInterrupt, kEndRound, kRoundDone, kExit };

using Words = std::vector<std::uint64_t>;

// Tasks per kAssign: 64 x 24 bytes stays below every transport's eager limit
// (4 KiB for shared memory), so rank 0's sends never wait for a receiver.
constexpr std::size_t max_assign = 64;

// MPI is initialised once per process, so its state is process-wide too
// (the one exception to "no globals": MPI_Init itself is one).
struct Session {
  bool started = false, finished = false;
  int rank = 0, size = 1, local_size = 1;
};
Session session;

// A stop reported by another rank (rank 0 only); it holds for later rounds too.
// A stop signal on this rank (SIGTERM: Open MPI's mpirun on Ctrl-C, Slurm on
// scancel; SIGUSR1: forwarded to every rank by mpirun) sets stop_flag()
// (stop_signal.hpp; a second one kills).
std::atomic<bool> remote_stop{false};

[[noreturn]] void fatal(const std::string& what) {
  const std::string line = "zccsim: MPI rank " + std::to_string(session.rank) + ": " + what + "\n";
  std::fflush(stderr);
  const int fd = saved_stderr >= 0 ? saved_stderr : STDERR_FILENO;
  if (::write(fd, line.data(), line.size()) < 0) {
    // nothing more to do: MPI_Abort still ends the job
  }
  MPI_Abort(MPI_COMM_WORLD, 1);
  std::abort();
}

void start() {
  if (session.started) return;
  if (session.finished) throw std::logic_error("MPI was already finalized");
  int provided = 0;
  if (MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS)
    throw std::runtime_error("MPI_Init_thread failed");
  session.started = true;
  MPI_Comm_rank(MPI_COMM_WORLD, &session.rank);
  MPI_Comm_size(MPI_COMM_WORLD, &session.size);
  if (provided < MPI_THREAD_FUNNELED) fatal("the MPI library does not support threads (MPI_THREAD_FUNNELED)");
  MPI_Comm node;
  MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, 0, MPI_INFO_NULL, &node);
  MPI_Comm_size(node, &session.local_size);
  MPI_Comm_free(&node);
  install_stop_signals();
}

unsigned threads_per_rank(unsigned requested) {
  if (requested) return requested;
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  return std::max(1u, cores / static_cast<unsigned>(std::max(1, session.local_size)));
}

void send(int dest, int tag, const Words& w) {
  MPI_Send(w.data(), static_cast<int>(w.size()), MPI_UINT64_T, dest, tag, MPI_COMM_WORLD);
}

void send_text(int dest, int tag, const std::string& s) {
  MPI_Send(s.data(), static_cast<int>(s.size()), MPI_CHAR, dest, tag, MPI_COMM_WORLD);
}

struct Message {
  int source = 0, tag = 0;
  Words words;
  std::string text;  // kError
};

// Receives one waiting message, if any.
bool poll(Message& m, int source) {
  int flag = 0;
  MPI_Status st;
  MPI_Iprobe(source, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &st);
  if (!flag) return false;
  m.source = st.MPI_SOURCE;
  m.tag = st.MPI_TAG;
  int count = 0;
  if (m.tag == kError) {
    MPI_Get_count(&st, MPI_CHAR, &count);
    m.text.assign(static_cast<std::size_t>(count), '\0');
    m.words.clear();
    MPI_Recv(m.text.data(), count, MPI_CHAR, m.source, m.tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  } else {
    MPI_Get_count(&st, MPI_UINT64_T, &count);
    m.words.assign(static_cast<std::size_t>(count), 0);
    m.text.clear();
    MPI_Recv(m.words.data(), count, MPI_UINT64_T, m.source, m.tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  }
  return true;
}

// Sleeps when there was nothing to do: 50 us at first, doubling to 1 ms.
class Backoff {
 public:
  void operator()(bool busy) {
    if (busy) {
      delay_ = std::chrono::microseconds(50);
      return;
    }
    std::this_thread::sleep_for(delay_);
    delay_ = std::min(delay_ * 2, std::chrono::microseconds(1000));
  }

 private:
  std::chrono::microseconds delay_{50};
};

Words encode_result(std::uint64_t index, const TaskResult& r) {
  Words w{index, r.events, r.conservation.created, r.conservation.ended, r.conservation.in_system, r.metrics.size()};
  w.reserve(6 + r.metrics.size());
  for (double x : r.metrics) w.push_back(std::bit_cast<std::uint64_t>(x));
  return w;
}

std::string describe(const Task& t) {
  return "point " + std::to_string(t.point) + ", replication " + std::to_string(t.replication);
}

// ---- ranks other than 0 ----------------------------------------------------

[[noreturn]] void serve(const TaskFn& fn, const ExecutionControl& control) {
  const unsigned threads = threads_per_rank(control.threads);
  struct Job {
    std::uint64_t index;
    Task task;
  };
  std::mutex mutex;
  std::condition_variable cv;
  std::deque<Job> queue;  // assigned, not started
  unsigned running = 0;
  bool quit = false, failed = false;
  std::vector<Words> outbox;
  std::optional<std::string> error;

  auto work = [&] {
    std::unique_lock lock(mutex);
    for (;;) {
      cv.wait(lock, [&] { return quit || (!failed && !queue.empty()); });
      if (quit) return;
      const Job job = queue.front();
      queue.pop_front();
      ++running;
      lock.unlock();
      Words out;
      std::optional<std::string> what;
      try {
        out = encode_result(job.index, fn(job.task));
      } catch (const std::exception& e) {
        what = e.what();
      } catch (...) {
        what = "unknown exception";
      }
      lock.lock();
      --running;
      if (what) {
        if (!error) error = "MPI rank " + std::to_string(session.rank) + ", " + describe(job.task) + ": " + *what;
        failed = true;
        queue.clear();
      } else {
        outbox.push_back(std::move(out));
      }
    }
  };
  std::vector<std::jthread> pool;
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work);

  enum class Phase { idle, active, ending } phase = Phase::idle;
  bool outstanding = false, may_request = false, error_sent = false, interrupt_sent = false;
  Backoff backoff;
  Message msg;
  std::vector<Words> results;  // taken from the outbox; kept to reuse its capacity
  for (;;) {
    bool busy = false;
    while (poll(msg, 0)) {
      busy = true;
      switch (msg.tag) {
        case kRoundStart: {
          phase = Phase::active;
          outstanding = false;
          may_request = true;
          error_sent = false;
          const std::lock_guard lock(mutex);
          failed = false;
          error.reset();
          break;
        }
        case kAssign: {
          if (msg.words.size() % 3 != 0) fatal("malformed task assignment");
          {
            const std::lock_guard lock(mutex);
            for (std::size_t i = 0; i < msg.words.size(); i += 3)
              queue.push_back({msg.words[i], {static_cast<std::uint32_t>(msg.words[i + 1]), msg.words[i + 2]}});
          }
          cv.notify_all();
          outstanding = false;
          if (!msg.words.empty()) may_request = true;  // a full reserve may take several assignments
          break;
        }
        case kEndRound: {
          if (phase == Phase::idle) break;  // a halt's kEndRound {1} crossed our kRoundDone
          phase = Phase::ending;
          outstanding = false;
          if (!msg.words.empty() && msg.words[0]) {
            const std::lock_guard lock(mutex);
            queue.clear();
          }
          break;
        }
        case kExit: {
          {
            const std::lock_guard lock(mutex);
            quit = true;
            queue.clear();
          }
          cv.notify_all();
          pool.clear();  // joins: a running task finishes first
          const int status = msg.words.empty() ? 1 : static_cast<int>(msg.words[0]);
          session.finished = true;
          restore_signals();  // mpirun may SIGTERM the ranks that outlive a rank 0 with status != 0
          MPI_Finalize();
          std::exit(status);
        }
        default:
          fatal("unexpected message " + std::to_string(msg.tag) + " from rank 0");
      }
    }

    std::optional<std::string> new_error;
    std::size_t held = 0;
    bool is_failed = false;
    {
      const std::lock_guard lock(mutex);
      results.swap(outbox);
      if (error && !error_sent) new_error = error;
      held = queue.size() + running;
      is_failed = failed;
    }
    for (const auto& r : results) send(0, kResult, r);
    if (!results.empty()) {
      busy = true;
      may_request = true;
      results.clear();
    }
    if (new_error) {
      send_text(0, kError, *new_error);
      error_sent = true;
    }
    const bool stop = stop_flag().load() || (control.stop && control.stop->load(std::memory_order_relaxed));
    if (stop && !interrupt_sent) {
      send(0, kInterrupt, {});
      interrupt_sent = true;
    }
    if (phase == Phase::active && may_request && !outstanding && !is_failed) {
      may_request = false;
      const std::size_t reserve = 2 * std::size_t{threads};
      if (held < reserve) {
        const std::size_t idle = held < threads ? threads - held : 0;
        send(0, kRequest, {reserve - held, idle, threads});
        outstanding = true;
        busy = true;
      }
    }
    if (phase == Phase::ending && held == 0) {
      send(0, kRoundDone, {});
      phase = Phase::idle;
      busy = true;
    }
    backoff(busy);
  }
}

// ---- rank 0 ----------------------------------------------------------------

class Round {
 public:
  Round(const std::vector<Task>& tasks, const TaskFn& fn, ResultSink& sink, const ExecutionControl& control,
        const std::function<bool(const Task&)>& rank0_only)
      : tasks_(tasks),
        fn_(fn),
        control_(control),
        n_(tasks.size()),
        delivery_(tasks, sink, control),
        local_only_(n_, 0) {
    for (std::size_t i = 0; i < n_; ++i)
      if (rank0_only && rank0_only(tasks[i])) {
        local_only_[i] = 1;
        local_list_.push_back(i);
      }
    general_left_ = n_ - local_list_.size();
  }

  ExecutionReport run() {
    const int size = session.size;
    const unsigned threads = threads_per_rank(control_.threads);
    total_threads_ = threads;
    enum class W { active, ending, done };
    std::vector<W> state(static_cast<std::size_t>(size), W::active);
    state[0] = W::done;
    std::vector<unsigned> remote_threads(static_cast<std::size_t>(size), 0);
    for (int w = 1; w < size; ++w) send(w, kRoundStart, {});

    const unsigned local = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(n_, 1)));
    local_running_ = local;
    std::vector<std::jthread> pool;
    for (unsigned t = 0; t < local; ++t) pool.emplace_back([this] { work(); });

    bool stop_sent = false;
    Backoff backoff;
    Message msg;
    try {
      for (;;) {
        bool busy = false;
        if (!stop_sent) {
          bool halt = false;
          {
            const std::lock_guard lock(mutex_);
            if (stop_requested()) halt_ = true;
            halt = halt_;
          }
          if (halt) {  // also to ranks that got kEndRound {0}: they drop their reserve
            for (int w = 1; w < size; ++w)
              if (state[static_cast<std::size_t>(w)] != W::done) {
                send(w, kEndRound, {1});
                state[static_cast<std::size_t>(w)] = W::ending;
              }
            stop_sent = true;
          }
        }
        while (poll(msg, MPI_ANY_SOURCE)) {
          busy = true;
          const auto w = static_cast<std::size_t>(msg.source);
          switch (msg.tag) {
            case kRequest: {
              if (msg.words.size() != 3) fatal("malformed request from rank " + std::to_string(msg.source));
              if (remote_threads[w] == 0) {
                remote_threads[w] = static_cast<unsigned>(msg.words[2]);
                total_threads_ += remote_threads[w];
              }
              if (state[w] != W::active) break;  // kEndRound is on its way
              Words assign;
              bool end = false, stop = false;
              {
                const std::lock_guard lock(mutex_);
                if (halt_) {
                  end = stop = true;
                } else if (general_left_ == 0) {
                  end = true;
                } else {
                  // a reserve per thread while plenty is left; near the end only idle threads get work
                  std::size_t grant = general_left_ >= 2 * std::size_t{total_threads_} ? msg.words[0] : msg.words[1];
                  grant = std::min({grant, general_left_, max_assign});
                  for (std::size_t k = 0; k < grant; ++k) {
                    const std::size_t i = take_general();
                    assign.insert(assign.end(), {i, tasks_[i].point, tasks_[i].replication});
                  }
                }
              }
              if (end) {
                send(msg.source, kEndRound, {stop ? 1u : 0u});
                state[w] = W::ending;
              } else {
                send(msg.source, kAssign, assign);
              }
              break;
            }
            case kResult: {
              if (msg.words.size() < 6 || msg.words.size() != 6 + msg.words[5] || msg.words[0] >= n_)
                fatal("malformed result from rank " + std::to_string(msg.source));
              TaskResult r;
              r.events = msg.words[1];
              r.conservation = {msg.words[2], msg.words[3], msg.words[4]};
              r.metrics.resize(msg.words[5]);
              for (std::size_t k = 0; k < r.metrics.size(); ++k) r.metrics[k] = std::bit_cast<double>(msg.words[6 + k]);
              const std::lock_guard lock(mutex_);
              if (delivery_.known(msg.words[0])) fatal("a second result for task " + std::to_string(msg.words[0]));
              store(msg.words[0], std::move(r));
              break;
            }
            case kError: {
              const std::lock_guard lock(mutex_);
              delivery_.fail(std::make_exception_ptr(std::runtime_error(msg.text)));
              halt_ = true;
              break;
            }
            case kInterrupt: {
              remote_stop = true;
              break;
            }
            case kRoundDone:
              state[w] = W::done;
              break;
            default:
              fatal("unexpected message " + std::to_string(msg.tag) + " from rank " + std::to_string(msg.source));
          }
        }
        if (local_running_.load() == 0 && std::all_of(state.begin(), state.end(), [](W s) { return s == W::done; }))
          break;
        backoff(busy);
      }
    } catch (const std::exception& e) {
      fatal(std::string("rank 0 failed while serving the other ranks: ") + e.what());
    }
    pool.clear();
    return delivery_.finish();
  }

 private:
  bool stop_requested() const {
    return remote_stop || stop_flag().load() || (control_.stop && control_.stop->load(std::memory_order_relaxed));
  }

  // the next task that may run anywhere (caller holds the mutex; general_left_ > 0)
  std::size_t take_general() {
    while (local_only_[cursor_]) ++cursor_;
    --general_left_;
    return cursor_++;
  }

  // a finished task (caller holds the mutex); an exception from the sink halts the round
  void store(std::size_t i, TaskResult&& r) {
    delivery_.store(i, std::move(r));
    if (delivery_.failed()) halt_ = true;
  }

  void work() {
    for (;;) {
      std::size_t i = 0;
      {
        const std::lock_guard lock(mutex_);
        if (halt_ || stop_requested()) break;
        if (next_local_ < local_list_.size()) {
          i = local_list_[next_local_++];
        } else if (general_left_ > 0) {
          i = take_general();
        } else {
          break;
        }
      }
      TaskResult r;
      try {
        r = fn_(tasks_[i]);
      } catch (...) {
        const std::lock_guard lock(mutex_);
        delivery_.fail(std::current_exception());
        halt_ = true;
        break;
      }
      const std::lock_guard lock(mutex_);
      store(i, std::move(r));
    }
    --local_running_;
  }

  const std::vector<Task>& tasks_;
  const TaskFn& fn_;
  const ExecutionControl& control_;
  const std::size_t n_;
  std::mutex mutex_;  // guards everything below but local_running_
  detail::OrderedDelivery delivery_;
  std::vector<char> local_only_;
  std::vector<std::size_t> local_list_;
  std::size_t next_local_ = 0, cursor_ = 0, general_left_ = 0;
  unsigned total_threads_ = 1;
  bool halt_ = false;
  std::atomic<unsigned> local_running_{0};
};

}  // namespace

int world_size() { return session.started ? session.size : 1; }

ExecutionReport execute(const std::vector<Task>& tasks, const TaskFn& fn, ResultSink& sink,
                        const ExecutionControl& control, const std::function<bool(const Task&)>& rank0_only) {
  start();
  if (session.size == 1) return sim::execute(tasks, fn, sink, control);
  if (session.rank != 0) serve(fn, control);
  return Round(tasks, fn, sink, control, rank0_only).run();
}

int finish(int status) {
  if (!session.started || session.finished) return status;
  session.finished = true;
  restore_signals();
  if (session.rank == 0)
    for (int w = 1; w < session.size; ++w) send(w, kExit, {static_cast<std::uint64_t>(static_cast<unsigned>(status))});
  MPI_Finalize();
  return status;
}

}  // namespace zccsim::sim::mpi

#endif  // ZCCSIM_HAVE_MPI
