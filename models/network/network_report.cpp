// SPDX-License-Identifier: MIT
#include "network_report.hpp"

#include "network_model.hpp"
#include "io/summary_json.hpp"

#include <algorithm>

#include <cstdio>
#include <sstream>

namespace zccsim::models::network {

std::string summary_table(const NetworkConfig& cfg, const std::vector<std::string>& names, std::uint64_t replications,
                          const std::vector<sim::Summary>& kpis) {
  // column metric -> index in each node's block
  const char* cols[] = {"arrivals", "utilization",       "p_wait",           "mean_wait",
                        "wait_p90", "mean_queue_length", "blocked_fraction", "abandoned_fraction"};
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
      std::snprintf(buf, sizeof buf, " %12.4g", kpis.at(k).mean);
      os << buf;
    }
    os << "\n";
  }
  os << "(means over " << replications << " replications; times in " << cfg.time_unit
     << "s; 95% intervals in --json)\n";
  return os.str();
}

}  // namespace zccsim::models::network
