// SPDX-License-Identifier: MIT
#include "staffing.hpp"

#include "io/yaml_reader.hpp"
#include "models/acute/accounting.hpp"
#include "models/acute/acute_config.hpp"
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

// What the study needs of the resources it may staff: the nodes of a network
// scenario, the phone lines of an acute one.
struct Staffable {
  std::string name;
  Roster roster{};           // as the scenario has it
  double mu = 0;             // the estimate's service rate, per time unit
  double cost_per_hour = 0;  // the scenario's price of a staffed hour (acute), else 0
  std::string path;          // the key path of its roster (acute), "nodes.NAME" (network)
};

struct Frame {
  bool acute = false;
  std::string noun, nouns;  // "node", "nodes" / "phone line", "phone lines"
  std::vector<Staffable> items;
  std::array<double, 168> exposure{};  // time after the warm-up in each hour of the week (time units)

  const Staffable* find(const std::string& name) const {
    for (const auto& i : items)
      if (i.name == name) return &i;
    return nullptr;
  }
  std::string list() const {
    std::vector<std::string_view> names;
    names.reserve(items.size());
    for (const auto& i : items) names.emplace_back(i.name);
    return join(names);
  }
  std::string unknown(const std::string& name) const {
    return "no " + noun + " '" + name + "'; " + nouns + ": " + list();
  }
};

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

// Time after the warm-up spent in each hour of the week; `week_hour` maps an
// absolute hour to its hour of the week.
template <class WeekHour>
std::array<double, 168> exposure(double hour_length, double warmup, double horizon, WeekHour week_hour) {
  std::array<double, 168> e{};
  const double end = warmup + horizon;
  for (auto k = static_cast<std::uint64_t>(std::floor(warmup / hour_length));
       static_cast<double>(k) * hour_length < end; ++k) {
    const double a = std::max(static_cast<double>(k) * hour_length, warmup);
    const double b = std::min(static_cast<double>(k + 1) * hour_length, end);
    if (b > a) e[week_hour(k)] += b - a;
  }
  return e;
}

Frame network_frame(const network::NetworkConfig& cfg) {
  Frame f{false, "node", "nodes", {}, {}};
  for (const auto& n : cfg.nodes) {
    Staffable s{n.name, {}, service_rate(n), 0.0, "nodes." + n.name};
    for (std::size_t h = 0; h < 168; ++h) s.roster[h] = n.schedule.empty() ? n.servers : n.schedule[h];
    f.items.push_back(std::move(s));
  }
  f.exposure = exposure(cfg.hour_length, cfg.warmup, cfg.horizon, [](std::uint64_t k) { return k % 168; });
  return f;
}

