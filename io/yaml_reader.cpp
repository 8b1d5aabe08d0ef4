// SPDX-License-Identifier: MIT
#include "yaml_reader.hpp"

#include "sim/distribution.hpp"

#include <yaml-cpp/eventhandler.h>

#include <boost/locale/utf.hpp>

#include <charconv>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <optional>
#include <unordered_map>
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

namespace {

[[noreturn]] void fail_in(const std::string& file, const YAML::Mark& at, const std::string& message) {
  std::ostringstream os;
  os << file;
  if (!at.is_null()) os << ':' << at.line + 1 << ':' << at.column + 1;
  os << ": " << message;
  throw ScenarioError(os.str());
}

constexpr int max_depth = 200;  // deeper nesting only from a recursive alias

// Refuses bytes that are not UTF-8 and control characters YAML does not
// allow (YAML 1.2, 5.1: tab, line feed and carriage return only; a BOM is
// allowed), at line:column (columns count bytes, as yaml-cpp's marks do).
void check_characters(const std::string& text, const std::string& file) {
  namespace utf = boost::locale::utf;
  YAML::Mark at;
  at.pos = at.line = at.column = 0;
  for (auto p = text.begin(); p != text.end();) {
    const auto start = p;
    const utf::code_point c = utf::utf_traits<char>::decode(p, text.end());
    if (c == utf::illegal || c == utf::incomplete) fail_in(file, at, "invalid UTF-8 (a YAML file must be UTF-8 text)");
    const bool control = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F ||
                         (c >= 0x80 && c < 0xA0 && c != 0x85) || c == 0xFFFE || c == 0xFFFF;
    if (control) {
      char hex[16];
      std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(c));
      fail_in(file, at, std::string("control character ") + hex + " (not allowed in YAML text)");
    }
    if (c == '\n') {
      ++at.line;
      at.column = 0;
    } else {
      at.column += static_cast<int>(p - start);
    }
  }
}

// The events of one YAML document, checked before yaml-cpp builds its tree
// (which expands nothing but shares aliased nodes: a walk over it does not).
class Precheck final : public YAML::EventHandler {
 public:
  explicit Precheck(const std::string& file) : file_(file) {}

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    item(mark, nullptr, "null");
    leaf(mark, anchor, nullptr);
  }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor, const std::string& value) override {
    item(mark, &value, "");
    leaf(mark, anchor, &value);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const Anchor& a = anchors_.at(anchor);  // yaml-cpp refuses an unknown alias itself
    if (a.open) fail_in(file_, mark, "a recursive alias (it refers to a node that contains it)");
    item(mark, a.scalar ? &*a.scalar : nullptr, a.scalar ? "" : "an alias of a list, map or null");
    add(mark, a.values);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(mark, anchor, false);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(mark, anchor, true);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Anchor {
    bool open = true;
    std::uint64_t values = 0;  // after alias expansion
    std::optional<std::string> scalar;
  };
  struct Frame {
    bool map = false;
    std::size_t items = 0;
    YAML::anchor_t anchor = YAML::NullAnchor;
    std::uint64_t values_before = 0;
    std::unordered_map<std::string, YAML::Mark> keys;  // of a map
  };

  // Counts `n` more values (an alias counts its node's values again).
  void add(const YAML::Mark& mark, std::uint64_t n) {
    values_ += n;
    if (values_ > max_yaml_values)
      fail_in(file_, mark,
              "more than " + std::to_string(max_yaml_values) + " values after alias expansion (an alias bomb?)");
  }
  // A new node in the current map or list: a map key must be a plain value
  // (`key`, or null with `kind` naming what it is instead), and unique.
  void item(const YAML::Mark& mark, const std::string* key, const char* kind) {
    if (stack_.empty()) return;
    Frame& f = stack_.back();
    if (f.map && f.items % 2 == 0) {
      if (!key) fail_in(file_, mark, std::string("a map key must be a single value, not ") + kind);
      const auto [it, fresh] = f.keys.try_emplace(*key, mark);
      if (!fresh)
        fail_in(file_, mark,
                "duplicate key '" + *key + "' (first at line " + std::to_string(it->second.line + 1) + ")");
    }
    ++f.items;
  }
  void leaf(const YAML::Mark& mark, YAML::anchor_t anchor, const std::string* value) {
    add(mark, 1);
    if (anchor != YAML::NullAnchor) {
      Anchor& a = anchors_[anchor];
      a = {false, 1, value ? std::optional<std::string>(*value) : std::nullopt};
    }
  }
  void open(const YAML::Mark& mark, YAML::anchor_t anchor, bool map) {
    item(mark, nullptr, map ? "a map" : "a list");
    if (stack_.size() >= static_cast<std::size_t>(max_depth))
      fail_in(file_, mark, "nested deeper than " + std::to_string(max_depth) + " levels");
    stack_.push_back({map, 0, anchor, values_, {}});
    add(mark, 1);
    if (anchor != YAML::NullAnchor) anchors_[anchor] = {};
  }
  void close() {
    const Frame& f = stack_.back();
    if (f.anchor != YAML::NullAnchor) anchors_[f.anchor] = {false, values_ - f.values_before, std::nullopt};
    stack_.pop_back();
  }

  const std::string& file_;
  std::vector<Frame> stack_;
  std::unordered_map<YAML::anchor_t, Anchor> anchors_;
  std::uint64_t values_ = 0;
};

}  // namespace

