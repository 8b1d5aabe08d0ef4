// SPDX-License-Identifier: MIT
// Sensitivity designs and estimators (sim/sensitivity.hpp) against analytic
// test functions: Ishigami & Homma (1990), the Sobol' g-function (Saltelli &
// Sobol' 1995), a linear function; and the designs' defining properties.
#include "sim/sensitivity.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numbers>
#include <stdexcept>
#include <vector>

using namespace zccsim::sim::sensitivity;

namespace {

constexpr double pi = std::numbers::pi;

// Ishigami & Homma (1990) on X_i uniform on [-pi, pi], X_i = -pi + 2 pi x_i;
// a 4th coordinate, when present, is a dummy the function does not read.
constexpr double ish_a = 7.0, ish_b = 0.1;
double ishigami(const std::vector<double>& x) {
  const double x1 = -pi + 2.0 * pi * x[0], x2 = -pi + 2.0 * pi * x[1], x3 = -pi + 2.0 * pi * x[2];
  return std::sin(x1) + ish_a * std::sin(x2) * std::sin(x2) + ish_b * std::pow(x3, 4) * std::sin(x1);
}

// Its variance decomposition in closed form (e.g. Saltelli et al. 2008,
// "Global Sensitivity Analysis. The Primer", section 4.8; Sobol' & Levitan 1999):
//   V = a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2,  V1 = (1 + b pi^4/5)^2 / 2,
//   V2 = a^2/8,  V3 = 0,  V13 = b^2 pi^8 (1/18 - 1/50) = 8 b^2 pi^8 / 225.
struct IshigamiTruth {
  double s[4], st[4];
};
IshigamiTruth ishigami_truth() {
  const double a = ish_a, b = ish_b, pi4 = std::pow(pi, 4), pi8 = std::pow(pi, 8);
  const double v = a * a / 8.0 + b * pi4 / 5.0 + b * b * pi8 / 18.0 + 0.5;
  const double v1 = 0.5 * (1.0 + b * pi4 / 5.0) * (1.0 + b * pi4 / 5.0), v2 = a * a / 8.0;
  const double v13 = 8.0 * b * b * pi8 / 225.0;
  return {{v1 / v, v2 / v, 0.0, 0.0}, {(v1 + v13) / v, v2 / v, v13 / v, 0.0}};
}

// Sobol' g-function (Saltelli & Sobol' 1995): g = prod (|4 x_i - 2| + a_i) / (1 + a_i),
// V_i = 1 / (3 (1 + a_i)^2), V = prod (1 + V_i) - 1, S_i = V_i / V,
// S_Ti = V_i prod_{j != i} (1 + V_j) / V.
const std::vector<double> g_a{0.0, 1.0, 4.5, 9.0, 99.0, 99.0};
double g_function(const std::vector<double>& x) {
  double g = 1.0;
  for (std::size_t i = 0; i < g_a.size(); ++i) g *= (std::abs(4.0 * x[i] - 2.0) + g_a[i]) / (1.0 + g_a[i]);
  return g;
}

template <class F>
std::vector<double> evaluate(const Points& points, F f) {
  std::vector<double> y;
  y.reserve(points.size());
  for (const auto& x : points) y.push_back(f(x));
  return y;
}

// low <= v <= high, up to rounding (x2's Morris interval is one point)
bool covers(const Interval& iv, double v) { return iv.low - 1e-9 <= v && v <= iv.high + 1e-9; }

}  // namespace

TEST_CASE("Latin hypercube: one point in each of the n strata of every coordinate", "[sensitivity]") {
  const std::size_t n = 97, k = 5;
  const Points x = latin_hypercube(n, k, 42);
  REQUIRE(x.size() == n);
  for (std::size_t j = 0; j < k; ++j) {
    std::vector<int> count(n, 0);
    for (const auto& row : x) {
      REQUIRE(row.size() == k);
      REQUIRE(row[j] >= 0.0);
      REQUIRE(row[j] < 1.0);
      ++count[static_cast<std::size_t>(row[j] * static_cast<double>(n))];
    }
    CHECK(std::all_of(count.begin(), count.end(), [](int c) { return c == 1; }));
  }
  CHECK(latin_hypercube(n, k, 42) == x);  // deterministic
  CHECK(latin_hypercube(n, k, 43) != x);
  // the strata are shuffled independently per coordinate: not the diagonal
  std::size_t same = 0;
  for (const auto& row : x)
    same += static_cast<std::size_t>(row[0] * static_cast<double>(n)) ==
            static_cast<std::size_t>(row[1] * static_cast<double>(n));
  CHECK(same < 10);
  CHECK(latin_hypercube(0, 3, 1).empty());
}

