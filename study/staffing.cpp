// SPDX-License-Identifier: MIT
#include "staffing.hpp"

#include "io/yaml_reader.hpp"
#include "models/network/network_config.hpp"
#include "sim/summary.hpp"

#include <boost/math/distributions/poisson.hpp>
#include <boost/math/special_functions/gamma.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <limits>
#include <sstream>
#include <utility>

namespace zccsim::models {

namespace {
// x in its shortest round-trip form (0.25, 2, 1e-05), for the variant's comments.
std::string format_number(double x) {
  std::array<char, 32> buf{};
  const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), x);
  return {buf.data(), r.ptr};
}

constexpr const char* day_names[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
constexpr double weeks_per_year = 365.25 / 7.0;

const network::NetworkConfig& network_of(const Scenario& sc) {
  const network::NetworkConfig* cfg = sc.network();
  if (!cfg)
    throw ScenarioError(sc.path() +
                        ": staffing works on network scenarios (model: network); this is model: " + sc.model_name());
  return *cfg;
}

std::size_t node_index(const network::NetworkConfig& cfg, const std::string& name) {
  for (std::size_t i = 0; i < cfg.nodes.size(); ++i)
    if (cfg.nodes[i].name == name) return i;
  return cfg.nodes.size();
}

std::string node_list(const network::NetworkConfig& cfg) {
  std::vector<std::string_view> names;
  names.reserve(cfg.nodes.size());
  for (const auto& n : cfg.nodes) names.emplace_back(n.name);
  return join(names);
}

// The service rate of a node: 1 / the mean of its classes' service means,
// weighted by their external arrival rates (equal weights without any).
double service_rate(const network::NodeConfig& n) {
  double w = 0, m = 0, plain = 0;
  for (std::size_t c = 0; c < n.service.size(); ++c) {
    plain += n.service[c].mean();
    if (c < n.arrivals.size() && n.arrivals[c]) {
      w += n.arrivals[c]->mean_rate();
      m += n.arrivals[c]->mean_rate() * n.service[c].mean();
    }
  }
  return w > 0 ? w / m : static_cast<double>(n.service.size()) / plain;
}

// Time after the warm-up spent in each hour of the week (time units).
std::array<double, 168> exposure(const network::NetworkConfig& cfg) {
  std::array<double, 168> e{};
  const double hl = cfg.hour_length, end = cfg.warmup + cfg.horizon;
  for (auto k = static_cast<std::uint64_t>(std::floor(cfg.warmup / hl)); static_cast<double>(k) * hl < end; ++k) {
    const double a = std::max(static_cast<double>(k) * hl, cfg.warmup);
    const double b = std::min(static_cast<double>(k + 1) * hl, end);
    if (b > a) e[k % 168] += b - a;
  }
  return e;
}

// The replications' arrival states: [replication][target].
using States = std::vector<std::vector<sim::ArrivalStates>>;

class StatesSink final : public sim::ResultSink {
 public:
  explicit StatesSink(States& out) : out_(out) {}
  void accept(std::size_t index, const sim::Task&, sim::TaskResult&& r) override {
    if (r.detail) out_[index] = std::move(r.detail->arrival_states);
  }

 private:
  States& out_;
};

States run_states(const Scenario& sc, const std::vector<StaffingTarget>& targets, std::uint64_t seed,
                  std::uint64_t first, std::uint64_t count, const sim::ExecutionControl& control,
                  const sim::Executor& executor) {
  sim::DetailOptions detail;
  for (const auto& t : targets) detail.answer_within.emplace_back(t.node, t.within);
  std::vector<sim::Task> tasks;
  tasks.reserve(count);
  for (std::uint64_t i = 0; i < count; ++i) tasks.push_back({0, first + i});
  States out(count);
  StatesSink sink(out);
  const sim::ExecutionReport rep = executor(
      tasks, [&](const sim::Task& t) { return sc.run(seed, t.replication, detail); }, sink, control);
  if (rep.stopped || rep.completed != tasks.size()) throw std::runtime_error("staffing interrupted");
  return out;
}

// found[h] summed over replications, for target i.
std::array<std::vector<std::uint64_t>, 168> found_sum(const States& s, std::size_t i) {
  std::array<std::vector<std::uint64_t>, 168> f;
  for (const auto& rep : s)
    for (std::size_t h = 0; h < 168; ++h) {
      const auto& x = rep[i].found[h];
      if (f[h].size() < x.size()) f[h].resize(x.size(), 0);
      for (std::size_t n = 0; n < x.size(); ++n) f[h][n] += x[n];
    }
  return f;
}

// The least s whose estimated share meets the target (0 without arrivals):
// the estimate over all replications, and the lower end of its 95 % interval
// over replications (each replication's own estimate), both >= share.
std::uint32_t least_staff(const States& st, std::size_t i, std::size_t h, const std::vector<std::uint64_t>& found,
                          double mu, double t, double share) {
  std::uint64_t total = 0;
  for (auto x : found) total += x;
  if (total == 0) return 0;
  auto s = std::uint32_t{1};
  while (s < found.size() && estimated_service_level(found, s, mu, t) < share) ++s;
  if (st.size() < 2) return s;
  std::vector<double> v(st.size());
  for (; s < found.size(); ++s) {
    for (std::size_t r = 0; r < st.size(); ++r)
      v[r] = st[r][i].arrivals[h] ? estimated_service_level(st[r][i].found[h], s, mu, t)
                                  : std::numeric_limits<double>::quiet_NaN();
    const sim::Summary sum = sim::summarize(v);
    if (!(sum.mean - sum.ci95 < share)) break;  // NaN (one replication with arrivals): the estimate decides
  }
  return s;
}

HourlyLevel levels(const States& s, std::size_t i) {
  HourlyLevel out;
  std::vector<double> v(s.size());
  for (std::size_t h = 0; h < 168; ++h) {
    for (std::size_t r = 0; r < s.size(); ++r) {
      const auto& st = s[r][i];
      out.arrivals[h] += st.arrivals[h];
      v[r] = st.arrivals[h] ? static_cast<double>(st.answered[h]) / static_cast<double>(st.arrivals[h])
                            : std::numeric_limits<double>::quiet_NaN();
    }
    const sim::Summary sum = sim::summarize(v);
    out.mean[h] = sum.mean;
    out.ci95[h] = sum.ci95;
  }
  return out;
}

std::string roster_yaml(const Roster& r) {
  std::string s = "[";
  for (std::size_t h = 0; h < 168; ++h) s += (h ? ", " : "") + std::to_string(r[h]);
  return s + "]";
}

std::uint64_t paid_hours(const Roster& r) {
  std::uint64_t sum = 0;
  for (auto x : r) sum += x;
  return sum;
}

Json summary_json(double mean, double ci95) {
  Json j = Json::object();
  j["mean"] = mean;
  j["ci95"] = ci95;
  return j;
}

}  // namespace