std::string flow(const YAML::Node& n) {
  YAML::Emitter em;
  em.SetMapFormat(YAML::Flow);
  em.SetSeqFormat(YAML::Flow);
  em << n;
  return em.c_str();
}

YAML::Node parse_yaml(const std::string& text, const std::string& file) {
  check_characters(text, file);
  try {
    {
      std::istringstream in(text);
      YAML::Parser parser(in);
      Precheck check(file);
      parser.HandleNextDocument(check);
      struct Second final : YAML::EventHandler {  // stops at the second document's first event
        void OnDocumentStart(const YAML::Mark& m) override { throw YAML::Exception(m, "stop"); }
        void OnDocumentEnd() override {}
        void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
        void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
        void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
        void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                             YAML::EmitterStyle::value) override {}
        void OnSequenceEnd() override {}
        void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
        void OnMapEnd() override {}
      } second;
      try {
        parser.HandleNextDocument(second);
      } catch (const YAML::ParserException&) {
        throw;
      } catch (const YAML::Exception& e) {
        fail_in(file, e.mark, "a second YAML document ('---'); a file holds one");
      }
    }
    return YAML::Load(text);
  } catch (const YAML::Exception& e) {
    fail_in(file, e.mark, "invalid YAML: " + e.msg);
  }
}

namespace {
std::string count_text(double n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, n < 1e9 ? "%.0f" : "%.3g", n);
  return buf;
}
}  // namespace

std::string too_many_arrivals(double expected, std::uint64_t max_arrivals) {
  return "the scenario expects about " + count_text(expected) +
         " arrivals over warm-up and horizon (the sum of rate x profile x time), more than max_arrivals (" +
         std::to_string(max_arrivals) +
         "); a run would take too long or not fit in memory: set max_arrivals higher "
         "to run it anyway";
}

std::string arrivals_estimate(double expected, std::uint64_t max_arrivals) {
  return "expected arrivals: about " + count_text(expected) + " over warm-up and horizon (max_arrivals " +
         std::to_string(max_arrivals) + ")";
}

YamlReader YamlReader::load_string(const std::string& text, const std::string& name) {
  YamlReader r;
  r.file_ = name;
  r.text_ = text;
  r.root_ = parse_yaml(text, name);
  if (!r.root_.IsMap()) r.fail(r.root_, "a scenario must be a YAML map of keys to values");
  return r;
}

YamlReader YamlReader::load_file(const std::string& path) {
  return load_string(read_file(path, "scenario file"), path);
}

