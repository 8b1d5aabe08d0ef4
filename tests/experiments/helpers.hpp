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
#include <span>
#include <string>
#include <utility>

#include <unistd.h>

namespace zccsim::test {

namespace fs = std::filesystem;

inline const std::string experiments_dir = ZCCSIM_EXPERIMENTS_DIR;

// The same bits in every value (NaN payloads included).
inline bool same_bits(std::span<const double> a, std::span<const double> b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

using RowKey = std::pair<std::uint32_t, std::uint64_t>;  // (point, replication)

// What run_experiment said, and the rows of its in-memory sink.
struct Ran {
  models::ExperimentReport report;
  models::io::Results results;  // sorted by (point, replication)
};

// Runs `e` with an in-memory sink.
inline Ran run_all(const models::Experiment& e, const sim::ExecutionControl& control) {
  Ran r;
  r.results = models::experiment_header(e);
  r.report = models::run_experiment(e, control, sim::execute, {.memory = &r.results});
  return r;
}

// The rows of results by (point, replication).
inline std::map<RowKey, sim::Metrics> by_key(const models::io::Results& r) {
  std::map<RowKey, sim::Metrics> m;
  for (std::size_t i = 0; i < r.rows(); ++i) {
    const auto row = r.row(i);
    m[{r.point[i], r.replication[i]}] = sim::Metrics(row.begin(), row.end());
  }
  return m;
}

// The file holds exactly the rows of `expected`: each (point, replication)
// once, bit for bit.
inline void check_rows_match(const models::io::Results& f, const std::map<RowKey, sim::Metrics>& expected) {
  REQUIRE(f.rows() == expected.size());
  std::set<RowKey> seen;
  for (std::size_t i = 0; i < f.rows(); ++i) {
    const RowKey key{f.point[i], f.replication[i]};
    CHECK(seen.insert(key).second);
    REQUIRE(expected.count(key) == 1);
    CHECK(same_bits(f.row(i), expected.at(key)));
  }
}

}  // namespace zccsim::test
