// SPDX-License-Identifier: MIT
#include "yaml_reader.hpp"

#include "sim/distribution.hpp"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace zccsim::models {

std::string join(const std::vector<std::string_view>& names, std::string_view sep) {
  std::string s;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i) s += sep;
    s += names[i];
  }
  return s;
}

YamlReader YamlReader::load_string(const std::string& text, const std::string& name) {
  YamlReader r;
  r.file_ = name;
  r.text_ = text;
  try {
    r.root_ = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    r.fail(e.mark, "invalid YAML: " + e.msg);
  }
  if (!r.root_.IsMap()) r.fail(r.root_, "a scenario must be a YAML map of keys to values");
  return r;
}

YamlReader YamlReader::load_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ScenarioError(path + ": cannot open the scenario file");
  std::ostringstream ss;
  ss << in.rdbuf();
  return load_string(ss.str(), path);
}

namespace {

[[noreturn]] void fail_in(const std::string& file, const YAML::Mark& at, const std::string& message) {
  std::ostringstream os;
  os << file;
  if (!at.is_null()) os << ':' << at.line + 1 << ':' << at.column + 1;
  os << ": " << message;
  throw ScenarioError(os.str());
}

constexpr int max_depth = 200;  // deeper nesting only from a recursive alias

// Every node of the tree under `n` (map keys included), as parsed.
void collect(const YamlReader& r, const YAML::Node& n, std::vector<YAML::Node>& out, int depth) {
  if (depth > max_depth) r.fail(n, "nested deeper than " + std::to_string(max_depth) + " levels (a recursive alias?)");
  out.push_back(n);
  if (n.IsMap()) {
    for (const auto& kv : n) {
      out.push_back(kv.first);
      collect(r, kv.second, out, depth + 1);
    }
  } else if (n.IsSequence()) {
    for (const auto& x : n) collect(r, x, out, depth + 1);
  }
}

std::filesystem::path canonical_path(const std::filesystem::path& p) {
  std::error_code ec;
  auto c = std::filesystem::weakly_canonical(p, ec);
  return ec ? std::filesystem::absolute(p, ec).lexically_normal() : c;
}

bool same_key(const YAML::Node& a, const YAML::Node& b) {
  return a.IsScalar() && b.IsScalar() && a.Scalar() == b.Scalar();
}

// Merges the map `over` onto the map `base`, in place in `over` (so its
// nodes keep their identity and marks): the keys in base's order, then the
// keys only `over` has; maps under the same key merge recursively.
void merge_onto(YAML::Node over, const YAML::Node& base, int depth) {
  std::vector<std::pair<YAML::Node, YAML::Node>> mine, merged;
  for (const auto& kv : over) mine.emplace_back(kv.first, kv.second);
  std::vector<bool> used(mine.size(), false);
  for (const auto& kv : base) {
    std::size_t i = 0;
    while (i < mine.size() && !same_key(mine[i].first, kv.first)) ++i;
    if (i == mine.size()) {
      merged.emplace_back(kv.first, kv.second);
      continue;
    }
    used[i] = true;
    if (mine[i].second.IsMap() && kv.second.IsMap() && depth < max_depth)
      merge_onto(mine[i].second, kv.second, depth + 1);
    merged.push_back(mine[i]);
  }
  for (std::size_t i = 0; i < mine.size(); ++i)
    if (!used[i]) merged.push_back(mine[i]);
  for (const auto& kv : mine) over.remove(kv.first);
  for (const auto& kv : merged) over.force_insert(kv.first, kv.second);
}

}  // namespace

const std::string& YamlReader::file_of(const YAML::Node& node) const {
  if (!node.IsDefined()) return file_;
  for (const Source& s : sources_)
    for (const YAML::Node& n : s.nodes)
      if (n.is(node)) return s.file;
  return file_;
}

void YamlReader::fail(const YAML::Mark& at, const std::string& message) const { fail_in(file_, at, message); }

void YamlReader::fail(const YAML::Node& at, const std::string& message) const {
  fail_in(file_of(at), at.IsDefined() ? at.Mark() : YAML::Mark::null_mark(), message);
}

