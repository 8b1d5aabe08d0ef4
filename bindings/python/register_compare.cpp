// SPDX-License-Identifier: MIT
// zccsim._core.compare: paired comparison of scenario variants with common
// random numbers (study/compare.hpp).
#include "support.hpp"

#include "study/compare.hpp"

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

namespace zccsim::python {

namespace {

using models::Comparison;

py::array_t<double> values(const Comparison& c) {
  const std::size_t v = c.rows.size(), r = c.replications.size(), k = c.kpi_names.size();
  py::array_t<double> a({v, r, k});
  auto out = a.mutable_unchecked<3>();
  for (std::size_t i = 0; i < v; ++i)
    for (std::size_t j = 0; j < r; ++j)
      for (std::size_t l = 0; l < k; ++l)
        out(static_cast<py::ssize_t>(i), static_cast<py::ssize_t>(j), static_cast<py::ssize_t>(l)) = c.rows[i][j][l];
  return a;
}

Comparison compare(const std::vector<models::Scenario>& variants, std::vector<std::string> labels, std::uint64_t seed,
                   std::uint64_t replications, unsigned threads, py::object progress) {
  Comparison c;
  PythonExecution exec(threads, std::move(progress));
  exec.run([&](const sim::ExecutionControl& control) {
    c = models::compare(variants, std::move(labels), seed, replications, control);
  });
  return c;
}

}  // namespace

void register_compare(py::module_& m) {
  py::class_<Comparison>(m, "Comparison", "Paired results of scenario variants (common random numbers).")
      .def_readonly("model", &Comparison::model, "\"acute\" or \"network\".")
      .def_readonly("seed", &Comparison::seed, "The master seed.")
      .def_readonly("labels", &Comparison::labels, "A label per variant.")
      .def_readonly("files", &Comparison::files, "The path of each variant.")
      .def_readonly("kpi_names", &Comparison::kpi_names, "KPI names (the last axis of values).")
      .def_readonly("complete", &Comparison::complete, "False when the run was interrupted.")
      .def_readonly("events", &Comparison::events, "Simulated events.")
      .def_property_readonly(
          "replications",
          [](const Comparison& c) {
            return py::array_t<std::uint64_t>(static_cast<py::ssize_t>(c.replications.size()), c.replications.data());
          },
          "The replication index of each paired row (uint64).")
      .def_property_readonly("values", &values, "KPIs as float64 variants x replications x kpis (a copy).")
      .def(
          "means",
          [](const Comparison& c) {
            return summary_arrays(c.labels.size(), c.kpi_names.size(),
                                  [&](std::size_t v, std::size_t k) { return c.mean(v, k); });
          },
          "(mean, ci95, n) per variant and KPI, each variants x kpis.")
      .def(
          "differences",
          [](const Comparison& c) {
            return summary_arrays(c.labels.size(), c.kpi_names.size(),
                                  [&](std::size_t v, std::size_t k) { return c.difference(v, k); });
          },
          "(mean, ci95, n) of the paired difference variant - first per replication, each\n"
          "variants x kpis (row 0 is the first against itself).");

  m.def("compare", &compare, py::arg("variants"), py::arg("labels") = std::vector<std::string>{}, py::arg("seed") = 1,
        py::arg("replications") = 10, py::arg("threads") = 0, py::arg("progress") = py::none(),
        "Runs every variant on replications 0..replications-1 with the same seed (common\n"
        "random numbers) with the GIL released. Labels default to the file stems.\n"
        "Raises ScenarioError when the variants differ in model or KPI names.");
}

}  // namespace zccsim::python
