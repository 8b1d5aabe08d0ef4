// SPDX-License-Identifier: MIT
// Reading scenario YAML into plain structs with errors that name the file,
// line, column and the allowed values. Every model's loader uses these.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace zccsim::sim {
class Distribution;
}

namespace zccsim::models {

// "file:line:column: message"; what the CLI prints before exiting non-zero.
class ScenarioError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Limits of parse_yaml (docs: scenarios/README.md, "Limits").
inline constexpr std::uint64_t max_yaml_values = 1'000'000;  // values after alias expansion
inline constexpr std::size_t max_extends_depth = 32;         // bases in an `extends:` chain
inline constexpr std::int64_t max_erlang_k = 10'000;         // phases of an Erlang distribution
// Limits of the models' loaders. A run's warm-up and horizon each at most 100
// years (36525 days): longer is no planning question, and it keeps the day
// tables and the arrival walk bounded. A scenario expecting more arrivals
// than max_arrivals (a scenario key; default 10^8 in each model's config) is
// refused at validation.
inline constexpr double max_run_days = 36525.0;
// "the scenario expects about N arrivals ..., more than max_arrivals (M) ..."
std::string too_many_arrivals(double expected, std::uint64_t max_arrivals);
// "expected arrivals: about N over warm-up and horizon (max_arrivals M)", for validate
std::string arrivals_estimate(double expected, std::uint64_t max_arrivals);

// The one way the program parses YAML text (scenarios, their `extends:`
// bases, experiment files, sweep and override values): one document of UTF-8
// text without control characters; no duplicate or non-scalar map keys, no
// recursive alias, nesting at most 200 deep and at most max_yaml_values
// values with every alias expanded (checked on yaml-cpp's events before the
// tree is built). Throws ScenarioError "file:line:column: message".
YAML::Node parse_yaml(const std::string& text, const std::string& file);
// A YAML value on one line (flow style): labels, settings, sampled values.
std::string flow(const YAML::Node& n);
// The contents of the file `path`; throws ScenarioError naming it and the
// reason (a directory, or strerror) for what it is (e.g. "scenario file").
std::string read_file(const std::string& path, std::string_view what);

class YamlReader {
 public:
  // Parses `path`; throws ScenarioError (with position) on unreadable or malformed YAML.
  static YamlReader load_file(const std::string& path);
  static YamlReader load_string(const std::string& text, const std::string& name);

  // This scenario with its `extends:` chain resolved: `extends: base.yaml`
  // (relative to the file that says it) loads the base first (recursively),
  // then merges this file on top: maps merge key by key, recursively (in the
  // base's key order, new keys after); scalars and lists replace. The result
  // has no `extends` key; text() is the merged YAML (deterministic); each
  // node still reports the file it was written in (file_of, fail). A cycle or
  // a base that cannot be opened fails at the `extends` value. Without
  // `extends` this returns a copy of *this (text() unchanged). On a
  // temporary (load_file(path).extended()) its own tree is the top layer;
  // else the text is parsed again (merging changes the trees in place).
  YamlReader extended() const&;
  YamlReader extended() &&;

  // Key paths name a value: map keys joined by '.', list items by [i]:
  // "capacity_insight", "demand.hap_calls.per_1000_per_year",
  // "zcc.locations[0].rosters.gp". get() fails (ScenarioError) naming the
  // path and the keys or indices that exist.
  YAML::Node get(std::string_view path) const;
  // A copy with the value at `path` replaced (or a new last key added to a
  // map). Only the maps and lists on the path are copied: every other node
  // keeps its file and position, and `value` reports `value_file`.
  YamlReader with_override(std::string_view path, const YAML::Node& value, const std::string& value_file) const;

  const YAML::Node& root() const noexcept { return root_; }
  const std::string& file() const noexcept { return file_; }
  // The file's text, or (extended, overridden) the tree emitted as YAML: on
  // the first call (a run without a results file never emits it), once
  // however many copies or threads ask.
  const std::string& text() const;

  // The file `node` was written in (this reader's file unless it came from a
  // base of an extends chain).
  const std::string& file_of(const YAML::Node& node) const;

  [[noreturn]] void fail(const YAML::Node& at, const std::string& message) const;
  // A bare mark carries no file: it is reported against file().
  [[noreturn]] void fail(const YAML::Mark& at, const std::string& message) const;

  // Fails on any key of the map `node` not in `allowed` (listing them) or on
  // a non-map; `what` names the map in the message.
  void require_map(const YAML::Node& node, std::string_view what) const;
  void check_keys(const YAML::Node& node, std::initializer_list<std::string_view> allowed, std::string_view what) const;
  void check_keys(const YAML::Node& node, const std::vector<std::string_view>& allowed, std::string_view what) const;
  // The value of a required key (fails naming the key if it is missing).
  YAML::Node required(const YAML::Node& map, std::string_view key, std::string_view what) const;
  // The node of `key` itself in `map` (`map` when the key is absent), for
  // errors about the key: fail() reports it in the file it was written in.
  YAML::Node key_node(const YAML::Node& map, std::string_view key) const;

  double number(const YAML::Node& node, std::string_view what) const;
  double number_at_least(const YAML::Node& node, double min, std::string_view what) const;
  double positive(const YAML::Node& node, std::string_view what) const;
  double probability(const YAML::Node& node, std::string_view what) const;
  // An integer in [min, max] (a value out of range is refused, never truncated).
  std::int64_t integer(const YAML::Node& node, std::int64_t min, std::int64_t max, std::string_view what) const;
  std::string string(const YAML::Node& node, std::string_view what) const;
  // true or false (also True/TRUE/False/FALSE).
  bool boolean(const YAML::Node& node, std::string_view what) const;
  // One of `allowed`; returns its index.
  std::size_t choice(const YAML::Node& node, const std::vector<std::string_view>& allowed, std::string_view what) const;
  // A name usable as an output key: letters, digits, '_' and '-'.
  std::string identifier(const YAML::Node& node, std::string_view what) const;
  // {dist: NAME, ...parameters}
  sim::Distribution distribution(const YAML::Node& node, std::string_view what) const;

 private:
  // The merge of `top` (a fresh tree of this file) over its chain of bases.
  static YamlReader extend(YamlReader top);
  // For an extended reader (or one with overrides): each file of the chain
  // with its parsed root (which keeps the document's nodes alive), and the
  // source of every node (keys included), by identity, to find the file a
  // node was written in.
  struct Source {
    std::string file;
    YAML::Node root;
  };
  void add_source(const std::string& file, const YAML::Node& root);

  // root_ emitted as YAML (text() of an extended or overridden reader)
  struct Emitted {
    std::once_flag once;
    std::string text;
  };
  void emit_on_demand() { emitted_ = std::make_shared<Emitted>(); }

  YAML::Node root_;
  std::string file_, text_;  // text_: the file's own text (when emitted_ is null)
  std::shared_ptr<Emitted> emitted_;
  std::vector<Source> sources_;
  std::unordered_map<const void*, std::size_t> origin_;
};

std::string join(const std::vector<std::string_view>& names, std::string_view sep = ", ");

}  // namespace zccsim::models
