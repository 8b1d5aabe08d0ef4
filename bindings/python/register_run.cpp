// SPDX-License-Identifier: MIT
// zccsim._core.Results (a run, a sweep or a results file, as columns) and
// Scenario.run: replications with the GIL released.
#include "support.hpp"

#include "io/results_h5.hpp"
#include "study/results.hpp"
#include "study/scenario.hpp"
#include "study/sweep.hpp"

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <span>

namespace zccsim::python {

namespace {

using models::Scenario;
using models::io::Results;

template <class T>
py::array_t<T> copy_array(const std::vector<T>& v) {
  py::array_t<T> a(static_cast<py::ssize_t>(v.size()));
  if (!v.empty()) std::memcpy(a.mutable_data(), v.data(), v.size() * sizeof(T));
  return a;
}

std::size_t point_count(const Results& d) {
  std::size_t n = d.point_labels.size();
  for (auto p : d.point) n = std::max<std::size_t>(n, std::size_t{p} + 1);
  return n;
}

py::object values_view(const py::object& self) {
  const auto& d = self.cast<const Results&>();
  const auto k = static_cast<py::ssize_t>(d.kpi_names.size());
  return readonly_view(self, d.values.data(), py::dtype::of<double>(), {static_cast<py::ssize_t>(d.rows()), k});
}

// (mean, ci95, n), each points x kpis, of stat(results, point) (one summary per KPI)
py::tuple per_point(const Results& d, const std::function<std::vector<sim::Summary>(std::uint32_t)>& stat) {
  const std::size_t points = point_count(d);
  std::vector<std::vector<sim::Summary>> s;
  s.reserve(points);
  for (std::size_t p = 0; p < points; ++p) s.push_back(stat(static_cast<std::uint32_t>(p)));
  return summary_arrays(points, d.kpi_names.size(), [&](std::size_t p, std::size_t j) { return s[p][j]; });
}

py::object conservation(const Results& d) {
  if (d.conservation.empty()) return py::none();
  py::array_t<std::uint64_t> a({d.conservation.size(), std::size_t{3}});
  auto v = a.mutable_unchecked<2>();
  for (std::size_t r = 0; r < d.conservation.size(); ++r) {
    const auto ri = static_cast<py::ssize_t>(r);
    v(ri, 0) = d.conservation[r].created;
    v(ri, 1) = d.conservation[r].ended;
    v(ri, 2) = d.conservation[r].in_system;
  }
  return a;
}

// Long format: one row per (resource, hour), resources in model order.
py::object hourly(const Results& d) {
  if (d.detail.hourly.empty()) return py::none();
  std::size_t rows = 0;
  for (const auto& s : d.detail.hourly) rows += s.busy.size();
  py::array_t<std::int64_t> hour(static_cast<py::ssize_t>(rows));
  py::array_t<std::int32_t> resource(static_cast<py::ssize_t>(rows)), kind(static_cast<py::ssize_t>(rows));
  py::array_t<float> busy(static_cast<py::ssize_t>(rows)), on_duty(static_cast<py::ssize_t>(rows)),
      queue(static_cast<py::ssize_t>(rows));
  std::vector<std::string> resource_names, kind_names;
  std::map<std::string, std::int32_t> kind_code;
  std::size_t at = 0;
  for (const auto& s : d.detail.hourly) {
    if (s.on_duty.size() != s.busy.size() || s.queue.size() != s.busy.size())
      throw std::logic_error("hourly series of '" + s.resource + "' have unequal lengths");
    const auto r = static_cast<std::int32_t>(resource_names.size());
    resource_names.push_back(s.resource);
    const auto [it, added] = kind_code.emplace(s.kind, static_cast<std::int32_t>(kind_names.size()));
    if (added) kind_names.push_back(s.kind);
    for (std::size_t h = 0; h < s.busy.size(); ++h, ++at) {
      const auto i = static_cast<py::ssize_t>(at);
      hour.mutable_at(i) = static_cast<std::int64_t>(h);
      resource.mutable_at(i) = r;
      kind.mutable_at(i) = it->second;
      busy.mutable_at(i) = s.busy[h];
      on_duty.mutable_at(i) = s.on_duty[h];
      queue.mutable_at(i) = s.queue[h];
    }
  }
  py::dict out;
  out["hour"] = hour;
  out["resource"] = resource;
  out["kind"] = kind;
  out["resource_names"] = resource_names;
  out["kind_names"] = kind_names;
  out["busy"] = busy;
  out["on_duty"] = on_duty;
  out["queue"] = queue;
  return out;
}

py::object log_view(const py::object& self) {
  const auto& d = self.cast<const Results&>();
  if (!d.detail.has_log) return py::none();
  return readonly_view(self, d.detail.event_log.data(), py::dtype::of<sim::LogRecord>(),
                       {static_cast<py::ssize_t>(d.detail.event_log.size())});
}

Results run(const Scenario& sc, std::uint64_t replications, std::uint64_t seed, unsigned threads, py::object progress,
            bool with_hourly, bool with_log) {
  if ((with_hourly || with_log) && !sc.acute())
    throw py::value_error("hourly series and the event log need a model: acute scenario");
  Results d = models::results_header(sc, seed);
  models::io::normalize(d);  // the one point "run"
  d.values.reserve(replications * d.kpi_names.size());
  // an experiment of one point, as zccsim run
  const models::Experiment e =
      models::run_of(sc, seed, replications, {.hourly = with_hourly, .event_log = with_log, .answer_within = {}});
  PythonExecution exec(threads, std::move(progress));
  exec.run(
      [&](const sim::ExecutionControl& control) { models::run_experiment(e, control, sim::execute, {.memory = &d}); });
  return d;
}

}  // namespace

void register_run(py::module_& m, py::class_<Scenario>& scenario) {
  py::class_<Results>(m, "Results",
                      "Per-replication KPIs of a run, a compare, a sweep or a results file, in columns.\n\n"
                      "Rows are (point, replication), sorted; a plain run has one point, 0; a compare\n"
                      "one per variant.")
      .def_readonly("model", &Results::model, "\"acute\" or \"network\".")
      .def_readonly("scenario_text", &Results::scenario_text, "The resolved scenario YAML that ran.")
      .def_readonly("scenario_path", &Results::scenario_path, "Where the scenario was read from.")
      .def_readonly("version", &Results::version, "The zccsim version that made the results.")
      .def_readonly("model_version", &Results::model_version,
                    "The model family's version (\"\" in files of zccsim 0.3).")
      .def_readonly("kpi_table_sha256", &Results::kpi_table_sha256,
                    "SHA-256 of the KPI table (\"\" in files of zccsim 0.3).")
      .def_readonly("shard", &Results::shard, "\"\" for a whole run, \"i/N\" for a slice (--shard).")
      .def_readonly("experiment_text", &Results::experiment_text, "A sweep's experiment file (else \"\").")
      .def_readonly("seed", &Results::seed, "The master seed.")
      .def_readonly("complete", &Results::complete, "False when the run was interrupted.")
      .def_readonly("events", &Results::events, "Simulated events (0 for a results file).")
      .def_readonly("kpi_names", &Results::kpi_names, "Column names of values.")
      .def_readonly("point_labels", &Results::point_labels, "A label per point.")
      .def_readonly("point_settings", &Results::point_settings, "The overrides of each point, as YAML.")
      .def_readonly("hourly_replication", &Results::detail_replication,
                    "The replication the hourly series and the event log belong to.")
      .def_property_readonly(
          "log_event_names", [](const Results& d) { return d.detail.log_event_names; },
          "Names of the event codes of log.")
      .def_property_readonly(
          "response_names", [](const Results& d) { return d.detail.response_names; }, "For decoding log details.")
      .def_property_readonly(
          "area_names", [](const Results& d) { return d.detail.area_names; }, "For decoding log places.")
      .def_property_readonly(
          "site_names", [](const Results& d) { return d.detail.site_names; }, "For decoding log places.")
      .def_readonly("point_scenarios", &Results::point_scenarios,
                    "A compare's results: each variant's resolved scenario YAML; else empty.")
      .def_property_readonly(
          "precise",
          [](const Results& d) -> py::object {
            if (d.precise.empty()) return py::none();
            return py::cast(std::vector<bool>(d.precise));
          },
          "A sweep with precision: per point, whether every listed KPI met the target; else None.")
      .def_property_readonly("values", &values_view,
                             "KPIs as a read-only float64 array rows x kpis: a view of the C++ buffer\n"
                             "(no copy); NaN where a replication had nothing to measure.")
      .def_property_readonly(
          "point", [](const Results& d) { return copy_array(d.point); }, "The point of each row (uint32).")
      .def_property_readonly(
          "replication", [](const Results& d) { return copy_array(d.replication); },
          "The replication index of each row (uint64).")
      .def_property_readonly("conservation", &conservation,
                             "Acute runs: patient records created, ended and still in the system per\n"
                             "row (uint64 rows x 3); None otherwise.")
      .def_property_readonly("hourly", &hourly,
                             "Hourly series in long format as a dict of arrays (hour, resource and kind\n"
                             "codes into resource_names / kind_names, busy, on_duty, queue); None if absent.")
      .def_property_readonly("log", &log_view,
                             "The event log as a read-only structured array (time f8, patient u4, event u1,\n"
                             "detail u1, place u2), a view of the C++ buffer; None if not recorded.")
      .def(
          "summary",
          [](const Results& d) {
            return per_point(d, [&](std::uint32_t p) { return models::io::point_summaries(d, p); });
          },
          "(mean, ci95, n) per point and KPI, each an array points x kpis: the mean over the\n"
          "non-NaN values and the half-width of the 95 % Student-t interval, as the CLI.")
      .def(
          "differences",
          [](const Results& d) {
            return per_point(d, [&](std::uint32_t p) { return models::io::paired_differences(d, p); });
          },
          "(mean, ci95, n) per point and KPI of the paired difference point - point 0 over the\n"
          "replications both have (common random numbers), each points x kpis (row 0 is point 0\n"
          "against itself).")
      .def(
          "save",
          [](const Results& d, const std::string& path) {
            py::gil_scoped_release release;
            models::io::write_results(path, d);
          },
          py::arg("path"), "Writes the results as a zccsim results file (HDF5), atomically.");

  scenario.def("run", &run, py::arg("replications") = 10, py::arg("seed") = 1, py::arg("threads") = 0,
               py::arg("progress") = py::none(), py::arg("hourly") = false, py::arg("event_log") = false,
               "Runs replications 0..replications-1 with the GIL released and returns Results.\n\n"
               "threads: 0 = all cores (results do not depend on it). progress: None or a\n"
               "callable progress(done, total, events), called with the GIL held. hourly /\n"
               "event_log (acute only): keep replication 0's hourly series / event log.\n"
               "Ctrl-C stops starting replications and raises KeyboardInterrupt.");
}

}  // namespace zccsim::python
