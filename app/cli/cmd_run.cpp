// SPDX-License-Identifier: MIT
// zccsim run FILE: replications of one scenario; --append adds replications
// to an existing results file.
#include "cli_common.hpp"
#include "commands.hpp"
#include "executor.hpp"
#include "models/acute/acute_report.hpp"
#include "io/summary_json.hpp"
#include "io/results_h5.hpp"
#include "study/registry.hpp"
#include "study/results.hpp"
#include "study/scenario.hpp"
#include "study/sweep.hpp"
#include "exec/atomic_file.hpp"

#include <chrono>
#include <cstdio>
#include <iostream>
#include <numeric>
#include <optional>

namespace zccsim::cli {

int cmd_run(const Args& args) {
  po::options_description opts("run");
  add_run_options(opts, "with --out: add --replications more replications to that results file");
  opts.add_options()("event-log", "with --out: add the per-patient event log of replication 0");
  const auto vm = parse(args, opts, {"file"});
  if (!vm.count("file")) throw po::error("run needs a scenario FILE");
  const std::string file = vm["file"].as<std::string>();
  const RunOptions o = read_run_options(vm);
  const bool append = o.append;
  if (append && vm.count("event-log")) throw po::error("--event-log cannot be combined with --append");
  check_distinct_paths({{"the scenario FILE", file}}, output_paths(o));
  const auto sc = models::Scenario::from_file(file);

  // --append: the rows already there count in the summary; new replications
  // continue after them (the smallest indices not in the file)
  const OutputGuard guard(o);  // --append: holds OUT's lock until the end
  std::optional<models::io::Results> old;
  if (append) {
    old = models::io::read_results(*o.out);
    models::io::check_appendable(*old, *o.out, models::results_header(sc, o.seed));
  }

  // replication 0 of a new acute run keeps its daily busy servers (for the
  // warm-up advice), with --out its hourly series and with --out --event-log
  // the event log (the other replications record none of these)
  const bool detailed = !append && sc.acute();
  // an experiment of one point; --append continues after the file's replications
  const models::Experiment e = models::run_of(sc, o.seed, o.replications,
                                              {.hourly = detailed && o.out,
                                               .daily_busy = detailed,
                                               .event_log = detailed && o.out && vm.count("event-log") > 0,
                                               .answer_within = {}});

  // rows stream into the results file as they finish (under mpirun only
  // rank 0 writes: the other ranks never return from execute)
  std::optional<models::io::ResultsWriter> writer;
  if (o.out) {  // (its header hashes the KPI table: only when there is a file)
    models::io::Results header = models::results_header(sc, o.seed);
    header.shard = o.shard;
    writer = open_writer(o, header);
  }

  const auto t0 = std::chrono::steady_clock::now();
  models::io::Results kept;  // this run's rows and replication 0's detail
  kept.kpi_names = sc.kpi_names();
  models::ExperimentReport r;
  {
    Progress progress("run", o.quiet);
    // replication 0 keeps its detail in this process: under MPI it runs on rank 0
    const Executor run_tasks =
        executor({o.shard, [detailed](const sim::Task& t) { return detailed && t.replication == 0; }});
    r = models::run_experiment(e, {o.threads, &interrupt_flag(), std::ref(progress)}, run_tasks,
                               {.memory = &kept, .stream = writer ? &*writer : nullptr}, old ? &*old : nullptr);
  }
  const bool stopped = !r.complete;
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (stopped && r.added == 0) {
    std::cerr << "zccsim: interrupted before any replication finished; nothing written\n";
    return interrupted_status();  // the writer removes its temporary file; an existing --out is untouched
  }
  std::optional<models::acute::WarmupAdvice> advice;
  if (!kept.detail.daily_busy.empty()) advice = models::acute::warmup_advice(*sc.acute(), kept.detail.daily_busy);
  if (writer) {
    if (!kept.detail.hourly.empty()) writer->write_details(kept);
    guard.check_unchanged();
    writer->finish(!stopped);
  }

  // the summary covers every row of the file: the existing ones, then the new
  const std::uint64_t replications = r.replications.at(0);
  const std::vector<sim::Summary>& kpis = r.kpis.at(0);
  if (o.json) {
    models::Json j =
        models::summary_document(sc.model_name(), o.seed, sc.summary_key(), sc.kpi_names(), replications, kpis);
    if (stopped) j["complete"] = false;
    sim::write_file_atomically(*o.json, models::json_text(j));
  }
  if (!o.quiet) {
    std::cout << sc.loaded().summary_table(replications, kpis);
    std::printf("%llu events in %.3f s (%.1f M events/s)\n", static_cast<unsigned long long>(r.events), secs,
                static_cast<double>(r.events) / secs / 1e6);
    if (append)
      std::printf("appended %llu replications to %s (%llu in the file)\n", static_cast<unsigned long long>(r.added),
                  o.out->c_str(), static_cast<unsigned long long>(replications));
  }
  if (advice) {
    if (!o.quiet) std::cout << advice->report;
    else if (advice->too_short)
      std::cerr << "zccsim: warning: the configured warm-up looks too short (MSER-5 suggests " << advice->suggested_days
                << " days)\n";
  }
  if (stopped) {
    std::cerr << "zccsim: interrupted: " << r.added << " of " << o.replications
              << " replications kept; outputs are marked incomplete\n";
    return interrupted_status();
  }
  return 0;
}

}  // namespace zccsim::cli
