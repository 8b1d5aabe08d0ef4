// SPDX-License-Identifier: MIT
// zccsim merge A.h5 B.h5 ... -o OUT.h5: joins the results files of --shard
// runs (i/N, e.g. the tasks of a Slurm job array) into the file one process
// would have written: the same scenario, seed and points, every row once and
// in the same place, every KPI bit for bit.
#include "cli_common.hpp"
#include "commands.hpp"
#include "executor.hpp"
#include "io/results_h5.hpp"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <map>
#include <set>
#include <stdexcept>
#include <tuple>

namespace zccsim::cli {

namespace {

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}

// The first element where two lists differ, for the message.
std::string first_difference(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.size() != b.size()) return std::to_string(a.size()) + " vs " + std::to_string(b.size()) + " entries";
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i]) return "entry " + std::to_string(i) + ": '" + a[i] + "' vs '" + b[i] + "'";
  return "";
}

// Throws unless `f` (file `name`) comes from the same run as `first`.
void check_belongs(const models::io::Results& first, const std::string& first_name, const models::io::Results& f,
                   const std::string& name) {
  auto differ = [&](const std::string& what) {
    throw std::runtime_error("merge: " + name + " does not belong with " + first_name + ": " + what);
  };
  if (f.model != first.model) differ("model '" + f.model + "' vs '" + first.model + "'");
  if (f.scenario_text != first.scenario_text)
    differ("a different scenario (scenario_sha256 " + models::io::sha256_hex(f.scenario_text).substr(0, 12) +
           "... vs " + models::io::sha256_hex(first.scenario_text).substr(0, 12) + "...)");
  if (f.seed != first.seed) differ("seed " + std::to_string(f.seed) + " vs " + std::to_string(first.seed));
  if (f.kpi_names != first.kpi_names)
    differ("different KPI names (" + first_difference(f.kpi_names, first.kpi_names) + ")");
  if (f.experiment_text != first.experiment_text) differ("a different experiment file");
  // results of different model versions or KPI tables are never mixed
  if (f.model_version != first.model_version)
    differ("model version '" + f.model_version + "' vs '" + first.model_version + "'");
  if (f.kpi_table_sha256 != first.kpi_table_sha256) differ("a different KPI table (kpi_table_sha256)");
  if (f.point_labels != first.point_labels)
    differ("different point labels (" + first_difference(f.point_labels, first.point_labels) + ")");
  if (f.point_settings != first.point_settings)
    differ("different point settings (" + first_difference(f.point_settings, first.point_settings) + ")");
}

}  // namespace

