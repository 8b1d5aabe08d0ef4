// SPDX-License-Identifier: MIT
// Experiments over MPI ranks: the same contract as sim::execute (results reach
// the sink in task order, stop flag, progress, first error rethrown), with the
// tasks spread over the processes started by mpirun (or srun).
//
// Design:
//  * Rank 0 is the scheduler and also computes. Its main thread serves the
//    other ranks (MPI_Iprobe, then a short sleep that backs off from 50 us to
//    1 ms when idle, so it costs next to no CPU) while `threads` worker
//    threads on rank 0 take tasks from the same queue. Only the main thread
//    calls MPI (MPI_THREAD_FUNNELED). With 2 ranks on 2 cores both cores
//    compute; a pure master would waste one.
//  * Dynamic load balancing: every other rank runs its own worker threads and
//    asks rank 0 for tasks whenever a thread finishes one; rank 0 hands out
//    the next tasks in list order. While many tasks are left a rank holds one
//    task per thread in reserve, so no thread waits for a reply; near the end
//    it gets only as many as it has idle threads, so the last tasks are not
//    stuck in one rank's reserve.
//  * Ordering: results travel back as raw IEEE doubles (bit for bit); rank 0
//    keeps the finished results that are ahead of the first unfinished task
//    and hands them to the sink in task-list order with the same code as
//    sim::execute (ordered_delivery.hpp). Files written from the sink are
//    therefore identical for any rank or thread count.
//  * Rounds: a command may call execute several times (e.g. the rounds of a
//    sweep with a precision target). The other ranks enter execute once, at
//    the first call, and never return from it: they serve every later call of
//    rank 0 with the task function of that first call (tasks travel as
//    (point, replication), so the task function must be a pure function of
//    the task, which reproducibility requires anyway). When rank 0's command
//    is done, finish(status) makes them exit with rank 0's exit status; only
//    rank 0 prints and writes files.
//  * Errors: an exception in a task on any rank stops the assignment of new
//    tasks, lets running tasks finish and is rethrown on rank 0 (a remote one
//    as std::runtime_error naming the rank and the task); nothing hangs.
//  * Stop: rank 0's stop flag, or a stop signal on any rank (stop_signal.hpp:
//    SIGINT, SIGTERM, SIGHUP, SIGUSR1; Open MPI's mpirun turns Ctrl-C into
//    SIGTERM to every rank and forwards SIGUSR1),
//    stops handing out tasks and drops those a rank holds but has not
//    started; running tasks finish and are delivered.
//
// MPI is started only when the environment says the process was launched by
// an MPI launcher (see detect_launch), so plain runs never touch MPI.
#pragma once

#include "experiment.hpp"

#include <functional>
#include <vector>

namespace zccsim::sim::mpi {

struct Launch {
  bool under_launcher = false;  // OMPI_COMM_WORLD_SIZE, PMI_SIZE or PMIX_RANK is set
  int rank = 0;                 // from the environment (0 when unknown)
  int size = 0;                 // from the environment (0 when unknown: PMIX_RANK only)

  // A rank other than 0 of a launched job.
  bool secondary() const noexcept { return under_launcher && rank > 0; }
};

// How this process was started, read from the environment only.
Launch detect_launch();

// True when tasks should go through mpi::execute: launched by an MPI launcher
// with more than one process (or an unknown count).
bool wanted();

// Ranks other than 0 print nothing: sends their stdout and stderr to
// /dev/null when the environment names a rank > 0. Call first thing in main.
void silence_other_ranks();

// Runs the tasks over all ranks (starting MPI at the first call). On rank 0
// returns like sim::execute. On the other ranks it does not return: they
// serve rank 0 until finish() and then exit the process with rank 0's status.
// Tasks for which `rank0_only` returns true run on rank 0 (task functions
// with side effects in this process, e.g. keeping one replication's detail).
// `control.threads` is per rank; 0 = this node's cores divided among the
// ranks on the node. Throws std::runtime_error when built without MPI.
ExecutionReport execute(const std::vector<Task>& tasks, const TaskFn& fn, ResultSink& sink,
                        const ExecutionControl& control, const std::function<bool(const Task&)>& rank0_only = {});

// After the command on rank 0: tells the other ranks to exit with `status`
// and finalizes MPI. Returns `status`. Does nothing when MPI was not started.
int finish(int status);

// The number of ranks (1 before MPI is started).
int world_size();

}  // namespace zccsim::sim::mpi
