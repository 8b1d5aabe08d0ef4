// SPDX-License-Identifier: MIT
// Reading scenario YAML into plain structs with errors that name the file,
// line, column and the allowed values. Every model's loader uses these.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace zccsim::sim { class Distribution; }

namespace zccsim::models {

// "file:line:column: message"; what the CLI prints before exiting non-zero.
class ScenarioError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class YamlReader {
 public:
  // Parses `path`; throws ScenarioError (with position) on unreadable or malformed YAML.
  static YamlReader load_file(const std::string& path);
  static YamlReader load_string(const std::string& text, const std::string& name);

  const YAML::Node& root() const noexcept { return root_; }
  const std::string& file() const noexcept { return file_; }
  const std::string& text() const noexcept { return text_; }

  [[noreturn]] void fail(const YAML::Node& at, const std::string& message) const;
  [[noreturn]] void fail(const YAML::Mark& at, const std::string& message) const;

  // Fails on any key of the map `node` not in `allowed` (listing them) or on
  // a non-map; `what` names the map in the message.
  void require_map(const YAML::Node& node, std::string_view what) const;
  void check_keys(const YAML::Node& node, std::initializer_list<std::string_view> allowed,
                  std::string_view what) const;
  // The value of a required key (fails naming the key if it is missing).
  YAML::Node required(const YAML::Node& map, std::string_view key, std::string_view what) const;
  // The mark of `key` itself in `map` (for errors about the key).
  YAML::Mark key_mark(const YAML::Node& map, std::string_view key) const;

  double number(const YAML::Node& node, std::string_view what) const;
  double number_at_least(const YAML::Node& node, double min, std::string_view what) const;
  double positive(const YAML::Node& node, std::string_view what) const;
  double probability(const YAML::Node& node, std::string_view what) const;
  std::int64_t integer(const YAML::Node& node, std::int64_t min, std::string_view what) const;
  std::string string(const YAML::Node& node, std::string_view what) const;
  // One of `allowed`; returns its index.
  std::size_t choice(const YAML::Node& node, const std::vector<std::string_view>& allowed,
                     std::string_view what) const;
  // A name usable as an output key: letters, digits, '_' and '-'.
  std::string identifier(const YAML::Node& node, std::string_view what) const;
  // {dist: NAME, ...parameters}
  sim::Distribution distribution(const YAML::Node& node, std::string_view what) const;

 private:
  YAML::Node root_;
  std::string file_, text_;
};

std::string join(const std::vector<std::string_view>& names, std::string_view sep = ", ");

}  // namespace zccsim::models
