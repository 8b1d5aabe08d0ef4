// SPDX-License-Identifier: MIT
#include "sweep.hpp"

#include "io/summary_json.hpp"
#include "io/yaml_reader.hpp"
#include "results.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <sstream>
#include <string_view>
#include <unordered_set>

namespace zccsim::models {

namespace {

constexpr std::int64_t max_i64 = std::numeric_limits<std::int64_t>::max();

namespace fs = std::filesystem;

std::string position(const std::string& file, const YAML::Node& n) {
  const YAML::Mark m = n.Mark();
  if (m.is_null()) return file;
  return file + ":" + std::to_string(m.line + 1) + ":" + std::to_string(m.column + 1);
}

// Errors of a value given to with_override carry this file name; its
// position inside the value's own text means nothing to the user.
constexpr std::string_view value_origin = "<sweep value>";

// The base with p's settings applied in order; `where(k)` is the prefix of an
// error in setting k.
Scenario apply_settings(const Scenario& base, const SweepPoint& p,
                        const std::function<std::string(std::size_t)>& where) {
  Scenario s = base;
  for (std::size_t k = 0; k < p.settings.size(); ++k) {
    try {
      s = s.with_override(p.settings[k].first, p.settings[k].second, std::string(value_origin));
    } catch (const ScenarioError& err) {
      throw ScenarioError(where(k) + ": " + without_origin(err.what(), value_origin));
    }
  }
  return s;
}

constexpr std::string_view no_precision_kpis = "precision kpis must be a non-empty list of KPI names";

// check_experiment's errors: to `fail`, else a plain ScenarioError.
[[noreturn]] void report(const ExperimentFail& fail, const ExperimentPart& part, const std::string& message) {
  if (fail) fail(part, message);
  throw ScenarioError(message);
}

std::string number_text(double v) {
  std::ostringstream os;
  os << v;
  return os.str();
}

// Summarizes every row per point and hands it on to the sinks.
struct SweepSink final : sim::ResultSink {
  SweepSink(std::size_t points, std::size_t kpis, Sinks to)
      : acc(points, std::vector<sim::RunningSummary>(kpis)), received(points, 0), sinks(to) {
    if (to.memory) memory.emplace(*to.memory);
  }

  void accept(std::size_t, const sim::Task& t, sim::TaskResult&& r) override {
    events += r.events;
    ++received[t.point];
    ++received_new;
    auto& a = acc[t.point];
    for (std::size_t k = 0; k < a.size() && k < r.metrics.size(); ++k) a[k].add(r.metrics[k]);
    if (memory) {
      if (sinks.stream) sinks.stream->accept(row, t, sim::TaskResult(r));  // a copy: memory takes the detail
      memory->accept(row, t, std::move(r));
    } else if (sinks.stream) {
      sinks.stream->accept(row, t, std::move(r));
    }
    ++row;
  }

