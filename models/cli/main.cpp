// SPDX-License-Identifier: MIT
// zccsim: the command-line program. Each command lives in cmd_*.cpp.
#include "cli_common.hpp"
#include "commands.hpp"
#include "models/common/yaml_reader.hpp"

#include <iostream>
#include <map>

using namespace zccsim;

namespace {

constexpr const char* usage = R"(usage: zccsim COMMAND [FILE...] [options]

commands:
  run FILE                 run a scenario: replications, summary table, --json, --out
  compare A.yaml B.yaml..  paired comparison with common random numbers: each variant's
                           mean and CI and the paired difference to the first
  validate FILE            check a scenario without running it; for model: acute, print
                           the expected offered load per resource (flagging load >= 1)
  graph FILE [-o F.dot]    the care chain of a model: acute scenario as Graphviz DOT
  version                  print the version

run and compare options:
  --replications R   replications (default 10)
  --seed S           random seed (default 1); same scenario + seed = same results
  --threads T        worker threads (default 0: all cores); results do not depend on T
  --json OUT.json    summary as JSON (written atomically)
  --out OUT.h5       HDF5 results: scenario text and hash, seed, version, per-replication
                     KPIs, hourly series per resource (acute, replication 0)
  --event-log        (run, with --out) add the per-patient event log of replication 0
  --quiet            print nothing but errors
Ctrl-C stops a run cleanly: finished replications are kept, outputs marked incomplete.
)";

}  // namespace

int main(int argc, char** argv) {
  const std::map<std::string, int (*)(const cli::Args&)> commands{
      {"run", cli::cmd_run}, {"compare", cli::cmd_compare}, {"validate", cli::cmd_validate}, {"graph", cli::cmd_graph}};
  if (argc < 2 || std::string(argv[1]) == "-h" || std::string(argv[1]) == "--help" ||
      std::string(argv[1]) == "help") {
    std::cout << usage;
    return argc < 2 ? 2 : 0;
  }
  const std::string cmd = argv[1];
  if (cmd == "version" || cmd == "--version") {
    std::cout << cli::version << "\n";
    return 0;
  }
  const auto it = commands.find(cmd);
  if (it == commands.end()) {
    std::string names;
    for (const auto& [name, fn] : commands) names += (names.empty() ? "" : ", ") + name;
    std::cerr << "zccsim: unknown command '" << cmd << "'; allowed: " << names << ", version\n";
    return 2;
  }
  try {
    return it->second(cli::Args(argv + 2, argv + argc));
  } catch (const cli::po::error& e) {
    std::cerr << "zccsim " << cmd << ": " << e.what() << "\n(see zccsim --help)\n";
    return 2;
  } catch (const models::ScenarioError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "zccsim: " << e.what() << "\n";
    return 1;
  }
}