namespace {

struct PathStep {
  std::string key;  // map key, or empty for an index
  std::size_t index = 0;
};

std::vector<PathStep> parse_path(std::string_view path) {
  std::vector<PathStep> steps;
  std::size_t i = 0;
  auto bad = [&](const std::string& why) { throw ScenarioError("key path '" + std::string(path) + "': " + why); };
  if (path.empty()) bad("empty");
  while (i < path.size()) {
    if (path[i] == '[') {
      const std::size_t close = path.find(']', i);
      if (close == std::string_view::npos || close == i + 1) bad("'[' without an index and ']'");
      std::size_t idx = 0;
      for (std::size_t k = i + 1; k < close; ++k) {
        if (path[k] < '0' || path[k] > '9') bad("an index must be a number");
        idx = idx * 10 + static_cast<std::size_t>(path[k] - '0');
      }
      steps.push_back({"", idx});
      i = close + 1;
      if (i < path.size() && path[i] == '.') ++i;
    } else {
      std::size_t end = path.find_first_of(".[", i);
      if (end == std::string_view::npos) end = path.size();
      if (end == i) bad("an empty key");
      steps.push_back({std::string(path.substr(i, end - i)), 0});
      i = end;
      if (i < path.size() && path[i] == '.') {
        ++i;
        if (i == path.size()) bad("ends with '.'");
      }
    }
  }
  return steps;
}

std::string describe_children(const YAML::Node& n) {
  if (n.IsMap()) {
    std::string keys;
    for (const auto& kv : n) keys += (keys.empty() ? "" : ", ") + kv.first.as<std::string>();
    return "keys there: " + (keys.empty() ? std::string("none") : keys);
  }
  if (n.IsSequence()) return "a list of " + std::to_string(n.size()) + " items";
  return "a single value";
}

}  // namespace

YAML::Node YamlReader::get(std::string_view path) const {
  // NB: `node = other` in yaml-cpp assigns into the node; walking uses reset()
  YAML::Node cur;
  cur.reset(root_);
  std::string walked;
  for (const PathStep& s : parse_path(path)) {
    if (!s.key.empty()) {
      if (!cur.IsMap() || !cur[s.key].IsDefined())
        throw ScenarioError("key path '" + std::string(path) + "': no key '" + s.key + "' in " +
                            (walked.empty() ? "the scenario" : "'" + walked + "'") + "; " + describe_children(cur));
      const YAML::Node next = cur[s.key];
      cur.reset(next);
      walked += (walked.empty() ? "" : ".") + s.key;
    } else {
      if (!cur.IsSequence() || s.index >= cur.size())
        throw ScenarioError("key path '" + std::string(path) + "': no item [" + std::to_string(s.index) + "] in '" +
                            walked + "'; " + describe_children(cur));
      const YAML::Node next = cur[s.index];
      cur.reset(next);
      walked += "[" + std::to_string(s.index) + "]";
    }
  }
  return cur;
}

namespace {

// `node` with the value at steps[k..] replaced; copies only the containers on the path.
YAML::Node replace_at(const YAML::Node& node, const std::vector<PathStep>& steps, std::size_t k,
                      const YAML::Node& value, std::string_view path) {
  if (k == steps.size()) return value;
  const PathStep& s = steps[k];
  if (!s.key.empty()) {
    if (!node.IsMap()) throw ScenarioError("key path '" + std::string(path) + "': '" + s.key + "' is not inside a map");
    const bool last = k + 1 == steps.size();
    if (!node[s.key].IsDefined() && !last)
      throw ScenarioError("key path '" + std::string(path) + "': no key '" + s.key + "'; " + describe_children(node));
    YAML::Node copy(YAML::NodeType::Map);
    bool replaced = false;
    for (const auto& kv : node) {
      if (kv.first.as<std::string>() == s.key) {
        copy.force_insert(kv.first, replace_at(kv.second, steps, k + 1, value, path));
        replaced = true;
      } else {
        copy.force_insert(kv.first, kv.second);
      }
    }
    if (!replaced) copy.force_insert(YAML::Node(s.key), value);
    return copy;
  }
  if (!node.IsSequence() || s.index >= node.size())
    throw ScenarioError("key path '" + std::string(path) + "': no item [" + std::to_string(s.index) + "]; " +
                        describe_children(node));
  YAML::Node copy(YAML::NodeType::Sequence);
  for (std::size_t i = 0; i < node.size(); ++i)
    copy.push_back(i == s.index ? replace_at(node[i], steps, k + 1, value, path) : node[i]);
  return copy;
}

}  // namespace

YamlReader YamlReader::with_override(std::string_view path, const YAML::Node& value,
                                     const std::string& value_file) const {
  YamlReader out = *this;
  out.root_.reset(replace_at(root_, parse_path(path), 0, value, path));  // reset: `=` would write into root_
  out.sources_.push_back({value_file, {}});
  collect(out, value, out.sources_.back().nodes, 0);
  YAML::Emitter em;
  em << out.root_;
  out.text_ = std::string(em.c_str()) + "\n";
  return out;
}

