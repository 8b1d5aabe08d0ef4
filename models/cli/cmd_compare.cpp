// SPDX-License-Identifier: MIT
// zccsim compare A.yaml B.yaml [C.yaml ...]: the same replication indices and
// seed for every variant, so each replication of B meets the same random
// numbers as that of A (common random numbers) and the paired difference
// B - A has a much narrower interval than two independent runs would give.
#include "cli_common.hpp"
#include "commands.hpp"
#include "models/acute/acute_report.hpp"
#include "models/common/json.hpp"
#include "models/common/yaml_reader.hpp"
#include "models/study/scenario.hpp"
#include "sim/atomic_file.hpp"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>

namespace zccsim::cli {

namespace {

std::string label_of(const std::string& path, const std::vector<std::string>& taken) {
  std::string base = std::filesystem::path(path).stem().string();
  std::string label = base;
  for (int i = 2; std::find(taken.begin(), taken.end(), label) != taken.end(); ++i) label = base + "_" + std::to_string(i);
  return label;
}

}  // namespace

int cmd_compare(const Args& args) {
  po::options_description opts("compare");
  add_run_options(opts);
  const auto vm = parse(args, opts, {"files*"});
  if (!vm.count("files") || vm["files"].as<std::vector<std::string>>().size() < 2)
    throw po::error("compare needs at least two scenario files");
  if (vm.count("out")) throw po::error("compare writes --json; --out is for run and sweep");
  const RunOptions o = read_run_options(vm);
  const auto files = vm["files"].as<std::vector<std::string>>();

  std::vector<models::Scenario> variants;
  std::vector<std::string> labels;
  for (const auto& f : files) {
    variants.push_back(models::Scenario::from_file(f));
    labels.push_back(label_of(f, labels));
    if (variants.back().model() != variants.front().model() || variants.back().kpi_names() != variants.front().kpi_names())
      throw models::ScenarioError(f + ": cannot be compared with " + files.front() +
                                  ": a different model or different KPIs (network nodes must match)");
  }
  const auto& names = variants.front().kpi_names();
  // replication-major: an interrupted compare keeps complete pairs
  std::vector<sim::Task> tasks;
  for (std::uint64_t r = 0; r < o.replications; ++r)
    for (std::uint32_t v = 0; v < variants.size(); ++v) tasks.push_back({v, r});
  Collector results;
  sim::ExecutionReport report;
  {
    Progress progress("compare", o.quiet);
    report = sim::execute(
        tasks, [&](const sim::Task& t) { return variants[t.point].run(o.seed, t.replication); }, results,
        {o.threads, &interrupt_flag(), std::ref(progress)});
  }
  // keep replications that finished for every variant
  std::vector<std::vector<sim::Metrics>> rows(variants.size());
  for (std::uint64_t r = 0; r < o.replications; ++r) {
    std::vector<const sim::Metrics*> pair(variants.size(), nullptr);
    for (std::size_t i = 0; i < results.tasks.size(); ++i)
      if (results.tasks[i].replication == r) pair[results.tasks[i].point] = &results.rows[i];
    if (std::find(pair.begin(), pair.end(), nullptr) != pair.end()) continue;
    for (std::size_t v = 0; v < variants.size(); ++v) rows[v].push_back(*pair[v]);
  }
  if (rows.front().empty()) {
    std::cerr << "zccsim: interrupted before any replication finished; nothing written\n";
    return 130;
  }

  models::Json j = models::Json::object();
  j["command"] = "compare";
  j["model"] = variants.front().model_name();
  j["replications"] = static_cast<std::uint64_t>(rows.front().size());
  j["seed"] = o.seed;
  models::Json& vs = j["variants"];
  vs = models::Json::array();
  for (std::size_t v = 0; v < variants.size(); ++v) {
    models::Json e = models::Json::object();
    e["label"] = labels[v];
    e["file"] = files[v];
    vs.push_back(e);
  }
  if (report.stopped) j["complete"] = false;
  models::Json& kpis = j["kpis"];
  kpis = models::Json::object();
  std::vector<std::vector<sim::Summary>> mean(variants.size()), diff(variants.size());
  for (std::size_t k = 0; k < names.size(); ++k) {
    models::Json& entry = kpis[names[k]];
    for (std::size_t v = 0; v < variants.size(); ++v) {
      std::vector<double> x, d;
      for (std::size_t r = 0; r < rows[v].size(); ++r) {
        x.push_back(rows[v][r][k]);
        d.push_back(rows[v][r][k] - rows[0][r][k]);
      }
      mean[v].push_back(sim::summarize(x));
      diff[v].push_back(sim::summarize(d));
      entry[labels[v]]["mean"] = mean[v].back().mean;
      entry[labels[v]]["ci95"] = mean[v].back().ci95;
      if (v > 0) {
        entry["difference"][labels[v]]["mean"] = diff[v].back().mean;
        entry["difference"][labels[v]]["ci95"] = diff[v].back().ci95;
      }
    }
  }
  if (o.json) sim::write_file_atomically(*o.json, j.dump());

  if (!o.quiet) {
    std::vector<std::string> shown = variants.front().acute() ? models::acute::headline_kpis() : names;
    std::printf("%zu replications, seed %llu, common random numbers; difference = variant - %s "
                "(paired, 95%% CI; * = interval excludes 0)\n",
                rows.front().size(), static_cast<unsigned long long>(o.seed), labels[0].c_str());
    std::printf("%-34s", "KPI");
    for (std::size_t v = 0; v < variants.size(); ++v) std::printf(" %18s", labels[v].substr(0, 18).c_str());
    for (std::size_t v = 1; v < variants.size(); ++v)
      std::printf(" %20s", ("diff " + labels[v]).substr(0, 20).c_str());
    std::printf("\n");
    for (const auto& name : shown) {
      const auto k = static_cast<std::size_t>(std::find(names.begin(), names.end(), name) - names.begin());
      std::printf("%-34s", name.c_str());
      for (std::size_t v = 0; v < variants.size(); ++v) std::printf(" %18.4g", mean[v][k].mean);
      for (std::size_t v = 1; v < variants.size(); ++v) {
        const auto& s = diff[v][k];
        const bool sig = std::isfinite(s.ci95) && std::abs(s.mean) > s.ci95;
        char cell[64];
        std::snprintf(cell, sizeof cell, "%+.3g +- %.2g%s", s.mean, s.ci95, sig ? "*" : " ");
        std::printf(" %20s", cell);
      }
      std::printf("\n");
    }
  }
  return report.stopped ? 130 : 0;
}

}  // namespace zccsim::cli
