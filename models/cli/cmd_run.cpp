// SPDX-License-Identifier: MIT
// zccsim run FILE: replications of one scenario.
#include "cli_common.hpp"
#include "commands.hpp"
#include "executor.hpp"
#include "models/acute/acute_model.hpp"
#include "models/acute/acute_report.hpp"
#include "models/common/summary.hpp"
#include "models/io/results_h5.hpp"
#include "models/network/network_report.hpp"
#include "models/study/scenario.hpp"
#include "sim/atomic_file.hpp"

#include <chrono>
#include <cstdio>
#include <iostream>
#include <numeric>

namespace zccsim::cli {

int cmd_run(const Args& args) {
  po::options_description opts("run");
  add_run_options(opts);
  opts.add_options()("event-log", "with --out: add the per-patient event log of replication 0");
  const auto vm = parse(args, opts, {"file"});
  if (!vm.count("file")) throw po::error("run needs a scenario FILE");
  const std::string file = vm["file"].as<std::string>();
  const RunOptions o = read_run_options(vm);
  const auto sc = models::Scenario::from_file(file);

  // replication 0 of an acute run with --out also keeps hourly series (and the log)
  const bool detailed = o.out && sc.acute();
  models::acute::AcuteResult first;
  const models::acute::RunOptions first_options{detailed, detailed && vm.count("event-log") > 0};
  const sim::TaskFn fn = [&](const sim::Task& t) -> sim::TaskResult {
    if (detailed && t.replication == 0) {
      auto r = sc.run_acute_detailed(o.seed, 0, first_options);
      sim::TaskResult out{r.kpis, r.events};
      first = std::move(r);
      return out;
    }
    return sc.run(o.seed, t.replication);
  };
  std::vector<sim::Task> tasks(o.replications);
  for (std::uint64_t r = 0; r < o.replications; ++r) tasks[r] = {0, r};

  const auto t0 = std::chrono::steady_clock::now();
  Collector results;
  sim::ExecutionReport report;
  {
    Progress progress("run", o.quiet);
    report = execute_tasks(tasks, fn, results, {o.threads, &interrupt_flag(), std::ref(progress)});
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (results.rows.empty()) {
    std::cerr << "zccsim: interrupted before any replication finished; nothing written\n";
    return 130;
  }

  if (o.json) {
    models::Json j = models::summary_document(sc.model_name(), o.seed, sc.summary_key(), sc.kpi_names(), results.rows);
    if (report.stopped) j["complete"] = false;
    sim::write_file_atomically(*o.json, j.dump());
  }
  if (o.out) {
    models::io::ResultsFile h5;
    h5.model = sc.model_name();
    h5.scenario_text = sc.text();
    h5.scenario_path = file;
    h5.seed = o.seed;
    h5.version = version;
    h5.kpi_names = sc.kpi_names();
    h5.kpis = results.rows;
    for (const auto& t : results.tasks) h5.replication_index.push_back(t.replication);
    h5.complete = !report.stopped;
    if (detailed) {
      h5.hourly = std::move(first.hourly);
      h5.event_log = std::move(first.log);
      h5.log_event_names = models::acute::log_event_names;
      for (auto r : models::acute::response_names) h5.response_names.emplace_back(r);
      for (const auto& a : sc.acute()->areas) h5.area_names.push_back(a.name);
      for (const auto& s : sc.acute()->sites) h5.site_names.push_back(s.id);
    }
    models::io::write_results(*o.out, h5);
  }
  if (!o.quiet) {
    std::cout << (sc.acute() ? models::acute::summary_table(*sc.acute(), results.rows)
                             : models::network::summary_table(*sc.network(), sc.kpi_names(), results.rows));
    std::printf("%llu events in %.3f s (%.1f M events/s)\n", static_cast<unsigned long long>(results.events), secs,
                static_cast<double>(results.events) / secs / 1e6);
  }
  if (report.stopped) {
    std::cerr << "zccsim: interrupted: " << results.rows.size() << " of " << o.replications
              << " replications kept; outputs are marked incomplete\n";
    return 130;
  }
  return 0;
}

}  // namespace zccsim::cli