// ---- targets and shifts ------------------------------------------------------

StaffingSpec read_staffing_spec(const Scenario& sc) {
  const network::NetworkConfig& cfg = network_of(sc);
  const YamlReader& r = sc.reader();
  StaffingSpec spec;
  if (const YAML::Node t = r.root()["targets"]; t.IsDefined()) {
    r.require_map(t, "targets");
    for (const auto& kv : t) {
      StaffingTarget target;
      target.node = r.identifier(kv.first, "targets node name");
      if (node_index(cfg, target.node) == cfg.nodes.size())
        r.fail(kv.first, "targets: no node '" + target.node + "'; nodes: " + node_list(cfg));
      const std::string what = "targets." + target.node;
      r.check_keys(kv.second, {"within", "share"}, what);
      target.within = r.number_at_least(r.required(kv.second, "within", what), 0.0, what + ".within");
      const YAML::Node share = r.required(kv.second, "share", what);
      target.share = r.probability(share, what + ".share");
      if (!(target.share > 0.0 && target.share < 1.0)) r.fail(share, what + ".share must be > 0 and < 1");
      spec.targets.push_back(std::move(target));
    }
  }
  if (const YAML::Node s = r.root()["shifts"]; s.IsDefined()) {
    r.check_keys(s, {"starts", "min_length", "max_length", "max_per_shift", "cost_per_hour", "time_limit"}, "shifts");
    ShiftRules& rules = spec.shifts;
    if (const YAML::Node st = s["starts"]; st.IsDefined()) {
      if (!st.IsSequence() || st.size() == 0) r.fail(st, "shifts.starts must be a non-empty list of hours 0..23");
      for (const auto& x : st) {
        const auto h = static_cast<std::uint32_t>(r.integer(x, 0, 23, "shifts.starts hour"));
        if (std::find(rules.starts.begin(), rules.starts.end(), h) != rules.starts.end())
          r.fail(x, "shifts.starts lists hour " + std::to_string(h) + " twice");
        rules.starts.push_back(h);
      }
    }
    if (const YAML::Node x = s["min_length"]; x.IsDefined())
      rules.min_length = static_cast<std::uint32_t>(r.integer(x, 1, 24, "shifts.min_length (hours)"));
    if (const YAML::Node x = s["max_length"]; x.IsDefined())
      rules.max_length = static_cast<std::uint32_t>(r.integer(x, 1, 24, "shifts.max_length (hours)"));
    if (rules.min_length > rules.max_length)
      r.fail(s["max_length"].IsDefined() ? s["max_length"] : s["min_length"],
             "shifts: min_length (" + std::to_string(rules.min_length) + ") must be <= max_length (" +
                 std::to_string(rules.max_length) + ")");
    if (const YAML::Node x = s["max_per_shift"]; x.IsDefined())
      rules.max_per_shift = static_cast<std::uint32_t>(r.integer(x, 0, 1'000'000, "shifts.max_per_shift"));
    if (const YAML::Node x = s["cost_per_hour"]; x.IsDefined())
      rules.cost_per_hour = r.number_at_least(x, 0.0, "shifts.cost_per_hour");
    if (const YAML::Node x = s["time_limit"]; x.IsDefined()) rules.time_limit = r.positive(x, "shifts.time_limit");
  }
  return spec;
}

