// SPDX-License-Identifier: MIT
#include "support.hpp"

#include "study/results.hpp"

#include "models/acute/acute_config.hpp"
#include "io/yaml_reader.hpp"
#include "study/scenario.hpp"

#include <pybind11/numpy.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <numeric>
#include <optional>
#include <stdexcept>
#include <thread>
#include <utility>

namespace zccsim::python {

using sim::LogRecord;

void ResultsData::add_row(std::uint32_t p, std::uint64_t r, const sim::Metrics& metrics, const sim::Conservation& c) {
  if (metrics.size() != kpi_names.size())
    throw std::logic_error("a result row has " + std::to_string(metrics.size()) + " values for " +
                           std::to_string(kpi_names.size()) + " KPIs");
  point.push_back(p);
  replication.push_back(r);
  values->insert(values->end(), metrics.begin(), metrics.end());
  conservation.push_back(c);
}

void ResultsData::set_header(const models::Scenario& sc, std::uint64_t seed_) {
  models::io::ResultsFile h = models::results_header(sc, seed_);
  model = std::move(h.model);
  model_version = std::move(h.model_version);
  kpi_table_sha256 = std::move(h.kpi_table_sha256);
  scenario_text = std::move(h.scenario_text);
  scenario_path = std::move(h.scenario_path);
  seed = h.seed;
  version = std::move(h.version);
  kpi_names = std::move(h.kpi_names);
}

void ResultsData::set_detail(sim::Detail&& d, std::uint64_t replication_) {
  hourly = std::move(d.hourly);
  hourly_replication = replication_;
  has_log = d.has_log;
  *log = std::move(d.event_log);
  log_event_names = std::move(d.log_event_names);
  response_names = std::move(d.response_names);
  area_names = std::move(d.area_names);
  site_names = std::move(d.site_names);
}

ResultsData ResultsData::from_file(models::io::ResultsFile&& f) {
  ResultsData d;
  d.model = std::move(f.model);
  d.scenario_text = std::move(f.scenario_text);
  d.scenario_path = std::move(f.scenario_path);
  d.version = std::move(f.version);
  d.model_version = std::move(f.model_version);
  d.kpi_table_sha256 = std::move(f.kpi_table_sha256);
  d.shard = std::move(f.shard);
  d.experiment_text = std::move(f.experiment_text);
  d.seed = f.seed;
  d.complete = f.complete;
  d.kpi_names = std::move(f.kpi_names);
  d.point_labels = std::move(f.point_labels);
  d.point_settings = std::move(f.point_settings);
  // files hold rows in the order they were written (a sweep's rounds, --append):
  // sorted by (point, replication) here, as a run or sweep from Python gives them
  const auto point_of = [&](std::size_t r) -> std::uint32_t { return r < f.point_index.size() ? f.point_index[r] : 0; };
  std::vector<std::size_t> order(f.kpis.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::pair(point_of(a), f.replication_index.at(a)) < std::pair(point_of(b), f.replication_index.at(b));
  });
  d.values->reserve(f.kpis.size() * d.kpi_names.size());
  const bool conserved = f.conservation.size() == f.kpis.size();
  for (const std::size_t r : order)
    d.add_row(point_of(r), f.replication_index.at(r), f.kpis[r], conserved ? f.conservation[r] : sim::Conservation{});
  if (!conserved) d.conservation.clear();
  d.hourly = std::move(f.hourly);
  d.hourly_replication = f.hourly_replication;
  *d.log = std::move(f.event_log);
  d.has_log = !d.log->empty();
  d.log_event_names = std::move(f.log_event_names);
  d.response_names = std::move(f.response_names);
  d.area_names = std::move(f.area_names);
  d.site_names = std::move(f.site_names);
  return d;
}

models::io::ResultsFile ResultsData::to_file() const {
  models::io::ResultsFile f;
  f.model = model;
  f.scenario_text = scenario_text;
  f.scenario_path = scenario_path;
  f.seed = seed;
  f.version = version;
  f.model_version = model_version;
  f.kpi_table_sha256 = kpi_table_sha256;
  if (conservation.size() == rows()) f.conservation = conservation;
  f.kpi_names = kpi_names;
  f.replication_index = replication;
  f.point_index = point;
  f.point_labels = point_labels;
  f.point_settings = point_settings;
  f.experiment_text = experiment_text;
  const std::size_t k = kpi_names.size();
  for (std::size_t r = 0; r < rows(); ++r) {
    const auto first = values->begin() + static_cast<std::ptrdiff_t>(r * k);
    f.kpis.emplace_back(first, first + static_cast<std::ptrdiff_t>(k));
  }
  f.hourly = hourly;
  f.hourly_replication = hourly_replication;
  f.event_log = *log;
  f.log_event_names = log_event_names;
  f.response_names = response_names;
  f.area_names = area_names;
  f.site_names = site_names;
  f.complete = complete;
  f.shard = shard;
  return f;
}

