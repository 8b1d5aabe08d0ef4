// SPDX-License-Identifier: MIT
// What the register_*.cpp files of zccsim._core share: zero-copy numpy
// views, summaries as arrays, and running an experiment with the GIL
// released. Results of a run, a compare, a sweep and a results file are all
// io::Results (zccsim._core.Results).
#pragma once

#include "exec/experiment.hpp"
#include "sim/summary.hpp"

#include <pybind11/pybind11.h>

#include <atomic>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace zccsim::models {
class Scenario;
}
namespace pybind11 {
class array;
class dtype;
}  // namespace pybind11

namespace zccsim::python {

namespace py = pybind11;

// A read-only numpy array over `data` (shape and strides in elements) inside
// the C++ object of the Python object `owner`; the array keeps `owner`
// alive, so no copy is made.
py::array readonly_view(const py::object& owner, const void* data, const py::dtype& dtype,
                        std::vector<py::ssize_t> shape);

// (mean, ci95, n) numpy arrays rows x cols (float64, float64, int64) of
// stat(row, col): Results.summary / differences, summarize.
py::tuple summary_arrays(std::size_t rows, std::size_t cols,
                         const std::function<sim::Summary(std::size_t, std::size_t)>& stat);

// Runs an experiment with the GIL released. The work runs on a helper thread;
// the calling thread waits, re-acquiring the GIL every 50 ms to let Python
// handle signals (Ctrl-C: no new tasks start, running ones finish, then
// KeyboardInterrupt is raised). The progress callable, if any, is called as
// progress(done, total, events) from the worker threads with the GIL held;
// an exception it raises stops the run and is re-raised.
class PythonExecution {
 public:
  PythonExecution(unsigned threads, py::object progress);
  PythonExecution(const PythonExecution&) = delete;
  PythonExecution& operator=(const PythonExecution&) = delete;
  ~PythonExecution();

  // Calls work(control) (with the GIL released) and rethrows what it or the
  // progress callable threw, or the signal's exception.
  void run(const std::function<void(const sim::ExecutionControl&)>& work);

 private:
  std::atomic<bool> stop_{false};
  py::object progress_;
  std::mutex mutex_;
  std::exception_ptr callback_error_;
  sim::ExecutionControl control_;
};

// The Python type zccsim.ScenarioError (set by the package on import).
void set_scenario_error_type(py::object type);
void register_error_translator();

void register_dtypes();
void register_scenario(py::module_& m, py::class_<models::Scenario>& scenario);
// io::Results (as zccsim._core.Results) and Scenario.run.
void register_run(py::module_& m, py::class_<models::Scenario>& scenario);
void register_compare(py::module_& m);
void register_io(py::module_& m);
void register_sweep(py::module_& m);
void register_uncertainty(py::module_& m);
void register_staffing(py::module_& m);
// student_t_quantile and summarize (sim/summary.hpp).
void register_stats(py::module_& m);

}  // namespace zccsim::python
