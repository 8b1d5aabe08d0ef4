// SPDX-License-Identifier: MIT
#include "network_loader.hpp"

#include "io/yaml_reader.hpp"

#include <cmath>
#include <algorithm>
#include <limits>
#include <map>
#include <sstream>

namespace zccsim::models::network {

namespace {

constexpr std::int64_t max_servers = 1'000'000;  // as the acute model's rosters
const std::vector<std::string_view> time_units{"second", "minute", "hour", "day"};
constexpr double hour_lengths[] = {3600.0, 60.0, 1.0, 1.0 / 24.0};

bool is_class_map(const YAML::Node& n, const std::vector<std::string>& classes) {
  if (!n.IsMap() || n.size() == 0) return false;
  for (const auto& kv : n) {
    const auto k = kv.first.as<std::string>();
    if (std::find(classes.begin(), classes.end(), k) == classes.end()) return false;
  }
  return true;
}

// A per-class map {class: X, ...} or one X for every class.
template <class T, class Parse>
std::vector<T> per_class(const YamlReader& r, const YAML::Node& n, const std::vector<std::string>& classes,
                         const std::string& what, Parse parse, std::optional<T> missing) {
  std::vector<T> out;
  if (is_class_map(n, classes)) {
    for (const auto& c : classes) {
      const YAML::Node v = n[c];
      if (v.IsDefined()) out.push_back(parse(v, what + " of class '" + c + "'"));
      else if (missing) out.push_back(*missing);
      else r.fail(n, what + " gives no value for class '" + c + "'");
    }
  } else {
    for (std::size_t i = 0; i < classes.size(); ++i) out.push_back(parse(n, what));
  }
  return out;
}

sim::ArrivalProcess parse_arrivals(const YamlReader& r, const YAML::Node& n, const std::string& what,
                                   double hour_length) {
  r.check_keys(n, {"rate", "interarrival", "profile", "surges"}, what);
  const int given = n["rate"].IsDefined() + n["interarrival"].IsDefined() + n["profile"].IsDefined();
  if (given != 1) r.fail(n, what + " needs exactly one of: rate, interarrival, profile");
  if (n["surges"].IsDefined() && !n["profile"].IsDefined())
    r.fail(r.key_node(n, "surges"), what + ": surges apply to a profile only");
  if (n["rate"].IsDefined()) return sim::ArrivalProcess::poisson(r.number_at_least(n["rate"], 0.0, what + " rate"));
  if (n["interarrival"].IsDefined())
    return sim::ArrivalProcess::renewal(r.distribution(n["interarrival"], what + " interarrival"));
  const YAML::Node p = n["profile"];
  if (!p.IsSequence() || p.size() != 168)
    r.fail(p, what + " profile must be a list of 168 hourly rates (Monday 00:00 first)");
  sim::RateProfile prof;
  prof.hour_length = hour_length;
  for (std::size_t h = 0; h < 168; ++h) prof.hourly[h] = r.number_at_least(p[h], 0.0, what + " profile rate");
  if (const YAML::Node s = n["surges"]; s.IsDefined()) {
    if (!s.IsSequence()) r.fail(s, what + " surges must be a list of {from, to, factor}");
    for (const auto& e : s) {
      r.check_keys(e, {"from", "to", "factor"}, what + " surge");
      const double from = r.number_at_least(r.required(e, "from", "surge"), 0.0, "surge from");
      const double to = r.number(r.required(e, "to", "surge"), "surge to");
      if (!(to > from)) r.fail(e["to"], "surge 'to' must be after 'from'");
      prof.surges.push_back({from, to, r.number_at_least(r.required(e, "factor", "surge"), 0.0, "surge factor")});
    }
  }
  return sim::ArrivalProcess::nhpp(std::move(prof));
}

}  // namespace

NetworkConfig load_network(const YamlReader& r) {
  const YAML::Node& root = r.root();
  r.check_keys(root,
               {"model", "name", "description", "time_unit", "horizon", "warmup", "max_arrivals", "classes", "nodes",
                "uncertain", "targets", "shifts"},
               "a network scenario");
  NetworkConfig cfg;
  if (r.choice(r.required(root, "model", "the scenario"), {"network"}, "model") != 0) r.fail(root, "model");
  if (const YAML::Node u = root["time_unit"]; u.IsDefined()) {
    const auto i = r.choice(u, time_units, "time_unit");
    cfg.time_unit = time_units[i];
    cfg.hour_length = hour_lengths[i];
  }
  const double max_time = max_run_days * 24.0 * cfg.hour_length;
  const auto bounded_time = [&](const YAML::Node& v, double value, const char* what) {
    if (value > max_time) {
      std::ostringstream os;
      os << what << " must be <= " << max_time << " " << cfg.time_unit << "s (36525 days, 100 years), not "
         << v.Scalar();
      r.fail(v, os.str());
    }
    return value;
  };
  const YAML::Node h = r.required(root, "horizon", "the scenario");
  cfg.horizon = bounded_time(h, r.positive(h, "horizon"), "horizon");
  if (const YAML::Node w = root["warmup"]; w.IsDefined())
    cfg.warmup = bounded_time(w, r.number_at_least(w, 0.0, "warmup"), "warmup");
  if (const YAML::Node m = root["max_arrivals"]; m.IsDefined())
    cfg.max_arrivals =
        static_cast<std::uint64_t>(r.integer(m, 1, std::numeric_limits<std::int64_t>::max(), "max_arrivals"));
  if (const YAML::Node c = root["classes"]; c.IsDefined()) {
    if (!c.IsSequence() || c.size() == 0) r.fail(c, "classes must be a non-empty list of names");
    cfg.classes.clear();
    for (const auto& x : c) {
      auto name = r.identifier(x, "class name");
      if (std::find(cfg.classes.begin(), cfg.classes.end(), name) != cfg.classes.end())
        r.fail(x, "class '" + name + "' is listed twice");
      cfg.classes.push_back(std::move(name));
    }
  }
  const YAML::Node nodes = r.required(root, "nodes", "the scenario");
  r.require_map(nodes, "nodes");
  if (nodes.size() == 0) r.fail(nodes, "nodes must name at least one node");
  std::map<std::string, std::size_t> index;
  std::vector<std::string_view> names;
  for (const auto& kv : nodes) {
    const auto name = r.identifier(kv.first, "node name");
    if (index.count(name)) r.fail(kv.first, "node '" + name + "' is defined twice");
    index[name] = cfg.nodes.size();
    cfg.nodes.push_back({});
    cfg.nodes.back().name = name;
  }
  for (const auto& n : cfg.nodes) names.push_back(n.name);

  bool any_arrivals = false;
  std::size_t i = 0;
  for (const auto& kv : nodes) {
    NodeConfig& node = cfg.nodes[i++];
    const YAML::Node& spec = kv.second;
    const std::string what = "node '" + node.name + "'";
    r.check_keys(spec,
                 {"servers", "schedule", "queue_capacity", "discipline", "service", "arrivals", "patience", "routing"},
                 what);
    node.servers =
        static_cast<std::uint32_t>(r.integer(r.required(spec, "servers", what), 0, max_servers, what + " servers"));
    if (const YAML::Node s = spec["schedule"]; s.IsDefined()) {
      if (!s.IsSequence() || s.size() != 168)
        r.fail(s, what + " schedule must be a list of 168 server counts (Monday 00:00 first)");
      for (const auto& x : s) {
        const auto c = r.integer(x, 0, max_servers, what + " schedule");
        if (c > node.servers) r.fail(x, what + " schedule exceeds servers (" + std::to_string(node.servers) + ")");
        node.schedule.push_back(static_cast<std::uint32_t>(c));
      }
    }
    if (const YAML::Node q = spec["queue_capacity"]; q.IsDefined()) {
      if (!(q.IsScalar() && q.Scalar() == "unlimited"))
        node.queue_capacity = static_cast<std::size_t>(r.integer(
            q, 0, std::numeric_limits<std::int64_t>::max(), what + " queue_capacity (an integer >= 0, or unlimited)"));
    }
    if (const YAML::Node d = spec["discipline"]; d.IsDefined())
      node.discipline = r.choice(d, {"fifo", "priority"}, what + " discipline") == 0 ? sim::QueueDiscipline::fifo
                                                                                     : sim::QueueDiscipline::priority;
    node.service = per_class<sim::Distribution>(
        r, r.required(spec, "service", what), cfg.classes, what + " service",
        [&](const YAML::Node& n, const std::string& w) { return r.distribution(n, w); }, std::nullopt);
    if (const YAML::Node a = spec["arrivals"]; a.IsDefined()) {
      node.arrivals = per_class<std::optional<sim::ArrivalProcess>>(
          r, a, cfg.classes, what + " arrivals",
          [&](const YAML::Node& n, const std::string& w) {
            return std::optional<sim::ArrivalProcess>(parse_arrivals(r, n, w, cfg.hour_length));
          },
          std::optional<std::optional<sim::ArrivalProcess>>(std::nullopt));
      any_arrivals = true;
    } else {
      node.arrivals.assign(cfg.classes.size(), std::nullopt);
    }
    if (const YAML::Node p = spec["patience"]; p.IsDefined()) node.patience = r.distribution(p, what + " patience");
    if (const YAML::Node rt = spec["routing"]; rt.IsDefined()) {
      r.require_map(rt, what + " routing");
      double sum = 0.0;
      for (const auto& dest : rt) {
        const auto target = dest.first.as<std::string>();
        const auto it = index.find(target);
        if (it == index.end())
          r.fail(dest.first, what + " routes to unknown node '" + target + "'; nodes: " + join(names));
        const double p = r.probability(dest.second, what + " routing probability to '" + target + "'");
        sum += p;
        node.routing.emplace_back(it->second, p);
      }
      if (sum > 1.0 + 1e-9) {
        std::ostringstream os;
        os << what << " routing probabilities sum to " << sum << ", above 1 (the rest leaves the network)";
        r.fail(rt, os.str());
      }
    }
    if (node.servers == 0 && node.schedule.empty() && node.queue_capacity.value_or(1) != 0)
      r.fail(r.key_node(spec, "servers"), what + " has 0 servers: give servers >= 1 or queue_capacity: 0");
  }
  if (!any_arrivals) r.fail(nodes, "no node has arrivals: give at least one node an 'arrivals' entry");
  if (const double expected = expected_arrivals(cfg); expected > static_cast<double>(cfg.max_arrivals))
    r.fail(root["max_arrivals"].IsDefined() ? root["max_arrivals"] : r.key_node(root, "horizon"),
           too_many_arrivals(expected, cfg.max_arrivals));
  return cfg;
}

double expected_arrivals(const NetworkConfig& cfg) {
  double sum = 0.0;
  for (const NodeConfig& n : cfg.nodes)
    for (const auto& a : n.arrivals)
      if (a) sum += a->expected(0.0, cfg.warmup + cfg.horizon);
  return sum;
}

}  // namespace zccsim::models::network
