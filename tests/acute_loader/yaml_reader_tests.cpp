// SPDX-License-Identifier: MIT
// io::parse_yaml and YamlReader's bounds (issue #11): every refusal names
// file:line:column; alias bombs, long extends chains and huge indices end
// quickly. Label unit (also run under ASan+UBSan).
#include "io/yaml_reader.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

using zccsim::models::parse_yaml;
using zccsim::models::ScenarioError;
using zccsim::models::YamlReader;

namespace {

std::string error_of(const std::string& text) {
  try {
    (void)parse_yaml(text, "t.yaml");
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "(no error)";
}

std::string bomb(int levels) {
  std::string s = "a0: &a0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n";
  for (int i = 1; i <= levels; ++i) {
    const std::string prev = "*a" + std::to_string(i - 1);
    s += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int k = 0; k < 10; ++k) s += (k ? ", " : "") + prev;
    s += "]\n";
  }
  return s;
}

}  // namespace

TEST_CASE("parse_yaml: one document of unique scalar keys", "[yaml]") {
  CHECK(parse_yaml("a: 1\nb: [x, y]\n", "t.yaml")["b"].size() == 2);
  CHECK(parse_yaml("", "t.yaml").IsNull());
  CHECK(error_of("a: 1\nb: 2\na: 3\n") == "t.yaml:3:1: duplicate key 'a' (first at line 1)");
  CHECK(error_of("a: 1\n---\nb: 2\n") == "t.yaml:2:1: a second YAML document ('---'); a file holds one");
  CHECK(error_of("{a: 1}: 2\n") == "t.yaml:1:1: a map key must be a single value, not a map");
  CHECK(error_of("[a]: 2\n") == "t.yaml:1:1: a map key must be a single value, not a list");
  CHECK(error_of("x: &k [1]\n*k : 2\n") ==
        "t.yaml:2:1: a map key must be a single value, not an alias of a list, map or null");
  CHECK(error_of("a: &k a\n*k : 2\n") == "t.yaml:2:1: duplicate key 'a' (first at line 1)");
  CHECK(error_of("a: [1, 2\n") == "t.yaml:2:1: invalid YAML: end of sequence flow not found");
}

TEST_CASE("parse_yaml: the tree of YAML::Load (after the checking pass)", "[yaml]") {
  // every kind of node, tags, flow and block styles, anchors and aliases
  // (an alias is its anchor's node itself), null forms, an empty document
  const std::string text = "# a comment\n"
                           "a: 1\n"
                           "b: [x, 'y', \"z\", ~, null, , {p: q}]\n"
                           "c:\n"
                           "  - &anchor {k: v, n: [1, 2]}\n"
                           "  - *anchor\n"
                           "  - !!str 3\n"
                           "  - !custom tagged\n"
                           "d: &s scalar\n"
                           "e: *s\n"
                           "f: |\n"
                           "  block\n"
                           "  text\n"
                           "g:\n"
                           "h: {}\n"
                           "? i\n"
                           ": []\n";
  for (const std::string& t : {text, std::string(), std::string("# only a comment\n"), std::string("plain\n")}) {
    INFO(t);
    const YAML::Node mine = parse_yaml(t, "t.yaml"), load = YAML::Load(t);
    // what the emitter writes shows type, tag, style, value and sharing (&1, *1)
    YAML::Emitter em_mine, em_load;
    em_mine << mine;
    em_load << load;
    CHECK(std::string(em_mine.c_str()) == em_load.c_str());
    // and every node's position (a depth-first walk, keys too)
    std::vector<std::string> where_mine, where_load;
    const auto walk = [](const YAML::Node& n, std::vector<std::string>& out, const auto& self) -> void {
      out.push_back(std::to_string(n.Mark().pos) + ":" + std::to_string(n.Mark().line) + ":" +
                    std::to_string(n.Mark().column) + ":" + std::to_string(static_cast<int>(n.Style())));
      if (n.IsSequence())
        for (const YAML::Node& x : n) self(x, out, self);
      if (n.IsMap())
        for (const auto& kv : n) self(kv.first, out, self), self(kv.second, out, self);
    };
    walk(mine, where_mine, walk);
    walk(load, where_load, walk);
    CHECK(where_mine == where_load);
  }
  const YAML::Node c = parse_yaml(text, "t.yaml")["c"];
  CHECK(c[0].is(c[1]));  // one node, as YAML::Load shares it
  CHECK(c[3].Tag() == "!custom");
}

