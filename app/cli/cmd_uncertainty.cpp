// SPDX-License-Identifier: MIT
// zccsim uncertainty EXP.yaml: every variant at every sample of the uncertain
// parameters (a Morris, Saltelli or Latin-hypercube design), with common
// random numbers, through the sweep pipeline (study/uncertainty.hpp); then
// per KPI the distribution over samples, the paired difference to the first
// variant, the probability of better and the sensitivity indices.
// zccsim uncertainty F.h5 analyses the results file of an earlier run (e.g.
// merged --shard files).
#include "cli_common.hpp"
#include "commands.hpp"
#include "executor.hpp"
#include "exec/atomic_file.hpp"
#include "io/yaml_reader.hpp"
#include "io/results_h5.hpp"
#include "study/registry.hpp"
#include "study/sweep.hpp"
#include "study/uncertainty.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <numeric>
#include <optional>
#include <tuple>

namespace zccsim::cli {

namespace {

namespace sa = sim::sensitivity;

void print_plan(const models::Uncertainty& u) {
  const auto& d = u.design;
  std::string how;
  switch (d.method) {
    case models::SampleDesign::Method::morris:
      how = std::to_string(d.trajectories) + " trajectories x (k + 1), " + std::to_string(d.levels) + " levels";
      break;
    case models::SampleDesign::Method::sobol:
      how = "Saltelli, n = " + std::to_string(d.n) + " x (k + 2)";
      break;
    case models::SampleDesign::Method::lhs:
      how = "Latin hypercube, n = " + std::to_string(d.n);
      break;
  }
  std::printf("uncertainty %s: %zu parameters (k, with the dummy), %s (%s): %zu samples x %zu variants x %llu "
              "replications = %zu runs, seed %llu\n",
              u.path.c_str(), u.parameters.size(), std::string(models::method_name(d.method)).c_str(), how.c_str(),
              u.samples(), u.variants(), static_cast<unsigned long long>(u.experiment.replications), u.runs(),
              static_cast<unsigned long long>(u.experiment.seed));
  for (const auto& p : u.parameters) {
    std::string where;
    for (auto v : p.variants) where += (where.empty() ? "" : ", ") + u.variant_labels[v];
    std::printf("  %-40s %s%s\n", p.path.c_str(), p.dummy ? "uniform [0, 1], read by nothing" : p.describe().c_str(),
                where.empty() ? "" : (" (" + where + ")").c_str());
  }
}

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

std::string band(const models::Quantiles& q) { return num(q.median) + " [" + num(q.q05) + ", " + num(q.q95) + "]"; }

void print_analysis(const models::UncertaintyPlan& plan, const models::UncertaintyAnalysis& a) {
  std::printf("\nper KPI: median [5 %%, 95 %%] over samples; difference to '%s' paired; P(better); noise = mean "
              "95 %% half-width over replications, spread = half the 5-95 %% band\n",
              plan.variant_labels.at(0).c_str());
  const std::size_t V = plan.variant_labels.size();
  for (std::size_t k = 0; k < a.kpis.size(); ++k) {
    std::printf("\n%s (better: %s)\n", a.kpis[k].c_str(), a.better[k].c_str());
    for (std::size_t v = 0; v < V; ++v) {
      const auto& r = a.result[k][v];
      std::printf("  %-20s %s", plan.variant_labels[v].c_str(), band(r.value).c_str());
      const auto& q = v > 0 ? r.difference : r.value;
      if (v > 0) {
        std::printf("  difference %s", band(r.difference).c_str());
        if (!std::isnan(r.p_better)) std::printf("  P(better) %.2f", r.p_better);
      }
      std::printf("  noise %s spread %s\n", num(r.noise).c_str(), num((q.q95 - q.q05) / 2).c_str());
      if (v == 0 && V > 1) continue;
      // the three largest indices
      const std::size_t n = plan.parameters.size();
      std::vector<std::size_t> order(n);
      std::iota(order.begin(), order.end(), 0);
      const auto key = [&](std::size_t i) {
        return !r.morris.empty() ? r.morris[i].mu_star.estimate : !r.sobol.empty() ? r.sobol[i].total.estimate : 0.0;
      };
      if (r.morris.empty() && r.sobol.empty()) continue;
      std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return key(x) > key(y); });
      std::printf("    drivers (%s):",
                  r.morris.empty() ? "Sobol' total [95 % interval]" : "Morris mu* [95 % interval]");
      for (std::size_t i = 0; i < std::min<std::size_t>(3, n); ++i) {
        const std::size_t j = order[i];
        const sa::Interval& x = !r.morris.empty() ? r.morris[j].mu_star : r.sobol[j].total;
        std::printf("%s %s %s [%s, %s]", i ? ";" : "", plan.parameters[j].path.c_str(), num(x.estimate).c_str(),
                    num(x.low).c_str(), num(x.high).c_str());
      }
      std::printf("\n");
    }
  }
}

