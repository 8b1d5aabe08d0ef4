// SPDX-License-Identifier: MIT
#include "network_report.hpp"

#include "network_model.hpp"
#include "io/summary_json.hpp"

#include <algorithm>

#include <atomic>
#include <cstdio>
#include <sstream>

namespace zccsim::models::network {

NetworkRun run_network(const NetworkConfig& cfg, std::uint64_t seed, std::uint64_t replications,
                       unsigned threads) {
  NetworkRun run;
  run.seed = seed;
  run.names = metric_names(cfg);
  std::atomic<std::uint64_t> events{0};
  run.rows = sim::run_replications(0, replications, threads, [&](std::uint64_t rep) {
    RunCounters c;
    auto m = run_replication(cfg, seed, rep, &c);
    events += c.events;
    return m;
  });
  run.events = events;
  return run;
}

Json summary_json(const NetworkRun& run) {
  return summary_document("network", run.seed, "nodes", run.names, run.rows);
}

std::string summary_table(const NetworkConfig& cfg, const std::vector<std::string>& names,
                          const std::vector<sim::Metrics>& rows) {
  // column metric -> index in each node's block
  const char* cols[] = {"arrivals", "utilization", "p_wait", "mean_wait", "wait_p90",
                        "mean_queue_length", "blocked_fraction", "abandoned_fraction"};
  const char* heads[] = {"arrivals", "util", "P(wait)", "mean wait", "wait p90", "mean queue", "blocked", "abandoned"};
  std::ostringstream os;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%-16s", "node");
  os << buf;
  for (const char* h : heads) {
    std::snprintf(buf, sizeof buf, " %12s", h);
    os << buf;
  }
  os << "\n";
  for (const auto& node : cfg.nodes) {
    std::snprintf(buf, sizeof buf, "%-16s", node.name.c_str());
    os << buf;
    for (const char* c : cols) {
      const std::string name = node.name + "." + c;
      const auto k = static_cast<std::size_t>(std::find(names.begin(), names.end(), name) - names.begin());
      std::snprintf(buf, sizeof buf, " %12.4g", sim::summarize(column(rows, k)).mean);
      os << buf;
    }
    os << "\n";
  }
  os << "(means over " << rows.size() << " replications; times in " << cfg.time_unit
     << "s; 95% intervals in --json)\n";
  return os.str();
}

}  // namespace zccsim::models::network