void check_targets(const Scenario& sc, const std::vector<StaffingTarget>& targets) {
  const network::NetworkConfig& cfg = network_of(sc);
  if (targets.empty()) throw ScenarioError("no staffing targets: give targets: in the scenario or --target");
  for (std::size_t i = 0; i < targets.size(); ++i) {
    const StaffingTarget& t = targets[i];
    if (node_index(cfg, t.node) == cfg.nodes.size())
      throw ScenarioError("target: no node '" + t.node + "'; nodes: " + node_list(cfg));
    if (!(t.within >= 0.0 && std::isfinite(t.within)))
      throw ScenarioError("target " + t.node + ": within must be a number >= 0");
    if (!(t.share > 0.0 && t.share < 1.0)) throw ScenarioError("target " + t.node + ": share must be > 0 and < 1");
    for (std::size_t j = 0; j < i; ++j)
      if (targets[j].node == t.node) throw ScenarioError("target: node '" + t.node + "' has two targets");
  }
}

// ---- Erlang C and the estimate -----------------------------------------------

double erlang_c(std::uint32_t s, double a) {
  if (!(a > 0.0)) return 0.0;
  if (static_cast<double>(s) <= a) return 1.0;
  const boost::math::poisson_distribution<double> p(a);
  const double b = boost::math::pdf(p, s) / boost::math::cdf(p, s);  // Erlang B
  const double rho = a / s;
  return b / (1.0 - rho * (1.0 - b));
}