TEST_CASE("Sobol' sequence: Boost's points, the origin only when asked, inside the unit cube", "[sensitivity]") {
  // The 2-d Sobol' sequence in Gray-code order (Joe & Kuo directions):
  // (0,0) (1/2,1/2) (3/4,1/4) (1/4,3/4) (3/8,3/8) (7/8,7/8)
  const Points all = sobol_sequence(6, 2, 0);
  const Points expected{{0, 0}, {0.5, 0.5}, {0.75, 0.25}, {0.25, 0.75}, {0.375, 0.375}, {0.875, 0.875}};
  CHECK(all == expected);
  const Points skip1 = sobol_sequence(5, 2);  // default: skip the origin
  CHECK(skip1 == Points(expected.begin() + 1, expected.end()));
  const Points skip3 = sobol_sequence(3, 2, 3);
  CHECK(skip3 == Points(expected.begin() + 3, expected.end()));

  // 2^10 points of a 10-d sequence: every coordinate is a permutation of
  // the dyadic grid {m / 2^10} (a (0, m, 1)-net in each dimension), in [0, 1)
  const Points x = sobol_sequence(1024, 10, 0);
  for (std::size_t j = 0; j < 10; ++j) {
    std::vector<int> count(1024, 0);
    for (const auto& row : x) {
      REQUIRE(row[j] >= 0.0);
      REQUIRE(row[j] < 1.0);
      const double m = row[j] * 1024.0;
      REQUIRE(m == std::floor(m));
      ++count[static_cast<std::size_t>(m)];
    }
    CHECK(std::all_of(count.begin(), count.end(), [](int c) { return c == 1; }));
  }
  CHECK_THROWS_AS(sobol_sequence(4, 0), std::invalid_argument);
  CHECK_THROWS_AS(sobol_sequence(4, 3668), std::invalid_argument);
  CHECK(sobol_sequence(2, 3667).size() == 2);
}

TEST_CASE("Saltelli design: A, B from one 2k-dimensional Sobol' sequence, AB_i = A with column i of B",
          "[sensitivity]") {
  const std::size_t n = 16, k = 3;
  const SaltelliDesign d = saltelli_design(n, k);
  REQUIRE(d.points.size() == n * (k + 2));
  const Points base = sobol_sequence(n, 2 * k, 1);
  for (std::size_t m = 0; m < n; ++m)
    for (std::size_t j = 0; j < k; ++j) {
      CHECK(d.points[m][j] == base[m][j]);          // A
      CHECK(d.points[n + m][j] == base[m][k + j]);  // B
      for (std::size_t i = 0; i < k; ++i)           // AB_i
        CHECK(d.points[(2 + i) * n + m][j] == (j == i ? base[m][k + j] : base[m][j]));
    }
}

