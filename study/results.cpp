// SPDX-License-Identifier: MIT
#include "results.hpp"

#include "zccsim/version.hpp"

namespace zccsim::models {

io::Results results_header(const Scenario& sc, std::uint64_t seed) {
  io::Results h;
  h.model = sc.model_name();
  h.model_version = sc.model_version();
  h.kpi_table_sha256 = sc.kpi_table_sha256();
  h.scenario_text = sc.text();
  h.scenario_path = sc.path();
  h.seed = seed;
  h.version = zccsim::version_string;
  h.kpi_names = sc.kpi_names();
  return h;
}

}  // namespace zccsim::models