int cmd_merge(const Args& args) {
  po::options_description opts("merge");
  opts.add_options()("output,o", po::value<std::string>(), "the merged results file")("quiet",
                                                                                      "print nothing but errors");
  const auto vm = parse(args, opts, {"files*"});
  if (!vm.count("files")) throw po::error("merge needs results files: zccsim merge A.h5 B.h5 ... -o OUT.h5");
  if (!vm.count("output")) throw po::error("merge needs -o OUT.h5");
  const auto names = vm["files"].as<std::vector<std::string>>();
  const std::string out_path = vm["output"].as<std::string>();
  const bool quiet = vm.count("quiet") > 0;
  std::vector<NamedPath> inputs;
  inputs.reserve(names.size());
  for (const auto& n : names) inputs.push_back({"the input", n});
  check_distinct_paths(inputs, {{"-o", out_path}});

  std::vector<models::io::Results> in;
  for (const auto& n : names) {
    in.push_back(models::io::read_results(n));  // checks the format and the scenario hash
    models::io::normalize(in.back());
  }
  for (std::size_t i = 1; i < in.size(); ++i) check_belongs(in[0], names[0], in[i], names[i]);

  // Which parts are there: "i/N" labels, each once.
  std::map<std::string, std::size_t> label_file;
  std::set<std::uint64_t> counts, present;
  std::size_t whole = 0;
  for (std::size_t i = 0; i < in.size(); ++i) {
    const std::string& s = in[i].shard;
    if (s.empty()) {
      ++whole;
      continue;
    }
    const auto shard = parse_shard(s);
    if (!shard) throw std::runtime_error("merge: " + names[i] + ": bad shard attribute '" + s + "'");
    if (const auto [it, fresh] = label_file.emplace(s, i); !fresh)
      throw std::runtime_error("merge: " + names[it->second] + " and " + names[i] + " are both shard " + s);
    counts.insert(shard->count);
    present.insert(shard->index);
  }

  // Complete: every shard of one i/N family, each complete (or one whole, complete file).
  std::vector<std::string> why;
  if (whole > 0 && (whole > 1 || !label_file.empty()))
    why.emplace_back("whole-run files (shard \"\") merged with other files");
  if (counts.size() > 1) {
    std::vector<std::string> ns;
    ns.reserve(counts.size());
    for (auto c : counts) ns.push_back("i/" + std::to_string(c));
    why.push_back("shards of different splits (" + join(ns) + ")");
  } else if (counts.size() == 1) {
    const std::uint64_t n = *counts.begin();
    std::vector<std::string> missing;
    for (std::uint64_t i = 0; i < n && missing.size() < 10; ++i)
      if (!present.count(i)) missing.push_back(std::to_string(i) + "/" + std::to_string(n));
    const std::size_t n_missing = static_cast<std::size_t>(n) - present.size();
    if (n_missing > 0)
      why.push_back(std::to_string(n_missing) + " of " + std::to_string(n) + " shards missing (" + join(missing) +
                    (n_missing > missing.size() ? ", ..." : "") + ")");
  }
  for (std::size_t i = 0; i < in.size(); ++i)
    if (!in[i].complete) why.push_back(names[i] + " is incomplete (its run was interrupted)");

  // Every row, with its place in the task list when that is known: row j of
  // complete shard i/N is task i + j N. Shards of one task list have
  // ceil((T - i) / N) rows each (T rows in all); other sizes mean the shards
  // were run with different --replications.
  struct Row {
    std::uint32_t point;
    std::uint64_t replication;
    std::size_t file, row;
    std::uint64_t task;
  };
  std::vector<Row> rows;
  std::size_t total = 0;
  for (const auto& f : in) total += f.rows();
  bool task_order = why.empty();
  for (std::size_t i = 0; i < in.size(); ++i) {
    const auto& f = in[i];
    const auto shard = parse_shard(f.shard);
    if (task_order && shard) {
      const std::uint64_t expected = total > shard->index ? (total - shard->index + shard->count - 1) / shard->count
                                                          : 0;
      if (f.rows() != expected) {
        why.emplace_back("the shards' row counts do not fit one task list (run with different --replications?)");
        task_order = false;
      }
    }
    for (std::size_t r = 0; r < f.rows(); ++r) {
      if (f.point[r] >= f.point_labels.size())
        throw std::runtime_error("merge: " + names[i] + ": row " + std::to_string(r) + " has point " +
                                 std::to_string(f.point[r]) + " of " + std::to_string(f.point_labels.size()));
      const std::uint64_t task = shard ? shard->index + r * shard->count : r;
      rows.push_back({f.point[r], f.replication[r], i, r, task});
    }
  }
  const bool complete = why.empty();
  auto by_key = [](const Row& a, const Row& b) {
    return std::tie(a.point, a.replication) < std::tie(b.point, b.replication);
  };
  std::stable_sort(rows.begin(), rows.end(), by_key);
  for (std::size_t k = 1; k < rows.size(); ++k)
    if (rows[k].point == rows[k - 1].point && rows[k].replication == rows[k - 1].replication)
      throw std::runtime_error("merge: point '" + in[0].point_labels[rows[k].point] + "' replication " +
                               std::to_string(rows[k].replication) + " is in both " + names[rows[k - 1].file] +
                               " and " + names[rows[k].file] + " (overlapping files)");
  // The rows in the order one process writes them (its task order; for a run
  // that is replication order); without every shard: by (point, replication).
  if (complete && task_order)
    std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.task < b.task; });

  models::io::Results merged;  // the rows of every file
  merged.kpi_names = in[0].kpi_names;
  merged.values.reserve(rows.size() * merged.kpi_names.size());
  const bool conserved =
      std::all_of(in.begin(), in.end(), [](const auto& f) { return f.conservation.size() == f.rows(); });
  for (const auto& r : rows)
    merged.add_row(r.point, r.replication, in[r.file].row(r.row),
                   conserved ? in[r.file].conservation[r.row] : models::io::Conservation{});
  if (!conserved) merged.conservation.clear();
  // The hourly series and event log of one replication come from the file
  // that ran it (shard 0 of a run: replication 0); the header from the first.
  const auto ran =
      std::find_if(in.begin(), in.end(), [](const auto& f) { return !f.detail.hourly.empty() || f.detail.has_log; });
  sim::Detail detail;
  std::uint64_t detail_replication = 0;
  if (ran != in.end()) {
    detail = std::move(ran->detail);
    detail_replication = ran->detail_replication;
  }
  models::io::Results out = std::move(in[0]);
  out.take_rows(std::move(merged));
  out.detail = std::move(detail);
  out.detail_replication = detail_replication;
  out.shard.clear();
  out.complete = complete;
  for (std::size_t i = 1; i < in.size(); ++i)
    if (in[i].version != in[0].version && !quiet)
      std::cerr << "zccsim merge: warning: " << names[i] << " was written by " << in[i].version << ", " << names[0]
                << " by " << in[0].version << "\n";
  sim::remove_stale_temp_files(out_path);  // of merges killed while writing it
  models::io::write_results(out_path, out);

  if (!complete) std::cerr << "zccsim merge: warning: " << out_path << " is marked incomplete: " << join(why) << "\n";
  if (!quiet) {
    std::set<std::uint32_t> points;
    for (const auto& r : rows) points.insert(r.point);
    std::printf("merged %zu file%s: %zu rows of %zu point%s -> %s%s\n", in.size(), in.size() == 1 ? "" : "s",
                rows.size(), points.size(), points.size() == 1 ? "" : "s", out_path.c_str(),
                complete ? "" : " (incomplete)");
  }
  return 0;
}

}  // namespace zccsim::cli