py::array readonly_view(std::shared_ptr<const void> owner, const void* data, const py::dtype& dtype,
                        std::vector<py::ssize_t> shape) {
  std::vector<py::ssize_t> strides(shape.size());
  py::ssize_t stride = dtype.itemsize();
  for (std::size_t i = shape.size(); i-- > 0;) {
    strides[i] = stride;
    stride *= shape[i];
  }
  // the capsule holds a reference to the C++ buffer for as long as numpy needs it
  py::capsule base(new std::shared_ptr<const void>(std::move(owner)),
                   [](void* p) { delete static_cast<std::shared_ptr<const void>*>(p); });
  py::array a(dtype, std::move(shape), std::move(strides), data, base);
  a.attr("setflags")(py::arg("write") = false);
  return a;
}

py::tuple summary_arrays(std::size_t rows, std::size_t cols,
                         const std::function<sim::Summary(std::size_t, std::size_t)>& stat) {
  py::array_t<double> mean({rows, cols}), ci95({rows, cols});
  py::array_t<std::int64_t> n({rows, cols});
  auto me = mean.mutable_unchecked<2>();
  auto ci = ci95.mutable_unchecked<2>();
  auto nn = n.mutable_unchecked<2>();
  for (std::size_t i = 0; i < rows; ++i)
    for (std::size_t j = 0; j < cols; ++j) {
      const sim::Summary s = stat(i, j);
      const auto ii = static_cast<py::ssize_t>(i), ji = static_cast<py::ssize_t>(j);
      me(ii, ji) = s.mean;
      ci(ii, ji) = s.ci95;
      nn(ii, ji) = static_cast<std::int64_t>(s.n);
    }
  return py::make_tuple(mean, ci95, n);
}

// ---- running with the GIL released ------------------------------------------

PythonExecution::PythonExecution(unsigned threads, py::object progress) : progress_(std::move(progress)) {
  control_.threads = threads;
  control_.stop = &stop_;
  if (!progress_.is_none()) {
    if (!PyCallable_Check(progress_.ptr())) throw py::type_error("progress must be callable or None");
    // called by sim::execute from a worker thread, one call at a time
    control_.progress = [this](std::size_t done, std::size_t total, std::uint64_t events) {
      if (stop_.load()) return;
      py::gil_scoped_acquire gil;
      try {
        progress_(done, total, events);
      } catch (...) {
        const std::lock_guard lock(mutex_);
        if (!callback_error_) callback_error_ = std::current_exception();
        stop_ = true;
      }
    };
  }
}

PythonExecution::~PythonExecution() = default;

void PythonExecution::run(const std::function<void(const sim::ExecutionControl&)>& work) {
  std::exception_ptr work_error;
  std::optional<py::error_already_set> signal_error;
  {
    py::gil_scoped_release release;
    std::mutex m;
    std::condition_variable cv;
    bool done = false;
    std::thread worker([&] {
      try {
        work(control_);
      } catch (...) {
        work_error = std::current_exception();
      }
      const std::lock_guard lock(m);
      done = true;
      cv.notify_all();
    });
    std::unique_lock lock(m);
    while (!cv.wait_for(lock, std::chrono::milliseconds(50), [&] { return done; })) {
      lock.unlock();
      {
        py::gil_scoped_acquire gil;
        // only the main thread handles signals; elsewhere this returns 0
        if (!signal_error && PyErr_CheckSignals() != 0) {
          signal_error.emplace();
          stop_ = true;
        }
      }
      lock.lock();
    }
    lock.unlock();
    worker.join();
  }
  if (signal_error) throw std::move(*signal_error);
  if (callback_error_) std::rethrow_exception(callback_error_);
  if (work_error) std::rethrow_exception(work_error);
}

// ---- errors -----------------------------------------------------------------

namespace {

PyObject* scenario_error_type = nullptr;  // a strong reference, kept until exit

}  // namespace

void set_scenario_error_type(py::object type) {
  if (!PyType_Check(type.ptr()) ||
      !PyType_IsSubtype(reinterpret_cast<PyTypeObject*>(type.ptr()), reinterpret_cast<PyTypeObject*>(PyExc_Exception)))
    throw py::type_error("the scenario error type must be an Exception subclass");
  Py_XDECREF(scenario_error_type);
  scenario_error_type = type.release().ptr();
}

void register_error_translator() {
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const models::ScenarioError& e) {
      // zccsim.ScenarioError parses "file:line:column: message" itself
      PyErr_SetString(scenario_error_type ? scenario_error_type : PyExc_ValueError, e.what());
    } catch (const YAML::Exception& e) {
      PyErr_SetString(PyExc_ValueError, e.what());
    }
  });
}

void register_dtypes() { PYBIND11_NUMPY_DTYPE(LogRecord, time, patient, event, detail, place); }

}  // namespace zccsim::python
