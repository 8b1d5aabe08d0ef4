// SPDX-License-Identifier: MIT
// zccsim: run, validate, graph.
#include "models/acute/acute_loader.hpp"
#include "models/acute/acute_report.hpp"
#include "models/common/yaml_reader.hpp"
#include "models/io/results_h5.hpp"
#include "models/network/network_loader.hpp"
#include "models/network/network_report.hpp"
#include "sim/atomic_file.hpp"

#include <boost/program_options.hpp>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <mutex>

#include <unistd.h>

namespace po = boost::program_options;
using namespace zccsim;

namespace {

constexpr const char* version = "zccsim 0.2.0";

constexpr const char* usage = R"(usage: zccsim COMMAND FILE [options]

commands:
  run FILE        run a scenario and print its summary
  validate FILE   check a scenario without running it; for model: acute, print
                  the expected offered load per resource (flagging load >= 1)
  graph FILE      write the care chain of a model: acute scenario as Graphviz DOT
  version         print the version

run options:
  --replications R   number of replications (default 10)
  --seed S           random seed (default 1)
  --threads T        worker threads (default 0: all cores; results do not depend on T)
  --json OUT.json    write the summary as JSON (atomically)
  --out OUT.h5       write an HDF5 results file (atomically): scenario text and hash,
                     seed, version, per-replication KPIs, hourly series per resource
                     (acute, replication 0)
  --event-log        with --out: add the per-patient event log of replication 0
  --quiet            print nothing but errors
graph options:
  -o, --output F     write the DOT to F instead of standard output
)";

enum class Model { network, acute };

// The model family; a file that `extends:` another is an acute scenario.
Model model_of(const models::YamlReader& r) {
  if (!r.root()["model"].IsDefined() && r.root()["extends"].IsDefined()) return Model::acute;
  const YAML::Node m = r.required(r.root(), "model", "the scenario");
  return r.choice(m, {"network", "acute"}, "model") == 0 ? Model::network : Model::acute;
}

// "replication 3/10" on a terminal, once a run has taken more than a second.
class Progress {
 public:
  Progress(std::uint64_t total, bool quiet)
      : total_(total), on_(!quiet && ::isatty(STDERR_FILENO)), t0_(std::chrono::steady_clock::now()) {}
  void operator()(std::uint64_t done) {
    if (!on_) return;
    const std::lock_guard lock(mutex_);
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0_).count();
    if (secs < 1.0 && done < total_) return;
    shown_ = true;
    std::fprintf(stderr, "\r  replication %llu/%llu  %.1f s", static_cast<unsigned long long>(done),
                 static_cast<unsigned long long>(total_), secs);
    std::fflush(stderr);
  }
  ~Progress() {
    if (shown_) std::fprintf(stderr, "\n");
  }

 private:
  std::uint64_t total_;
  bool on_, shown_ = false;
  std::chrono::steady_clock::time_point t0_;
  std::mutex mutex_;
};

int cmd_validate(const std::string& file) {
  const auto reader = models::YamlReader::load_file(file).extended();
  if (model_of(reader) == Model::network) {
    const auto cfg = models::network::load_network(reader);
    std::cout << file << ": valid network scenario, " << cfg.nodes.size() << " nodes, " << cfg.classes.size()
              << " classes\n";
    return 0;
  }
  const auto cfg = models::acute::load_acute(reader);
  bool overloaded = false;
  const std::string report = models::acute::offered_load_report(cfg, overloaded);
  std::cout << file << ": valid acute scenario, " << cfg.areas.size() << " areas, " << cfg.sites.size()
            << " sites, " << cfg.own_population() << " inhabitants\n\n"
            << report;
  if (overloaded) std::cout << "\nwarning: some resources have an offered load >= 1 (see above)\n";
  return 0;
}

int cmd_graph(const std::string& file, const po::variables_map& vm) {
  const auto reader = models::YamlReader::load_file(file).extended();
  if (model_of(reader) != Model::acute) throw models::ScenarioError(file + ": graph needs a model: acute scenario");
  const std::string dot = models::acute::care_chain_dot(models::acute::load_acute(reader));
  if (vm.count("output")) sim::write_file_atomically(vm["output"].as<std::string>(), dot);
  else std::cout << dot;
  return 0;
}