YamlReader YamlReader::extended() const {
  namespace fs = std::filesystem;
  if (!root_.IsMap() || !root_["extends"].IsDefined()) return *this;
  YamlReader out;
  out.file_ = file_;
  std::vector<fs::path> chain;     // canonical paths, top first
  std::vector<std::string> names;  // as reported
  // Loads `r`'s chain; returns its merged root (r's tree, changed in place).
  auto resolve = [&](auto& self, const YamlReader& r) -> YAML::Node {
    out.sources_.push_back({r.file(), {}});
    collect(r, r.root(), out.sources_.back().nodes, 0);
    chain.push_back(canonical_path(r.file()));
    names.push_back(r.file());
    YAML::Node root = r.root();
    const YAML::Node ext = r.root()["extends"];  // const: a lookup adds no key
    if (!ext.IsDefined()) return root;
    const std::string rel = r.string(ext, "extends");
    const fs::path base_path = (fs::path(r.file()).parent_path() / rel).lexically_normal();
    const fs::path canonical = canonical_path(base_path);
    for (std::size_t i = 0; i < chain.size(); ++i) {
      if (chain[i] != canonical) continue;
      std::string cycle;
      for (std::size_t j = i; j < names.size(); ++j) cycle += names[j] + " -> ";
      r.fail(ext, "extends: cycle: " + cycle + base_path.string());
    }
    std::error_code ec;
    if (!fs::is_regular_file(base_path, ec) || !std::ifstream(base_path, std::ios::binary))
      r.fail(ext, "extends: cannot open '" + rel + "'");
    const YamlReader base = load_file(base_path.string());
    const YAML::Node merged_base = self(self, base);
    root.remove("extends");
    merge_onto(root, merged_base, 0);
    return root;
  };
  // A fresh parse: merging changes the tree in place, and *this is const.
  out.root_ = resolve(resolve, load_string(text_, file_));
  YAML::Emitter e;
  e << out.root_;
  out.text_ = std::string(e.c_str()) + "\n";
  return out;
}

void YamlReader::require_map(const YAML::Node& node, std::string_view what) const {
  if (!node.IsMap()) fail(node, std::string(what) + " must be a map of keys to values");
}

void YamlReader::check_keys(const YAML::Node& node, std::initializer_list<std::string_view> allowed,
                            std::string_view what) const {
  check_keys(node, std::vector<std::string_view>(allowed), what);
}

void YamlReader::check_keys(const YAML::Node& node, const std::vector<std::string_view>& allowed,
                            std::string_view what) const {
  require_map(node, what);
  for (const auto& kv : node) {
    const std::string key = kv.first.as<std::string>();
    bool ok = false;
    for (auto a : allowed) ok = ok || a == key;
    if (!ok) fail(kv.first, "unknown key '" + key + "' in " + std::string(what) + "; allowed: " + join(allowed));
  }
}

YAML::Node YamlReader::key_node(const YAML::Node& map, std::string_view key) const {
  for (const auto& kv : map)
    if (kv.first.IsScalar() && kv.first.Scalar() == key) return kv.first;
  return map;
}

YAML::Node YamlReader::required(const YAML::Node& map, std::string_view key, std::string_view what) const {
  const YAML::Node v = map[std::string(key)];
  if (!v.IsDefined() || v.IsNull()) {
    if (v.IsDefined()) fail(key_node(map, key), "'" + std::string(key) + "' in " + std::string(what) + " has no value");
    fail(map, std::string(what) + " needs the key '" + std::string(key) + "'");
  }
  return v;
}