// The phone lines whose roster one key sets (names as the call centre makes
// them, models/acute/call_centre_lines.cpp): today's lines of a region with
// its own (regions[i].fragmented_rosters), else of a scenario with one own
// region (fragmented_rosters is every own region's without its own), each own
// region's 112 line (regions[i].dispatchers), and in zcc mode each zcc line
// of a location (per sub-region) or of a region with one location (pooled).
Frame acute_frame(const acute::AcuteConfig& cfg) {
  using acute::discipline_count;
  using acute::discipline_names;
  Frame f{true, "phone line", "phone lines", {}, {}};
  const auto mean_rate = [](const sim::Distribution& d) { return 1.0 / d.mean(); };
  const auto line_cost = [&](std::size_t d) {
    return acute::hourly_cost(cfg.costs.resources, acute::line_group(static_cast<acute::Discipline>(d)));
  };
  std::size_t own = 0;
  for (const auto& r : cfg.regions) own += r.own;
  for (std::size_t r = 0; r < cfg.regions.size(); ++r) {
    if (!cfg.regions[r].own) continue;
    const std::string& rn = cfg.regions[r].name;
    for (std::size_t d = 0; d < discipline_count; ++d) {
      const std::string disc(discipline_names[d]);
      const bool its_own = cfg.regions[r].fragmented_rosters[d].has_value();
      if (own == 1 || its_own)
        f.items.push_back(
            {"line/" + rn + "/" + disc, cfg.fragmented_roster_of(r, d), mean_rate(cfg.fragmented_triage.time[d]),
             line_cost(d),
             its_own ? "regions[" + std::to_string(r) + "].fragmented_rosters." + disc : "fragmented_rosters." + disc});
    }
    f.items.push_back({"dispatch/" + rn, cfg.dispatchers_of(r),
                       mean_rate(cfg.dispatch_triage.time[static_cast<std::size_t>(acute::Discipline::ambulance)]),
                       cfg.costs.resources.dispatcher_hourly, "regions[" + std::to_string(r) + "].dispatchers"});
  }
  if (cfg.mode == acute::TriageMode::zcc) {
    std::vector<std::size_t> count(cfg.regions.size(), 0);
    for (const auto& loc : cfg.zcc.locations) ++count[cfg.sites[loc.site].region];
    for (std::size_t i = 0; i < cfg.zcc.locations.size(); ++i) {
      const auto& loc = cfg.zcc.locations[i];
      const std::size_t r = cfg.sites[loc.site].region;
      const bool pooled = cfg.zcc.pooling == acute::Pooling::pooled;
      if (!cfg.regions[r].own || (pooled && count[r] != 1)) continue;
      for (std::size_t d = 0; d < discipline_count; ++d)
        f.items.push_back({"zcc/" + (pooled ? cfg.regions[r].name : loc.name) + "/" + std::string(discipline_names[d]),
                           loc.rosters[d], mean_rate(cfg.zcc_triage.time[d]), line_cost(d),
                           "zcc.locations[" + std::to_string(i) + "].rosters." + std::string(discipline_names[d])});
    }
  }
  f.exposure = exposure(60.0, cfg.warmup, cfg.horizon,
                        [&](std::uint64_t k) { return cfg.calendar.weekday(static_cast<long>(k / 24)) * 24 + k % 24; });
  return f;
}

Frame frame_of(const Scenario& sc) {
  if (const auto* n = sc.network()) return network_frame(*n);
  if (const auto* a = sc.acute()) return acute_frame(*a);
  throw ScenarioError(sc.path() + ": staffing works on network and acute scenarios; this is model: " + sc.model_name());
}

// "" (not given) is "all".
std::string calls_of(const StaffingTarget& t) { return t.calls.empty() ? "all" : t.calls; }

// The classes a target counts (acute: urgencies U0..U5).
sim::AnswerWithin asked(const StaffingTarget& t) {
  sim::AnswerWithin a{t.node, t.within};
  if (t.calls == "urgent") a.last_class = 2;
  else if (t.calls == "non_urgent") a.first_class = 3;
  return a;
}

