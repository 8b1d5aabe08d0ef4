// SPDX-License-Identifier: MIT
// What the register_*.cpp files of zccsim._core share: the results type
// handed to Python (run, sweep and results file alike), zero-copy numpy
// views, and running an experiment with the GIL released.
#pragma once

#include "io/results_h5.hpp"
#include "exec/experiment.hpp"
#include "zccsim/version.hpp"

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

// Results of a run, a sweep or a results file, in columns ready for pandas.
// Rows are (point, replication), in that order; values is row-major
// rows x kpi_names.size() and shared with the numpy views handed out.
struct ResultsData {
  std::string model, scenario_text, scenario_path, version = zccsim::version_string, shard, experiment_text;
  std::string model_version, kpi_table_sha256;  // of the model family and its KPI table
  std::uint64_t seed = 0;
  bool complete = true;
  std::uint64_t events = 0;  // simulated events (0 for a file)
  std::vector<std::string> kpi_names;
  std::shared_ptr<std::vector<double>> values = std::make_shared<std::vector<double>>();
  std::vector<std::uint32_t> point;
  std::vector<std::uint64_t> replication;
  std::vector<std::string> point_labels{"run"}, point_settings{"{}"};
  std::vector<bool> precise;                    // a sweep with precision: per point, whether it met the target
  std::vector<sim::Conservation> conservation;  // one per row, or empty (files of zccsim 0.3)
  std::vector<sim::HourlySeries> hourly;        // of replication hourly_replication
  std::uint64_t hourly_replication = 0;
  bool has_log = false;  // an event log was asked for or is in the file (it may be empty)
  std::shared_ptr<std::vector<sim::LogRecord>> log = std::make_shared<std::vector<sim::LogRecord>>();
  std::vector<std::string> log_event_names, response_names, area_names, site_names;

  std::size_t rows() const noexcept { return replication.size(); }
  // Appends a row (metrics must have kpi_names.size() values).
  void add_row(std::uint32_t p, std::uint64_t r, const sim::Metrics& metrics, const sim::Conservation& c);
  // The header of a run of `sc` (results_header): model, versions, scenario, KPI names.
  void set_header(const models::Scenario& sc, std::uint64_t seed);
  // The detail of replication `replication` (hourly series, event log and its names).
  void set_detail(sim::Detail&& detail, std::uint64_t replication);

  static ResultsData from_file(models::io::ResultsFile&& f);
  models::io::ResultsFile to_file() const;
};

// A read-only numpy array over `data` (shape and strides in elements); the
// array keeps `owner` alive, so no copy is made.
py::array readonly_view(std::shared_ptr<const void> owner, const void* data, const py::dtype& dtype,
                        std::vector<py::ssize_t> shape);

// (mean, ci95, n) numpy arrays rows x cols (float64, float64, int64) of
// stat(row, col): Results.summary, Comparison.means / differences, summarize.
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
// ResultsData (as zccsim._core.Results) and Scenario.run.
void register_run(py::module_& m, py::class_<models::Scenario>& scenario);
void register_compare(py::module_& m);
void register_io(py::module_& m);
void register_sweep(py::module_& m);
// student_t_quantile and summarize (sim/summary.hpp).
void register_stats(py::module_& m);

}  // namespace zccsim::python