TEST_CASE("parse_yaml: text is UTF-8 without control characters", "[yaml]") {
  CHECK(parse_yaml("name: caf\xc3\xa9\n", "t.yaml")["name"].Scalar() == "caf\xc3\xa9");
  CHECK(parse_yaml("\xef\xbb\xbfname: x\n", "t.yaml")["name"].Scalar() == "x");  // a BOM
  CHECK(error_of("a: 1\nname: caf\xe9\n") == "t.yaml:2:10: invalid UTF-8 (a YAML file must be UTF-8 text)");
  CHECK(error_of("name: \xed\xa0\x80\n") ==
        "t.yaml:1:7: invalid UTF-8 (a YAML file must be UTF-8 text)");  // a surrogate
  CHECK(error_of("a: \x01\n") == "t.yaml:1:4: control character U+0001 (not allowed in YAML text)");
  CHECK(error_of(std::string("a: x\0y\n", 7)) == "t.yaml:1:5: control character U+0000 (not allowed in YAML text)");
  CHECK(error_of("a: \xc2\x85 \xc2\x9b\n") == "t.yaml:1:7: control character U+009B (not allowed in YAML text)");
}

TEST_CASE("parse_yaml: recursive aliases, deep nesting and alias bombs are refused quickly", "[yaml]") {
  CHECK(error_of("a: &x [1, *x]\n") == "t.yaml:1:11: a recursive alias (it refers to a node that contains it)");
  CHECK(error_of("a: " + std::string(201, '[') + std::string(201, ']') + "\n") ==
        "t.yaml:1:203: nested deeper than 200 levels");
  CHECK(parse_yaml("a: " + std::string(199, '[') + std::string(199, ']') + "\n", "t.yaml").IsMap());
  CHECK(parse_yaml(bomb(4), "t.yaml")["a4"].size() == 10);  // 111,111 values: allowed
  const auto start = std::chrono::steady_clock::now();
  CHECK(error_of(bomb(9)) == "t.yaml:6:45: more than 1000000 values after alias expansion (an alias bomb?)");
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
}

TEST_CASE("YamlReader: integers are range-checked, never truncated", "[yaml]") {
  const YamlReader r =
      YamlReader::load_string("a: 4294967297\nb: 99999999999999999999\nc: -7\nd: +3\ne: 1.5\n", "t.yaml");
  const YAML::Node& n = r.root();
  CHECK_THROWS_WITH(r.integer(n["a"], 0, 1'000'000, "a"), "t.yaml:1:4: a must be <= 1000000, not 4294967297");
  CHECK_THROWS_WITH(r.integer(n["b"], 0, 1'000'000, "b"), "t.yaml:2:4: b must be <= 1000000, not 99999999999999999999");
  CHECK_THROWS_WITH(r.integer(n["c"], 0, 10, "c"), "t.yaml:3:4: c must be >= 0, not -7");
  CHECK(r.integer(n["d"], 0, 10, "d") == 3);
  CHECK_THROWS_WITH(r.integer(n["e"], 0, 10, "e"), "t.yaml:5:4: e must be an integer, not '1.5'");
}

TEST_CASE("YamlReader: a key-path index never wraps", "[yaml]") {
  const YamlReader r = YamlReader::load_string("sites: [a, b]\n", "t.yaml");
  CHECK(r.get("sites[1]").Scalar() == "b");
  CHECK_THROWS_WITH(r.get("sites[18446744073709551617]"),
                    "key path 'sites[18446744073709551617]': index 18446744073709551617 is too large");
  CHECK_THROWS_WITH(r.get("sites[4294967297]"), Catch::Contains("no item [4294967297] in 'sites'"));
}

TEST_CASE("YamlReader: an extends chain is linear and at most 32 bases deep", "[yaml]") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("zccsim_extends_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const auto write_chain = [&](int n) {  // f0 extends f1 ... extends f<n>; each adds 200 keys
    for (int i = 0; i <= n; ++i) {
      std::ofstream out(dir / ("f" + std::to_string(i) + ".yaml"));
      if (i < n) out << "extends: f" << i + 1 << ".yaml\n";
      out << "top: " << i << "\nmap:\n";
      for (int k = 0; k < 200; ++k) out << "  k" << i << "_" << k << ": " << k << "\n";
    }
  };
  write_chain(32);
  const YamlReader ok = YamlReader::load_file((dir / "f0.yaml").string()).extended();
  CHECK(ok.root()["top"].Scalar() == "0");
  CHECK(ok.root()["map"].size() == 33 * 200);
  CHECK(ok.file_of(ok.root()["map"]["k32_5"]) == (dir / "f32.yaml").string());
  CHECK(ok.file_of(ok.root()["map"]["k0_5"]) == (dir / "f0.yaml").string());
  write_chain(33);
  CHECK_THROWS_WITH(YamlReader::load_file((dir / "f0.yaml").string()).extended(),
                    Catch::Contains("f32.yaml:1:10: extends: a chain of more than 32 bases: ") &&
                        Catch::Contains("f32.yaml -> " + (dir / "f33.yaml").string()));
  fs::remove_all(dir);
}

TEST_CASE("YamlReader: a directory or a missing file says so", "[yaml]") {
  CHECK_THROWS_WITH(YamlReader::load_file("/"), "/: is a directory; the scenario file must be a file");
  CHECK_THROWS_WITH(YamlReader::load_file("/nonexistent/x.yaml"),
                    "/nonexistent/x.yaml: cannot open the scenario file: No such file or directory");
}