TEST_CASE("Sobol' indices of the Ishigami function and a dummy factor, n = 2^13", "[sensitivity]") {
  const IshigamiTruth truth = ishigami_truth();
  // the literature's values (Saltelli et al. 2008; SALib's documentation)
  CHECK(truth.s[0] == Approx(0.3139).margin(5e-5));
  CHECK(truth.s[1] == Approx(0.4424).margin(5e-5));
  CHECK(truth.st[0] == Approx(0.5576).margin(5e-5));
  CHECK(truth.st[2] == Approx(0.2437).margin(5e-5));

  const SaltelliDesign d = saltelli_design(8192, 4);
  const std::vector<double> y = evaluate(d.points, ishigami);
  const std::vector<SobolIndex> s = sobol_indices(d, y, 1000, 0.95, 7);
  REQUIRE(s.size() == 4);
  // Measured errors at n = 2^13 (skip 1): |S_i - true| <= 0.0009 (S_3),
  // |S_Ti - true| <= 0.0001; the 95 % intervals are 0.02 - 0.06 wide (the
  // bootstrap treats the Sobol' points as random ones, so it is
  // conservative). Tolerance 0.01.
  constexpr double tolerance = 0.01;
  for (std::size_t i = 0; i < 4; ++i) {
    INFO("factor " << i + 1 << ": S " << s[i].first.estimate << " [" << s[i].first.low << ", " << s[i].first.high
                   << "] true " << truth.s[i] << "; ST " << s[i].total.estimate << " [" << s[i].total.low << ", "
                   << s[i].total.high << "] true " << truth.st[i]);
    CHECK(s[i].first.estimate == Approx(truth.s[i]).margin(tolerance));
    CHECK(s[i].total.estimate == Approx(truth.st[i]).margin(tolerance));
    CHECK(covers(s[i].first, truth.s[i]));
    CHECK(covers(s[i].total, truth.st[i]));
  }
  // the dummy: f(AB_4) = f(A) row by row, so both indices and every
  // bootstrap replicate are exactly 0
  CHECK(s[3].first.estimate == 0.0);
  CHECK(s[3].total.estimate == 0.0);
  CHECK(s[3].first.low == 0.0);
  CHECK(s[3].first.high == 0.0);
  CHECK(s[3].total.low == 0.0);
  CHECK(s[3].total.high == 0.0);
  // determinism: the same design and bootstrap seed give the same numbers
  const std::vector<SobolIndex> again = sobol_indices(d, y, 1000, 0.95, 7);
  for (std::size_t i = 0; i < 4; ++i) {
    CHECK(again[i].first.estimate == s[i].first.estimate);
    CHECK(again[i].first.low == s[i].first.low);
    CHECK(again[i].total.high == s[i].total.high);
  }
  // another bootstrap seed: other intervals, the same estimates
  const std::vector<SobolIndex> other = sobol_indices(d, y, 1000, 0.95, 8);
  CHECK(other[0].first.estimate == s[0].first.estimate);
  CHECK(other[0].first.low != s[0].first.low);
}

TEST_CASE("Sobol' indices of the g-function, a = (0, 1, 4.5, 9, 99, 99)", "[sensitivity]") {
  const std::size_t k = g_a.size();
  std::vector<double> vi(k);
  double prod = 1.0;
  for (std::size_t i = 0; i < k; ++i) {
    vi[i] = 1.0 / (3.0 * (1.0 + g_a[i]) * (1.0 + g_a[i]));
    prod *= 1.0 + vi[i];
  }
  const double v = prod - 1.0;
  const SaltelliDesign d = saltelli_design(8192, k);
  const std::vector<SobolIndex> s = sobol_indices(d, evaluate(d.points, g_function), 500, 0.95, 3);
  // Measured at n = 2^13: |S_i - true| <= 0.0008, |S_Ti - true| <= 0.0014; tolerance 0.01.
  for (std::size_t i = 0; i < k; ++i) {
    const double s1 = vi[i] / v, st = vi[i] * prod / (1.0 + vi[i]) / v;
    INFO("factor " << i + 1 << ": S " << s[i].first.estimate << " true " << s1 << "; ST " << s[i].total.estimate
                   << " true " << st);
    CHECK(s[i].first.estimate == Approx(s1).margin(0.01));
    CHECK(s[i].total.estimate == Approx(st).margin(0.01));
    CHECK(covers(s[i].first, s1));
    CHECK(covers(s[i].total, st));
  }
}