  std::vector<std::vector<sim::RunningSummary>> acc;  // [point][kpi]
  std::vector<std::uint64_t> received;
  Sinks sinks;
  std::optional<io::ResultsSink> memory;
  std::size_t row = 0;
  std::uint64_t events = 0, received_new = 0;
};

// A YAML value as JSON: booleans, null, numbers; quoted or other scalars
// as strings; lists and maps recursively.
Json yaml_to_json(const YAML::Node& n) {
  if (!n.IsDefined() || n.IsNull()) return Json();
  if (n.IsSequence()) {
    Json a = Json::array();
    for (const auto& x : n) a.push_back(yaml_to_json(x));
    return a;
  }
  if (n.IsMap()) {
    Json o = Json::object();
    for (const auto& kv : n) o[kv.first.Scalar()] = yaml_to_json(kv.second);
    return o;
  }
  const std::string& s = n.Scalar();
  if (n.Tag() == "!") return Json(s);  // quoted
  if (s == "true" || s == "True" || s == "TRUE") return Json(true);
  if (s == "false" || s == "False" || s == "FALSE") return Json(false);
  std::int64_t i = 0;
  const char* end = s.data() + s.size();
  if (auto [p, ec] = std::from_chars(s.data(), end, i); ec == std::errc() && p == end && !s.empty()) return Json(i);
  double d = 0.0;
  if (auto [p, ec] = std::from_chars(s.data(), end, d); ec == std::errc() && p == end && !s.empty() && std::isfinite(d))
    return Json(d);
  return Json(s);
}

}  // namespace

std::string without_origin(std::string msg, std::string_view origin) {
  if (msg.rfind(origin, 0) != 0) return msg;
  std::size_t i = origin.size();
  // ":line:column"
  for (int field = 0; field < 2 && i < msg.size() && msg[i] == ':'; ++field) {
    std::size_t j = i + 1;
    while (j < msg.size() && msg[j] >= '0' && msg[j] <= '9') ++j;
    if (j == i + 1) break;
    i = j;
  }
  if (msg.compare(i, 2, ": ") == 0) i += 2;
  return msg.substr(i);
}

std::string point_label(const std::vector<std::pair<std::string, std::string>>& settings) {
  if (settings.empty()) return "base";
  std::string s;
  for (const auto& [path, value] : settings) s += (s.empty() ? "" : ", ") + path + "=" + value;
  return s;
}

std::string settings_yaml(const SweepPoint& p) {
  YAML::Emitter em;
  em.SetMapFormat(YAML::Flow);
  em.SetSeqFormat(YAML::Flow);
  em << YAML::BeginMap;
  for (const auto& [path, value] : p.settings) em << YAML::Key << path << YAML::Value << parse_yaml(value, path);
  em << YAML::EndMap;
  return em.c_str();
}

std::vector<std::uint64_t> next_replications(std::vector<std::uint64_t> existing, std::uint64_t count) {
  std::sort(existing.begin(), existing.end());
  std::vector<std::uint64_t> out;
  out.reserve(count);
  std::size_t j = 0;
  for (std::uint64_t c = 0; out.size() < count; ++c) {
    while (j < existing.size() && existing[j] < c) ++j;
    if (j < existing.size() && existing[j] == c) continue;
    out.push_back(c);
  }
  return out;
}

Experiment run_of(const Scenario& sc, std::uint64_t seed, std::uint64_t replications,
                  const sim::DetailOptions& first_detail) {
  Experiment e(sc);
  e.points = {{"run", {}}};
  e.seed = seed;
  e.replications = replications;
  e.first_detail = first_detail;
  return e;
}

Scenario point_scenario(const Experiment& e, std::size_t point) {
  const SweepPoint& p = e.points.at(point);
  if (p.settings_applied && p.scenario) return *p.scenario;
  return apply_settings(p.scenario ? *p.scenario : e.base, p, [&](std::size_t k) {
    return (e.path.empty() ? "" : e.path + ": ") + "point '" + p.label + "', setting '" + p.settings[k].first + "'";
  });
}

void check_experiment(Experiment& e, const ExperimentFail& fail) {
  using Part = ExperimentPart::Kind;
  for (std::size_t i = 0; i < e.points.size(); ++i) {
    SweepPoint& p = e.points[i];
    for (std::size_t k = 0; k < p.settings.size(); ++k) {
      try {
        (void)(p.scenario ? *p.scenario : e.base).get(p.settings[k].first);
      } catch (const ScenarioError& err) {
        report(fail, {Part::setting, i, k}, err.what());
      }
    }
    if (p.label.empty()) {  // values as one-line YAML, however they were written
      auto settings = p.settings;
      for (auto& setting : settings) setting.second = flow(parse_yaml(setting.second, setting.first));
      p.label = point_label(settings);
    }
  }
  if (e.points.empty()) e.points.push_back({"base", {}});
  if (e.points.size() > std::numeric_limits<std::uint32_t>::max()) report(fail, {}, "too many points");
  std::unordered_set<std::string_view> labels;
  for (std::size_t i = 0; i < e.points.size(); ++i)
    if (!labels.insert(e.points[i].label).second)
      report(fail, {Part::point, i},
             "point label '" + e.points[i].label + "' is used twice (points need unique labels)");

  if (!e.precision) return;
  Precision& p = *e.precision;
  if (p.kpis.empty()) report(fail, {Part::precision_kpis}, std::string(no_precision_kpis));
  const auto& names = e.base.kpi_names();
  for (std::size_t j = 0; j < p.kpis.size(); ++j)
    if (std::find(names.begin(), names.end(), p.kpis[j]) == names.end())
      report(fail, {Part::precision_kpi, 0, j},
             "unknown precision KPI '" + p.kpis[j] +
                 "'; allowed: " + join(std::vector<std::string_view>(names.begin(), names.end())));
  if (!(p.relative >= 0.0))
    report(fail, {Part::precision_relative}, "precision relative must be >= 0, not " + number_text(p.relative));
  if (!(p.absolute >= 0.0))
    report(fail, {Part::precision_absolute}, "precision absolute must be >= 0, not " + number_text(p.absolute));
  if (p.relative == 0.0 && p.absolute == 0.0)
    report(fail, {Part::precision},
           "precision needs relative or absolute above 0 (a half-width of 0 is never reached)");
  if (p.batch == 0) report(fail, {Part::precision_batch}, "precision batch must be >= 1, not 0");
  if (p.max_replications == 0) {
    p.max_replications = std::max<std::uint64_t>(100, e.replications);
  } else if (p.max_replications < e.replications) {
    report(fail, {Part::precision_max_replications},
           "precision max_replications (" + std::to_string(p.max_replications) + ") must be >= replications (" +
               std::to_string(e.replications) + ")");
  }
}

Experiment load_experiment(const std::string& path) {
  const std::string text = read_file(path, "experiment file");
  {  // the reader's own message would call it a scenario
    const YAML::Node parsed = parse_yaml(text, path);
    if (!parsed.IsMap())
      throw ScenarioError(position(path, parsed) + ": an experiment file must be a YAML map of keys to values");
  }
  const YamlReader r = YamlReader::load_string(text, path);
  const YAML::Node& root = r.root();
  r.check_keys(root, {"base", "description", "replications", "seed", "grid", "points", "steps", "precision"},
               "the experiment");
  // A scenario file named at `node` (relative to the experiment file).
  const auto scenario_at = [&](const YAML::Node& node, const char* what) {
    const std::string name = r.string(node, what);
    const fs::path file = fs::path(name).is_absolute() ? fs::path(name)
                                                       : (fs::path(path).parent_path() / name).lexically_normal();
    std::error_code ec;
    if (!fs::is_regular_file(file, ec) || !std::ifstream(file, std::ios::binary))
      r.fail(node, std::string(what) + " scenario '" + name + "' not found (looked for " + file.string() + ")");
    return Scenario::from_file(file.string());
  };
  Experiment e(scenario_at(r.required(root, "base", "the experiment"), "base"));
  e.path = path;
  e.text = text;
  if (const YAML::Node n = root["replications"]; n.IsDefined())
    e.replications = static_cast<std::uint64_t>(r.integer(n, 1, max_i64, "replications"));
  if (const YAML::Node n = root["seed"]; n.IsDefined())
    e.seed = static_cast<std::uint64_t>(r.integer(n, 0, max_i64, "seed"));
  if (const YAML::Node n = root["steps"]; n.IsDefined()) e.steps = r.boolean(n, "steps");

  // Points, with the experiment-file nodes of each setting's key and value,
  // and of each point, for errors. Labels and key paths: check_experiment.
  std::vector<std::vector<YAML::Node>> key_nodes, value_nodes;
  std::vector<YAML::Node> point_nodes;
  if (const YAML::Node grid = root["grid"]; grid.IsDefined()) {
    r.require_map(grid, "grid");
    if (grid.size() == 0) r.fail(grid, "the grid is empty; give key paths with lists of values");
    struct Axis {
      std::string path;
      YAML::Node key;
      std::vector<YAML::Node> values;
    };
    std::vector<Axis> axes;
    for (const auto& kv : grid) {
      Axis a{r.string(kv.first, "a grid key path"), kv.first, {}};
      if (!kv.second.IsSequence()) r.fail(kv.second, "grid '" + a.path + "' must be a list of values, e.g. [1, 2]");
      if (kv.second.size() == 0) r.fail(kv.second, "grid '" + a.path + "' is an empty list; give at least one value");
      if (kv.second.size() > max_sweep_points)
        r.fail(kv.second, "grid '" + a.path + "' lists " + std::to_string(kv.second.size()) +
                              " values; a sweep has at most " + std::to_string(max_sweep_points) + " points");
      std::unordered_set<std::string> seen;
      for (const auto& v : kv.second) {
        std::string t = flow(v);
        if (seen.count(t)) r.fail(v, "grid '" + a.path + "' lists the value " + t + " twice");
        seen.insert(std::move(t));
        a.values.push_back(v);
      }
      axes.push_back(std::move(a));
    }
    std::uint64_t size = 1;  // checked before a point is built
    for (const Axis& a : axes) {
      size *= a.values.size();  // each <= max_sweep_points: a product above the limit stops before it overflows
      if (size > max_sweep_points)
        r.fail(grid, "the grid has more than " + std::to_string(max_sweep_points) +
                         " points (the product of its lists' lengths); a sweep has at most " +
                         std::to_string(max_sweep_points) + " points: split it into several experiments");
    }
    std::vector<std::size_t> at(axes.size(), 0);  // an odometer: the last key turns fastest
    for (;;) {
      SweepPoint p;
      std::vector<YAML::Node> keys, nodes;
      for (std::size_t i = 0; i < axes.size(); ++i) {
        p.settings.emplace_back(axes[i].path, flow(axes[i].values[at[i]]));
        keys.push_back(axes[i].key);
        nodes.push_back(axes[i].values[at[i]]);
      }
      point_nodes.push_back(nodes.front());
      e.points.push_back(std::move(p));
      key_nodes.push_back(std::move(keys));
      value_nodes.push_back(std::move(nodes));
      std::size_t i = axes.size();
      while (i > 0 && ++at[i - 1] == axes[i - 1].values.size()) at[--i] = 0;
      if (i == 0) break;
    }
  }
  if (const YAML::Node points = root["points"]; points.IsDefined()) {
    if (!points.IsSequence() || points.size() == 0)
      r.fail(points, "points must be a non-empty list of {label, set} maps");
    if (e.points.size() + points.size() > max_sweep_points)
      r.fail(points, "the grid and points give " + std::to_string(e.points.size() + points.size()) +
                         " points; a sweep has at most " + std::to_string(max_sweep_points) + " points");
    for (const auto& item : points) {
      r.check_keys(item, {"label", "scenario", "set"}, "a point");
      SweepPoint p;
      if (const YAML::Node file = item["scenario"]; file.IsDefined()) p.scenario = scenario_at(file, "point");
      std::vector<YAML::Node> keys, nodes;
      if (const YAML::Node set = item["set"]; set.IsDefined()) {
        r.require_map(set, "a point's set");
        for (const auto& kv : set) {
          p.settings.emplace_back(r.string(kv.first, "a key path"), flow(kv.second));
          keys.push_back(kv.first);
          nodes.push_back(kv.second);
        }
      }
      if (const YAML::Node label = item["label"]; label.IsDefined()) {
        p.label = r.string(label, "a point label");
        if (p.label.empty()) r.fail(label, "a point label must not be empty");
        point_nodes.push_back(label);
      } else {
        point_nodes.push_back(item);
      }
      e.points.push_back(std::move(p));
      key_nodes.push_back(std::move(keys));
      value_nodes.push_back(std::move(nodes));
    }
  }

  const YAML::Node prec = root["precision"];
  if (prec.IsDefined()) {
    r.check_keys(prec, {"kpis", "relative", "absolute", "max_replications", "batch"}, "precision");
    Precision p;
    const YAML::Node kpis = r.required(prec, "kpis", "precision");
    if (!kpis.IsSequence()) r.fail(kpis, std::string(no_precision_kpis));
    for (const auto& k : kpis) p.kpis.push_back(r.string(k, "precision KPI"));
    if (const YAML::Node n = prec["relative"]; n.IsDefined()) p.relative = r.number(n, "precision relative");
    if (const YAML::Node n = prec["absolute"]; n.IsDefined()) p.absolute = r.number(n, "precision absolute");
    if (const YAML::Node n = prec["batch"]; n.IsDefined())
      p.batch = static_cast<std::uint64_t>(r.integer(n, 1, max_i64, "precision batch"));
    if (const YAML::Node n = prec["max_replications"]; n.IsDefined())  // 0 is not a way to ask for the default here
      p.max_replications = static_cast<std::uint64_t>(r.integer(n, 1, max_i64, "precision max_replications"));
    e.precision = std::move(p);
  }

  check_experiment(e, [&](const ExperimentPart& part, const std::string& message) {
    const auto in_precision = [&](const char* key) {
      const YAML::Node n = prec[key];
      return n.IsDefined() ? n : prec;
    };
    switch (part.kind) {
      case ExperimentPart::Kind::experiment:
        r.fail(root, message);
      case ExperimentPart::Kind::point:
        r.fail(part.point < point_nodes.size() ? point_nodes[part.point] : root, message);
      case ExperimentPart::Kind::setting:
        r.fail(key_nodes.at(part.point).at(part.index), message);
      case ExperimentPart::Kind::precision:
        r.fail(prec, message);
      case ExperimentPart::Kind::precision_kpis:
        r.fail(in_precision("kpis"), message);
      case ExperimentPart::Kind::precision_kpi:
        r.fail(prec["kpis"][part.index], message);
      case ExperimentPart::Kind::precision_relative:
        r.fail(in_precision("relative"), message);
      case ExperimentPart::Kind::precision_absolute:
        r.fail(in_precision("absolute"), message);
      case ExperimentPart::Kind::precision_max_replications:
        r.fail(in_precision("max_replications"), message);
      case ExperimentPart::Kind::precision_batch:
        r.fail(in_precision("batch"), message);
    }
    r.fail(root, message);
  });
  value_nodes.resize(e.points.size());  // check_experiment adds "base" to an experiment without points

  // Every point's scenario, validated once here so a bad value fails before
  // anything runs. Steps: a point without a scenario of its own starts from
  // the previous point's.
  std::optional<Scenario> previous;
  for (std::size_t i = 0; i < e.points.size(); ++i) {
    SweepPoint& p = e.points[i];
    if (e.steps && !p.scenario && previous) p.scenario = previous;
    Scenario s = apply_settings(p.scenario ? *p.scenario : e.base, p, [&](std::size_t k) {
      return position(path, value_nodes[i][k]) + ": point '" + p.label + "'";
    });
    if (e.steps) previous = s;
    if (s.kpi_names() != e.base.kpi_names())
      r.fail(point_nodes[i], "point '" + p.label +
                                 "': its KPIs differ from the base scenario's (a sweep's points must keep the "
                                 "network's nodes and classes, an acute scenario's sub-regions)");
  }
  return e;
}

ExperimentReport run_experiment(const Experiment& e, const sim::ExecutionControl& control,
                                const sim::Executor& executor, Sinks sinks, const io::Results* existing) {
  const std::size_t n_points = e.points.size();
  if (n_points == 0) throw ScenarioError("the experiment has no points");
  if (n_points > std::numeric_limits<std::uint32_t>::max()) throw ScenarioError("the experiment has too many points");
  std::vector<Scenario> scenarios;
  for (std::size_t p = 0; p < n_points; ++p) {
    scenarios.push_back(point_scenario(e, p));
    if (scenarios.back().kpi_names() != e.base.kpi_names())
      throw ScenarioError("point '" + e.points[p].label + "': its KPIs differ from the base scenario's");
  }
  ExperimentReport result;
  const std::vector<std::string>& kpi_names = e.base.kpi_names();
  const std::size_t n_kpis = kpi_names.size();
  if (sinks.memory && sinks.memory->kpi_names != kpi_names)
    throw std::invalid_argument("run_experiment: the in-memory results have other KPI names than the experiment");
  std::vector<std::size_t> precision_kpis;
  if (e.precision) {
    for (const auto& name : e.precision->kpis) {
      const auto it = std::find(kpi_names.begin(), kpi_names.end(), name);
      if (it == kpi_names.end()) throw ScenarioError("precision: '" + name + "' is not a KPI of the base scenario");
      precision_kpis.push_back(static_cast<std::size_t>(it - kpi_names.begin()));
    }
    if (e.precision->batch == 0 || e.precision->max_replications == 0)
      throw ScenarioError("precision: batch and max_replications must be >= 1 (check_experiment sets the default)");
  }

  SweepSink sink(n_points, n_kpis, sinks);
  std::vector<std::vector<std::uint64_t>> issued(n_points);  // replication indices per point, existing included
  if (existing) {
    if (existing->point.size() != existing->rows() || existing->values.size() != existing->rows() * n_kpis)
      throw ScenarioError("the existing results do not fit the experiment (" + std::to_string(existing->values.size()) +
                          " values in " + std::to_string(existing->rows()) + " rows; the experiment has " +
                          std::to_string(n_kpis) + " KPIs)");
    for (std::size_t i = 0; i < existing->rows(); ++i) {
      const std::uint32_t p = existing->point[i];
      if (p >= n_points)
        throw ScenarioError("the existing results do not fit the experiment (a row of point " + std::to_string(p) +
                            "; the experiment has " + std::to_string(n_points) + " points)");
      issued[p].push_back(existing->replication[i]);
      ++sink.received[p];
      const std::span<const double> row = existing->row(i);
      for (std::size_t k = 0; k < n_kpis; ++k) sink.acc[p][k].add(row[k]);
    }
  }

  // Precise: the rule would stop the point (its first `replications` rows
  // are there, and every listed KPI meets the target).
  std::vector<bool> precise(n_points, false);
  auto update_precise = [&] {
    for (std::size_t p = 0; p < n_points; ++p) {
      bool ok = sink.received[p] >= std::min(e.replications, e.precision->max_replications);
      for (std::size_t k : precision_kpis) {
        const sim::Summary s = sink.acc[p][k].summary();
        ok = ok && s.n >= 2 && std::isfinite(s.ci95) &&
             s.ci95 <= std::max(e.precision->relative * std::abs(s.mean), e.precision->absolute);
      }
      precise[p] = ok;
    }
  };

  // With precision a point is judged only at the counts first, first + batch,
  // first + 2 batch, ... (capped): a point resumed from an interrupted run
  // is first brought to the next such count, so it is judged where an
  // uninterrupted sweep would have judged it. The smallest one >= n:
  auto checkpoint = [&](std::uint64_t n) -> std::uint64_t {
    const std::uint64_t cap = e.precision->max_replications, first = std::min(e.replications, cap);
    if (n <= first) return first;
    if (n >= cap) return n;
    const std::uint64_t steps = (n - first + e.precision->batch - 1) / e.precision->batch;
    return std::min(cap, first + steps * e.precision->batch);
  };

  const sim::TaskFn fn = [&](const sim::Task& t) {
    const bool first = t.point == 0 && t.replication == 0;
    return scenarios[t.point].run(e.seed, t.replication, first ? e.first_detail : sim::DetailOptions{});
  };
  std::size_t done_before = 0;
  std::uint64_t events_before = 0;
  for (std::size_t round = 0;; ++round) {
    std::vector<std::uint64_t> want(n_points, 0);
    if (round == 0) {
      for (std::size_t p = 0; p < n_points; ++p) {
        const std::uint64_t have = issued[p].size();
        want[p] = e.precision ? checkpoint(have) - have : e.replications;
      }
    } else {
      if (!e.precision) break;
      update_precise();
      for (std::size_t p = 0; p < n_points; ++p) {
        const std::uint64_t have = issued[p].size();
        if (!precise[p] && have < e.precision->max_replications)
          want[p] = std::min(e.precision->batch, e.precision->max_replications - have);
      }
    }
    const std::uint64_t most = *std::max_element(want.begin(), want.end());
    if (most == 0) {
      if (round == 0) continue;  // with precision: enough rows already; check them
      break;
    }
    std::vector<std::vector<std::uint64_t>> next(n_points);
    for (std::size_t p = 0; p < n_points; ++p) {
      next[p] = next_replications(issued[p], want[p]);
      issued[p].insert(issued[p].end(), next[p].begin(), next[p].end());
    }
    std::vector<sim::Task> tasks;
    for (std::uint64_t j = 0; j < most; ++j)
      for (std::size_t p = 0; p < n_points; ++p)
        if (j < want[p]) tasks.push_back({static_cast<std::uint32_t>(p), next[p][j]});
    sim::ExecutionControl c = control;
    if (control.progress) {
      const std::size_t total_before = done_before;
      c.progress = [&control, total_before, events_before](std::size_t done, std::size_t total, std::uint64_t ev) {
        control.progress(total_before + done, total_before + total, events_before + ev);
      };
    }
    const std::uint64_t events_start = sink.events;
    const sim::ExecutionReport report = executor(tasks, fn, sink, c);
    ++result.rounds;
    done_before += tasks.size();
    events_before += sink.events - events_start;
    if (report.stopped) {
      result.complete = false;
      break;
    }
  }
  if (e.precision) {
    update_precise();
    result.precise = precise;
  }

  result.events = sink.events;
  result.replications = sink.received;
  result.kpis.resize(n_points);
  for (std::size_t p = 0; p < n_points; ++p)
    for (std::size_t k = 0; k < n_kpis; ++k) result.kpis[p].push_back(sink.acc[p][k].summary());
  result.added = sink.received_new;
  if (sinks.memory) {
    io::sort_rows(*sinks.memory);
    sinks.memory->complete = result.complete;
    sinks.memory->precise = result.precise;
  }
  return result;
}

io::Results experiment_header(const Experiment& e) {
  io::Results h = results_header(e.base, e.seed);
  for (const auto& p : e.points) {
    h.point_labels.push_back(p.label);
    h.point_settings.push_back(settings_yaml(p));
  }
  h.experiment_text = e.text;
  if (std::any_of(e.points.begin(), e.points.end(), [](const SweepPoint& p) { return p.scenario.has_value(); }))
    for (std::size_t p = 0; p < e.points.size(); ++p) h.point_scenarios.push_back(point_scenario(e, p).text());
  return h;
}

StepDifferences step_differences(const io::Results& r, std::uint32_t points) {
  if (points == 0) throw std::invalid_argument("step_differences: no points");
  StepDifferences s;
  s.start = io::point_summaries(r, 0);
  for (std::uint32_t p = 1; p < points; ++p) s.steps.push_back(io::paired_differences(r, p, p - 1));
  s.total = io::paired_differences(r, points - 1, 0);
  return s;
}

Json to_json(const Experiment& e, const StepDifferences& s) {
  Json j = Json::object();
  j["from"] = e.points.at(0).label;
  Json& kpis = j["kpis"];
  kpis = Json::object();
  const auto& names = e.base.kpi_names();
  for (std::size_t k = 0; k < names.size(); ++k) {
    Json& entry = kpis[names[k]];
    put_summary(entry["start"], s.start.at(k));
    Json& by_step = entry["steps"];
    by_step = Json::object();
    for (std::size_t p = 1; p < e.points.size(); ++p) put_summary(by_step[e.points[p].label], s.steps.at(p - 1).at(k));
    put_summary(entry["total"], s.total.at(k));
  }
  return j;
}

Json to_json(const Experiment& e, const ExperimentReport& r) {
  Json j = command_document("sweep", e.base.model_name(), e.seed, r.complete);
  Json& points = j["points"];
  points = Json::array();
  for (std::size_t p = 0; p < e.points.size(); ++p) {
    Json pt = Json::object();
    pt["label"] = e.points[p].label;
    Json& settings = pt["settings"];
    settings = Json::object();
    for (const auto& [path, value] : e.points[p].settings) settings[path] = yaml_to_json(parse_yaml(value, path));
    pt["replications"] = p < r.replications.size() ? r.replications[p] : std::uint64_t{0};
    if (p < r.precise.size()) pt["precise"] = static_cast<bool>(r.precise[p]);
    Json& kpis = pt["kpis"];
    kpis = Json::object();
    const std::vector<std::string>& names = e.base.kpi_names();
    for (std::size_t k = 0; k < names.size() && p < r.kpis.size(); ++k) put_summary(kpis[names[k]], r.kpis[p][k]);
    points.push_back(std::move(pt));
  }
  return j;
}

}  // namespace zccsim::models
