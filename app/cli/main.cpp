// SPDX-License-Identifier: MIT
// zccsim: the command-line program. Each command lives in cmd_*.cpp.
#include "cli_common.hpp"
#include "commands.hpp"
#include "executor.hpp"
#include "exec/stop_signal.hpp"
#include "io/yaml_reader.hpp"
#include "zccsim/version.hpp"

#include <iostream>
#include <map>
#include <optional>

using namespace zccsim;

namespace {

constexpr const char* usage = R"(usage: zccsim COMMAND [FILE...] [options]

commands:
  run FILE                 run a scenario: replications, summary table, --json, --out
  compare A.yaml B.yaml..  paired comparison with common random numbers: each variant's
                           mean and CI and the paired difference to the first
  validate FILE            check a scenario without running it; for model: acute, print
                           the expected offered load per resource (flagging load >= 1);
                           --catchments F.csv: each area's nearest ED and GP post by road
  graph FILE [-o F.dot]    the care chain of a model: acute scenario as Graphviz DOT
  sweep EXP.yaml           every point of an experiment (base scenario + grid or list of
                           overrides) x replications, optionally until KPIs are precise;
                           options --out --json --threads --append --shard --quiet
  uncertainty EXP.yaml     variants x samples of the uncertain parameters (Morris, Sobol',
                           LHS), paired; per KPI spread, P(better), sensitivity; --plan
  staff FILE               the least staff per hour meeting service-level targets, the
                           cheapest shifts covering it (zccsim staff --help)
  merge A.h5 B.h5.. -o F   join the results files of --shard runs into one file
  report F.h5 [-o F.html]  one self-contained HTML page of a results file (run, compare,
                           sweep, uncertainty): a one-page summary (labels, values, norms
                           met or not, paired differences in words), then scenario, KPI
                           tables with CIs, plots, paired differences (made in Python)
  kpis [FILE]              the KPI table (name, label, unit, better, norm, description) of
                           the acute model or of FILE's model family; --markdown (the table
                           of scenarios/README.md) or --json (display units, the norms'
                           targets and sources, dimensions and columns)
  version                  print the version
zccsim COMMAND --help (or -h) prints that command's usage and options.

run and compare options:
  --replications R   replications, 1 to 1000000 (default 10)
  --seed S           random seed, 0 to 2^64-1 (default 1); same scenario + seed = same
                     results
  --threads T        worker threads, 0 to 1024 (default 0: all cores); results do not
                     depend on T
  --json OUT.json    summary as JSON (written atomically)
  --out OUT.h5       HDF5 results: scenario text and hash, seed, version, per-replication
                     KPIs, hourly series per resource (acute, replication 0)
  --event-log        (run, with --out) add the per-patient event log of replication 0
  --append           (run and sweep, with --out) add replications to that results file:
                     existing rows stay, new ones continue after them (run: R more)
  --quiet            print nothing but errors
  --shard i/N        (run and sweep, with --out) only tasks i, i+N, i+2N, ..., e.g. one
                     shard per Slurm array task; zccsim merge joins the N files
Ctrl-C (SIGINT), SIGTERM (timeout, Slurm, docker stop), SIGHUP and SIGUSR1 stop a
run cleanly: finished replications are kept, outputs marked incomplete, exit status
128 + the signal's number (130 for Ctrl-C, 143 for SIGTERM); a second signal ends
the process at once, removing its temporary files and leaving existing outputs as
they were. --append waits for another zccsim appending to the same file (a lock on
OUT.lock); an output that is an input or another output is refused.

Clusters: `mpirun -n P zccsim run|compare|sweep ...` spreads the tasks over P
processes (--threads is per process; 0: the node's cores shared among its
ranks); rank 0 prints and writes the same files a single process would.
Ctrl-C on mpirun stops too, if the running replications end within mpirun's
1 s grace; `kill -USR1 <mpirun pid>` always waits for them.
)";

int run_command(int argc, char** argv) {
  const std::map<std::string, int (*)(const cli::Args&)> commands{
      {"run", cli::cmd_run},       {"compare", cli::cmd_compare}, {"validate", cli::cmd_validate},
      {"graph", cli::cmd_graph},   {"merge", cli::cmd_merge},     {"sweep", cli::cmd_sweep},
      {"report", cli::cmd_report}, {"kpis", cli::cmd_kpis},       {"uncertainty", cli::cmd_uncertainty},
      {"staff", cli::cmd_staff}};
  if (argc < 2 || std::string(argv[1]) == "-h" || std::string(argv[1]) == "--help" || std::string(argv[1]) == "help") {
    std::cout << usage;
    return argc < 2 ? 2 : 0;
  }
  const std::string cmd = argv[1];
  if (cmd == "version" || cmd == "--version") {
    std::cout << zccsim::version_string << "\n";
    return 0;
  }
  const auto it = commands.find(cmd);
  if (it == commands.end()) {
    std::string names;
    for (const auto& [name, fn] : commands) names += (names.empty() ? "" : ", ") + name;
    std::cerr << "zccsim: unknown command '" << cmd << "'; allowed: " << names << ", version\n";
    return 2;
  }
  // under mpirun only run, compare and sweep share their tasks; the others run on rank 0 alone
  const bool runs_tasks = cmd == "run" || cmd == "compare" || cmd == "sweep" || cmd == "uncertainty";
  if (!runs_tasks && cli::secondary_rank()) return 0;
  // SIGINT, SIGTERM, SIGHUP and SIGUSR1 stop a run and keep what finished
  // (exec/stop_signal.hpp; staff stops and writes nothing); the other commands die of them as usual
  std::optional<sim::StopSignalScope> stop_signals;
  if (runs_tasks || cmd == "staff") stop_signals.emplace();
  try {
    return it->second(cli::Args(argv + 2, argv + argc));
  } catch (const cli::HelpShown&) {  // COMMAND --help printed its usage
    return 0;
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

}  // namespace

int main(int argc, char** argv) {
  cli::start_process();  // under mpirun: ranks other than 0 print nothing
  // under mpirun: rank 0 tells the other ranks to exit with its status
  return cli::finish_process(run_command(argc, argv));
}
