// SPDX-License-Identifier: MIT
// zccsim sweep EXP.yaml: every point of an experiment (a base scenario and a
// grid or list of overrides) times its replications, optionally until the
// chosen KPIs are precise (models/study/sweep.hpp). Rows stream into one
// results file indexed by point and replication; --append adds to it.
#include "cli_common.hpp"
#include "commands.hpp"
#include "executor.hpp"
#include "models/acute/acute_report.hpp"
#include "models/io/results_h5.hpp"
#include "models/study/sweep.hpp"
#include "sim/atomic_file.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <optional>

namespace zccsim::cli {

namespace {

struct NullSink final : sim::ResultSink {
  void accept(std::size_t, const sim::Task&, sim::TaskResult&&) override {}
};

void print_summary(const models::Experiment& e, const models::SweepResult& r) {
  // acute: the headline KPIs; network: every metric; and the precision KPIs
  std::vector<std::string> shown = e.base.acute() ? models::acute::headline_kpis() : r.kpi_names;
  if (e.precision)
    for (const auto& k : e.precision->kpis)
      if (std::find(shown.begin(), shown.end(), k) == shown.end()) shown.push_back(k);
  for (std::size_t p = 0; p < e.points.size(); ++p) {
    std::string state;
    if (p < r.precise.size())
      state = r.precise[p] ? ", precise" : (r.replications[p] >= e.precision->max_replications ? ", at max_replications"
                                                                                                : ", not precise");
    std::printf("\npoint %zu/%zu: %s (%llu replications%s)\n", p + 1, e.points.size(), e.points[p].label.c_str(),
                static_cast<unsigned long long>(r.replications[p]), state.c_str());
    for (const auto& name : shown) {
      const auto k = static_cast<std::size_t>(std::find(r.kpi_names.begin(), r.kpi_names.end(), name) -
                                              r.kpi_names.begin());
      const sim::Summary& s = r.kpis[p][k];
      if (std::isnan(s.ci95))
        std::printf("  %-34s %12.4g\n", name.c_str(), s.mean);
      else
        std::printf("  %-34s %12.4g  +- %.3g\n", name.c_str(), s.mean, s.ci95);
    }
  }
}

}  // namespace

int cmd_sweep(const Args& args) {
  po::options_description opts("sweep");
  opts.add_options()("out", po::value<std::string>(), "HDF5 results file")(
      "json", po::value<std::string>(), "summary per point as JSON")(
      "threads", po::value<unsigned>()->default_value(0), "worker threads (0: all cores)")(
      "append", "add replications to the --out file of an earlier run of this experiment")(
      "shard", po::value<std::string>(), "run only tasks i, i+N, ... (i/N) into --out; join with zccsim merge")(
      "quiet", "print nothing but errors");
  const auto vm = parse(args, opts, {"file"});
  if (!vm.count("file")) throw po::error("sweep needs an experiment FILE");
  const std::string file = vm["file"].as<std::string>();
  std::optional<std::string> out, json;
  if (vm.count("out")) out = vm["out"].as<std::string>();
  if (vm.count("json")) json = vm["json"].as<std::string>();
  const unsigned threads = vm["threads"].as<unsigned>();
  const bool quiet = vm.count("quiet") > 0, append = vm.count("append") > 0;
  const std::string shard = vm.count("shard") ? vm["shard"].as<std::string>() : "";
  if (append && !out) throw po::error("--append needs --out FILE (the results file to add to)");
  if (!shard.empty()) {
    if (!parse_shard(shard)) throw po::error("--shard must be i/N with 0 <= i < N (e.g. 0/4), not '" + shard + "'");
    if (!out) throw po::error("--shard needs --out FILE.h5 (zccsim merge joins the shards' files)");
    if (json) throw po::error("--shard writes only --out; --json would summarise a part of the sweep");
    if (append) throw po::error("--append cannot be combined with --shard");
  }
  const models::Experiment e = models::load_experiment(file);
  if (!shard.empty() && e.precision)
    throw po::error("--shard cannot split a sweep with a precision section (its rounds need every result); "
                    "use mpirun");

  // --append: the rows there count for the summaries and the precision
  std::optional<models::ExistingRows> existing;
  if (append) {
    models::io::ResultsFile old = models::io::read_results(*out);
    models::io::check_appendable(old, *out, e.base.model_name(), e.base.text(), e.seed, e.text, e.base.kpi_names());
    models::io::normalize(old);
    existing.emplace();
    existing->point = std::move(old.point_index);
    existing->replication = std::move(old.replication_index);
    existing->rows = std::move(old.kpis);
  }

  // rows stream into the results file (under mpirun only rank 0 writes)
  std::optional<models::io::ResultsWriter> writer;
  const bool writes = out && !secondary_rank();
  if (writes && append) {
    writer.emplace(models::io::ResultsWriter::append_to(*out));
  } else if (writes) {
    models::io::ResultsFile h5;
    h5.model = e.base.model_name();
    h5.scenario_text = e.base.text();
    h5.scenario_path = e.base.path();
    h5.seed = e.seed;
    h5.version = version;
    h5.kpi_names = e.base.kpi_names();
    for (const auto& p : e.points) {
      h5.point_labels.push_back(p.label);
      h5.point_settings.push_back(models::settings_yaml(p));
    }
    h5.experiment_text = e.text;
    h5.shard = shard;
    writer.emplace(*out, h5);
  }

  if (!quiet) {
    std::printf("sweep %s: %zu points, %llu replications each%s, seed %llu\n", file.c_str(), e.points.size(),
                static_cast<unsigned long long>(e.replications),
                e.precision ? " (then more until precise)" : append ? " more" : "",
                static_cast<unsigned long long>(e.seed));
    std::fflush(stdout);
  }
  const auto t0 = std::chrono::steady_clock::now();
  NullSink discard;
  sim::ResultSink* stream = writer ? static_cast<sim::ResultSink*>(&*writer) : &discard;
  models::SweepResult r;
  {
    Progress progress("sweep", quiet);
    r = models::run_sweep(e, {threads, &interrupt_flag(), std::ref(progress)}, executor({shard, {}}), stream,
                          existing ? &*existing : nullptr);
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (r.added == 0 && !r.complete) {
    std::cerr << "zccsim: interrupted before any replication finished; nothing written\n";
    return 130;  // the writer removes its temporary file; an existing --out is untouched
  }
  const bool unchanged = append && r.added == 0;  // every point already precise or at its cap
  if (writer && !unchanged) writer->finish(r.complete);
  if (json) sim::write_file_atomically(*json, to_json(e, r).dump());
  if (!quiet) {
    print_summary(e, r);
    std::printf("\n%llu replications run in %.3f s (%llu events, %.1f M events/s)\n",
                static_cast<unsigned long long>(r.added), secs, static_cast<unsigned long long>(r.events),
                secs > 0 ? static_cast<double>(r.events) / secs / 1e6 : 0.0);
    if (writer && !unchanged)
      std::printf("%s %s (%llu rows)\n", append ? "appended to" : "wrote", out->c_str(),
                  static_cast<unsigned long long>(writer->rows()));
    else if (writer)
      std::printf("nothing to add: %s is unchanged (every point is precise or at max_replications)\n", out->c_str());
  }
  if (!r.complete) {
    std::cerr << "zccsim: interrupted: " << r.added << " replications kept; outputs are marked incomplete\n";
    return 130;
  }
  return 0;
}

}  // namespace zccsim::cli
