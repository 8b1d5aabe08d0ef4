// SPDX-License-Identifier: MIT
// zccsim validate FILE / zccsim graph FILE [-o OUT.dot]
#include "cli_common.hpp"
#include "commands.hpp"
#include "models/acute/acute_report.hpp"
#include "io/yaml_reader.hpp"
#include "study/families.hpp"
#include "study/scenario.hpp"
#include "exec/atomic_file.hpp"

#include <iostream>

namespace zccsim::cli {

int cmd_validate(const Args& args) {
  po::options_description opts("validate");
  opts.add_options()("catchments", po::value<std::string>(),
                     "(acute) write each area's nearest ED and GP post by road as CSV here");
  const auto vm = parse(args, opts, {"file"});
  if (!vm.count("file")) throw po::error("validate needs a scenario FILE");
  const std::string file = vm["file"].as<std::string>();
  const auto sc = models::Scenario::from_file(file);
  std::cout << sc.validation_report();
  if (vm.count("catchments")) {
    const auto* acute = dynamic_cast<const models::AcuteLoaded*>(&sc.loaded());
    if (!acute) throw models::ScenarioError(file + ": --catchments needs a model: acute scenario");
    sim::write_file_atomically(vm["catchments"].as<std::string>(),
                               models::acute::catchments_csv(acute->config(), acute->geography()));
  }
  return 0;
}

int cmd_graph(const Args& args) {
  po::options_description opts("graph");
  opts.add_options()("output,o", po::value<std::string>(), "write the DOT here");
  const auto vm = parse(args, opts, {"file"});
  if (!vm.count("file")) throw po::error("graph needs a scenario FILE");
  const std::string file = vm["file"].as<std::string>();
  const auto sc = models::Scenario::from_file(file);
  if (!sc.acute()) throw models::ScenarioError(file + ": graph needs a model: acute scenario");
  const std::string dot = models::acute::care_chain_dot(*sc.acute());
  if (vm.count("output")) sim::write_file_atomically(vm["output"].as<std::string>(), dot);
  else std::cout << dot;
  return 0;
}

}  // namespace zccsim::cli
