// SPDX-License-Identifier: MIT
// zccsim._core.compare: paired comparison of scenario variants with common
// random numbers (study/compare.hpp); its results are a Results with one
// point per variant.
#include "support.hpp"

#include "io/results.hpp"
#include "study/compare.hpp"

#include <pybind11/stl.h>

namespace zccsim::python {

namespace {

models::io::Results compare(const std::vector<models::Scenario>& variants, std::vector<std::string> labels,
                            std::uint64_t seed, std::uint64_t replications, unsigned threads, py::object progress) {
  models::io::Results c;
  PythonExecution exec(threads, std::move(progress));
  exec.run([&](const sim::ExecutionControl& control) {
    c = models::compare(variants, std::move(labels), seed, replications, control);
  });
  return c;
}

}  // namespace

void register_compare(py::module_& m) {
  m.def("compare", &compare, py::arg("variants"), py::arg("labels") = std::vector<std::string>{}, py::arg("seed") = 1,
        py::arg("replications") = 10, py::arg("threads") = 0, py::arg("progress") = py::none(),
        "Runs every variant on replications 0..replications-1 with the same seed (common\n"
        "random numbers) with the GIL released. Labels default to the file stems.\n"
        "Returns Results with one point per variant and the replications every variant\n"
        "finished, sorted by (variant, replication). Raises ScenarioError when the variants\n"
        "differ in model or KPI names.");
}

}  // namespace zccsim::python
