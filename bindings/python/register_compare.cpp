// SPDX-License-Identifier: MIT
// zccsim._core.compare: paired comparison of scenario variants with common
// random numbers (study/compare.hpp); its results are a Results with one
// point per variant.
#include "support.hpp"

#include "io/results.hpp"
#include "study/budget.hpp"
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

// The budget views of compare results (study/budget.hpp) as their JSON
// (budget_json: the one list of their fields).
std::string budget(const models::io::Results& c, const std::string& kpi) {
  return models::json_text(models::budget_json(models::compare_budgets(c, kpi)));
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
  m.def("budget_json", &budget, py::arg("results"), py::arg("kpi") = "cost_total_meur_per_year",
        "The multi-year budget view (study/budget.hpp) of every variant (point >= 1) whose\n"
        "scenario has a budget section, against the first (a baseline without one), as JSON:\n"
        "{LABEL: {kpi, yearly_saving: {mean, ci95}, discount_rate, years: [{year, ramp_up, saving,\n"
        "saving_ci95, one_off, net, cumulative, discount_factor, discounted}], npv: {mean, ci95}}}.");
}

}  // namespace zccsim::python
