// SPDX-License-Identifier: MIT
// zccsim._core.staff: the staffing study of zccsim staff (study/staffing.hpp).
#include "support.hpp"

#include "io/yaml_reader.hpp"
#include "study/staffing.hpp"

#include <pybind11/stl.h>

#include <optional>
#include <tuple>

namespace zccsim::python {

void register_staffing(py::module_& m) {
  m.def(
      "staff",
      [](const models::Scenario& sc,
         const std::optional<std::vector<std::tuple<std::string, double, double, std::string>>>& targets,
         std::uint64_t replications, std::uint64_t verify, std::size_t max_iterations, std::uint64_t seed,
         unsigned threads, const std::string& variant_path, py::object progress) {
        models::StaffingSpec spec = models::read_staffing_spec(sc);
        if (targets) {
          spec.targets.clear();
          for (const auto& [node, within, share, calls] : *targets)
            spec.targets.push_back({node, within, share, calls});
        }
        models::check_targets(sc, spec.targets);
        const models::StaffingOptions o{seed, replications, verify, max_iterations};
        models::StaffingResult r;
        PythonExecution exec(threads, std::move(progress));
        exec.run([&](const sim::ExecutionControl& control) {
          r = models::staff(sc, spec.targets, spec.shifts, o, control);
        });
        py::dict out;
        out["json"] = models::to_json(r).dump();
        out["variant"] = models::variant_yaml(sc, r, variant_path);
        return out;
      },
      py::arg("scenario"), py::arg("targets") = py::none(), py::arg("replications") = 10, py::arg("verify") = 20,
      py::arg("max_iterations") = 30, py::arg("seed") = 1, py::arg("threads") = 0,
      py::arg("variant_path") = "staffed.yaml", py::arg("progress") = py::none(),
      "The staffing study (zccsim staff) with the GIL released: a dict with \"json\" (as --out) and\n"
      "\"variant\" (the YAML of --variant, its extends: relative to variant_path's folder).");
}

}  // namespace zccsim::python