TEST_CASE("Morris design: trajectories one factor at a time by +-delta on the p-level grid", "[sensitivity]") {
  for (const std::size_t levels : {2u, 4u, 6u, 8u}) {
    const std::size_t k = 7, r = 40;
    const MorrisDesign d = morris_design(k, r, levels, 11);
    const double delta = static_cast<double>(levels) / (2.0 * static_cast<double>(levels - 1));
    REQUIRE(d.k == k);
    REQUIRE(d.r == r);
    REQUIRE(d.levels == levels);
    REQUIRE(d.points.size() == r * (k + 1));
    REQUIRE(d.factor.size() == r * (k + 1));
    REQUIRE(d.step.size() == r * (k + 1));
    std::vector<int> up(k, 0), down(k, 0);
    for (std::size_t t = 0; t < r; ++t) {
      const std::size_t row0 = t * (k + 1);
      CHECK(d.factor[row0] == k);
      CHECK(d.step[row0] == 0.0);
      std::vector<int> moved(k, 0);
      for (std::size_t row = row0; row <= row0 + k; ++row)
        for (std::size_t j = 0; j < k; ++j) {
          const double x = d.points[row][j];
          REQUIRE(x >= 0.0);
          REQUIRE(x <= 1.0);
          const double level = x * static_cast<double>(levels - 1);  // on the grid {0, 1/(p-1), .., 1}
          REQUIRE(level == Approx(std::round(level)).margin(1e-12));
        }
      for (std::size_t row = row0 + 1; row <= row0 + k; ++row) {
        std::size_t changed = 0;
        for (std::size_t j = 0; j < k; ++j)
          if (d.points[row][j] != d.points[row - 1][j]) {
            ++changed;
            CHECK(j == d.factor[row]);
            CHECK(d.points[row][j] - d.points[row - 1][j] == Approx(d.step[row]).margin(1e-15));
          }
        CHECK(changed == 1);
        CHECK(std::abs(d.step[row]) == Approx(delta).margin(1e-15));
        ++moved[d.factor[row]];
        ++(d.step[row] > 0 ? up : down)[d.factor[row]];
      }
      CHECK(std::all_of(moved.begin(), moved.end(), [](int m) { return m == 1; }));
    }
    // random signs: every factor moves up and down somewhere in 40 trajectories
    for (std::size_t j = 0; j < k; ++j) {
      CHECK(up[j] > 0);
      CHECK(down[j] > 0);
    }
    CHECK(morris_design(k, r, levels, 11).points == d.points);  // deterministic
    CHECK(morris_design(k, r, levels, 12).points != d.points);
  }
  CHECK_THROWS_AS(morris_design(3, 4, 5, 1), std::invalid_argument);  // odd levels
  CHECK_THROWS_AS(morris_design(3, 4, 0, 1), std::invalid_argument);
  CHECK_THROWS_AS(morris_design(0, 4, 4, 1), std::invalid_argument);
}

TEST_CASE("Morris on a linear function: mu = b, mu* = |b|, sigma = 0", "[sensitivity]") {
  const std::vector<double> b{3.0, -2.0, 0.5, 0.0, 10.0};
  const MorrisDesign d = morris_design(b.size(), 10, 4, 5);
  const std::vector<double> y = evaluate(d.points, [&](const std::vector<double>& x) {
    double s = 0.0;
    for (std::size_t i = 0; i < b.size(); ++i) s += b[i] * x[i];
    return s;
  });
  const std::vector<MorrisIndex> m = morris_indices(d, y);
  REQUIRE(m.size() == b.size());
  for (std::size_t i = 0; i < b.size(); ++i) {
    CHECK(m[i].mu == Approx(b[i]).margin(1e-12));
    CHECK(m[i].mu_star.estimate == Approx(std::abs(b[i])).margin(1e-12));
    CHECK(m[i].sigma == Approx(0.0).margin(1e-12));
    CHECK(m[i].mu_star.low == Approx(std::abs(b[i])).margin(1e-12));
    CHECK(m[i].mu_star.high == Approx(std::abs(b[i])).margin(1e-12));
  }
}

