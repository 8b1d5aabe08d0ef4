// SPDX-License-Identifier: MIT
// zccsim._core: the compiled part of the Python package zccsim. The package's
// __init__.py builds pandas objects on top of it; use that, not this module.
#include "support.hpp"

#include "zccsim/version.hpp"

#include "models/acute/acute_config.hpp"
#include "models/acute/acute_model.hpp"
#include "study/scenario.hpp"

#include <pybind11/stl.h>

#include <iterator>
#include <string>
#include <vector>

PYBIND11_MODULE(_core, m) {
  namespace py = pybind11;
  using namespace zccsim;
  m.doc() = "zccsim's compiled core (private): scenarios, runs, comparisons, sweeps and results files.";
  m.attr("__version__") = zccsim::version_number;
  m.attr("log_event_names") = models::acute::log_event_names;
  m.attr("acute_kpi_names") = models::acute::kpi_names();
  // the event log's arrival detail: the stream a patient came by
  m.attr("stream_names") =
      std::vector<std::string>(std::begin(models::acute::stream_names), std::end(models::acute::stream_names));

  python::register_error_translator();
  python::register_dtypes();
  py::class_<models::Scenario> scenario(m, "Scenario",
                                        "A validated scenario of either model family (immutable; cheap to copy).");
  python::register_scenario(m, scenario);
  python::register_run(m, scenario);
  python::register_compare(m);
  python::register_io(m);
  python::register_sweep(m);
  python::register_uncertainty(m);
  python::register_staffing(m);
  python::register_stats(m);
}