double erlang_c_service_level(std::uint32_t s, double lambda, double mu, double t) {
  if (!(lambda > 0.0)) return 1.0;
  const double a = lambda / mu;
  if (static_cast<double>(s) <= a) return 0.0;
  return 1.0 - erlang_c(s, a) * std::exp(-(s * mu - lambda) * t);
}

std::uint32_t erlang_c_staff(double lambda, double mu, double t, double share) {
  if (!(lambda > 0.0)) return 0;
  auto s = static_cast<std::uint32_t>(std::floor(lambda / mu)) + 1;
  while (erlang_c_service_level(s, lambda, mu, t) < share) ++s;
  return s;
}

double estimated_service_level(const std::vector<std::uint64_t>& found, std::uint32_t s, double mu, double t) {
  double total = 0, met = 0;
  for (std::size_t n = 0; n < found.size(); ++n) {
    if (found[n] == 0) continue;
    const auto f = static_cast<double>(found[n]);
    total += f;
    if (n < s) met += f;
    else if (s > 0 && t > 0) met += f * boost::math::gamma_p(static_cast<double>(n - s + 1), s * mu * t);
  }
  return total > 0 ? met / total : 1.0;
}

// ---- rosters -----------------------------------------------------------------

Roster roster_of(const Scenario& sc, const std::string& node) {
  const network::NetworkConfig& cfg = network_of(sc);
  const std::size_t i = node_index(cfg, node);
  if (i == cfg.nodes.size()) throw ScenarioError("no node '" + node + "'; nodes: " + node_list(cfg));
  Roster r;
  const auto& n = cfg.nodes[i];
  for (std::size_t h = 0; h < 168; ++h) r[h] = n.schedule.empty() ? n.servers : n.schedule[h];
  return r;
}

Scenario with_rosters(const Scenario& sc, const std::vector<StaffingTarget>& targets,
                      const std::vector<Roster>& rosters) {
  std::vector<std::pair<std::string, std::string>> settings;
  for (std::size_t i = 0; i < targets.size(); ++i) {
    const std::string node = "nodes." + targets[i].node;
    settings.emplace_back(node + ".servers", std::to_string(*std::max_element(rosters[i].begin(), rosters[i].end())));
    settings.emplace_back(node + ".schedule", roster_yaml(rosters[i]));
  }
  return sc.with_overrides(settings, "<staffing>");
}

std::vector<HourlyLevel> measure_service_levels(const Scenario& sc, const std::vector<StaffingTarget>& targets,
                                                std::uint64_t seed, std::uint64_t first, std::uint64_t count,
                                                const sim::ExecutionControl& control, const sim::Executor& executor) {
  const States s = run_states(sc, targets, seed, first, count, control, executor);
  std::vector<HourlyLevel> out;
  out.reserve(targets.size());
  for (std::size_t i = 0; i < targets.size(); ++i) out.push_back(levels(s, i));
  return out;
}

// ---- the study ---------------------------------------------------------------

