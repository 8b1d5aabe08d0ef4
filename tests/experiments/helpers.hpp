// SPDX-License-Identifier: MIT
// Shared by the experiment tests: a temporary directory, reading a file,
// bitwise row equality.
#pragma once

#include "io/results_h5.hpp"
#include "study/sweep.hpp"
#include "exec/experiment.hpp"
#include "tests/common/read_file.hpp"
#include "tests/common/temp_dir.hpp"

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
