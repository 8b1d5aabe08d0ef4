// SPDX-License-Identifier: MIT
// How the commands run their tasks: every command goes through here, so the
// choice of engine (threads on this machine; MPI ranks under mpirun; a shard
// of the tasks with --shard) is made in one place.
#pragma once

#include "sim/experiment.hpp"

#include <vector>

namespace zccsim::cli {

sim::ExecutionReport execute_tasks(const std::vector<sim::Task>& tasks, const sim::TaskFn& fn, sim::ResultSink& sink,
                                   const sim::ExecutionControl& control);

}  // namespace zccsim::cli