StaffingResult staff(const Scenario& sc, const std::vector<StaffingTarget>& targets, const ShiftRules& shifts,
                     const StaffingOptions& o, const sim::ExecutionControl& control, const sim::Executor& executor) {
  const network::NetworkConfig& cfg = network_of(sc);
  check_targets(sc, targets);
  if (o.replications < 1 || o.verify_replications < 2 || o.max_iterations < 1)
    throw ScenarioError("staffing needs replications >= 1, verify_replications >= 2 and max_iterations >= 1");
  const std::size_t T = targets.size();
  StaffingResult res;
  res.nodes.resize(T);
  for (std::size_t i = 0; i < T; ++i) {
    NodeStaffing& n = res.nodes[i];
    n.target = targets[i];
    n.mu = service_rate(cfg.nodes[node_index(cfg, targets[i].node)]);
    n.shipped = roster_of(sc, targets[i].node);
  }

  // 0. ample servers: nobody waits; the arrivals per hour give lambda(h) and
  // the stationary staffing
  std::vector<Roster> cur(T);
  std::vector<std::uint32_t> ample(T);
  for (std::size_t i = 0; i < T; ++i)
    ample[i] = 3 * *std::max_element(res.nodes[i].shipped.begin(), res.nodes[i].shipped.end()) + 20;
  States s;
  for (bool enough = false; !enough;) {
    for (std::size_t i = 0; i < T; ++i) cur[i].fill(ample[i]);
    s = run_states(with_rosters(sc, targets, cur), targets, o.seed, 0, o.replications, control, executor);
    res.runs += o.replications;
    enough = true;
    for (std::size_t i = 0; i < T; ++i) {
      const auto f = found_sum(s, i);
      for (const auto& x : f)
        if (x.size() >= ample[i]) {  // someone found every server busy: not ample
          enough = false;
          ample[i] *= 2;
          break;
        }
    }
  }
  const std::array<double, 168> time = exposure(cfg);
  for (std::size_t i = 0; i < T; ++i) {
    NodeStaffing& n = res.nodes[i];
    const HourlyLevel l = levels(s, i);
    for (std::size_t h = 0; h < 168; ++h) {
      n.lambda[h] = time[h] > 0 ? static_cast<double>(l.arrivals[h]) / (static_cast<double>(o.replications) * time[h])
                                : 0.0;
      n.stationary[h] = erlang_c_staff(n.lambda[h], n.mu, n.target.within, n.target.share);
    }
    cur[i] = n.stationary;
  }

  // k. the ISA
  std::vector<std::vector<Roster>> history{cur};
  std::vector<Roster> result = cur;
  for (std::size_t k = 1; k <= o.max_iterations; ++k) {
    s = run_states(with_rosters(sc, targets, cur), targets, o.seed, 0, o.replications, control, executor);
    res.runs += o.replications;
    res.iterations = k;
    std::vector<Roster> next(T);
    std::size_t changed = 0;
    for (std::size_t i = 0; i < T; ++i) {
      const auto f = found_sum(s, i);
      for (std::size_t h = 0; h < 168; ++h) {
        next[i][h] = least_staff(s, i, h, f[h], res.nodes[i].mu, targets[i].within, targets[i].share);
        changed += next[i][h] != cur[i][h];
      }
    }
    res.changed_hours.push_back(changed);
    if (next == cur) {
      res.converged = true;
      result = next;
      break;
    }
    const auto seen = std::find(history.begin(), history.end(), next);
    if (seen != history.end()) {  // a cycle: the hour-by-hour maximum over it
      res.cycle = static_cast<std::size_t>(history.end() - seen);
      result = next;
      for (auto it = seen; it != history.end(); ++it)
        for (std::size_t i = 0; i < T; ++i)
          for (std::size_t h = 0; h < 168; ++h) result[i][h] = std::max(result[i][h], (*it)[i][h]);
      break;
    }
    history.push_back(next);
    cur = next;
    result = next;
  }

  // shifts, and the verification by fresh replications
  std::vector<Roster> rostered(T);
  for (std::size_t i = 0; i < T; ++i) {
    NodeStaffing& n = res.nodes[i];
    n.required = result[i];
    n.plan = cover_with_shifts(n.required, shifts);
    n.rostered = n.plan.staffed;
    rostered[i] = n.rostered;
  }
  const auto before =
      measure_service_levels(sc, targets, o.seed, o.replications, o.verify_replications, control, executor);
  const auto after = measure_service_levels(with_rosters(sc, targets, rostered), targets, o.seed, o.replications,
                                            o.verify_replications, control, executor);
  res.runs += 2 * o.verify_replications;
  for (std::size_t i = 0; i < T; ++i) {
    res.nodes[i].before = before[i];
    res.nodes[i].after = after[i];
  }
  return res;
}

// ---- output ------------------------------------------------------------------

