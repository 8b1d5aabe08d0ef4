// SPDX-License-Identifier: MIT
// zccsim validate FILE / zccsim graph FILE [-o OUT.dot]
#include "cli_common.hpp"
#include "commands.hpp"
#include "models/acute/acute_report.hpp"
#include "io/yaml_reader.hpp"
#include "study/scenario.hpp"
#include "exec/atomic_file.hpp"

#include <iostream>

namespace zccsim::cli {

int cmd_validate(const Args& args) {
  po::options_description opts("validate");
  const auto vm = parse(args, opts, {"file"});
  if (!vm.count("file")) throw po::error("validate needs a scenario FILE");
  const std::string file = vm["file"].as<std::string>();
  std::cout << models::Scenario::from_file(file).validation_report();
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
