// SPDX-License-Identifier: MIT
// Replications of an acute scenario and what a planner reads: the JSON
// summary, a terminal table, the expected offered load per resource
// (`zccsim validate`) and the care chain as Graphviz DOT (`zccsim graph`).
#pragma once

#include "acute_config.hpp"
#include "acute_model.hpp"
#include "io/json.hpp"
#include "sim/kpi.hpp"
#include "sim/summary.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace zccsim::models::acute {

// The terminal summary: the headline KPIs of `kpis` (one per KPI name),
// summaries of `replications` replications.
std::string summary_table(const AcuteConfig& cfg, std::uint64_t replications, const std::vector<sim::Summary>& kpis);
// The KPIs the terminal tables show (all are in the JSON).
const std::vector<std::string>& headline_kpis();

// Expected yearly flows between streams, triage and responses (steady state,
// no queueing), from the scenario alone.
struct FlowEdge {
  std::string from, to;
  double per_year;
};
std::vector<FlowEdge> expected_flows(const AcuteConfig& cfg);

// Offered load per resource group: mean and peak hour-of-week load (offered
// work / staffed capacity), with the travel times of `geo` (built from cfg).
// Sets `overloaded` when any load is >= 1.
std::string offered_load_report(const AcuteConfig& cfg, const Geography& geo, bool& overloaded);

std::string care_chain_dot(const AcuteConfig& cfg);

// Each area's nearest ED and GP post by the road km of `geo` (from the
// area's inhabitants, its disc; opening hours not looked at): the
// catchments the model routes by. A site's id, "" when the scenario has no
// site of the kind; sites left out by `closed_sites` are not there, so a
// variant's catchments show where a closed site's patients go.
struct AreaCatchment {
  std::string area;
  double population = 0;
  std::string ed, hap;
};
std::vector<AreaCatchment> catchments(const AcuteConfig& cfg, const Geography& geo);
// The same as CSV with a header line "area,population,ed,hap" (names quoted
// as RFC 4180 where needed). `zccsim validate --catchments` writes it;
// scripts/make_national.py sizes EDs, hospital beds and posts by it.
std::string catchments_csv(const AcuteConfig& cfg, const Geography& geo);

// Warm-up advice from the daily busy servers of one replication (warm-up
// included): MSER-5 on the daily mean number of busy servers of each kind of
// resource; the suggestion is the largest, rounded up to whole days.
struct WarmupAdvice {
  double suggested_days = 0;
  double configured_days = 0;
  bool too_short = false;  // suggested > configured
  bool reliable = true;    // false: some series still drifts at the end (run longer)
  std::string report;      // one line per kind and a verdict
};
WarmupAdvice warmup_advice(const AcuteConfig& cfg, const std::vector<DailyBusy>& daily);

}  // namespace zccsim::models::acute
