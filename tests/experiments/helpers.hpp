// SPDX-License-Identifier: MIT
// Shared by the experiment tests: a temporary directory, bitwise row equality.
#pragma once

#include "models/io/results_h5.hpp"
#include "models/study/sweep.hpp"
#include "sim/experiment.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <utility>

#include <unistd.h>

namespace zccsim::test {

namespace fs = std::filesystem;

inline const std::string experiments_dir = ZCCSIM_EXPERIMENTS_DIR;

class TempDir {
 public:
  TempDir() {
    static int counter = 0;
    path_ = fs::temp_directory_path() /
            ("zccsim-exp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }
  std::set<std::string> names() const {
    std::set<std::string> s;
    for (const auto& e : fs::directory_iterator(path_)) s.insert(e.path().filename().string());
    return s;
  }

 private:
  fs::path path_;
};

// The same bits in every value (NaN payloads included).
inline bool same_bits(const sim::Metrics& a, const sim::Metrics& b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

using RowKey = std::pair<std::uint32_t, std::uint64_t>;  // (point, replication)

// The rows of a sweep by (point, replication).
inline std::map<RowKey, sim::Metrics> by_key(const models::SweepResult& r) {
  std::map<RowKey, sim::Metrics> m;
  for (std::size_t i = 0; i < r.rows.size(); ++i) m[{r.point[i], r.replication[i]}] = r.rows[i];
  return m;
}

// The file holds exactly the rows of `expected`: each (point, replication)
// once, bit for bit.
inline void check_rows_match(const models::io::ResultsFile& f, const std::map<RowKey, sim::Metrics>& expected) {
  REQUIRE(f.kpis.size() == expected.size());
  std::set<RowKey> seen;
  for (std::size_t i = 0; i < f.kpis.size(); ++i) {
    const RowKey key{f.point_index[i], f.replication_index[i]};
    CHECK(seen.insert(key).second);
    REQUIRE(expected.count(key) == 1);
    CHECK(same_bits(f.kpis[i], expected.at(key)));
  }
}

}  // namespace zccsim::test
