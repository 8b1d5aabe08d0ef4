// SPDX-License-Identifier: MIT
#include "uncertainty.hpp"

#include "io/summary_json.hpp"
#include "io/yaml_reader.hpp"
#include "registry.hpp"
#include "sim/kpi.hpp"

#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/triangular.hpp>
#include <boost/math/distributions/uniform.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>

namespace zccsim::models {

namespace {

namespace fs = std::filesystem;
namespace sa = sim::sensitivity;

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

std::string number_text(double v) {
  char buf[32];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);  // shortest text that reads back as v
  return ec == std::errc() ? std::string(buf, end) : std::to_string(v);
}

std::string position(const YamlReader& r, const YAML::Node& n) {
  const YAML::Mark m = n.Mark();
  const std::string& file = r.file_of(n);
  if (m.is_null()) return file;
  return file + ":" + std::to_string(m.line + 1) + ":" + std::to_string(m.column + 1);
}

// A scalar that reads as a finite number; `integer`: written without a
// fraction or exponent.
bool numeric(const YAML::Node& n, bool* integer = nullptr) {
  if (!n.IsScalar() || n.Tag() == "!") return false;
  const std::string& s = n.Scalar();
  double v = 0.0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty() || !std::isfinite(v)) return false;
  if (integer) *integer = s.find_first_of(".eE") == std::string::npos;
  return true;
}

double as_number(const YAML::Node& n) { return std::stod(n.Scalar()); }

// Two values of one shape: maps with the same keys, lists of one length,
// numbers at the leaves (other scalars equal). `why` says where they differ.
bool same_shape(const YAML::Node& a, const YAML::Node& b, const std::string& at, std::string& why) {
  if (a.IsMap() && b.IsMap()) {
    if (a.size() != b.size()) {
      why = "the maps at " + at + " have different keys";
      return false;
    }
    for (const auto& kv : a) {
      const std::string key = kv.first.Scalar();
      if (!b[key].IsDefined()) {
        why = "'" + key + "' at " + at + " is only in the lower end";
        return false;
      }
      if (!same_shape(kv.second, b[key], at + "." + key, why)) return false;
    }
    return true;
  }
  if (a.IsSequence() && b.IsSequence()) {
    if (a.size() != b.size()) {
      why = "the lists at " + at + " differ in length";
      return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i)
      if (!same_shape(a[i], b[i], at + "[" + std::to_string(i) + "]", why)) return false;
    return true;
  }
  if (a.IsScalar() && b.IsScalar()) {
    if (numeric(a) && numeric(b)) return true;
    if (a.Scalar() == b.Scalar()) return true;
    why = "the values at " + at + " are neither numbers nor equal";
    return false;
  }
  why = "the values at " + at + " differ in kind";
  return false;
}

// The leafwise value a + t (b - a); leaves that are integers at both ends
// are rounded.
YAML::Node interpolate(const YAML::Node& a, const YAML::Node& b, double t) {
  if (a.IsMap()) {
    YAML::Node out(YAML::NodeType::Map);
    for (const auto& kv : a) out[kv.first.Scalar()] = interpolate(kv.second, b[kv.first.Scalar()], t);
    return out;
  }
  if (a.IsSequence()) {
    YAML::Node out(YAML::NodeType::Sequence);
    for (std::size_t i = 0; i < a.size(); ++i) out.push_back(interpolate(a[i], b[i], t));
    return out;
  }
  bool ia = false, ib = false;
  if (!numeric(a, &ia) || !numeric(b, &ib)) return YAML::Clone(a);
  const double v = as_number(a) + t * (as_number(b) - as_number(a));
  return YAML::Node(ia && ib ? number_text(std::round(v)) : number_text(v));
}

const std::vector<std::string_view> distribution_keys{"uniform", "triangular", "normal"};

// The numbers of a distribution's list: exactly `count`.
std::vector<double> numbers(const YamlReader& r, const YAML::Node& n, std::size_t count, const std::string& what) {
  if (!n.IsSequence() || n.size() != count)
    r.fail(n, what + " must be a list of " + std::to_string(count) + " numbers");
  std::vector<double> out;
  for (const auto& x : n) out.push_back(r.number(x, what));
  return out;
}

}  // namespace

double UncertainParameter::value(double u) const {
  u = std::clamp(u, 0.0, 1.0);
  double x = lo;
  switch (kind) {
    case Kind::uniform:
      x = boost::math::quantile(boost::math::uniform_distribution<double>(lo, hi), u);
      break;
    case Kind::triangular:
      x = boost::math::quantile(boost::math::triangular_distribution<double>(args[0], args[1], args[2]), u);
      break;
    case Kind::normal: {  // truncated to [lo, hi]
      const boost::math::normal_distribution<double> d(args[0], args[1]);
      const double a = boost::math::cdf(d, lo), b = boost::math::cdf(d, hi);
      const double p = a + u * (b - a);
      x = p <= 0.0 ? lo : p >= 1.0 ? hi : boost::math::quantile(d, p);
      break;
    }
  }
  x = std::clamp(x, lo, hi);
  return integer ? std::round(x) : x;
}

