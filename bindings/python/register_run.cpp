// SPDX-License-Identifier: MIT
// zccsim._core.Results (a run, a sweep or a results file, as columns) and
// Scenario.run: replications with the GIL released.
#include "support.hpp"

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

template <class T>
py::array_t<T> copy_array(const std::vector<T>& v) {
  py::array_t<T> a(static_cast<py::ssize_t>(v.size()));
  if (!v.empty()) std::memcpy(a.mutable_data(), v.data(), v.size() * sizeof(T));
  return a;
}

std::size_t point_count(const ResultsData& d) {
  std::size_t n = d.point_labels.size();
  for (auto p : d.point) n = std::max<std::size_t>(n, std::size_t{p} + 1);
  return n;
}

py::object values_view(const ResultsData& d) {
  const auto k = static_cast<py::ssize_t>(d.kpi_names.size());
  return readonly_view(d.values, d.values->data(), py::dtype::of<double>(), {static_cast<py::ssize_t>(d.rows()), k});
}

// (mean, ci95, n), each points x kpis; a point's values in row order
py::tuple summary(const ResultsData& d) {
  const std::size_t points = point_count(d), k = d.kpi_names.size();
  std::vector<std::vector<std::size_t>> rows_of(points);
  for (std::size_t r = 0; r < d.rows(); ++r) rows_of[d.point[r]].push_back(r);
  std::vector<double> x;
  return summary_arrays(points, k, [&](std::size_t p, std::size_t j) {
    x.clear();
    for (const std::size_t r : rows_of[p]) x.push_back((*d.values)[r * k + j]);
    return sim::summarize(x);
  });
}

py::object conservation(const ResultsData& d) {
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
py::object hourly(const ResultsData& d) {
  if (d.hourly.empty()) return py::none();
  std::size_t rows = 0;
  for (const auto& s : d.hourly) rows += s.busy.size();
  py::array_t<std::int64_t> hour(static_cast<py::ssize_t>(rows));
  py::array_t<std::int32_t> resource(static_cast<py::ssize_t>(rows)), kind(static_cast<py::ssize_t>(rows));
  py::array_t<float> busy(static_cast<py::ssize_t>(rows)), on_duty(static_cast<py::ssize_t>(rows)),
      queue(static_cast<py::ssize_t>(rows));
  std::vector<std::string> resource_names, kind_names;
  std::map<std::string, std::int32_t> kind_code;
  std::size_t at = 0;
  for (const auto& s : d.hourly) {
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

py::object log_view(const ResultsData& d) {
  if (!d.has_log) return py::none();
  return readonly_view(d.log, d.log->data(), py::dtype::of<sim::LogRecord>(),
                       {static_cast<py::ssize_t>(d.log->size())});
}

class RowSink final : public sim::ResultSink {
 public:
  explicit RowSink(ResultsData& d) : d_(d) {}
  void accept(std::size_t, const sim::Task& t, sim::TaskResult&& r) override {
    d_.add_row(t.point, t.replication, r.metrics, r.conservation);
    d_.events += r.events;
    if (r.detail) d_.set_detail(std::move(*r.detail), t.replication);
  }

 private:
  ResultsData& d_;
};

ResultsData run(const Scenario& sc, std::uint64_t replications, std::uint64_t seed, unsigned threads,
                py::object progress, bool with_hourly, bool with_log) {
  if ((with_hourly || with_log) && !sc.acute())
    throw py::value_error("hourly series and the event log need a model: acute scenario");
  ResultsData d;
  d.set_header(sc, seed);
  d.values->reserve(replications * d.kpi_names.size());
  // an experiment of one point, as zccsim run
  const models::Experiment e = models::run_of(sc, seed, replications, {.hourly = with_hourly, .event_log = with_log});
  RowSink sink(d);
  PythonExecution exec(threads, std::move(progress));
  exec.run([&](const sim::ExecutionControl& control) {
    d.complete = models::run_experiment(e, control, sim::execute, &sink).complete;
  });
  return d;
}

}  // namespace

void register_run(py::module_& m, py::class_<Scenario>& scenario) {
  py::class_<ResultsData>(m, "Results",
                          "Per-replication KPIs of a run, a sweep or a results file, in columns.\n\n"
                          "Rows are (point, replication); a plain run has one point, 0.")
      .def_readonly("model", &ResultsData::model, "\"acute\" or \"network\".")
      .def_readonly("scenario_text", &ResultsData::scenario_text, "The resolved scenario YAML that ran.")
      .def_readonly("scenario_path", &ResultsData::scenario_path, "Where the scenario was read from.")
      .def_readonly("version", &ResultsData::version, "The zccsim version that made the results.")
      .def_readonly("model_version", &ResultsData::model_version,
                    "The model family's version (\"\" in files of zccsim 0.3).")
      .def_readonly("kpi_table_sha256", &ResultsData::kpi_table_sha256,
                    "SHA-256 of the KPI table (\"\" in files of zccsim 0.3).")
      .def_readonly("shard", &ResultsData::shard, "\"\" for a whole run, \"i/N\" for a slice (--shard).")
      .def_readonly("experiment_text", &ResultsData::experiment_text, "A sweep's experiment file (else \"\").")
      .def_readonly("seed", &ResultsData::seed, "The master seed.")
      .def_readonly("complete", &ResultsData::complete, "False when the run was interrupted.")
      .def_readonly("events", &ResultsData::events, "Simulated events (0 for a results file).")
      .def_readonly("kpi_names", &ResultsData::kpi_names, "Column names of values.")
      .def_readonly("point_labels", &ResultsData::point_labels, "A label per point.")
      .def_readonly("point_settings", &ResultsData::point_settings, "The overrides of each point, as YAML.")
      .def_readonly("hourly_replication", &ResultsData::hourly_replication,
                    "The replication the hourly series and the event log belong to.")
      .def_readonly("log_event_names", &ResultsData::log_event_names, "Names of the event codes of log.")
      .def_readonly("response_names", &ResultsData::response_names, "For decoding log details.")
      .def_readonly("area_names", &ResultsData::area_names, "For decoding log places.")
      .def_readonly("site_names", &ResultsData::site_names, "For decoding log places.")
      .def_property_readonly(
          "precise",
          [](const ResultsData& d) -> py::object {
            if (d.precise.empty()) return py::none();
            return py::cast(std::vector<bool>(d.precise));
          },
          "A sweep with precision: per point, whether every listed KPI met the target; else None.")
      .def_property_readonly("values", &values_view,
                             "KPIs as a read-only float64 array rows x kpis: a view of the C++ buffer\n"
                             "(no copy); NaN where a replication had nothing to measure.")
      .def_property_readonly(
          "point", [](const ResultsData& d) { return copy_array(d.point); }, "The point of each row (uint32).")
      .def_property_readonly(
          "replication", [](const ResultsData& d) { return copy_array(d.replication); },
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
      .def("summary", &summary,
           "(mean, ci95, n) per point and KPI, each an array points x kpis: the mean over the\n"
           "non-NaN values and the half-width of the 95 % Student-t interval, as the CLI.")
      .def(
          "save",
          [](const ResultsData& d, const std::string& path) {
            auto f = d.to_file();
            py::gil_scoped_release release;
            models::io::write_results(path, f);
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
