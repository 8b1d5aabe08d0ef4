// SPDX-License-Identifier: MIT
// zccsim kpis [FILE] [--markdown|--json]: the KPI table of the acute model,
// or of a scenario's model family (network: its "node.metric" names only).
#include "cli_common.hpp"
#include "commands.hpp"
#include "io/kpi_text.hpp"
#include "study/registry.hpp"
#include "study/scenario.hpp"

#include <iostream>

namespace zccsim::cli {

int cmd_kpis(const Args& args) {
  po::options_description opts("kpis");
  opts.add_options()("markdown", "the markdown table of scenarios/README.md")(
      "json", "JSON: {\"kpis\": [{name, unit, better, description, dimensions, columns, label, display_unit, "
              "display_scale, norm}]}");
  const auto vm = parse(args, opts, {"file"});
  if (vm.count("markdown") && vm.count("json")) throw po::error("kpis takes --markdown or --json, not both");
  const sim::KpiTable* table = models::model_family("acute").kpi_table();
  std::vector<models::io::KpiRow> rows;
  if (vm.count("file")) {
    const auto sc = models::Scenario::from_file(vm["file"].as<std::string>());
    table = sc.loaded().kpi_table();
    rows = table ? models::io::kpi_rows(*table) : models::io::kpi_rows(sc.kpi_names());
  } else {
    rows = models::io::kpi_rows(*table);  // the acute family declares one
  }
  if (vm.count("json"))
    std::cout << models::json_text(
        models::io::kpi_json(rows, table ? table->dimensions : std::vector<sim::Dimension>{}));
  else if (vm.count("markdown")) std::cout << models::io::kpi_markdown(rows);
  else std::cout << models::io::kpi_text(rows);
  return 0;
}

}  // namespace zccsim::cli