std::string UncertainParameter::yaml(double x) const {
  if (at_lo.empty()) {
    if (integer) return number_text(std::round(x));
    std::string t = number_text(x);  // a real parameter stays one when the value is whole ("1.0")
    if (t.find_first_of(".eE") == std::string::npos) t += ".0";
    return t;
  }
  const double t = hi > lo ? (x - lo) / (hi - lo) : 0.0;
  return flow(interpolate(parse_yaml(at_lo, "<uncertain: between>"), parse_yaml(at_hi, "<uncertain: between>"), t));
}

std::string UncertainParameter::describe() const {
  std::string s;
  switch (kind) {
    case Kind::uniform:
      s = "uniform [" + number_text(args[0]) + ", " + number_text(args[1]) + "]";
      break;
    case Kind::triangular:
      s = "triangular [" + number_text(args[0]) + ", " + number_text(args[1]) + ", " + number_text(args[2]) + "]";
      break;
    case Kind::normal:
      s = "normal [" + number_text(args[0]) + ", " + number_text(args[1]) + "] in [" + number_text(lo) + ", " +
          number_text(hi) + "]";
      break;
  }
  if (integer) s += ", integer";
  if (!at_lo.empty()) s += ", between two values (at lo and at hi)";
  return s;
}

std::vector<UncertainParameter> parse_uncertain(const YamlReader& r, const YAML::Node& section,
                                                const std::vector<const YamlReader*>& scenarios) {
  std::vector<UncertainParameter> out;
  if (!section.IsDefined()) return out;
  if (!section.IsMap())
    r.fail(section, "uncertain must be a map of key paths to distributions, e.g. \"triage.dispatch."
                    "warm_transfer_share\": {uniform: [0.2, 0.8], why: no pilot figures}");
  for (const auto& kv : section) {
    UncertainParameter p;
    p.path = r.string(kv.first, "an uncertain key path");
    p.where = position(r, kv.first);
    const std::string what = "uncertain '" + p.path + "'";
    const YAML::Node& e = kv.second;
    if (!e.IsMap()) r.fail(e, what + " must be a map: a distribution (" + join(distribution_keys) + ") and why");
    r.check_keys(e, {"uniform", "triangular", "normal", "bounds", "between", "integer", "why", "source"}, what);
    std::size_t given = 0;
    for (const auto k : distribution_keys)
      if (e[std::string(k)].IsDefined()) ++given;
    if (given != 1)
      r.fail(e, what + " needs exactly one distribution: " + join(distribution_keys) + " (it has " +
                    std::to_string(given) + ")");
    if (const YAML::Node n = e["uniform"]; n.IsDefined()) {
      p.kind = UncertainParameter::Kind::uniform;
      p.args = numbers(r, n, 2, what + " uniform [lo, hi]");
      p.lo = p.args[0];
      p.hi = p.args[1];
      if (!(p.lo < p.hi)) r.fail(n, what + " uniform [lo, hi] needs lo < hi, not [" + flow(n).substr(1));
    } else if (const YAML::Node t = e["triangular"]; t.IsDefined()) {
      p.kind = UncertainParameter::Kind::triangular;
      p.args = numbers(r, t, 3, what + " triangular [lo, mode, hi]");
      p.lo = p.args[0];
      p.hi = p.args[2];
      if (!(p.lo < p.hi) || p.args[1] < p.lo || p.args[1] > p.hi)
        r.fail(t, what + " triangular [lo, mode, hi] needs lo <= mode <= hi and lo < hi, not " + flow(t));
    } else {
      const YAML::Node g = e["normal"];
      p.kind = UncertainParameter::Kind::normal;
      p.args = numbers(r, g, 2, what + " normal [mean, sd]");
      if (!(p.args[1] > 0.0)) r.fail(g, what + " normal [mean, sd] needs sd > 0, not " + flow(g));
      const YAML::Node b = e["bounds"];
      if (!b.IsDefined())
        r.fail(r.key_node(e, "normal"), what + " normal needs bounds: [lo, hi] (the values a sample may take)");
      const auto lh = numbers(r, b, 2, what + " bounds [lo, hi]");
      p.lo = lh[0];
      p.hi = lh[1];
      if (!(p.lo < p.hi) || p.args[0] < p.lo || p.args[0] > p.hi)
        r.fail(b, what + " bounds [lo, hi] need lo < hi with the mean between them, not " + flow(b));
    }
    if (e["bounds"].IsDefined() && p.kind != UncertainParameter::Kind::normal)
      r.fail(r.key_node(e, "bounds"), what + ": bounds go with normal only (uniform and triangular have their ends)");
    const YAML::Node why = e["why"];
    if (!why.IsDefined()) r.fail(kv.first, what + " needs why: the reason for its range");
    p.why = r.string(why, what + " why");
    if (p.why.empty()) r.fail(why, what + " why must not be empty");
    if (const YAML::Node s = e["source"]; s.IsDefined()) p.source = r.string(s, what + " source");

    const YAML::Node between = e["between"];
    if (between.IsDefined()) {
      if (!between.IsSequence() || between.size() != 2)
        r.fail(between, what + " between must be a list of two values: the value at lo and at hi");
      std::string why_not;
      if (!same_shape(between[0], between[1], "the value", why_not))
        r.fail(between, what + " between: the two values must have one shape with numbers to interpolate; " + why_not);
      p.at_lo = flow(between[0]);
      p.at_hi = flow(between[1]);
    }
    for (const YamlReader* s : scenarios) {
      YAML::Node nominal;
      try {
        nominal = s->get(p.path);
      } catch (const ScenarioError& err) {
        r.fail(kv.first, what + ": " + err.what());
      }
      if (between.IsDefined()) continue;
      bool integer = false;
      if (!numeric(nominal, &integer))
        r.fail(kv.first, what + ": the value there (" + flow(nominal) +
                             ") is not a number; give between: [value at lo, value at hi]");
      p.integer = integer;
      if (const YAML::Node i = e["integer"]; i.IsDefined()) p.integer = r.boolean(i, what + " integer");
      if (p.integer && std::round(p.lo) == std::round(p.hi))
        r.fail(kv.first, what +
                             ": an integer parameter (its value is written as an integer) needs a range "
                             "whose ends round to two integers, not " +
                             p.describe());
    }
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<UncertainParameter> uncertain_parameters(const Scenario& s) {
  const YamlReader& r = s.reader();
  return parse_uncertain(r, r.root()["uncertain"], {&r});
}

void check_ends(const Scenario& s, const std::vector<UncertainParameter>& parameters) {
  for (const auto& p : parameters) {
    if (p.dummy) continue;
    for (const bool upper : {false, true}) {
      const std::string value = p.yaml(p.value(upper ? 1.0 : 0.0));
      const std::string origin = p.where + " (uncertain '" + p.path + "')";
      try {
        (void)s.with_override(p.path, value, origin);
      } catch (const ScenarioError& err) {
        throw ScenarioError(p.where + ": uncertain '" + p.path + "': its " + (upper ? "upper" : "lower") + " end (" +
                            value + ") is rejected by " + s.path() + ": " + without_origin(err.what(), origin));
      }
    }
  }
}

std::string_view method_name(SampleDesign::Method m) noexcept {
  switch (m) {
    case SampleDesign::Method::morris:
      return "morris";
    case SampleDesign::Method::sobol:
      return "sobol";
    case SampleDesign::Method::lhs:
      return "lhs";
  }
  return "morris";
}

namespace {

// Same distribution (the union of the variants' sections).
bool same_distribution(const UncertainParameter& a, const UncertainParameter& b) {
  return a.kind == b.kind && a.args == b.args && a.lo == b.lo && a.hi == b.hi && a.at_lo == b.at_lo &&
         a.at_hi == b.at_hi && a.integer == b.integer;
}

UncertainParameter dummy_parameter() {
  UncertainParameter d;
  d.path = "dummy";
  d.dummy = true;
  d.args = {0.0, 1.0};
  d.why = "a parameter nothing reads: its sensitivity index must come out with an interval covering 0";
  return d;
}

// The unit-cube points of the design for k parameters.
void make_design(const SampleDesign& d, std::size_t k, std::uint64_t seed, sa::Points& unit,
                 std::optional<sa::MorrisDesign>& morris, std::optional<sa::SaltelliDesign>& saltelli) {
  switch (d.method) {
    case SampleDesign::Method::morris:
      morris = sa::morris_design(k, d.trajectories, d.levels, seed);
      unit = morris->points;
      break;
    case SampleDesign::Method::sobol:
      saltelli = sa::saltelli_design(d.n, k);
      unit = saltelli->points;
      break;
    case SampleDesign::Method::lhs:
      unit = sa::latin_hypercube(d.n, k, seed);
      break;
  }
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ScenarioError(path + ": cannot open the experiment file");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

Uncertainty load_uncertainty(const std::string& path) {
  const std::string text = read_text(path);
  {
    YAML::Node parsed;
    try {
      parsed = parse_yaml(text, path);
    } catch (const YAML::Exception&) {  // reported with its position below
    }
    if (parsed.IsDefined() && !parsed.IsMap())
      throw ScenarioError(path + ": an uncertainty experiment file must be a YAML map of keys to values");
  }
  const YamlReader r = YamlReader::load_string(text, path);
  const YAML::Node& root = r.root();
  r.check_keys(root, {"description", "variants", "sample", "replications", "seed", "horizon_days", "kpis", "uncertain"},
               "an uncertainty experiment");

  // the variants
  const YAML::Node vs = r.required(root, "variants", "an uncertainty experiment");
  if (!vs.IsSequence() || vs.size() == 0)
    r.fail(vs, "variants must be a non-empty list of scenario files (the first is the reference)");
  std::vector<Scenario> scenarios;
  std::vector<std::string> labels;
  std::vector<YAML::Node> variant_nodes;
  for (const auto& item : vs) {
    YAML::Node file = item;
    std::string label;
    if (item.IsMap()) {
      r.check_keys(item, {"label", "scenario"}, "a variant");
      file.reset(r.required(item, "scenario", "a variant"));
      if (const YAML::Node l = item["label"]; l.IsDefined()) {
        label = r.string(l, "a variant label");
        if (label.empty()) r.fail(l, "a variant label must not be empty");
      }
    }
    const std::string name = r.string(file, "a variant scenario file");
    const fs::path f = fs::path(name).is_absolute() ? fs::path(name)
                                                    : (fs::path(path).parent_path() / name).lexically_normal();
    std::error_code ec;
    if (!fs::is_regular_file(f, ec) || !std::ifstream(f, std::ios::binary))
      r.fail(file, "variant scenario '" + name + "' not found (looked for " + f.string() + ")");
    if (label.empty()) label = f.stem().string();
    if (std::find(labels.begin(), labels.end(), label) != labels.end())
      r.fail(item, "variant label '" + label + "' is used twice (give {label: ..., scenario: ...})");
    labels.push_back(label);
    scenarios.push_back(Scenario::from_file(f.string()));
    variant_nodes.push_back(item);
    if (scenarios.back().kpi_names() != scenarios.front().kpi_names())
      r.fail(item, "variant '" + label + "': its KPIs differ from the first variant's");
  }
  if (const YAML::Node h = root["horizon_days"]; h.IsDefined()) {
    const std::string v = std::to_string(r.integer(h, 1, 36525, "horizon_days"));
    for (std::size_t i = 0; i < scenarios.size(); ++i) {
      try {
        scenarios[i] = scenarios[i].with_override("horizon_days", v, "<horizon_days>");
      } catch (const ScenarioError& err) {
        r.fail(h, "variant '" + labels[i] + "': horizon_days: " + without_origin(err.what(), "<horizon_days>"));
      }
    }
  }

  Experiment e(scenarios.front());
  e.path = path;
  e.text = text;
  if (const YAML::Node n = root["replications"]; n.IsDefined())
    e.replications = static_cast<std::uint64_t>(r.integer(n, 1, 1000000, "replications"));
  else e.replications = 5;
  if (const YAML::Node n = root["seed"]; n.IsDefined())
    e.seed = static_cast<std::uint64_t>(r.integer(n, 0, std::numeric_limits<std::int64_t>::max(), "seed"));

  Uncertainty u(std::move(e));
  u.path = path;
  u.text = text;
  u.variant_labels = labels;

  // the parameters: each variant's, then the experiment's own, then the dummy
  for (std::size_t v = 0; v < scenarios.size(); ++v) {
    for (auto& p : uncertain_parameters(scenarios[v])) {
      const auto it = std::find_if(u.parameters.begin(), u.parameters.end(),
                                   [&](const UncertainParameter& q) { return q.path == p.path; });
      if (it == u.parameters.end()) {
        p.variants = {v};
        u.parameters.push_back(std::move(p));
      } else if (!same_distribution(*it, p)) {
        throw ScenarioError(p.where + ": uncertain '" + p.path + "' is " + p.describe() + " in variant '" + labels[v] +
                            "' but " + it->describe() + " in variant '" + labels[it->variants.front()] + "' (" +
                            it->where + "); one key path is one parameter: give it one distribution");
      } else {
        it->variants.push_back(v);
      }
    }
  }
  {
    std::vector<const YamlReader*> readers;
    readers.reserve(scenarios.size());
    for (const auto& s : scenarios) readers.push_back(&s.reader());
    for (auto& p : parse_uncertain(r, root["uncertain"], readers)) {
      const auto it = std::find_if(u.parameters.begin(), u.parameters.end(),
                                   [&](const UncertainParameter& q) { return q.path == p.path; });
      if (it != u.parameters.end() && !same_distribution(*it, p))
        throw ScenarioError(p.where + ": uncertain '" + p.path + "' is " + p.describe() + " here but " +
                            it->describe() + " in variant '" + labels[it->variants.front()] + "' (" + it->where + ")");
      if (it != u.parameters.end()) {
        it->variants.clear();
        for (std::size_t v = 0; v < scenarios.size(); ++v) it->variants.push_back(v);
        it->where = p.where;
      } else {
        for (std::size_t v = 0; v < scenarios.size(); ++v) p.variants.push_back(v);
        u.parameters.push_back(std::move(p));
      }
    }
  }
  if (u.parameters.empty())
    r.fail(vs, "no uncertain parameters: give an uncertain: section in a variant or in the experiment");
  u.parameters.push_back(dummy_parameter());

  // the design
  const YAML::Node sample = r.required(root, "sample", "an uncertainty experiment");
  r.require_map(sample, "sample");
  r.check_keys(sample, {"method", "trajectories", "levels", "n"}, "sample");
  const YAML::Node method = r.required(sample, "method", "sample");
  u.design.method = static_cast<SampleDesign::Method>(r.choice(method, {"morris", "sobol", "lhs"}, "sample method"));
  const auto only = [&](std::initializer_list<const char*> keys) {
    for (const char* k : {"trajectories", "levels", "n"}) {
      if (!sample[k].IsDefined()) continue;
      if (std::find_if(keys.begin(), keys.end(), [&](const char* x) { return std::string_view(x) == k; }) == keys.end())
        r.fail(r.key_node(sample, k),
               "sample method " + std::string(method_name(u.design.method)) + " takes no '" + k + "'");
    }
  };
  if (u.design.method == SampleDesign::Method::morris) {
    only({"trajectories", "levels"});
    u.design.trajectories = static_cast<std::size_t>(
        r.integer(r.required(sample, "trajectories", "sample (morris)"), 2, 10000, "trajectories"));
    if (const YAML::Node l = sample["levels"]; l.IsDefined()) {
      u.design.levels = static_cast<std::size_t>(r.integer(l, 2, 1000, "levels"));
      if (u.design.levels % 2 != 0)
        r.fail(l, "levels must be even (Morris: delta = p / (2 (p - 1))), not " + l.Scalar());
    }
  } else {
    only({"n"});
    u.design.n = static_cast<std::size_t>(r.integer(r.required(sample, "n", "sample"), 2, 100000, "sample n"));
  }
  try {
    make_design(u.design, u.parameters.size(), u.experiment.seed, u.unit, u.morris, u.saltelli);
  } catch (const std::invalid_argument& err) {
    r.fail(sample, std::string("sample: ") + err.what());
  }

  // the KPIs analysed
  const auto& names = scenarios.front().kpi_names();
  if (const YAML::Node k = root["kpis"]; k.IsDefined()) {
    if (!k.IsSequence() || k.size() == 0) r.fail(k, "kpis must be a non-empty list of KPI names");
    for (const auto& x : k) {
      const std::string name = r.string(x, "a KPI");
      if (std::find(names.begin(), names.end(), name) == names.end())
        r.fail(x, "unknown KPI '" + name +
                      "'; allowed: " + join(std::vector<std::string_view>(names.begin(), names.end())));
      u.kpis.push_back(name);
    }
  } else {
    u.kpis = scenarios.front().loaded().headline_kpis();
    if (u.kpis.empty()) u.kpis = names;
  }

  // every parameter's ends, in every variant it applies to
  for (std::size_t v = 0; v < scenarios.size(); ++v) {
    std::vector<UncertainParameter> here;
    for (const auto& p : u.parameters)
      if (std::find(p.variants.begin(), p.variants.end(), v) != p.variants.end()) here.push_back(p);
    check_ends(scenarios[v], here);
  }

  // the points: sample-major, each a variant with the sample's values, built once
  for (std::size_t s = 0; s < u.samples(); ++s) {
    for (std::size_t v = 0; v < scenarios.size(); ++v) {
      SweepPoint p;
      p.label = "sample " + std::to_string(s) + ": " + labels[v];
      for (std::size_t j = 0; j < u.parameters.size(); ++j) {
        const auto& par = u.parameters[j];
        if (std::find(par.variants.begin(), par.variants.end(), v) == par.variants.end()) continue;
        p.settings.emplace_back(par.path, par.yaml(u.value(s, j)));
      }
      try {
        p.scenario = scenarios[v].with_overrides(p.settings, "<uncertain value>");
      } catch (const ScenarioError& err) {
        r.fail(variant_nodes[v], "point '" + p.label + "': " + without_origin(err.what(), "<uncertain value>"));
      }
      p.settings_applied = true;
      u.experiment.points.push_back(std::move(p));
    }
  }
  check_experiment(u.experiment);
  return u;
}

// ---- the plan in a results file ----

std::string plan_yaml(const Uncertainty& u) {
  YAML::Emitter em;
  em << YAML::Comment("zccsim uncertainty: the plan as run; the experiment file is under `file`");
  em << YAML::BeginMap;
  em << YAML::Key << "uncertainty" << YAML::Value << YAML::BeginMap;
  em << YAML::Key << "method" << YAML::Value << std::string(method_name(u.design.method));
  em << YAML::Key << "trajectories" << YAML::Value << u.design.trajectories;
  em << YAML::Key << "levels" << YAML::Value << u.design.levels;
  em << YAML::Key << "n" << YAML::Value << u.design.n;
  em << YAML::Key << "seed" << YAML::Value << u.experiment.seed;
  em << YAML::Key << "replications" << YAML::Value << u.experiment.replications;
  em << YAML::Key << "variants" << YAML::Value << YAML::Flow << u.variant_labels;
  em << YAML::Key << "kpis" << YAML::Value << YAML::Flow << u.kpis;
  em << YAML::Key << "parameters" << YAML::Value << YAML::BeginSeq;
  for (const auto& p : u.parameters) {
    em << YAML::BeginMap;
    em << YAML::Key << "path" << YAML::Value << p.path;
    em << YAML::Key << "kind" << YAML::Value << std::string(distribution_keys[static_cast<std::size_t>(p.kind)]);
    em << YAML::Key << "args" << YAML::Value << YAML::Flow << YAML::BeginSeq;
    for (double a : p.args) em << number_text(a);
    em << YAML::EndSeq;
    em << YAML::Key << "bounds" << YAML::Value << YAML::Flow << YAML::BeginSeq << number_text(p.lo) << number_text(p.hi)
       << YAML::EndSeq;
    em << YAML::Key << "integer" << YAML::Value << p.integer;
    em << YAML::Key << "dummy" << YAML::Value << p.dummy;
    if (!p.at_lo.empty())
      em << YAML::Key << "between" << YAML::Value << YAML::Flow << YAML::BeginSeq << p.at_lo << p.at_hi << YAML::EndSeq;
    em << YAML::Key << "variants" << YAML::Value << YAML::Flow << p.variants;
    em << YAML::Key << "why" << YAML::Value << p.why;
    if (!p.source.empty()) em << YAML::Key << "source" << YAML::Value << p.source;
    em << YAML::EndMap;
  }
  em << YAML::EndSeq << YAML::EndMap;
  em << YAML::Key << "file" << YAML::Value << YAML::Literal << u.text;
  em << YAML::EndMap;
  return std::string(em.c_str()) + "\n";
}

bool is_uncertainty_plan(const std::string& experiment_text) {
  try {
    const YAML::Node n = parse_yaml(experiment_text, "<experiment text>");
    return n.IsMap() && n["uncertainty"].IsMap();
  } catch (const std::exception&) {
    return false;
  }
}

UncertaintyPlan plan_of(const Uncertainty& u) {
  UncertaintyPlan p;
  p.variant_labels = u.variant_labels;
  p.kpis = u.kpis;
  p.parameters = u.parameters;
  p.design = u.design;
  p.seed = u.experiment.seed;
  p.replications = u.experiment.replications;
  p.unit = u.unit;
  p.morris = u.morris;
  p.saltelli = u.saltelli;
  return p;
}

UncertaintyPlan read_plan(const std::string& experiment_text) {
  UncertaintyPlan plan;
  try {
    const YAML::Node root = parse_yaml(experiment_text, "the experiment text of the results file");
    const YAML::Node u = root["uncertainty"];
    if (!u.IsMap()) throw ScenarioError("the results are not of zccsim uncertainty (no plan in the experiment text)");
    const std::string method = u["method"].as<std::string>();
    plan.design.method = method == "sobol" ? SampleDesign::Method::sobol
                         : method == "lhs" ? SampleDesign::Method::lhs
                                           : SampleDesign::Method::morris;
    plan.design.trajectories = u["trajectories"].as<std::size_t>();
    plan.design.levels = u["levels"].as<std::size_t>();
    plan.design.n = u["n"].as<std::size_t>();
    plan.seed = u["seed"].as<std::uint64_t>();
    plan.replications = u["replications"].as<std::uint64_t>();
    plan.variant_labels = u["variants"].as<std::vector<std::string>>();
    plan.kpis = u["kpis"].as<std::vector<std::string>>();
    for (const auto& n : u["parameters"]) {
      UncertainParameter p;
      p.path = n["path"].as<std::string>();
      const std::string kind = n["kind"].as<std::string>();
      p.kind = kind == "triangular" ? UncertainParameter::Kind::triangular
               : kind == "normal"   ? UncertainParameter::Kind::normal
                                    : UncertainParameter::Kind::uniform;
      p.args = n["args"].as<std::vector<double>>();
      p.lo = n["bounds"][0].as<double>();
      p.hi = n["bounds"][1].as<double>();
      p.integer = n["integer"].as<bool>();
      p.dummy = n["dummy"].as<bool>();
      if (n["between"].IsDefined()) {
        p.at_lo = n["between"][0].as<std::string>();
        p.at_hi = n["between"][1].as<std::string>();
      }
      p.variants = n["variants"].as<std::vector<std::size_t>>();
      p.why = n["why"].as<std::string>();
      if (n["source"].IsDefined()) p.source = n["source"].as<std::string>();
      plan.parameters.push_back(std::move(p));
    }
  } catch (const YAML::Exception& e) {
    throw ScenarioError(std::string("the uncertainty plan in the results file cannot be read: ") + e.what());
  }
  make_design(plan.design, plan.parameters.size(), plan.seed, plan.unit, plan.morris, plan.saltelli);
  return plan;
}

// ---- the analysis ----

namespace {

// The p-quantile (linear interpolation between order statistics, Hyndman &
// Fan type 7) of the defined values.
double quantile(std::vector<double> v, double p) {
  v.erase(std::remove_if(v.begin(), v.end(), [](double x) { return std::isnan(x); }), v.end());
  if (v.empty()) return nan;
  std::sort(v.begin(), v.end());
  const double h = p * static_cast<double>(v.size() - 1);
  const auto i = static_cast<std::size_t>(std::floor(h));
  if (i + 1 >= v.size()) return v.back();
  return v[i] + (h - static_cast<double>(i)) * (v[i + 1] - v[i]);
}

Quantiles quantiles(const std::vector<double>& v) { return {quantile(v, 0.5), quantile(v, 0.05), quantile(v, 0.95)}; }

void put(Json& at, const Quantiles& q) {
  at = Json::object();
  at["median"] = q.median;
  at["q05"] = q.q05;
  at["q95"] = q.q95;
}

void put(Json& at, const sa::Interval& i) {
  at = Json::object();
  at["estimate"] = i.estimate;
  at["low"] = i.low;
  at["high"] = i.high;
}

}  // namespace

std::vector<std::string> kpi_directions(const Scenario& s, const std::vector<std::string>& kpis) {
  std::vector<std::string> out(kpis.size(), "neither");
  const sim::KpiTable* table = s.loaded().kpi_table();
  if (!table) return out;
  const auto column_kpi = table->column_kpi();
  const auto& names = s.kpi_names();
  for (std::size_t k = 0; k < kpis.size(); ++k) {
    const auto it = std::find(names.begin(), names.end(), kpis[k]);
    if (it != names.end())
      out[k] = std::string(
          sim::better_name(table->kpis.at(column_kpi.at(static_cast<std::size_t>(it - names.begin()))).better));
  }
  return out;
}

UncertaintyAnalysis analyse(const UncertaintyPlan& plan, const io::Results& rows,
                            const std::vector<std::string>& kpi_better) {
  const std::size_t V = plan.variant_labels.size(), S = plan.samples(), points = S * V;
  if (V == 0 || S == 0) throw ScenarioError("the uncertainty plan has no samples or no variants");
  UncertaintyAnalysis a;
  a.kpis = plan.kpis;
  a.better = kpi_better.empty() ? std::vector<std::string>(plan.kpis.size(), "neither") : kpi_better;
  std::vector<std::size_t> col;
  for (const auto& name : plan.kpis) {
    const auto it = std::find(rows.kpi_names.begin(), rows.kpi_names.end(), name);
    if (it == rows.kpi_names.end()) throw ScenarioError("the results have no KPI '" + name + "'");
    col.push_back(static_cast<std::size_t>(it - rows.kpi_names.begin()));
  }
  // rows per point, by replication
  std::vector<std::map<std::uint64_t, std::size_t>> at(points);
  for (std::size_t i = 0; i < rows.rows(); ++i) {
    if (rows.point[i] >= points)
      throw ScenarioError("the results have a row of point " + std::to_string(rows.point[i]) + "; the plan has " +
                          std::to_string(points) + " points");
    at[rows.point[i]][rows.replication[i]] = i;
  }
  a.rows = rows.rows();
  a.means.assign(points, std::vector<double>(col.size(), nan));
  std::vector<std::vector<double>> noise(points, std::vector<double>(col.size(), nan));  // of the value
  for (std::size_t p = 0; p < points; ++p)
    for (std::size_t k = 0; k < col.size(); ++k) {
      std::vector<double> v;
      for (const auto& [rep, i] : at[p]) v.push_back(rows.row(i)[col[k]]);
      const sim::Summary s = sim::summarize(v);
      a.means[p][k] = s.mean;
      noise[p][k] = s.ci95;
    }
  a.result.assign(col.size(), std::vector<VariantAnalysis>(V));
  for (std::size_t k = 0; k < col.size(); ++k) {
    for (std::size_t v = 0; v < V; ++v) {
      VariantAnalysis& r = a.result[k][v];
      std::vector<double> value(S), diff(S), hw;
      for (std::size_t s = 0; s < S; ++s) {
        value[s] = a.means[s * V + v][k];
        if (v == 0) {
          diff[s] = 0.0;
          hw.push_back(noise[s * V][k]);
          continue;
        }
        // the paired difference over the replications both have
        std::vector<double> d;
        for (const auto& [rep, i] : at[s * V + v]) {
          const auto j = at[s * V].find(rep);
          if (j != at[s * V].end()) d.push_back(rows.row(i)[col[k]] - rows.row(j->second)[col[k]]);
        }
        const sim::Summary ds = sim::summarize(d);
        diff[s] = ds.mean;
        hw.push_back(ds.ci95);
      }
      r.value = quantiles(value);
      r.difference = quantiles(diff);
      const std::vector<double>& y = v == 0 ? value : diff;
      r.defined = static_cast<std::size_t>(std::count_if(y.begin(), y.end(), [](double x) { return !std::isnan(x); }));
      double sum = 0.0;
      std::size_t n = 0;
      for (double h : hw)
        if (std::isfinite(h)) sum += h, ++n;
      r.noise = n ? sum / static_cast<double>(n) : nan;
      const std::string& better = a.better[k];
      if (v == 0 || better == "neither" || r.defined == 0) {
        r.p_better = nan;
      } else {
        std::size_t wins = 0;
        for (double d : diff)
          if (!std::isnan(d) && (better == "lower" ? d < 0.0 : d > 0.0)) ++wins;
        r.p_better = static_cast<double>(wins) / static_cast<double>(r.defined);
      }
      if (r.defined != S) continue;  // indices need every sample's output
      // distinct seeds per (KPI, variant) would make the intervals differ for no reason: one seed
      if (plan.morris) r.morris = sa::morris_indices(*plan.morris, y, 1000, 0.95, plan.seed);
      if (plan.saltelli) r.sobol = sa::sobol_indices(*plan.saltelli, y, 1000, 0.95, plan.seed);
    }
  }
  return a;
}

std::pair<UncertaintyPlan, UncertaintyAnalysis> analyse_results(const io::Results& r) {
  if (!is_uncertainty_plan(r.experiment_text))
    throw ScenarioError("not the results of zccsim uncertainty (no plan in the experiment text)");
  UncertaintyPlan plan = read_plan(r.experiment_text);
  const Scenario base = Scenario::from_text(r.scenario_text, r.scenario_path);
  UncertaintyAnalysis a = analyse(plan, r, kpi_directions(base, plan.kpis));
  return {std::move(plan), std::move(a)};
}

Json to_json(const UncertaintyPlan& plan, const UncertaintyAnalysis& a, const std::string& model, bool complete) {
  Json j = command_document("uncertainty", model, plan.seed, complete);
  j["method"] = std::string(method_name(plan.design.method));
  j["samples"] = static_cast<std::uint64_t>(plan.samples());
  j["replications"] = plan.replications;
  j["rows"] = static_cast<std::uint64_t>(a.rows);
  Json& variants = j["variants"];
  variants = Json::array();
  for (const auto& v : plan.variant_labels) variants.push_back(v);
  Json& params = j["parameters"];
  params = Json::array();
  for (const auto& p : plan.parameters) {
    Json o = Json::object();
    o["name"] = p.path;
    o["distribution"] = p.dummy ? std::string("uniform [0, 1], read by nothing") : p.describe();
    o["why"] = p.why;
    if (!p.source.empty()) o["source"] = p.source;
    Json& vs = o["variants"];
    vs = Json::array();
    for (auto v : p.variants) vs.push_back(plan.variant_labels.at(v));
    params.push_back(std::move(o));
  }
  Json& kpis = j["kpis"];
  kpis = Json::object();
  for (std::size_t k = 0; k < a.kpis.size(); ++k) {
    Json& entry = kpis[a.kpis[k]];
    entry["better"] = a.better[k];
    Json& by = entry["variants"];
    by = Json::object();
    for (std::size_t v = 0; v < plan.variant_labels.size(); ++v) {
      const VariantAnalysis& r = a.result[k][v];
      Json& o = by[plan.variant_labels[v]];
      put(o["value"], r.value);
      if (v > 0) {
        put(o["difference"], r.difference);
        o["p_better"] = r.p_better;
      }
      o["noise"] = r.noise;
      const Quantiles& q = v > 0 ? r.difference : r.value;
      o["spread"] = (q.q95 - q.q05) / 2.0;
      o["defined_samples"] = static_cast<std::uint64_t>(r.defined);
      if (r.morris.empty() && r.sobol.empty()) continue;
      Json& sens = o["sensitivity"];
      sens = Json::object();
      for (std::size_t i = 0; i < plan.parameters.size(); ++i) {
        Json& s = sens[plan.parameters[i].path];
        s = Json::object();
        if (!r.morris.empty()) {
          put(s["mu_star"], r.morris[i].mu_star);
          s["mu"] = r.morris[i].mu;
          s["sigma"] = r.morris[i].sigma;
        }
        if (!r.sobol.empty()) {
          put(s["first"], r.sobol[i].first);
          put(s["total"], r.sobol[i].total);
        }
      }
    }
  }
  return j;
}

}  // namespace zccsim::models