std::string read_file(const std::string& path, std::string_view what) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw ScenarioError(path + ": is a directory; the " + std::string(what) + " must be a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ScenarioError(path + ": cannot open the " + std::string(what) + ": " + std::strerror(errno));
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw ScenarioError(path + ": cannot read the " + std::string(what) + ": " + std::strerror(errno));
  return ss.str();
}

namespace {

std::filesystem::path canonical_path(const std::filesystem::path& p) {
  std::error_code ec;
  auto c = std::filesystem::weakly_canonical(p, ec);
  return ec ? std::filesystem::absolute(p, ec).lexically_normal() : c;
}

// Merges the maps `layers` (top first: each overrides the ones after it)
// into the first, in place (so its nodes keep their identity and marks): the
// keys in the deepest layer's order, then the keys each higher layer adds;
// a key's value is the topmost layer's, and where that is a map, it merges
// with the maps right below it under the same key. Linear in the layers' size.
void merge_layers(const std::vector<YAML::Node>& layers) {
  struct Entry {
    YAML::Node key;
    std::vector<YAML::Node> values;  // deepest first
  };
  std::vector<Entry> entries;
  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t l = layers.size(); l-- > 0;)  // deepest base first
    for (const auto& kv : layers[l]) {
      const auto [it, fresh] = index.try_emplace(kv.first.Scalar(), entries.size());
      if (fresh) entries.push_back({kv.first, {}});
      entries[it->second].key.reset(kv.first);  // the topmost key node reports where the value was set
      entries[it->second].values.push_back(kv.second);
    }
  YAML::Node top = layers.front();  // emptied in place (the map node keeps its identity and mark)
  std::vector<YAML::Node> own;
  for (const auto& kv : top) own.push_back(kv.first);
  for (const YAML::Node& k : own) top.remove(k);  // each the first left: found at once
  for (Entry& e : entries) {
    std::vector<YAML::Node> maps;
    for (auto v = e.values.rbegin(); v != e.values.rend() && v->IsMap(); ++v) maps.push_back(*v);
    if (maps.size() > 1) merge_layers(maps);
    top.force_insert(e.key, e.values.back());
  }
}

}  // namespace

namespace {
// A node's identity: the address of its data, shared by every alias of it
// and stable while its document lives (yaml-cpp's Node::is() compares the
// same, but offers no hash).
const void* identity(const YAML::Node& n) { return &n.Scalar(); }
}  // namespace

void YamlReader::add_source(const std::string& file, const YAML::Node& root) {
  const std::size_t source = sources_.size();
  sources_.push_back({file, root});
  // every node (map keys included) once, however often it is aliased
  std::vector<std::pair<YAML::Node, int>> todo{{root, 0}};
  while (!todo.empty()) {
    const auto [n, depth] = todo.back();
    todo.pop_back();
    if (!origin_.try_emplace(identity(n), source).second) continue;
    if (depth > max_depth) fail(n, "nested deeper than " + std::to_string(max_depth) + " levels");
    if (n.IsMap()) {
      for (const auto& kv : n) {
        origin_.try_emplace(identity(kv.first), source);
        todo.emplace_back(kv.second, depth + 1);
      }
    } else if (n.IsSequence()) {
      for (const auto& x : n) todo.emplace_back(x, depth + 1);
    }
  }
}

const std::string& YamlReader::file_of(const YAML::Node& node) const {
  if (!node.IsDefined()) return file_;
  const auto it = origin_.find(identity(node));
  return it == origin_.end() ? file_ : sources_[it->second].file;
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
      for (std::size_t k = i + 1; k < close; ++k)
        if (path[k] < '0' || path[k] > '9') bad("an index must be a number");
      if (std::from_chars(path.data() + i + 1, path.data() + close, idx).ec != std::errc())  // never wraps
        bad("index " + std::string(path.substr(i + 1, close - i - 1)) + " is too large");
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
  out.add_source(value_file, value);
  out.text_.clear();
  out.emit_on_demand();
  return out;
}

