// SPDX-License-Identifier: MIT
// write_file_atomically: content, replacement, failure leaves nothing behind.
#include "exec/atomic_file.hpp"
#include "tests/common/read_file.hpp"
#include "tests/common/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <stdexcept>
#include <string>

namespace fs = std::filesystem;
using zccsim::sim::write_file_atomically;
using zccsim::test::read_file;
using zccsim::test::TempDir;

TEST_CASE("write_file_atomically writes the content", "[atomic_file]") {
  TempDir dir;
  const fs::path target = dir.path() / "out.json";
  const std::string text = std::string("{\"a\": 1}\n") + std::string(1, '\0') + "binary\xff";
  write_file_atomically(target, text);
  CHECK(read_file(target) == text);
  CHECK(dir.names() == std::set<std::string>{"out.json"});

  write_file_atomically(dir.path() / "empty", "");
  CHECK(fs::exists(dir.path() / "empty"));
  CHECK(fs::file_size(dir.path() / "empty") == 0u);
}

TEST_CASE("replacing a file leaves the new content and no temporary files", "[atomic_file]") {
  TempDir dir;
  const fs::path target = dir.path() / "result.csv";
  write_file_atomically(target, std::string(10000, 'x'));
  write_file_atomically(target, "short\n");  // shorter than before: no stale tail
  CHECK(read_file(target) == "short\n");
  write_file_atomically(target, "third\n");
  CHECK(read_file(target) == "third\n");
  for (const std::string& n : dir.names()) CHECK(n.find(".tmp.") == std::string::npos);
  CHECK(dir.names() == std::set<std::string>{"result.csv"});
}

TEST_CASE("a target in a missing directory throws and creates nothing", "[atomic_file]") {
  TempDir dir;
  const fs::path missing = dir.path() / "no" / "such" / "dir";
  const fs::path target = missing / "out.txt";
  CHECK_THROWS_AS(write_file_atomically(target, "data"), std::runtime_error);
  try {
    write_file_atomically(target, "data");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()).find(target.string()) != std::string::npos);  // names the path
  }
  CHECK_FALSE(fs::exists(missing));
  CHECK(dir.names().empty());
}

TEST_CASE("a failed rename leaves the target untouched and no temporary file", "[atomic_file]") {
  TempDir dir;
  // the target is a non-empty directory: the rename over it fails
  const fs::path target = dir.path() / "taken";
  fs::create_directory(target);
  std::ofstream(target / "keep") << "old";
  CHECK_THROWS_AS(write_file_atomically(target, "new"), std::runtime_error);
  CHECK(fs::is_directory(target));
  CHECK(read_file(target / "keep") == "old");
  CHECK(dir.names() == std::set<std::string>{"taken"});
}