double YamlReader::number(const YAML::Node& node, std::string_view what) const {
  if (!node.IsScalar()) fail(node, std::string(what) + " must be a number");
  const std::string& s = node.Scalar();
  double v = 0.0;
  std::size_t used = 0;
  try {
    v = std::stod(s, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != s.size() || s.empty() || !std::isfinite(v))
    fail(node, std::string(what) + " must be a number, not '" + s + "'");
  return v;
}

double YamlReader::number_at_least(const YAML::Node& node, double min, std::string_view what) const {
  const double v = number(node, what);
  if (v < min) {
    std::ostringstream os;
    os << what << " must be >= " << min << ", not " << node.Scalar();
    fail(node, os.str());
  }
  return v;
}

double YamlReader::positive(const YAML::Node& node, std::string_view what) const {
  const double v = number(node, what);
  if (!(v > 0.0)) fail(node, std::string(what) + " must be > 0, not " + node.Scalar());
  return v;
}

double YamlReader::probability(const YAML::Node& node, std::string_view what) const {
  const double v = number(node, what);
  if (v < 0.0 || v > 1.0) fail(node, std::string(what) + " must be a probability in [0, 1], not " + node.Scalar());
  return v;
}

std::int64_t YamlReader::integer(const YAML::Node& node, std::int64_t min, std::string_view what) const {
  if (!node.IsScalar()) fail(node, std::string(what) + " must be an integer");
  const std::string& s = node.Scalar();
  std::int64_t v = 0;
  std::size_t used = 0;
  try {
    v = std::stoll(s, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != s.size() || s.empty()) fail(node, std::string(what) + " must be an integer, not '" + s + "'");
  if (v < min) fail(node, std::string(what) + " must be >= " + std::to_string(min) + ", not " + s);
  return v;
}

std::string YamlReader::string(const YAML::Node& node, std::string_view what) const {
  if (!node.IsScalar()) fail(node, std::string(what) + " must be a text value");
  return node.Scalar();
}

bool YamlReader::boolean(const YAML::Node& node, std::string_view what) const {
  const std::string s = node.IsScalar() ? node.Scalar() : std::string();
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  if (!node.IsScalar()) fail(node, std::string(what) + " must be true or false");
  fail(node, std::string(what) + " must be true or false, not '" + s + "'");
}

std::size_t YamlReader::choice(const YAML::Node& node, const std::vector<std::string_view>& allowed,
                               std::string_view what) const {
  const std::string s = string(node, what);
  for (std::size_t i = 0; i < allowed.size(); ++i)
    if (allowed[i] == s) return i;
  fail(node, "unknown " + std::string(what) + " '" + s + "'; allowed: " + join(allowed));
}

std::string YamlReader::identifier(const YAML::Node& node, std::string_view what) const {
  std::string s = string(node, what);
  bool ok = !s.empty();
  for (char c : s) ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-');
  if (!ok) fail(node, std::string(what) + " '" + s + "' may hold only letters, digits, '_' and '-'");
  return s;
}

sim::Distribution YamlReader::distribution(const YAML::Node& node, std::string_view what) const {
  using sim::Distribution;
  require_map(node, what);
  const std::vector<std::string_view> kinds(std::begin(sim::dist_kind_names), std::end(sim::dist_kind_names));
  const std::string w(what);
  const auto kind = static_cast<sim::DistKind>(choice(required(node, "dist", w), kinds, w + " dist"));
  auto num = [&](const char* key) { return number(required(node, key, w), w + " " + key); };
  auto list = [&](const char* key) {
    const YAML::Node l = required(node, key, w);
    if (!l.IsSequence()) fail(l, w + " " + key + " must be a list of numbers");
    std::vector<double> v;
    for (const auto& x : l) v.push_back(number(x, w + " " + key));
    return v;
  };
  try {
    switch (kind) {
      case sim::DistKind::deterministic:
        check_keys(node, {"dist", "value"}, w);
        return Distribution::deterministic(num("value"));
      case sim::DistKind::uniform:
        check_keys(node, {"dist", "min", "max"}, w);
        return Distribution::uniform(num("min"), num("max"));
      case sim::DistKind::exponential:
        check_keys(node, {"dist", "mean"}, w);
        return Distribution::exponential(num("mean"));
      case sim::DistKind::erlang:
        check_keys(node, {"dist", "k", "mean"}, w);
        return Distribution::erlang(static_cast<int>(integer(required(node, "k", w), 1, w + " k")), num("mean"));
      case sim::DistKind::gamma:
        check_keys(node, {"dist", "shape", "scale"}, w);
        return Distribution::gamma(num("shape"), num("scale"));
      case sim::DistKind::lognormal:
        check_keys(node, {"dist", "mean", "sd"}, w);
        return Distribution::lognormal(num("mean"), num("sd"));
      case sim::DistKind::weibull:
        check_keys(node, {"dist", "shape", "scale"}, w);
        return Distribution::weibull(num("shape"), num("scale"));
      case sim::DistKind::triangular:
        check_keys(node, {"dist", "min", "mode", "max"}, w);
        return Distribution::triangular(num("min"), num("mode"), num("max"));
      case sim::DistKind::empirical_discrete:
        check_keys(node, {"dist", "values", "probs"}, w);
        return Distribution::empirical_discrete(list("values"), list("probs"));
      case sim::DistKind::empirical_continuous:
        check_keys(node, {"dist", "x", "cdf"}, w);
        return Distribution::empirical_continuous(list("x"), list("cdf"));
    }
  } catch (const std::invalid_argument& e) {
    fail(node, w + ": " + e.what());
  }
  fail(node, w + ": unsupported distribution");
}

}  // namespace zccsim::models
