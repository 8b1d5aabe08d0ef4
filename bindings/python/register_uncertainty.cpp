// SPDX-License-Identifier: MIT
// zccsim._core.uncertainty_file / uncertainty_analysis: the sampled
// experiment of zccsim uncertainty and its analysis (study/uncertainty.hpp).
#include "support.hpp"

#include "io/yaml_reader.hpp"
#include "study/uncertainty.hpp"

#include <pybind11/stl.h>

namespace zccsim::python {

void register_uncertainty(py::module_& m) {
  m.def(
      "uncertainty_file",
      [](const std::string& path, unsigned threads, py::object progress) {
        const models::Uncertainty u = models::load_uncertainty(path);
        models::io::Results d = models::experiment_header(u.experiment);
        d.experiment_text = models::plan_yaml(u);
        PythonExecution exec(threads, std::move(progress));
        exec.run([&](const sim::ExecutionControl& control) {
          models::run_experiment(u.experiment, control, sim::execute, {.memory = &d});
        });
        return d;
      },
      py::arg("path"), py::arg("threads") = 0, py::arg("progress") = py::none(),
      "Loads and runs an uncertainty experiment file (as zccsim uncertainty EXP.yaml) with the GIL\n"
      "released; the results' experiment text is the plan (uncertainty_analysis reads it).");
  m.def(
      "uncertainty_analysis",
      [](const models::io::Results& r) {
        const auto [plan, a] = models::analyse_results(r);
        std::vector<std::string> names;
        for (const auto& p : plan.parameters) names.push_back(p.path);
        std::vector<std::vector<double>> values(plan.samples(), std::vector<double>(names.size()));
        for (std::size_t s = 0; s < plan.samples(); ++s)
          for (std::size_t j = 0; j < names.size(); ++j) values[s][j] = plan.parameters[j].value(plan.unit[s][j]);
        py::dict out;
        out["json"] = models::json_text(models::to_json(plan, a, r.model, r.complete));
        out["parameters"] = names;
        out["unit"] = plan.unit;
        out["values"] = values;
        out["variants"] = plan.variant_labels;
        return out;
      },
      py::arg("results"),
      "The analysis of an uncertainty experiment's results (study/uncertainty.hpp): a dict with\n"
      "\"json\" (as zccsim uncertainty --json), \"parameters\" (names, the dummy last), \"unit\" and\n"
      "\"values\" (per sample: its point in the unit cube and the parameters' values) and \"variants\".");
}

}  // namespace zccsim::python