// zccsim uncertainty F.h5: the analysis of a results file.
int analyse_file(const std::string& file, const OutputOptions& o) {
  const models::io::Results r = models::io::read_results(file);
  models::UncertaintyPlan plan;
  models::UncertaintyAnalysis a;
  try {
    std::tie(plan, a) = models::analyse_results(r);
  } catch (const models::ScenarioError& e) {
    throw models::ScenarioError(file + ": " + e.what());
  }
  if (o.json) sim::write_file_atomically(*o.json, models::json_text(models::to_json(plan, a, r.model, r.complete)));
  if (!o.quiet) print_analysis(plan, a);
  return 0;
}

}  // namespace

int cmd_uncertainty(const Args& args) {
  po::options_description opts("uncertainty");
  add_output_options(opts, "add replications (the file's count again) to the --out file of an earlier run");
  opts.add_options()("plan", "check the experiment and print its plan (parameters, samples, runs); run nothing");
  const auto vm = parse(args, opts, {"file"});
  if (!vm.count("file")) throw po::error("uncertainty needs an experiment FILE (or a results file F.h5)");
  const std::string file = vm["file"].as<std::string>();
  const OutputOptions o = read_output_options(vm);
  if (file.size() > 3 && file.compare(file.size() - 3, 3, ".h5") == 0) {
    if (o.out || o.append || !o.shard.empty())
      throw po::error("a results file is analysed only: no --out, --append, --shard");
    check_distinct_paths({{"the results FILE", file}}, output_paths(o));
    return analyse_file(file, o);
  }
  const models::Uncertainty u = models::load_uncertainty(file);
  check_distinct_paths({{"the experiment FILE", file}}, output_paths(o));
  if (!o.quiet || vm.count("plan")) print_plan(u);
  if (vm.count("plan")) return 0;

  models::io::Results header = models::experiment_header(u.experiment);
  header.experiment_text = models::plan_yaml(u);
  const OutputGuard guard(o);  // --append: holds OUT's lock until the end
  std::optional<models::io::Results> existing;
  if (o.append) {
    existing = models::io::read_results(*o.out);
    models::io::check_appendable(*existing, *o.out, header);
  }
  header.shard = o.shard;
  std::optional<models::io::ResultsWriter> writer = open_writer(o, header);

  // every row in memory (with an --append file's): the analysis needs them all
  models::io::Results rows;
  rows.kpi_names = u.experiment.base.kpi_names();
  for (std::size_t i = 0; existing && i < existing->rows(); ++i)
    rows.add_row(existing->point[i], existing->replication[i], existing->row(i), {});
  const auto t0 = std::chrono::steady_clock::now();
  models::ExperimentReport r;
  {
    Progress progress("uncertainty", o.quiet);
    r = models::run_experiment(u.experiment, {o.threads, &interrupt_flag(), std::ref(progress)},
                               executor({o.shard, {}}), {.memory = &rows, .stream = writer ? &*writer : nullptr},
                               existing ? &*existing : nullptr);
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (r.added == 0 && !r.complete) {
    std::cerr << "zccsim: interrupted before any replication finished; nothing written\n";
    return interrupted_status();
  }
  if (writer) writer->finish(r.complete);
  if (secondary_rank()) return r.complete ? 0 : interrupted_status();
  if (o.shard.empty()) {
    models::io::sort_rows(rows);
    const models::UncertaintyPlan plan = models::plan_of(u);
    const models::UncertaintyAnalysis a =
        models::analyse(plan, rows, models::kpi_directions(u.experiment.base, u.kpis));
    if (o.json)
      sim::write_file_atomically(
          *o.json, models::json_text(models::to_json(plan, a, u.experiment.base.model_name(), r.complete)));
    if (!o.quiet) print_analysis(plan, a);
  }
  if (!o.quiet) {
    std::printf("\n%llu replications run in %.3f s (%llu events)\n", static_cast<unsigned long long>(r.added), secs,
                static_cast<unsigned long long>(r.events));
    if (writer)
      std::printf("%s %s (%llu rows)\n", o.append ? "appended to" : "wrote", o.out->c_str(),
                  static_cast<unsigned long long>(writer->rows()));
  }
  if (!r.complete) {
    std::cerr << "zccsim: interrupted: " << r.added << " replications kept; outputs are marked incomplete\n";
    return interrupted_status();
  }
  return 0;
}

}  // namespace zccsim::cli
