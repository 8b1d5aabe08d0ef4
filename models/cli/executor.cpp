// SPDX-License-Identifier: MIT
#include "executor.hpp"

namespace zccsim::cli {

sim::ExecutionReport execute_tasks(const std::vector<sim::Task>& tasks, const sim::TaskFn& fn, sim::ResultSink& sink,
                                   const sim::ExecutionControl& control) {
  return sim::execute(tasks, fn, sink, control);
}

}  // namespace zccsim::cli