std::string variant_yaml(const Scenario& sc, const StaffingResult& r, const std::string& variant_path) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::absolute(fs::path(variant_path)).parent_path();
  const std::string base = fs::absolute(fs::path(sc.path())).lexically_relative(dir).generic_string();
  std::ostringstream out;
  out << "# Written by zccsim staff: the rosters of shifts that cover the least staff per hour\n"
      << "# meeting the targets (iterative staffing algorithm, " << r.iterations << " iterations, "
      << (r.converged   ? "converged"
          : r.cycle > 1 ? "ended in a cycle"
                        : "not converged")
      << ").\n";
  for (const auto& n : r.nodes)
    out << "# " << n.target.node << ": share answered within " << format_number(n.target.within)
        << " >= " << format_number(n.target.share) << "; paid hours per week " << paid_hours(n.shipped) << " -> "
        << n.plan.paid_hours << "\n";
  out << "extends: " << base << "\nnodes:\n";
  for (const auto& n : r.nodes) {
    out << "  " << n.target.node << ":\n    servers: " << *std::max_element(n.rostered.begin(), n.rostered.end())
        << "\n    # shifts (day start+length x count):";
    for (const auto& sh : n.plan.shifts)
      out << " " << day_names[sh.day] << " " << sh.start << "+" << sh.length << "x" << sh.count << ";";
    out << "\n    schedule: " << roster_yaml(n.rostered) << "\n";
  }
  return out.str();
}

Json to_json(const StaffingResult& r, const ShiftRules& shifts) {
  Json j = Json::object();
  j["iterations"] = static_cast<std::uint64_t>(r.iterations);
  j["converged"] = r.converged;
  j["cycle"] = static_cast<std::uint64_t>(r.cycle);
  j["changed_hours"] = Json::array();
  for (auto c : r.changed_hours) j["changed_hours"].push_back(static_cast<std::uint64_t>(c));
  j["runs"] = r.runs;
  j["nodes"] = Json::array();
  for (const auto& n : r.nodes) {
    Json x = Json::object();
    x["node"] = n.target.node;
    x["within"] = n.target.within;
    x["share"] = n.target.share;
    x["mu"] = n.mu;
    x["shifts_optimal"] = n.plan.optimal;
    const auto before = paid_hours(n.shipped), after = n.plan.paid_hours;
    x["paid_hours_per_week"]["before"] = before;
    x["paid_hours_per_week"]["required"] = paid_hours(n.required);
    x["paid_hours_per_week"]["after"] = after;
    if (shifts.cost_per_hour > 0) {
      x["cost_per_year"]["before"] = static_cast<double>(before) * weeks_per_year * shifts.cost_per_hour;
      x["cost_per_year"]["after"] = static_cast<double>(after) * weeks_per_year * shifts.cost_per_hour;
    }
    x["hours"] = Json::array();
    for (std::size_t h = 0; h < 168; ++h) {
      Json y = Json::object();
      y["hour"] = std::string(day_names[h / 24]) + " " + (h % 24 < 10 ? "0" : "") + std::to_string(h % 24);
      y["lambda"] = n.lambda[h];
      y["shipped"] = static_cast<std::uint64_t>(n.shipped[h]);
      y["stationary"] = static_cast<std::uint64_t>(n.stationary[h]);
      y["required"] = static_cast<std::uint64_t>(n.required[h]);
      y["rostered"] = static_cast<std::uint64_t>(n.rostered[h]);
      y["before"] = summary_json(n.before.mean[h], n.before.ci95[h]);
      y["after"] = summary_json(n.after.mean[h], n.after.ci95[h]);
      x["hours"].push_back(std::move(y));
    }
    x["shifts"] = Json::array();
    for (const auto& sh : n.plan.shifts) {
      Json y = Json::object();
      y["day"] = day_names[sh.day];
      y["start"] = static_cast<std::uint64_t>(sh.start);
      y["length"] = static_cast<std::uint64_t>(sh.length);
      y["count"] = static_cast<std::uint64_t>(sh.count);
      x["shifts"].push_back(std::move(y));
    }
    j["nodes"].push_back(std::move(x));
  }
  return j;
}

}  // namespace zccsim::models
