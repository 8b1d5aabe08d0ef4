// SPDX-License-Identifier: MIT
#include "stop_signal.hpp"

#include <array>
#include <cerrno>
#include <csignal>
#include <cstring>

#include <unistd.h>

namespace zccsim::sim {

namespace {

constexpr std::array<int, 4> stop_signals{SIGINT, SIGTERM, SIGHUP, SIGUSR1};

std::atomic<bool> stop{false};
std::atomic<int> first_signal{0};
static_assert(std::atomic<bool>::is_always_lock_free && std::atomic<int>::is_always_lock_free,
              "the signal handler needs lock-free atomics");

// The temporary files a second signal removes: a fixed table, so the handler
// needs no allocation and no lock. A slot is free (0), being written (1) or
// holds a path (2); the handler reads only slots in state 2.
constexpr std::size_t max_temp_files = 64;
constexpr std::size_t max_path = 4096;
struct Slot {
  std::atomic<int> state{0};
  char path[max_path]{};
};
std::array<Slot, max_temp_files> temp_files;

// The dispositions found by install_stop_signals (main thread only).
bool installed = false;
std::array<struct sigaction, stop_signals.size()> previous{};
std::array<bool, stop_signals.size()> handled{};

extern "C" void on_stop_signal(int sig) {
  const int saved_errno = errno;
  int none = 0;
  if (first_signal.compare_exchange_strong(none, sig)) {
    stop.store(true);
    errno = saved_errno;
    return;
  }
  // the second signal: remove the temporary files, then die of it
  for (auto& slot : temp_files)
    if (slot.state.load(std::memory_order_acquire) == 2) ::unlink(slot.path);
  struct sigaction dfl {};
  dfl.sa_handler = SIG_DFL;
  sigemptyset(&dfl.sa_mask);
  ::sigaction(sig, &dfl, nullptr);
  ::raise(sig);  // blocked while this handler runs: delivered (and fatal) when it returns
  errno = saved_errno;
}

}  // namespace

const std::atomic<bool>& stop_flag() noexcept { return stop; }

int stop_signal() noexcept { return first_signal.load(); }

void install_stop_signals() {
  if (installed) return;
  stop = false;
  first_signal = 0;
  struct sigaction act {};
  act.sa_handler = on_stop_signal;
  act.sa_flags = SA_RESTART;
  sigemptyset(&act.sa_mask);
  for (const int s : stop_signals) sigaddset(&act.sa_mask, s);  // the handler never nests
  for (std::size_t i = 0; i < stop_signals.size(); ++i) {
    handled[i] = false;
    if (::sigaction(stop_signals[i], nullptr, &previous[i]) != 0) continue;
    // ignored (nohup, a background job without job control): stays ignored
    if (!(previous[i].sa_flags & SA_SIGINFO) && previous[i].sa_handler == SIG_IGN) continue;
    handled[i] = ::sigaction(stop_signals[i], &act, nullptr) == 0;
  }
  installed = true;
}

void restore_signals() noexcept {
  if (!installed) return;
  for (std::size_t i = 0; i < stop_signals.size(); ++i)
    if (handled[i]) ::sigaction(stop_signals[i], &previous[i], nullptr);
  installed = false;
}

StopSignalScope::StopSignalScope() : installed_here_(!installed) { install_stop_signals(); }

StopSignalScope::~StopSignalScope() {
  if (installed_here_) restore_signals();
}

TempFileGuard::TempFileGuard(const char* path) noexcept {
  const std::size_t n = std::strlen(path);
  if (n >= max_path) return;
  for (std::size_t i = 0; i < temp_files.size(); ++i) {
    int free = 0;
    if (!temp_files[i].state.compare_exchange_strong(free, 1)) continue;
    std::memcpy(temp_files[i].path, path, n + 1);
    temp_files[i].state.store(2, std::memory_order_release);
    slot_ = static_cast<int>(i);
    return;
  }
}

TempFileGuard::~TempFileGuard() {
  if (slot_ >= 0) temp_files[static_cast<std::size_t>(slot_)].state.store(0, std::memory_order_release);
}

}  // namespace zccsim::sim