TEST_CASE("Morris on the Ishigami function: x2 > x1 > x3 > dummy (p = 4), the dummy's mu* exactly 0", "[sensitivity]") {
  // On the p = 4 grid X_i takes -pi, -pi/3, pi/3, pi and a step is delta =
  // 2/3 (-pi -> pi/3 or -pi/3 -> pi), so mu* has a closed form (levels
  // equally likely):
  //   x2: |7 (sin^2 pi/3 - 0)| / delta = 7.875 for every trajectory;
  //   x1: (sqrt3/2)(1 + b E[X3^4]) / delta, E[X3^4] = (pi^4 + pi^4/81) / 2: 7.704;
  //   x3: b pi^4 (1 - 1/81) E|sin X1| / delta, E|sin X1| = sqrt3/4: 6.249.
  // So mu* ranks x2 > x1 > x3 > dummy, while the total indices rank
  // x1 (0.558) > x2 (0.442) > x3 (0.244): mu* on a coarse grid measures
  // x2's largest possible swing, not its variance share. Measured with
  // r = 10^5 (seeds 2024, 1, 2, 3): mu*_1 = 7.761, 7.728, 7.705, 7.722
  // (standard error 0.02), mu*_2 = 7.875, mu*_3 = 6.222 - 6.261, dummy 0.
  const double delta = 2.0 / 3.0, s3 = std::sqrt(3.0), pi4 = std::pow(pi, 4);
  const double true_mu_star[4] = {s3 / 2.0 * (1.0 + ish_b * (pi4 + pi4 / 81.0) / 2.0) / delta, ish_a * 0.75 / delta,
                                  ish_b * pi4 * (1.0 - 1.0 / 81.0) * s3 / 4.0 / delta, 0.0};
  CHECK(true_mu_star[0] == Approx(7.704).margin(5e-4));
  CHECK(true_mu_star[2] == Approx(6.249).margin(5e-4));

  const MorrisDesign d = morris_design(4, 20000, 4, 2024);
  const std::vector<double> y = evaluate(d.points, ishigami);
  const std::vector<MorrisIndex> m = morris_indices(d, y, 200, 0.95, 9);
  for (std::size_t i = 0; i < 4; ++i) {
    INFO("x" << i + 1 << ": mu " << m[i].mu << " mu* " << m[i].mu_star.estimate << " [" << m[i].mu_star.low << ", "
             << m[i].mu_star.high << "] true " << true_mu_star[i] << ", sigma " << m[i].sigma);
    // r = 20000: the standard error of mu* is <= 0.07 (sigma <= 8.9)
    CHECK(m[i].mu_star.estimate == Approx(true_mu_star[i]).margin(0.2));
    CHECK(covers(m[i].mu_star, true_mu_star[i]));
  }
  CHECK(m[1].mu_star.estimate > m[0].mu_star.estimate);
  CHECK(m[0].mu_star.estimate > m[2].mu_star.estimate);
  CHECK(m[2].mu_star.low > 0.0);
  CHECK(m[0].mu == m[0].mu_star.estimate);  // every step of x1 raises y

  // a small design (r = 50): the dummy is exactly 0, with an interval [0, 0]
  const MorrisDesign small = morris_design(4, 50, 4, 2024);
  const std::vector<MorrisIndex> ms = morris_indices(small, evaluate(small.points, ishigami), 1000, 0.95, 9);
  CHECK(ms[3].mu == 0.0);
  CHECK(ms[3].mu_star.estimate == 0.0);
  CHECK(ms[3].mu_star.low == 0.0);
  CHECK(ms[3].mu_star.high == 0.0);
  CHECK(ms[3].sigma == 0.0);
  CHECK(ms[2].mu_star.low > 0.0);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(ms[i].mu_star.low <= ms[i].mu_star.estimate);
    CHECK(ms[i].mu_star.estimate <= ms[i].mu_star.high);
  }
  // determinism of the bootstrap
  const std::vector<MorrisIndex> again = morris_indices(small, evaluate(small.points, ishigami), 1000, 0.95, 9);
  CHECK(again[0].mu_star.low == ms[0].mu_star.low);
  CHECK(again[0].mu_star.high == ms[0].mu_star.high);
}

TEST_CASE("sensitivity estimators reject outputs of the wrong size or not finite", "[sensitivity]") {
  const MorrisDesign md = morris_design(3, 4, 4, 1);
  std::vector<double> y(md.points.size(), 1.0);
  CHECK_NOTHROW(morris_indices(md, y));
  CHECK_THROWS_AS(morris_indices(md, std::vector<double>(y.size() - 1, 1.0)), std::invalid_argument);
  CHECK_THROWS_AS(morris_indices(md, std::vector<double>(y.size() + 1, 1.0)), std::invalid_argument);
  y[5] = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_AS(morris_indices(md, y), std::invalid_argument);
  y[5] = std::numeric_limits<double>::infinity();
  CHECK_THROWS_AS(morris_indices(md, y), std::invalid_argument);
  y[5] = 1.0;
  CHECK_THROWS_AS(morris_indices(md, y, 100, 1.0), std::invalid_argument);

  const SaltelliDesign sd = saltelli_design(8, 2);
  std::vector<double> z(sd.points.size(), 1.0);
  z[0] = 2.0;
  CHECK_NOTHROW(sobol_indices(sd, z));
  CHECK_THROWS_AS(sobol_indices(sd, std::vector<double>(z.size() - 1, 1.0)), std::invalid_argument);
  z[3] = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_AS(sobol_indices(sd, z), std::invalid_argument);
  z[3] = 1.0;
  CHECK_THROWS_AS(sobol_indices(sd, z, 100, 0.0), std::invalid_argument);
  // a constant output has no variance to apportion: NaN indices, no throw
  const std::vector<SobolIndex> flat = sobol_indices(sd, std::vector<double>(z.size(), 1.0));
  CHECK(std::isnan(flat[0].first.estimate));
  CHECK(std::isnan(flat[0].total.low));
}
