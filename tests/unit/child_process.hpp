// SPDX-License-Identifier: MIT
// Runs a check in a forked child so that a crash or a hang in the code under
// test fails one test instead of killing or stalling the whole suite.
#pragma once

#include <chrono>
#include <csignal>
#include <cstdio>
#include <functional>
#include <ostream>
#include <thread>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace zccsim::test {

enum class ChildResult { ok, failed, crashed, timed_out, no_fork };

inline std::ostream& operator<<(std::ostream& os, ChildResult r) {
  constexpr const char* names[] = {"ok", "failed", "crashed", "timed out", "fork failed"};
  return os << names[static_cast<int>(r)];
}

// ok when fn returns true in the child within the timeout.
inline ChildResult run_in_child(const std::function<bool()>& fn, double timeout_seconds) {
  std::fflush(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) return ChildResult::no_fork;
  if (pid == 0) {
    // keep crash reports (the sanitizers', the test framework's) out of the test log
    const int null_fd = ::open("/dev/null", O_WRONLY);
    ::dup2(null_fd, 1);
    ::dup2(null_fd, 2);
    bool ok = false;
    try {
      ok = fn();
    } catch (...) {
    }
    ::_exit(ok ? 0 : 1);
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_seconds);
  int status = 0;
  while (::waitpid(pid, &status, WNOHANG) != pid) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      return ChildResult::timed_out;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status) == 0 ? ChildResult::ok : ChildResult::failed;
  return ChildResult::crashed;
}

}  // namespace zccsim::test
