// SPDX-License-Identifier: MIT
// Stop signals: SIGINT (Ctrl-C), SIGTERM (timeout, Slurm's time limit and
// scancel, docker stop, Open MPI's mpirun on Ctrl-C), SIGHUP (the terminal
// went away) and SIGUSR1 (forwarded by mpirun) all stop a run the same way:
//
//  * The first one sets stop_flag(); the executors check it, start no new
//    task and deliver what finished, so the commands write the finished
//    replications and mark their outputs incomplete. stop_signal() tells
//    which signal it was (commands exit with 128 + that number).
//  * A second one (of any of the four) removes the temporary files
//    registered with TempFileGuard (async-signal-safe: unlink() on a fixed
//    table of paths), restores the default action and re-raises: the process
//    dies of that signal at once, leaving existing outputs untouched.
//
// One sigaction handler, async-signal-safe (lock-free atomics, unlink,
// sigaction, raise). A signal that is ignored when the handlers are installed
// (nohup, a background job of a shell without job control) stays ignored.
#pragma once

#include <atomic>

namespace zccsim::sim {

// Set by the first stop signal; never cleared while the handlers are installed.
const std::atomic<bool>& stop_flag() noexcept;
// The first stop signal received (SIGINT, SIGTERM, ...), 0 if none.
int stop_signal() noexcept;

// Installs the handler for the four signals (process-wide; does nothing if
// already installed). The previous dispositions are kept for restore_signals().
void install_stop_signals();
// Puts back the dispositions found by install_stop_signals() (nothing if not installed).
void restore_signals() noexcept;

// Installs the handlers for its lifetime and restores the previous ones when
// it ends, unless they were already installed when it began (so Python's
// KeyboardInterrupt, or an outer scope, gets its own handlers back).
class StopSignalScope {
 public:
  StopSignalScope();
  ~StopSignalScope();
  StopSignalScope(const StopSignalScope&) = delete;
  StopSignalScope& operator=(const StopSignalScope&) = delete;

 private:
  bool installed_here_ = false;
};

// Registers a path for removal by a second stop signal for its lifetime (a
// temporary file being written). A fixed table: when it is full (64 paths)
// or the path is too long, the file is simply not registered.
class TempFileGuard {
 public:
  explicit TempFileGuard(const char* path) noexcept;
  ~TempFileGuard();
  TempFileGuard(const TempFileGuard&) = delete;
  TempFileGuard& operator=(const TempFileGuard&) = delete;

 private:
  int slot_ = -1;
};

}  // namespace zccsim::sim
