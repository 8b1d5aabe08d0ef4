// SPDX-License-Identifier: MIT
// zccsim: run, validate.
#include "models/common/yaml_reader.hpp"
#include "models/network/network_loader.hpp"
#include "models/network/network_report.hpp"
#include "sim/atomic_file.hpp"

#include <boost/program_options.hpp>

#include <chrono>
#include <cstdio>
#include <iostream>

namespace po = boost::program_options;
using namespace zccsim;

namespace {

constexpr const char* usage = R"(usage: zccsim COMMAND [options]

commands:
  run FILE       run a scenario and print its summary
  validate FILE  check a scenario without running it
  version        print the version

run options:
  --replications R   number of replications (default 10)
  --seed S           random seed (default 1)
  --threads T        worker threads (default 0: all cores; results do not depend on T)
  --json OUT.json    write the summary as JSON (atomically)
  --quiet            print nothing but errors
)";

std::string model_of(const models::YamlReader& r) {
  const YAML::Node m = r.required(r.root(), "model", "the scenario");
  r.choice(m, {"network"}, "model");
  return m.Scalar();
}

int cmd_validate(const std::string& file) {
  const auto reader = models::YamlReader::load_file(file);
  model_of(reader);
  const auto cfg = models::network::load_network(reader);
  std::cout << file << ": valid network scenario, " << cfg.nodes.size() << " nodes, "
            << cfg.classes.size() << " classes\n";
  return 0;
}

int cmd_run(const std::string& file, const po::variables_map& vm) {
  const auto reps = vm["replications"].as<std::uint64_t>();
  if (reps == 0) throw models::ScenarioError("--replications must be >= 1");
  const auto reader = models::YamlReader::load_file(file);
  model_of(reader);
  const auto cfg = models::network::load_network(reader);
  const auto t0 = std::chrono::steady_clock::now();
  const auto run = models::network::run_network(cfg, vm["seed"].as<std::uint64_t>(), reps,
                                                vm["threads"].as<unsigned>());
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (vm.count("json")) sim::write_file_atomically(vm["json"].as<std::string>(), summary_json(run).dump());
  if (!vm.count("quiet")) {
    std::cout << models::network::summary_table(cfg, run);
    std::fprintf(stdout, "%llu events in %.3f s (%.1f M events/s)\n",
                 static_cast<unsigned long long>(run.events), secs, static_cast<double>(run.events) / secs / 1e6);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  po::options_description opts;
  opts.add_options()("command", po::value<std::string>())("file", po::value<std::string>())(
      "replications", po::value<std::uint64_t>()->default_value(10))(
      "seed", po::value<std::uint64_t>()->default_value(1))("threads", po::value<unsigned>()->default_value(0))(
      "json", po::value<std::string>())("quiet", "")("help,h", "");
  po::positional_options_description pos;
  pos.add("command", 1).add("file", 1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(opts).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "zccsim: " << e.what() << "\n" << usage;
    return 2;
  }
  if (vm.count("help") || !vm.count("command")) {
    std::cout << usage;
    return vm.count("help") ? 0 : 2;
  }
  const std::string cmd = vm["command"].as<std::string>();
  try {
    if (cmd == "version") {
      std::cout << "zccsim 0.1.0\n";
      return 0;
    }
    if (cmd != "run" && cmd != "validate") {
      std::cerr << "zccsim: unknown command '" << cmd << "'; allowed: run, validate, version\n";
      return 2;
    }
    if (!vm.count("file")) {
      std::cerr << "zccsim: " << cmd << " needs a scenario FILE\n";
      return 2;
    }
    const std::string file = vm["file"].as<std::string>();
    return cmd == "run" ? cmd_run(file, vm) : cmd_validate(file);
  } catch (const models::ScenarioError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "zccsim: " << e.what() << "\n";
    return 1;
  }
}