// The distinct nodes or lines of the targets, in order, and each target's index among them.
std::vector<std::string> lines_of(const std::vector<StaffingTarget>& targets, std::vector<std::size_t>& line_of) {
  std::vector<std::string> lines;
  line_of.clear();
  for (const auto& t : targets) {
    const auto it = std::find(lines.begin(), lines.end(), t.node);
    line_of.push_back(static_cast<std::size_t>(it - lines.begin()));
    if (it == lines.end()) lines.push_back(t.node);
  }
  return lines;
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
  for (const auto& t : targets) detail.answer_within.push_back(asked(t));
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

// The 168 hourly values as a YAML flow list (yaml-cpp's emitter).
std::string roster_yaml(const Roster& r) {
  YAML::Emitter em;
  em << YAML::Flow << std::vector<std::uint32_t>(r.begin(), r.end());
  return em.c_str();
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
  const Frame f = frame_of(sc);
  const YamlReader& r = sc.reader();
  StaffingSpec spec;
  if (const YAML::Node t = r.root()["targets"]; t.IsDefined()) {
    r.require_map(t, "targets");
    for (const auto& kv : t) {
      const std::string name = r.string(kv.first, "targets " + f.noun);
      if (!f.find(name)) r.fail(kv.first, "targets: " + f.unknown(name));
      // one target, or (acute) a list of them on one line
      std::vector<YAML::Node> items;
      if (kv.second.IsSequence() && f.acute) {
        if (kv.second.size() == 0) r.fail(kv.second, "targets." + name + " must list at least one target");
        for (const auto& x : kv.second) items.push_back(x);
      } else {
        items.push_back(kv.second);
      }
      for (const YAML::Node& x : items) {
        StaffingTarget target;
        target.node = name;
        const std::string what = "targets." + name;
        r.require_map(x, what);
        if (f.acute) r.check_keys(x, {"within", "share", "calls"}, what);
        else r.check_keys(x, {"within", "share"}, what);
        target.within = r.number_at_least(r.required(x, "within", what), 0.0, what + ".within");
        const YAML::Node share = r.required(x, "share", what);
        target.share = r.probability(share, what + ".share");
        if (!(target.share > 0.0 && target.share < 1.0)) r.fail(share, what + ".share must be > 0 and < 1");
        if (f.acute) {
          target.calls = "all";
          if (const YAML::Node c = x["calls"]; c.IsDefined())
            target.calls =
                target_calls[r.choice(c, {std::begin(target_calls), std::end(target_calls)}, what + ".calls")];
          for (const auto& other : spec.targets)
            if (other.node == name && other.calls == target.calls)
              r.fail(x, what + ": two targets for the same calls (" + target.calls + ")");
        }
        spec.targets.push_back(std::move(target));
      }
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

std::vector<std::string> staffable(const Scenario& sc) {
  std::vector<std::string> out;
  for (const auto& i : frame_of(sc).items) out.push_back(i.name);
  return out;
}

void check_targets(const Scenario& sc, const std::vector<StaffingTarget>& targets) {
  const Frame f = frame_of(sc);
  if (targets.empty()) throw ScenarioError("no staffing targets: give targets: in the scenario or --target");
  for (std::size_t i = 0; i < targets.size(); ++i) {
    const StaffingTarget& t = targets[i];
    if (!f.find(t.node)) throw ScenarioError("target: " + f.unknown(t.node));
    if (!(t.within >= 0.0 && std::isfinite(t.within)))
      throw ScenarioError("target " + t.node + ": within must be a number >= 0");
    if (!(t.share > 0.0 && t.share < 1.0)) throw ScenarioError("target " + t.node + ": share must be > 0 and < 1");
    if (f.acute && !t.calls.empty() &&
        std::find(std::begin(target_calls), std::end(target_calls), t.calls) == std::end(target_calls))
      throw ScenarioError("target " + t.node + ": calls '" + t.calls + "'; allowed: all, urgent, non_urgent");
    if (!f.acute && !t.calls.empty())
      throw ScenarioError("target " + t.node + ": calls applies to the phone lines of acute scenarios");
    for (std::size_t j = 0; j < i; ++j)
      if (targets[j].node == t.node && calls_of(targets[j]) == calls_of(t))
        throw ScenarioError("target: " + f.noun + " '" + t.node + "' has two targets" +
                            (f.acute ? " for the same calls (" + calls_of(t) + ")" : ""));
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
  const Frame f = frame_of(sc);
  const Staffable* i = f.find(node);
  if (!i) throw ScenarioError(f.unknown(node));
  return i->roster;
}

Scenario with_rosters(const Scenario& sc, const std::vector<StaffingTarget>& targets,
                      const std::vector<Roster>& rosters) {
  const Frame f = frame_of(sc);
  std::vector<std::size_t> line_of;
  const std::vector<std::string> lines = lines_of(targets, line_of);
  std::vector<Roster> per_line(lines.size(), Roster{});
  for (std::size_t i = 0; i < targets.size(); ++i)
    for (std::size_t h = 0; h < 168; ++h) per_line[line_of[i]][h] = std::max(per_line[line_of[i]][h], rosters[i][h]);
  std::vector<std::pair<std::string, std::string>> settings;
  for (std::size_t l = 0; l < lines.size(); ++l) {
    const Staffable* item = f.find(lines[l]);
    if (!item) throw ScenarioError(f.unknown(lines[l]));
    if (f.acute) {
      settings.emplace_back(item->path, roster_yaml(per_line[l]));
    } else {
      settings.emplace_back(item->path + ".servers",
                            std::to_string(*std::max_element(per_line[l].begin(), per_line[l].end())));
      settings.emplace_back(item->path + ".schedule", roster_yaml(per_line[l]));
    }
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
  const Frame f = frame_of(sc);
  check_targets(sc, targets);
  if (o.replications < 1 || o.verify_replications < 2 || o.max_iterations < 1)
    throw ScenarioError("staffing needs replications >= 1, verify_replications >= 2 and max_iterations >= 1");
  const std::size_t T = targets.size();
  std::vector<std::size_t> line_of;
  const std::vector<std::string> lines = lines_of(targets, line_of);
  StaffingResult res;
  res.model = f.acute ? "acute" : "network";
  res.scenario = sc.name();
  res.time_unit = f.acute ? "minute" : sc.network()->time_unit;
  res.nodes.resize(T);
  // an acute line keeps its opening hours (closed: nobody rostered in the scenario)
  std::vector<std::array<bool, 168>> closed(lines.size(), std::array<bool, 168>{});
  for (std::size_t l = 0; l < lines.size(); ++l)
    for (std::size_t h = 0; h < 168; ++h) closed[l][h] = f.acute && f.find(lines[l])->roster[h] == 0;
  const auto open_hours = [&](std::size_t i, Roster r) {
    if (!f.acute) return r;
    for (std::size_t h = 0; h < 168; ++h) r[h] = closed[line_of[i]][h] ? 0 : std::max<std::uint32_t>(r[h], 1);
    return r;
  };
  for (std::size_t i = 0; i < T; ++i) {
    NodeStaffing& n = res.nodes[i];
    const Staffable& item = *f.find(targets[i].node);
    n.target = targets[i];
    n.mu = item.mu;
    n.shipped = item.roster;
    n.cost_per_hour = shifts.cost_per_hour > 0 ? shifts.cost_per_hour : item.cost_per_hour;
  }

  // 0. ample servers: nobody waits; the arrivals per hour give lambda(h) and
  // the stationary staffing
  std::vector<Roster> cur(T);
  std::vector<std::uint32_t> ample(T);
  for (std::size_t i = 0; i < T; ++i)
    ample[i] = 3 * *std::max_element(res.nodes[i].shipped.begin(), res.nodes[i].shipped.end()) + 20;
  States s;
  for (bool enough = false; !enough;) {
    for (std::size_t i = 0; i < T; ++i) {
      cur[i].fill(ample[i]);
      cur[i] = open_hours(i, cur[i]);
    }
    s = run_states(with_rosters(sc, targets, cur), targets, o.seed, 0, o.replications, control, executor);
    res.runs += o.replications;
    enough = true;
    for (std::size_t i = 0; i < T; ++i) {
      const auto found = found_sum(s, i);
      for (const auto& x : found)
        if (x.size() >= ample[i]) {  // someone found every server busy: not ample
          enough = false;
          ample[i] *= 2;
          break;
        }
    }
  }
  for (std::size_t i = 0; i < T; ++i) {
    NodeStaffing& n = res.nodes[i];
    const HourlyLevel l = levels(s, i);
    for (std::size_t h = 0; h < 168; ++h) {
      n.lambda[h] = f.exposure[h] > 0
                        ? static_cast<double>(l.arrivals[h]) / (static_cast<double>(o.replications) * f.exposure[h])
                        : 0.0;
      n.stationary[h] = erlang_c_staff(n.lambda[h], n.mu, n.target.within, n.target.share);
    }
    n.stationary = open_hours(i, n.stationary);
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
      const auto found = found_sum(s, i);
      for (std::size_t h = 0; h < 168; ++h)
        next[i][h] = least_staff(s, i, h, found[h], res.nodes[i].mu, targets[i].within, targets[i].share);
      next[i] = open_hours(i, next[i]);
      for (std::size_t h = 0; h < 168; ++h) changed += next[i][h] != cur[i][h];
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

  // per line: the maximum over its targets, the shifts covering it; the
  // verification by fresh replications
  std::vector<Roster> required(lines.size(), Roster{});
  for (std::size_t i = 0; i < T; ++i)
    for (std::size_t h = 0; h < 168; ++h) required[line_of[i]][h] = std::max(required[line_of[i]][h], result[i][h]);
  std::vector<ShiftPlan> plans;
  for (std::size_t l = 0; l < lines.size(); ++l)
    plans.push_back(cover_with_shifts(required[l], shifts, f.acute ? &closed[l] : nullptr));
  std::vector<Roster> rostered(T);
  for (std::size_t i = 0; i < T; ++i) {
    NodeStaffing& n = res.nodes[i];
    n.required = required[line_of[i]];
    n.plan = plans[line_of[i]];
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

namespace {
// Sequences of scalars in flow style ([1, 2, 3]), the rest in block style.
void flow_scalar_lists(YAML::Node n) {
  if (n.IsSequence()) {
    bool scalars = true;
    for (const auto& x : n) scalars = scalars && x.IsScalar();
    if (scalars) n.SetStyle(YAML::EmitterStyle::Flow);
    for (auto x : n) flow_scalar_lists(x);
  } else if (n.IsMap()) {
    for (auto kv : n) flow_scalar_lists(kv.second);
  }
}
}  // namespace

std::string variant_yaml(const Scenario& sc, const StaffingResult& r, const std::string& variant_path) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::absolute(fs::path(variant_path)).parent_path();
  const std::string base = fs::absolute(fs::path(sc.path())).lexically_relative(dir).generic_string();
  const Frame f = frame_of(sc);
  std::ostringstream out;
  out << "# Written by zccsim staff: the rosters of shifts that cover the least staff per hour\n"
      << "# meeting the targets (iterative staffing algorithm, " << r.iterations << " iterations, "
      << (r.converged   ? "converged"
          : r.cycle > 1 ? "ended in a cycle"
                        : "not converged")
      << ").\n";
  std::vector<StaffingTarget> targets;
  std::vector<Roster> rostered;
  for (const auto& n : r.nodes) {
    out << "# " << n.target.node << ": share " << (f.acute ? "of " + calls_of(n.target) + " calls " : "")
        << "answered within " << format_number(n.target.within) << " >= " << format_number(n.target.share)
        << "; paid hours per week " << paid_hours(n.shipped) << " -> " << n.plan.paid_hours << "\n";
    targets.push_back(n.target);
    rostered.push_back(n.rostered);
  }
  std::vector<std::size_t> line_of;
  const std::vector<std::string> lines = lines_of(targets, line_of);
  for (std::size_t l = 0; l < lines.size(); ++l) {
    const NodeStaffing& n =
        r.nodes[static_cast<std::size_t>(std::find(line_of.begin(), line_of.end(), l) - line_of.begin())];
    out << "# " << lines[l] << " shifts (day start+length x count):";
    for (const auto& sh : n.plan.shifts)
      out << " " << day_names[sh.day] << " " << sh.start << "+" << sh.length << "x" << sh.count << ";";
    out << "\n";
  }
  // the keys the rosters are under, each with its value in the rostered
  // scenario: a list (zcc.locations, regions) is written whole, a map merges
  // with the base's (scenarios/README.md, extends)
  const Scenario v = with_rosters(sc, targets, rostered);
  YAML::Node root(YAML::NodeType::Map);
  std::vector<std::string> written;
  for (const auto& line : lines) {
    const Staffable& item = *f.find(line);
    std::vector<std::string> keys;
    if (f.acute) {
      keys.push_back(item.path.substr(0, item.path.find('[')));
    } else {
      keys.push_back(item.path + ".servers");
      keys.push_back(item.path + ".schedule");
    }
    for (const auto& key : keys) {
      if (std::find(written.begin(), written.end(), key) != written.end()) continue;
      written.push_back(key);
      YAML::Node value = YAML::Load(v.get(key));
      flow_scalar_lists(value);
      YAML::Node at = root;
      std::string rest = key;
      for (std::size_t dot; (dot = rest.find('.')) != std::string::npos; rest = rest.substr(dot + 1)) {
        YAML::Node next = at[rest.substr(0, dot)];
        if (!next.IsDefined() || next.IsNull()) next = YAML::Node(YAML::NodeType::Map);
        at[rest.substr(0, dot)] = next;
        at.reset(next);
      }
      at[rest] = value;
    }
  }
  YAML::Emitter em;
  em << root;
  out << "extends: " << base << "\n" << em.c_str() << "\n";
  return out.str();
}

Json to_json(const StaffingResult& r) {
  Json j = Json::object();
  j["model"] = r.model;
  j["scenario"] = r.scenario;
  j["time_unit"] = r.time_unit;
  j["iterations"] = static_cast<std::uint64_t>(r.iterations);
  j["converged"] = r.converged;
  j["cycle"] = static_cast<std::uint64_t>(r.cycle);
  j["changed_hours"] = Json::array();
  for (auto c : r.changed_hours) j["changed_hours"].push_back(static_cast<std::uint64_t>(c));
  j["runs"] = r.runs;
  // totals over the lines, each once (several targets may share one)
  std::vector<std::string> seen;
  std::uint64_t before_total = 0, after_total = 0;
  double cost_before = 0, cost_after = 0;
  bool costs = false;
  for (const auto& n : r.nodes) {
    if (std::find(seen.begin(), seen.end(), n.target.node) != seen.end()) continue;
    seen.push_back(n.target.node);
    before_total += paid_hours(n.shipped);
    after_total += n.plan.paid_hours;
    cost_before += static_cast<double>(paid_hours(n.shipped)) * weeks_per_year * n.cost_per_hour;
    cost_after += static_cast<double>(n.plan.paid_hours) * weeks_per_year * n.cost_per_hour;
    costs = costs || n.cost_per_hour > 0;
  }
  j["paid_hours_per_week"]["before"] = before_total;
  j["paid_hours_per_week"]["after"] = after_total;
  if (costs) {
    j["cost_per_year"]["before"] = cost_before;
    j["cost_per_year"]["after"] = cost_after;
  }
  j["nodes"] = Json::array();
  for (const auto& n : r.nodes) {
    Json x = Json::object();
    x["node"] = n.target.node;
    if (r.model == "acute") x["calls"] = calls_of(n.target);
    x["within"] = n.target.within;
    x["share"] = n.target.share;
    x["mu"] = n.mu;
    x["shifts_optimal"] = n.plan.optimal;
    const auto before = paid_hours(n.shipped), after = n.plan.paid_hours;
    x["paid_hours_per_week"]["before"] = before;
    x["paid_hours_per_week"]["required"] = paid_hours(n.required);
    x["paid_hours_per_week"]["after"] = after;
    if (n.cost_per_hour > 0) {
      x["cost_per_year"]["before"] = static_cast<double>(before) * weeks_per_year * n.cost_per_hour;
      x["cost_per_year"]["after"] = static_cast<double>(after) * weeks_per_year * n.cost_per_hour;
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