int cmd_run(const std::string& file, const po::variables_map& vm) {
  const auto reps = vm["replications"].as<std::uint64_t>();
  if (reps == 0) throw models::ScenarioError("--replications must be >= 1");
  const auto seed = vm["seed"].as<std::uint64_t>();
  const auto threads = vm["threads"].as<unsigned>();
  const bool quiet = vm.count("quiet") > 0;
  const auto reader = models::YamlReader::load_file(file).extended();
  const auto t0 = std::chrono::steady_clock::now();
  std::string json, table;
  std::uint64_t events = 0;
  models::io::ResultsFile h5;
  h5.scenario_path = file;
  h5.seed = seed;
  h5.version = version;
  const bool want_h5 = vm.count("out") > 0;
  if (model_of(reader) == Model::network) {
    const auto cfg = models::network::load_network(reader);
    const auto run = models::network::run_network(cfg, seed, reps, threads);
    json = summary_json(run).dump();
    table = models::network::summary_table(cfg, run);
    events = run.events;
    if (want_h5) {
      h5.model = "network";
      h5.scenario_text = reader.text();
      h5.kpi_names = run.names;
      h5.kpis = run.rows;
      for (std::uint64_t i = 0; i < run.rows.size(); ++i) h5.replication_index.push_back(i);
    }
  } else {
    const auto cfg = models::acute::load_acute(reader);
    Progress progress(reps, quiet);
    const models::acute::RunOptions first{want_h5, want_h5 && vm.count("event-log") > 0};
    auto run = models::acute::run_acute(cfg, seed, reps, threads, first, std::ref(progress));
    json = summary_json(run).dump();
    table = models::acute::summary_table(cfg, run);
    events = run.events;
    if (want_h5) {
      h5.model = "acute";
      h5.scenario_text = reader.text();
      h5.kpi_names = models::acute::kpi_names();
      h5.kpis = run.rows;
      h5.replication_index = run.replication;
      h5.hourly = std::move(run.first.hourly);
      h5.event_log = std::move(run.first.log);
      h5.log_event_names = models::acute::log_event_names;
      for (auto r : models::acute::response_names) h5.response_names.emplace_back(r);
      for (const auto& a : cfg.areas) h5.area_names.push_back(a.name);
      for (const auto& s : cfg.sites) h5.site_names.push_back(s.id);
    }
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (vm.count("json")) sim::write_file_atomically(vm["json"].as<std::string>(), json);
  if (want_h5) models::io::write_results(vm["out"].as<std::string>(), h5);
  if (!quiet) {
    std::cout << table;
    std::printf("%llu events in %.3f s (%.1f M events/s)\n", static_cast<unsigned long long>(events), secs,
                static_cast<double>(events) / secs / 1e6);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  po::options_description opts;
  opts.add_options()("command", po::value<std::string>())("file", po::value<std::string>())(
      "replications", po::value<std::uint64_t>()->default_value(10))(
      "seed", po::value<std::uint64_t>()->default_value(1))("threads", po::value<unsigned>()->default_value(0))(
      "json", po::value<std::string>())("out", po::value<std::string>())("event-log", "")("output,o", po::value<std::string>())("quiet", "")("help,h", "");
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
      std::cout << version << "\n";
      return 0;
    }
    if (cmd != "run" && cmd != "validate" && cmd != "graph") {
      std::cerr << "zccsim: unknown command '" << cmd << "'; allowed: run, validate, graph, version\n";
      return 2;
    }
    if (!vm.count("file")) {
      std::cerr << "zccsim: " << cmd << " needs a scenario FILE\n";
      return 2;
    }
    const std::string file = vm["file"].as<std::string>();
    if (cmd == "run") return cmd_run(file, vm);
    if (cmd == "graph") return cmd_graph(file, vm);
    return cmd_validate(file);
  } catch (const models::ScenarioError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "zccsim: " << e.what() << "\n";
    return 1;
  }
}
