// SPDX-License-Identifier: MIT
// zccsim compare A.yaml B.yaml [C.yaml ...]: paired comparison with common
// random numbers (study/compare.hpp); the paired difference B - A has
// a much narrower interval than two independent runs would give.
#include "cli_common.hpp"
#include "commands.hpp"
#include "executor.hpp"
#include "study/registry.hpp"
#include "study/compare.hpp"
#include "exec/atomic_file.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <optional>

namespace zccsim::cli {

int cmd_compare(const Args& args) {
  po::options_description opts("compare");
  add_run_options(opts);
  const auto vm = parse(args, opts, {"files*"});
  if (!vm.count("files") || vm["files"].as<std::vector<std::string>>().size() < 2)
    throw po::error("compare needs at least two scenario files");
  if (vm.count("shard"))
    throw po::error("compare cannot be split with --shard (its paired summary needs every replication); "
                    "use mpirun, or a sweep with the variants as points");
  const RunOptions o = read_run_options(vm);
  if (o.append) throw po::error("compare cannot --append (its pairs are run together); run it again");
  std::vector<NamedPath> inputs;
  for (const auto& f : vm["files"].as<std::vector<std::string>>()) inputs.push_back({"the scenario file", f});
  check_distinct_paths(inputs, output_paths(o));
  std::vector<models::Scenario> variants;
  for (const auto& f : vm["files"].as<std::vector<std::string>>()) variants.push_back(models::Scenario::from_file(f));

  // --out: one point per variant, rows paired by replication (a results file Python reads)
  std::vector<std::string> files;
  files.reserve(variants.size());
  for (const auto& v : variants) files.push_back(v.path());
  const std::vector<std::string> labels = models::labels_for(files);
  const OutputGuard guard(o);
  std::optional<models::io::ResultsWriter> writer = open_writer(o, models::compare_header(variants, labels, o.seed));
  models::io::Results c;
  {
    Progress progress("compare", o.quiet);
    c = models::compare(variants, labels, o.seed, o.replications, {o.threads, &interrupt_flag(), std::ref(progress)},
                        executor({}), writer ? &*writer : nullptr);
  }
  if (c.rows() == 0) {
    std::cerr << "zccsim: interrupted before any replication finished; nothing written\n";
    return interrupted_status();
  }
  if (writer) writer->finish(c.complete);
  if (o.json) sim::write_file_atomically(*o.json, models::json_text(models::compare_json(c, files)));
  if (!o.quiet) {
    const auto& names = c.kpi_names;
    const std::size_t n = labels.size();
    std::vector<std::vector<sim::Summary>> means, differences;
    for (std::uint32_t v = 0; v < n; ++v) {
      means.push_back(models::io::point_summaries(c, v));
      differences.push_back(models::io::paired_differences(c, v));
    }
    std::printf("%zu replications, seed %llu, common random numbers; difference = variant - %s "
                "(paired, 95%% CI; * = interval excludes 0)\n",
                c.rows() / n, static_cast<unsigned long long>(o.seed), labels[0].c_str());
    std::printf("%-34s", "KPI");
    for (const auto& l : labels) std::printf(" %18s", l.substr(0, 18).c_str());
    for (std::size_t v = 1; v < n; ++v) std::printf(" %20s", ("diff " + labels[v]).substr(0, 20).c_str());
    std::printf("\n");
    for (const auto& name : variants.front().loaded().headline_kpis()) {
      const auto k = static_cast<std::size_t>(std::find(names.begin(), names.end(), name) - names.begin());
      std::printf("%-34s", name.c_str());
      for (std::size_t v = 0; v < n; ++v) std::printf(" %18.4g", means[v][k].mean);
      for (std::size_t v = 1; v < n; ++v) {
        const auto& s = differences[v][k];
        const bool sig = std::isfinite(s.ci95) && std::abs(s.mean) > s.ci95;
        char cell[64];
        std::snprintf(cell, sizeof cell, "%+.3g +- %.2g%s", s.mean, s.ci95, sig ? "*" : " ");
        std::printf(" %20s", cell);
      }
      std::printf("\n");
    }
  }
  return c.complete ? 0 : interrupted_status();
}

}  // namespace zccsim::cli
