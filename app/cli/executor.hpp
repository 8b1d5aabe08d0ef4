// SPDX-License-Identifier: MIT
// How the commands run their tasks: every command goes through here, so the
// choice of engine (threads on this machine; MPI ranks under mpirun; a shard
// of the tasks with --shard) is made in one place.
//
//  * Under an MPI launcher with more than one process (mpirun -n P, srun)
//    the tasks are spread over the ranks (exec/mpi_executor.hpp): rank 0 gets
//    every result, in task order, and alone prints and writes files; the
//    other ranks never return from their first call and exit with rank 0's
//    status (main calls finish_process). The task function must therefore be
//    the same pure function of the task in every call a command makes.
//  * With a shard "i/N" only the tasks whose index in the task list is
//    i (mod N) run; the sink still gets each task's index in the full list.
#pragma once

#include "exec/experiment.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace zccsim::cli {

struct Shard {
  std::uint64_t index = 0, count = 1;
};

// "i/N" with 0 <= i < N (decimal, no signs or spaces); nullopt otherwise.
std::optional<Shard> parse_shard(const std::string& text);

// Where the tasks run.
struct Placement {
  std::string shard;  // "" (every task) or "i/N"
  // Tasks that must run in this process (under MPI: on rank 0), because the
  // task function keeps something of them besides the result (run keeps
  // replication 0's hourly series and event log).
  std::function<bool(const sim::Task&)> rank0_only;
};

using Executor = sim::Executor;

// Runs tasks on threads or (under mpirun) on MPI ranks, with a placement (a
// shard, tasks pinned to rank 0); for models::compare / models::run_experiment or
// to call directly.
Executor executor(Placement placement);

// First thing in main: ranks other than 0 print nothing.
void start_process();

// True in an MPI rank other than 0 (from the launcher's environment):
// commands that do not run tasks (merge, graph, ...) do nothing there, so
// that only rank 0 writes files.
bool secondary_rank();

// Last thing in main, with the exit status: under MPI, rank 0 tells the other
// ranks to exit with `status` and MPI is finalized. Returns `status`.
int finish_process(int status);

}  // namespace zccsim::cli
