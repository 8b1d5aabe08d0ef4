// SPDX-License-Identifier: MIT
// zccsim sweep EXP.yaml: every point of an experiment (a base scenario and a
// grid or list of overrides) times its replications, optionally until the
// chosen KPIs are precise (study/sweep.hpp). Rows stream into one
// results file indexed by point and replication; --append adds to it.
#include "cli_common.hpp"
#include "commands.hpp"
#include "executor.hpp"
#include "study/registry.hpp"
#include "io/summary_json.hpp"
#include "io/results_h5.hpp"
#include "study/sweep.hpp"
#include "exec/atomic_file.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <optional>

namespace zccsim::cli {

namespace {

void print_summary(const models::Experiment& e, const models::ExperimentReport& r) {
  // acute: the headline KPIs; network: every metric; and the precision KPIs
  std::vector<std::string> shown = e.base.loaded().headline_kpis();
  if (e.precision)
    for (const auto& k : e.precision->kpis)
      if (std::find(shown.begin(), shown.end(), k) == shown.end()) shown.push_back(k);
  for (std::size_t p = 0; p < e.points.size(); ++p) {
    std::string state;
    if (p < r.precise.size())
      state = r.precise[p]
                  ? ", precise"
                  : (r.replications[p] >= e.precision->max_replications ? ", at max_replications" : ", not precise");
    std::printf("\npoint %zu/%zu: %s (%llu replications%s)\n", p + 1, e.points.size(), e.points[p].label.c_str(),
                static_cast<unsigned long long>(r.replications[p]), state.c_str());
    for (const auto& name : shown) {
      const auto& names = e.base.kpi_names();
      const auto k = static_cast<std::size_t>(std::find(names.begin(), names.end(), name) - names.begin());
      std::fputs(models::kpi_line(name, r.kpis[p][k]).c_str(), stdout);
    }
  }
}

// Steps: each point against the previous one, paired, and their sum.
void print_steps(const models::Experiment& e, const models::StepDifferences& s) {
  std::printf("\nsteps from '%s' (paired difference of each step to the previous one, 95%% CI; "
              "* = interval excludes 0):\n",
              e.points[0].label.c_str());
  const auto cell = [](const sim::Summary& d) {
    char buf[64];
    const bool sig = std::isfinite(d.ci95) && std::abs(d.mean) > d.ci95;
    std::snprintf(buf, sizeof buf, "%+.3g +- %.2g%s", d.mean, d.ci95, sig ? "*" : "");
    return std::string(buf);
  };
  const auto& names = e.base.kpi_names();
  for (const auto& name : e.base.loaded().headline_kpis()) {
    const auto k = static_cast<std::size_t>(std::find(names.begin(), names.end(), name) - names.begin());
    std::printf("  %s: %.4g", name.c_str(), s.start[k].mean);
    for (std::size_t p = 1; p < e.points.size(); ++p)
      std::printf(", %s %s", e.points[p].label.c_str(), cell(s.steps[p - 1][k]).c_str());
    std::printf(" = total %s\n", cell(s.total[k]).c_str());
  }
}

}  // namespace

int cmd_sweep(const Args& args) {
  po::options_description opts("sweep");
  add_output_options(opts, "add replications to the --out file of an earlier run of this experiment");
  const auto vm = parse(args, opts, {"file"});
  if (!vm.count("file")) throw po::error("sweep needs an experiment FILE");
  const std::string file = vm["file"].as<std::string>();
  const OutputOptions o = read_output_options(vm);
  const auto& out = o.out;
  const auto& json = o.json;
  const unsigned threads = o.threads;
  const bool quiet = o.quiet, append = o.append;
  const std::string& shard = o.shard;
  const models::Experiment e = models::load_experiment(file);
  check_distinct_paths({{"the experiment FILE", file}, {"its base scenario", e.base.path()}}, output_paths(o));
  if (!shard.empty() && e.steps)
    throw po::error("--shard cannot split a sweep of steps (its paired steps need every result); use mpirun");
  if (!shard.empty() && e.precision)
    throw po::error("--shard cannot split a sweep with a precision section (its rounds need every result); "
                    "use mpirun");

  // --append: the rows there count for the summaries and the precision
  const OutputGuard guard(o);  // --append: holds OUT's lock until the end
  std::optional<models::io::Results> existing;
  if (append) {
    existing = models::io::read_results(*out);
    models::io::check_appendable(*existing, *out, models::experiment_header(e));
  }

  // rows stream into the results file (under mpirun only rank 0 writes)
  models::io::Results header = models::experiment_header(e);
  header.shard = shard;
  std::optional<models::io::ResultsWriter> writer = open_writer(o, header);

  if (!quiet) {
    std::printf("sweep %s: %zu points, %llu replications each%s, seed %llu\n", file.c_str(), e.points.size(),
                static_cast<unsigned long long>(e.replications),
                e.precision ? " (then more until precise)"
                : append    ? " more"
                            : "",
                static_cast<unsigned long long>(e.seed));
    std::fflush(stdout);
  }
  const auto t0 = std::chrono::steady_clock::now();
  // the summaries are made as rows pass: no rows are kept in memory, but
  // for steps (paired differences between points), which keep every row
  std::optional<models::io::Results> rows;
  if (e.steps) {
    rows.emplace();
    rows->kpi_names = e.base.kpi_names();
    if (existing) rows->values.reserve(existing->values.size());
    for (std::size_t i = 0; existing && i < existing->rows(); ++i)
      rows->add_row(existing->point[i], existing->replication[i], existing->row(i), {});
  }
  models::ExperimentReport r;
  {
    Progress progress("sweep", quiet);
    r = models::run_experiment(e, {threads, &interrupt_flag(), std::ref(progress)}, executor({shard, {}}),
                               {.memory = rows ? &*rows : nullptr, .stream = writer ? &*writer : nullptr},
                               existing ? &*existing : nullptr);
  }
  std::optional<models::StepDifferences> steps;
  if (rows) steps = models::step_differences(*rows, static_cast<std::uint32_t>(e.points.size()));
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (r.added == 0 && !r.complete) {
    std::cerr << "zccsim: interrupted before any replication finished; nothing written\n";
    return interrupted_status();  // the writer removes its temporary file; an existing --out is untouched
  }
  const bool unchanged = append && r.added == 0;  // every point already precise or at its cap
  if (writer && !unchanged) {
    guard.check_unchanged();
    writer->finish(r.complete);
  }
  if (json) {
    models::Json j = to_json(e, r);
    if (steps) j["steps"] = to_json(e, *steps);
    sim::write_file_atomically(*json, models::json_text(j));
  }
  if (!quiet) {
    print_summary(e, r);
    if (steps) print_steps(e, *steps);
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
    return interrupted_status();
  }
  return 0;
}

}  // namespace zccsim::cli
