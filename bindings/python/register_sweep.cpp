// SPDX-License-Identifier: MIT
// zccsim._core.sweep / sweep_file: points of overrides on a base scenario
// (study/sweep.hpp).
#include "support.hpp"

#include "study/sweep.hpp"

#include <pybind11/stl.h>

#include <optional>
#include <utility>

namespace zccsim::python {

namespace {

using models::Experiment;
using models::Precision;

using PointSpec = std::pair<std::string, std::vector<std::pair<std::string, std::string>>>;

models::io::Results run(const Experiment& e, unsigned threads, py::object progress) {
  models::io::Results d = models::experiment_header(e);
  PythonExecution exec(threads, std::move(progress));
  exec.run(
      [&](const sim::ExecutionControl& control) { models::run_experiment(e, control, sim::execute, {.memory = &d}); });
  return d;
}

models::io::Results sweep(const models::Scenario& base, const std::vector<PointSpec>& points,
                          std::uint64_t replications, std::uint64_t seed, unsigned threads,
                          std::optional<Precision> precision, py::object progress) {
  Experiment e(base);
  e.replications = replications;
  e.seed = seed;
  for (const auto& [label, settings] : points) e.points.push_back({label, settings});
  e.precision = std::move(precision);
  models::check_experiment(e);  // the rules and defaults of an experiment file
  return run(e, threads, std::move(progress));
}

}  // namespace

void register_sweep(py::module_& m) {
  py::class_<Precision>(m, "Precision",
                        "Sweep precision: add replications until every listed KPI's 95 % half-width is\n"
                        "<= relative * |mean| or <= absolute.")
      .def(py::init([](std::vector<std::string> kpis, double relative, double absolute, std::uint64_t max_replications,
                       std::uint64_t batch) {
             return Precision{std::move(kpis), relative, absolute, max_replications, batch};
           }),
           py::arg("kpis"), py::arg("relative") = 0.0, py::arg("absolute") = 0.0, py::arg("max_replications") = 0,
           py::arg("batch") = 10, "max_replications = 0: max(100, replications), as an experiment file's default.")
      .def_readonly("kpis", &Precision::kpis, "KPIs that must be precise.")
      .def_readonly("relative", &Precision::relative, "Target half-width relative to |mean|.")
      .def_readonly("absolute", &Precision::absolute, "Target half-width.")
      .def_readonly("max_replications", &Precision::max_replications, "A cap per point.")
      .def_readonly("batch", &Precision::batch, "Replications added per round.");

  m.def("sweep", &sweep, py::arg("base"), py::arg("points"), py::arg("replications") = 10, py::arg("seed") = 1,
        py::arg("threads") = 0, py::arg("precision") = py::none(), py::arg("progress") = py::none(),
        "Runs every point (label, [(key path, YAML value)]) on `base` with the GIL released.\n\n"
        "An empty label becomes \"key=value, ...\"; no points is the one point \"base\". Checked\n"
        "as an experiment file (ScenarioError): key paths, unique labels, precision. Replication r\n"
        "of every point uses the same random streams. Returns Results with one point per entry.");
  m.def(
      "sweep_file",
      [](const std::string& path, unsigned threads, py::object progress) {
        return run(models::load_experiment(path), threads, std::move(progress));
      },
      py::arg("path"), py::arg("threads") = 0, py::arg("progress") = py::none(),
      "Loads and runs an experiment file (format in study/sweep.hpp).");
}

}  // namespace zccsim::python