const std::string& YamlReader::text() const {
  if (!emitted_) return text_;
  std::call_once(emitted_->once, [this] {
    YAML::Emitter em;
    em << root_;
    emitted_->text = std::string(em.c_str()) + "\n";
  });
  return emitted_->text;
}

YamlReader YamlReader::extended() const& {
  if (!root_.IsMap() || !root_["extends"].IsDefined()) return *this;
  return extend(load_string(text(), file_));  // a fresh tree: *this is const
}

YamlReader YamlReader::extended() && {
  if (!root_.IsMap() || !root_["extends"].IsDefined()) return std::move(*this);
  return extend(std::move(*this));
}

YamlReader YamlReader::extend(YamlReader top) {
  namespace fs = std::filesystem;
  // The chain, top first, each base a fresh parse (merging changes the trees
  // in place); then one merge of all of them, linear in their total size.
  const std::string file = top.file_;
  std::vector<YamlReader> chain;
  chain.push_back(std::move(top));
  std::vector<fs::path> canonical{canonical_path(file)};
  for (;;) {
    const YamlReader& r = chain.back();
    const YAML::Node ext = r.root()["extends"];  // const: a lookup adds no key
    if (!ext.IsDefined()) break;
    const std::string rel = r.string(ext, "extends");
    const fs::path base_path = (fs::path(r.file()).parent_path() / rel).lexically_normal();
    const fs::path base_canonical = canonical_path(base_path);
    const auto names = [&](std::size_t from) {
      std::string s;
      for (std::size_t j = from; j < chain.size(); ++j) s += chain[j].file() + " -> ";
      return s + base_path.string();
    };
    for (std::size_t i = 0; i < canonical.size(); ++i)
      if (canonical[i] == base_canonical) r.fail(ext, "extends: cycle: " + names(i));
    if (chain.size() > max_extends_depth)
      r.fail(ext, "extends: a chain of more than " + std::to_string(max_extends_depth) + " bases: " + names(0));
    std::string text;
    try {
      text = read_file(base_path.string(), "base scenario");
    } catch (const ScenarioError& e) {
      const std::string what = e.what();  // "path: ...: reason"
      r.fail(ext, "extends: cannot open '" + rel + "': " + what.substr(what.rfind(": ") + 2));
    }
    chain.push_back(load_string(text, base_path.string()));
    canonical.push_back(base_canonical);
  }
  YamlReader out;
  out.file_ = file;
  std::vector<YAML::Node> layers;
  for (const YamlReader& r : chain) {
    out.add_source(r.file(), r.root());
    YAML::Node root = r.root();
    root.remove("extends");
    layers.push_back(root);
  }
  merge_layers(layers);
  out.root_.reset(layers.front());
  out.emit_on_demand();
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

std::int64_t YamlReader::integer(const YAML::Node& node, std::int64_t min, std::int64_t max,
                                 std::string_view what) const {
  if (!node.IsScalar()) fail(node, std::string(what) + " must be an integer");
  const std::string& s = node.Scalar();
  const char* begin = s.data() + (s.size() > 1 && s[0] == '+' ? 1 : 0);
  const char* end = s.data() + s.size();
  std::int64_t v = 0;
  const auto [p, ec] = std::from_chars(begin, end, v);
  const bool digits = p == end && begin != end;  // all of it
  if (!digits || (ec != std::errc() && ec != std::errc::result_out_of_range))
    fail(node, std::string(what) + " must be an integer, not '" + s + "'");
  const bool negative = s[0] == '-';  // never truncated to fit:
  if (ec == std::errc::result_out_of_range ? negative : v < min)
    fail(node, std::string(what) + " must be >= " + std::to_string(min) + ", not " + s);
  if (ec == std::errc::result_out_of_range || v > max)
    fail(node, std::string(what) + " must be <= " + std::to_string(max) + ", not " + s);
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
        return Distribution::erlang(static_cast<int>(integer(required(node, "k", w), 1, max_erlang_k, w + " k")),
                                    num("mean"));
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
