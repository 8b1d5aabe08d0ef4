// SPDX-License-Identifier: MIT
#include "support.hpp"

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

py::array readonly_view(const py::object& owner, const void* data, const py::dtype& dtype,
                        std::vector<py::ssize_t> shape) {
  std::vector<py::ssize_t> strides(shape.size());
  py::ssize_t stride = dtype.itemsize();
  for (std::size_t i = shape.size(); i-- > 0;) {
    strides[i] = stride;
    stride *= shape[i];
  }
  // the array's base is `owner`: the C++ buffer lives as long as numpy needs it
  py::array a(dtype, std::move(shape), std::move(strides), data, owner);
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
