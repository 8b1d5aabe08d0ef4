// SPDX-License-Identifier: MIT
// Results in memory (io/results.hpp): rows, sorting, pairing and the
// summaries compare and Python read from them, against values worked by hand.
#include "io/results.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <vector>

using zccsim::models::io::Results;
namespace io = zccsim::models::io;

namespace {

// Two KPIs; point p replication r has values (10 p + r, r^2) unless given.
Results table(const std::vector<std::pair<std::uint32_t, std::uint64_t>>& keys) {
  Results r;
  r.kpi_names = {"a", "b"};
  r.point_labels = {"base", "variant"};
  for (const auto& [p, rep] : keys) {
    const double row[] = {10.0 * p + static_cast<double>(rep), static_cast<double>(rep * rep)};
    r.add_row(p, rep, row, {rep + 1, rep, 1});
  }
  return r;
}

}  // namespace

TEST_CASE("results: rows are added whole and read back by row", "[results]") {
  Results r = table({{0, 0}, {0, 1}});
  CHECK(r.rows() == 2);
  CHECK(r.row(1)[0] == 1.0);
  CHECK(r.row(1)[1] == 1.0);
  CHECK(r.conservation[1].created == 2);
  const double short_row[] = {1.0};
  CHECK_THROWS_AS(r.add_row(0, 2, short_row, {}), std::logic_error);
  CHECK(r.rows() == 2);  // nothing half-added
}

TEST_CASE("results: sort_rows orders by (point, replication) and keeps each row's columns together", "[results]") {
  Results r = table({{1, 2}, {0, 1}, {1, 0}, {0, 0}});
  io::sort_rows(r);
  CHECK(r.point == std::vector<std::uint32_t>{0, 0, 1, 1});
  CHECK(r.replication == std::vector<std::uint64_t>{0, 1, 0, 2});
  CHECK(r.row(3)[0] == 12.0);
  CHECK(r.row(3)[1] == 4.0);
  CHECK(r.conservation[3].created == 3);
}

TEST_CASE("results: keep_complete_pairs drops replications a point lacks", "[results]") {
  Results r = table({{0, 0}, {1, 0}, {0, 1}, {0, 2}, {1, 2}});
  io::keep_complete_pairs(r);
  CHECK(r.replication == std::vector<std::uint64_t>{0, 0, 2, 2});
  CHECK(r.point == std::vector<std::uint32_t>{0, 1, 0, 1});
}

TEST_CASE("results: per-point summaries and paired differences, worked by hand", "[results]") {
  Results r = table({{0, 0}, {0, 1}, {0, 2}, {1, 0}, {1, 1}, {1, 2}});
  const auto base = io::point_summaries(r, 0);
  CHECK(base[0].mean == 1.0);  // 0, 1, 2
  CHECK(base[0].n == 3);
  CHECK(base[1].mean == Approx(5.0 / 3.0));  // 0, 1, 4
  const auto variant = io::point_summaries(r, 1);
  CHECK(variant[0].mean == 11.0);
  // variant - base per replication: a is 10 every time (no spread), b is 0
  const auto d = io::paired_differences(r, 1);
  CHECK(d[0].mean == 10.0);
  CHECK(d[0].ci95 == 0.0);
  CHECK(d[1].mean == 0.0);
  CHECK(d[0].n == 3);
  // pairs only where both have the replication; NaN is skipped
  Results partial = table({{0, 0}, {0, 1}, {1, 1}, {1, 5}});
  partial.values[2 * 2 + 1] = std::numeric_limits<double>::quiet_NaN();  // b of (1, 1)
  const auto dp = io::paired_differences(partial, 1);
  CHECK(dp[0].n == 1);
  CHECK(dp[0].mean == 10.0);
  CHECK(dp[1].n == 0);
  CHECK(std::isnan(dp[1].mean));
}

TEST_CASE("results: normalize gives a plain run its one point", "[results]") {
  Results r;
  io::normalize(r);
  CHECK(r.point_labels == std::vector<std::string>{"run"});
  CHECK(r.point_settings == std::vector<std::string>{"{}"});
}
