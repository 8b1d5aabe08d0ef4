// SPDX-License-Identifier: MIT
// Staffing (issue #14): the least staff per hour of the week that meets a
// service-level target in every hour, found with the simulation itself by
// the iterative staffing algorithm (ISA) of Feldman, Mandelbaum, Massey &
// Whitt, "Staffing of time-varying queues to achieve time-stable
// performance", Management Science 54(2), 2008; then the cheapest set of
// shifts that covers it (study/shifts.hpp, an integer program in GLPK),
// checked by fresh, independent replications.
//
// The algorithm, per target (a node and its "share answered within"):
//   0. Run with ample servers (an infinite-server system): the number of
//      entities each arrival finds is the offered load's distribution; from
//      the arrivals per hour, the stationary per-hour staffing (Erlang C:
//      the least s with 1 - C(s, a) exp(-(s mu - lambda) T) >= share) is the
//      start, s_1.
//   k. Run with s_k (common random numbers: the same replications in every
//      iteration). For each hour h of the week, the entities found by the
//      arrivals in h give, for any s, the estimated share answered within T:
//      an arrival finding n < s is served at once; one finding n >= s waits
//      for n - s + 1 service completions at rate s mu (FCFS, exponential
//      service), P(W <= T) = P(Gamma(n - s + 1, s mu) <= T). s_{k+1}(h) is
//      the least s whose estimate meets the target (with T = 0 this is the
//      ISA's delay probability P(L(h) >= s) <= 1 - share), and so does the
//      lower end of its 95 % interval over the replications (each one's own
//      estimate): a margin for the estimate's noise, so that the roster
//      meets the target when checked on fresh replications.
//   Stop when s_{k+1} = s_k (converged), or when s_{k+1} repeats an earlier
//   roster (a cycle: noise or the integer boundary; the result is the
//   hour-by-hour maximum over the cycle), or after max_iterations.
// Assumptions (stated in scenarios/README.md): mu is the arrival-weighted mean
// of the node's service means; abandonment is not in the estimate (the
// verification by fresh replications measures the real share, abandoners
// counted as not answered).
#pragma once

#include "exec/experiment.hpp"
#include "io/json.hpp"
#include "scenario.hpp"
#include "shifts.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace zccsim::models {

using Roster = std::array<std::uint32_t, 168>;  // staff by hour of the week, Monday 00:00 first

struct StaffingTarget {
  std::string node;    // a node of a network scenario, a phone line of an acute one ("line/midden/gp")
  double within = 0;   // time units of the scenario (acute: minutes)
  double share = 0.8;  // in (0, 1): the least share answered within `within`, every hour
  // acute: the patient calls it counts, by the caller's urgency: "all",
  // "urgent" (U0-U2) or "non_urgent" (U3-U5); network: "" (every arrival)
  std::string calls{};
};
inline constexpr const char* target_calls[] = {"all", "urgent", "non_urgent"};

struct StaffingOptions {
  std::uint64_t seed = 1;
  std::uint64_t replications = 10;         // per ISA iteration (replications 0..R-1 every time)
  std::uint64_t verify_replications = 20;  // fresh ones, R..R+V-1
  std::size_t max_iterations = 30;
};

// What the [targets:, shifts:] sections of a scenario say (both optional).
struct StaffingSpec {
  std::vector<StaffingTarget> targets;
  ShiftRules shifts;
};

// Reads `targets:` ({NODE: {within: T, share: P}}; acute: {LINE: {within,
// share, calls}} or {LINE: [{...}, {...}]}, several targets on one line) and
// `shifts:` (ShiftRules) of the scenario; errors are ScenarioError
// "file:line:column: ..." naming the allowed values (nodes or lines, keys,
// ranges). Loading a scenario runs it, so `validate` and `run` check them.
StaffingSpec read_staffing_spec(const Scenario& sc);
// The names a target may give: the nodes (network), the phone lines whose
// roster one key of the scenario sets (acute: see scenarios/README.md).
std::vector<std::string> staffable(const Scenario& sc);
// Checks targets given in code or on the command line: the node or line
// exists (the error lists them), within >= 0, 0 < share < 1, calls allowed,
// no (node, calls) twice.
void check_targets(const Scenario& sc, const std::vector<StaffingTarget>& targets);

// Erlang C (M/M/s): the probability of waiting, offered load a = lambda / mu;
// 1 when s <= a. Erlang B from Boost.Math's Poisson distribution.
double erlang_c(std::uint32_t s, double a);
// The stationary share answered within t in M/M/s: 1 - C(s, a) exp(-(s mu - lambda) t).
double erlang_c_service_level(std::uint32_t s, double lambda, double mu, double t);
// The least s meeting `share` (0 when lambda = 0).
std::uint32_t erlang_c_staff(double lambda, double mu, double t, double share);

// The estimate of step k: the share answered within t with s servers, of
// arrivals that found found[n] entities (n = 0, 1, ...), service rate mu.
double estimated_service_level(const std::vector<std::uint64_t>& found, std::uint32_t s, double mu, double t);

// Per hour of the week: the mean share answered within the target over
// replications and its 95 % half-width (sim::summarize).
struct HourlyLevel {
  std::array<double, 168> mean{}, ci95{};
  std::array<std::uint64_t, 168> arrivals{};  // summed over replications
};

struct NodeStaffing {
  StaffingTarget target;
  double mu = 0;                                           // service rate used by the estimate
  std::array<double, 168> lambda{};                        // measured arrival rate per time unit, by hour
  Roster shipped{}, stationary{}, required{}, rostered{};  // required, rostered: the line's (over its targets)
  ShiftPlan plan;
  double cost_per_hour = 0;   // shifts.cost_per_hour, else (acute) the scenario's price of a staffed hour of the line
  HourlyLevel before, after;  // the shipped and the rostered staffing, fresh replications
};

struct StaffingResult {
  std::string model;                       // "network", "acute"
  std::string scenario;                    // its name (Scenario::name)
  std::string time_unit;                   // of `within` and lambda: the network's time_unit, "minute" (acute)
  std::vector<NodeStaffing> nodes;         // one per target, in their order
  std::size_t iterations = 0;              // ISA simulations after the start
  bool converged = false;                  // the roster stopped changing
  std::size_t cycle = 0;                   // > 1: ended in a cycle of this many rosters (maximum taken)
  std::vector<std::size_t> changed_hours;  // per iteration: hours (over all nodes) whose staff changed
  std::uint64_t runs = 0;                  // replications simulated
};

// The scenario with these rosters on the target nodes or lines (network:
// servers = the maximum; two targets on one: the hour-by-hour maximum).
Scenario with_rosters(const Scenario& sc, const std::vector<StaffingTarget>& targets,
                      const std::vector<Roster>& rosters);
// The staff by hour of a node as the scenario has it (its schedule, or its servers every hour).
Roster roster_of(const Scenario& sc, const std::string& node);

// Measures the share answered within each target by hour, over replications
// [first, first + count) of `sc`.
std::vector<HourlyLevel> measure_service_levels(const Scenario& sc, const std::vector<StaffingTarget>& targets,
                                                std::uint64_t seed, std::uint64_t first, std::uint64_t count,
                                                const sim::ExecutionControl& control,
                                                const sim::Executor& executor = sim::execute);

// The whole study: start, ISA iterations, shifts, verification of the
// shipped and the rostered staffing. A line with several targets gets the
// hour-by-hour maximum of their requirements. An acute line keeps its
// opening hours: an hour nobody is rostered in the scenario stays closed
// (in the model its calls go elsewhere then), an open hour keeps >= 1.
StaffingResult staff(const Scenario& sc, const std::vector<StaffingTarget>& targets, const ShiftRules& shifts,
                     const StaffingOptions& options, const sim::ExecutionControl& control,
                     const sim::Executor& executor = sim::execute);

// The variant scenario: `extends:` the scenario's file (relative to the
// variant's folder) with the rostered schedules.
std::string variant_yaml(const Scenario& sc, const StaffingResult& r, const std::string& variant_path);

// {"model", "iterations", "converged", "cycle", "changed_hours", "runs", "paid_hours_per_week": {"before",
//  "after"} and "cost_per_year" over the lines (each once), "nodes": [{"node", "calls" (acute), "within",
//  "share", "mu", "paid_hours_per_week": {"before", "required", "after"}, "cost_per_year": {...}, "hours": [{"hour",
//  "lambda", "shipped", "stationary", "required", "rostered", "before": {mean, ci95}, "after": {mean, ci95}}],
//  "shifts": [{"day", "start", "length", "count"}]}]}
Json to_json(const StaffingResult& r);

}  // namespace zccsim::models
