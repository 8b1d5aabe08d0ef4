// SPDX-License-Identifier: MIT
// Distributions: pinned draws, moments and CDFs against theory, parameter checks.
#include "sim/distribution.hpp"

#include <boost/math/special_functions/gamma.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

using zccsim::sim::DistKind;
using zccsim::sim::Distribution;
using zccsim::sim::RandomStream;

namespace {

constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();
constexpr double inf_v = std::numeric_limits<double>::infinity();

struct Case {
  const char* name;
  Distribution dist;
  DistKind kind;
  double mean, variance;              // by hand, from the parameters
  std::array<double, 3> pinned;       // first three draws of RandomStream(42, 3, "unit", name)
  std::function<double(double)> cdf;  // empty: not continuous
};

// Lognormal with mean 5 and sd 2 of the variable: parameters of the log.
const double ln_s2 = std::log1p(4.0 / 25.0);
const double ln_mu = std::log(5.0) - 0.5 * ln_s2;

std::vector<Case> cases() {
  using boost::math::gamma_p;
  return {
      {"deterministic", Distribution::deterministic(2.5), DistKind::deterministic, 2.5, 0.0, {2.5, 2.5, 2.5}, {}},
      {"uniform",
       Distribution::uniform(1.0, 3.0),
       DistKind::uniform,
       2.0,
       1.0 / 3.0,
       {2.8018971993158006, 2.4526831564628773, 2.9211277472654333},
       [](double x) { return std::clamp((x - 1.0) / 2.0, 0.0, 1.0); }},
      {"exponential",
       Distribution::exponential(2.0),
       DistKind::exponential,
       2.0,
       4.0,
       {2.5977028106422377, 0.057428695826862629, 0.69658185732088884},
       [](double x) { return 1.0 - std::exp(-x / 2.0); }},
      {"erlang",
       Distribution::erlang(3, 6.0),
       DistKind::erlang,
       6.0,
       12.0,
       {5.5967397818764875, 3.141614665089095, 4.6117459733042123},
       [](double x) { return gamma_p(3.0, x / 2.0); }},
      {"gamma_ge1",
       Distribution::gamma(2.5, 1.5),
       DistKind::gamma,
       3.75,
       5.625,
       {2.4995061987028953, 1.9870222892745424, 6.771111541046988},
       [](double x) { return gamma_p(2.5, x / 1.5); }},
      {"gamma_lt1",
       Distribution::gamma(0.5, 2.0),
       DistKind::gamma,
       1.0,
       2.0,
       {0.36487597215618378, 9.2496663532461714, 0.29702351417633294},
       [](double x) { return gamma_p(0.5, x / 2.0); }},
      {"lognormal",
       Distribution::lognormal(5.0, 2.0),
       DistKind::lognormal,
       5.0,
       4.0,
       {5.3215462839809913, 12.309391876223131, 4.065937927922219},
       [](double x) { return 0.5 * std::erfc(-(std::log(x) - ln_mu) / std::sqrt(2.0 * ln_s2)); }},
      // mean 4 Gamma(5/3), variance 16 Gamma(7/3) - mean^2
      {"weibull",
       Distribution::weibull(1.5, 4.0),
       DistKind::weibull,
       3.6109811718037346,
       6.011044557022911,
       {3.7901242650053928, 2.7366364761692026, 2.2492787810218147},
       [](double x) { return 1.0 - std::exp(-std::pow(x / 4.0, 1.5)); }},
      {"triangular",
       Distribution::triangular(1.0, 2.0, 6.0),
       DistKind::triangular,
       3.0,
       21.0 / 18.0,
       {1.5445917149840729, 2.1343326906911919, 3.2028100391935177},
       [](double x) {
         if (x <= 1.0) return 0.0;
         if (x <= 2.0) return (x - 1.0) * (x - 1.0) / 5.0;
         if (x <= 6.0) return 1.0 - (6.0 - x) * (6.0 - x) / 20.0;
         return 1.0;
       }},
      // E X = 0.2 + 1 + 1.5, E X^2 = 0.2 + 2 + 7.5
      {"empirical",
       Distribution::empirical_discrete({1.0, 2.0, 5.0}, {0.2, 0.5, 0.3}),
       DistKind::empirical_discrete,
       2.7,
       9.7 - 2.7 * 2.7,
       {5.0, 5.0, 2.0},
       {}},
      // E X = 0.5*0.5 + 0.5*2.5, E X^2 = 0.5*(1/3) + 0.5*(1+4+16)/3
      {"piecewise",
       Distribution::empirical_continuous({0.0, 1.0, 4.0}, {0.0, 0.5, 1.0}),
       DistKind::empirical_continuous,
       1.5,
       1.0 / 6.0 + 3.5 - 2.25,
       {0.55493029412832995, 0.90592348939534817, 1.4874522803360066},
       [](double x) {
         if (x <= 0.0) return 0.0;
         if (x <= 1.0) return 0.5 * x;
         if (x <= 4.0) return 0.5 + 0.5 * (x - 1.0) / 3.0;
         return 1.0;
       }},
  };
}

}  // namespace

TEST_CASE("drawn values are pinned for every kind", "[distribution]") {
  for (const Case& c : cases()) {
    INFO(c.name);
    CHECK(c.dist.kind() == c.kind);
    RandomStream s(42, 3, "unit", c.name);
    for (double expected : c.pinned) CHECK(c.dist.sample(s) == expected);
  }
}

TEST_CASE("draws consume the documented number of uniforms", "[distribution]") {
  auto used = [](const Distribution& d, int n) {
    RandomStream s(1, 1, "unit", "count");
    for (int i = 0; i < n; ++i) d.sample(s);
    return s.draws();
  };
  CHECK(used(Distribution::deterministic(1.0), 10) == 0);
  CHECK(used(Distribution::uniform(0.0, 1.0), 10) == 10);
  CHECK(used(Distribution::exponential(1.0), 10) == 10);
  CHECK(used(Distribution::erlang(4, 1.0), 10) == 40);
  CHECK(used(Distribution::lognormal(1.0, 1.0), 10) == 14);  // ziggurat: one word, more on a rejection
  CHECK(used(Distribution::weibull(2.0, 1.0), 10) == 10);
  CHECK(used(Distribution::triangular(0.0, 1.0, 2.0), 10) == 10);
  CHECK(used(Distribution::empirical_discrete({1.0}, {1.0}), 10) == 10);
  CHECK(used(Distribution::empirical_continuous({0.0, 1.0}, {0.0, 1.0}), 10) == 10);
}

TEST_CASE("mean() and variance() equal the hand-computed values", "[distribution]") {
  for (const Case& c : cases()) {
    INFO(c.name);
    CHECK(c.dist.mean() == Approx(c.mean).epsilon(1e-12));
    CHECK(c.dist.variance() == Approx(c.variance).epsilon(1e-12).margin(1e-15));
    CHECK(c.dist.second_moment() == Approx(c.variance + c.mean * c.mean).epsilon(1e-12));
  }
}

TEST_CASE("sample mean and variance agree with theory within 5 standard errors", "[distribution]") {
  constexpr int n = 200000;
  std::vector<double> x(n);
  for (const Case& c : cases()) {
    INFO(c.name);
    RandomStream s(2024, 0, "moments", c.name);
    for (double& v : x) v = c.dist.sample(s);
    double sum = 0.0;
    for (double v : x) sum += v;
    const double m = sum / n;
    double m2 = 0.0, m4 = 0.0;
    for (double v : x) {
      const double d = (v - m) * (v - m);
      m2 += d;
      m4 += d * d;
    }
    const double var = m2 / (n - 1);
    m4 /= n;
    if (c.variance == 0.0) {
      CHECK(var == 0.0);
      CHECK(m == c.mean);
      continue;
    }
    const double se_mean = std::sqrt(c.variance / n);
    const double se_var = std::sqrt((m4 - var * var) / n);
    CHECK(std::abs(m - c.mean) < 5.0 * se_mean);
    CHECK(std::abs(var - c.variance) < 5.0 * se_var);
    CHECK(std::abs(m - c.dist.mean()) < 5.0 * se_mean);
    CHECK(std::abs(var - c.dist.variance()) < 5.0 * se_var);
    CHECK(*std::min_element(x.begin(), x.end()) >= 0.0);
  }
}

TEST_CASE("continuous kinds follow their CDF (Kolmogorov-Smirnov)", "[distribution]") {
  constexpr int n = 50000;
  // critical value of the KS statistic at alpha = 1e-6
  const double critical = std::sqrt(-0.5 * std::log(0.5e-6) / n);
  std::vector<double> x(n);
  for (const Case& c : cases()) {
    if (!c.cdf) continue;
    INFO(c.name);
    RandomStream s(7, 0, "ks", c.name);
    for (double& v : x) v = c.dist.sample(s);
    std::sort(x.begin(), x.end());
    double d = 0.0;
    for (int i = 0; i < n; ++i) {
      const double f = c.cdf(x[static_cast<std::size_t>(i)]);
      d = std::max({d, (i + 1.0) / n - f, f - static_cast<double>(i) / n});
    }
    CHECK(d < critical);
  }
}

TEST_CASE("empirical_discrete draws each value with its probability", "[distribution]") {
  // 7.0 has probability zero and must never be drawn
  const auto d = Distribution::empirical_discrete({1.0, 7.0, 2.0, 5.0}, {0.2, 0.0, 0.5, 0.3});
  RandomStream s(5, 0, "unit", "discrete");
  constexpr int n = 100000;
  int c1 = 0, c2 = 0, c5 = 0, other = 0;
  for (int i = 0; i < n; ++i) {
    const double v = d.sample(s);
    if (v == 1.0) ++c1;
    else if (v == 2.0) ++c2;
    else if (v == 5.0) ++c5;
    else ++other;
  }
  CHECK(other == 0);
  auto ok = [&](int count, double p) { return std::abs(count - p * n) < 5.0 * std::sqrt(n * p * (1 - p)); };
  CHECK(ok(c1, 0.2));
  CHECK(ok(c2, 0.5));
  CHECK(ok(c5, 0.3));
}

TEST_CASE("piecewise_linear never draws from a flat stretch of the CDF", "[distribution]") {
  const auto d = Distribution::empirical_continuous({0.0, 1.0, 2.0, 3.0}, {0.0, 0.5, 0.5, 1.0});
  CHECK(d.mean() == Approx(0.5 * 0.5 + 0.5 * 2.5));
  RandomStream s(5, 0, "unit", "flat");
  int low = 0;
  for (int i = 0; i < 20000; ++i) {
    const double v = d.sample(s);
    REQUIRE(v >= 0.0);
    REQUIRE(v <= 3.0);
    REQUIRE_FALSE((v > 1.0 && v < 2.0));
    low += v <= 1.0;
  }
  CHECK(std::abs(low - 10000) < 5.0 * std::sqrt(20000 * 0.25));
}

TEST_CASE("degenerate but valid parameters", "[distribution]") {
  RandomStream s(1, 0, "unit", "degenerate");
  const auto u = Distribution::uniform(4.0, 4.0);
  const auto ln = Distribution::lognormal(3.0, 0.0);
  const auto e1 = Distribution::erlang(1, 2.5);
  const auto ex = Distribution::exponential(2.5);
  for (int i = 0; i < 100; ++i) {
    CHECK(u.sample(s) == 4.0);
    CHECK(ln.sample(s) == Approx(3.0).epsilon(1e-14));
    // Erlang with k = 1 is the exponential, draw by draw
    RandomStream a = s, b = s;
    CHECK(e1.sample(a) == ex.sample(b));
  }
  CHECK(u.variance() == 0.0);
  CHECK(ln.variance() == 0.0);
  const Distribution def;
  CHECK(def.kind() == DistKind::deterministic);
  CHECK(def.sample(s) == 0.0);
}

TEST_CASE("kind names and describe()", "[distribution]") {
  using zccsim::sim::to_string;
  CHECK(to_string(DistKind::deterministic) == "deterministic");
  CHECK(to_string(DistKind::gamma) == "gamma");
  CHECK(to_string(DistKind::empirical_discrete) == "empirical");
  CHECK(to_string(DistKind::empirical_continuous) == "piecewise_linear");
  CHECK(Distribution::exponential(2.0).describe() == "exponential(mean 2, sd 2)");
  CHECK(Distribution::uniform(1.0, 3.0).describe().rfind("uniform(mean 2, sd 0.57735", 0) == 0);
}

TEST_CASE("invalid parameters throw std::invalid_argument", "[distribution]") {
  using V = std::vector<double>;
  CHECK_THROWS_AS(Distribution::deterministic(-1.0), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::deterministic(nan_v), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::deterministic(inf_v), std::invalid_argument);

  CHECK_THROWS_AS(Distribution::uniform(-1.0, 2.0), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::uniform(3.0, 1.0), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::uniform(0.0, inf_v), std::invalid_argument);

  CHECK_THROWS_AS(Distribution::exponential(-2.0), std::invalid_argument);  // negative mean
  CHECK_THROWS_AS(Distribution::exponential(0.0), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::exponential(nan_v), std::invalid_argument);

  CHECK_THROWS_AS(Distribution::erlang(0, 1.0), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::erlang(2, -1.0), std::invalid_argument);

  CHECK_THROWS_AS(Distribution::gamma(0.0, 1.0), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::gamma(1.0, 0.0), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::gamma(-1.0, 1.0), std::invalid_argument);

  CHECK_THROWS_AS(Distribution::lognormal(-1.0, 1.0), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::lognormal(0.0, 1.0), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::lognormal(1.0, -0.5), std::invalid_argument);

  CHECK_THROWS_AS(Distribution::weibull(0.0, 1.0), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::weibull(1.0, -1.0), std::invalid_argument);

  CHECK_THROWS_AS(Distribution::triangular(3.0, 2.0, 1.0), std::invalid_argument);  // min > max
  CHECK_THROWS_AS(Distribution::triangular(1.0, 0.5, 2.0), std::invalid_argument);  // mode < min
  CHECK_THROWS_AS(Distribution::triangular(1.0, 3.0, 2.0), std::invalid_argument);  // mode > max
  CHECK_THROWS_AS(Distribution::triangular(2.0, 2.0, 2.0), std::invalid_argument);  // min == max
  CHECK_THROWS_AS(Distribution::triangular(-1.0, 0.0, 1.0), std::invalid_argument);

  CHECK_THROWS_AS(Distribution::empirical_discrete(V{1, 2}, V{0.5, 0.4}), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::empirical_discrete(V{1, 2}, V{0.6, 0.6}), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::empirical_discrete(V{1, 2}, V{1.0}), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::empirical_discrete(V{}, V{}), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::empirical_discrete(V{1, -2}, V{0.5, 0.5}), std::invalid_argument);
  // sums to 1 but has a negative probability
  CHECK_THROWS_AS(Distribution::empirical_discrete(V{1, 2}, V{1.5, -0.5}), std::invalid_argument);

  // non-increasing x
  CHECK_THROWS_AS(Distribution::empirical_continuous(V{0, 1, 1}, V{0, 0.5, 1}), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::empirical_continuous(V{0, 2, 1}, V{0, 0.5, 1}), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::empirical_continuous(V{0, 1}, V{0.1, 1}), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::empirical_continuous(V{0, 1}, V{0, 0.9}), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::empirical_continuous(V{0, 1, 2, 3}, V{0, 0.7, 0.5, 1}), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::empirical_continuous(V{1}, V{0}), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::empirical_continuous(V{0, 1, 2}, V{0, 1}), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::empirical_continuous(V{-1, 1}, V{0, 1}), std::invalid_argument);

  // and the valid neighbours of those do not throw
  CHECK_NOTHROW(Distribution::triangular(1.0, 1.0, 2.0));
  CHECK_NOTHROW(Distribution::empirical_discrete(V{1, 2}, V{0.5, 0.5}));
  CHECK_NOTHROW(Distribution::empirical_continuous(V{0, 1}, V{0, 1}));
}

TEST_CASE("standard_normal has mean 0 and variance 1", "[distribution]") {
  RandomStream s(7, 0, "unit", "normal");
  CHECK(zccsim::sim::standard_normal(s) == -1.4192041340815038);
  CHECK(zccsim::sim::standard_normal(s) == -0.33849738497229648);
  constexpr int n = 100000;
  double sum = 0.0, sum2 = 0.0;
  for (int i = 0; i < n; ++i) {
    const double z = zccsim::sim::standard_normal(s);
    sum += z;
    sum2 += z * z;
  }
  CHECK(std::abs(sum / n) < 5.0 / std::sqrt(n));
  CHECK(std::abs(sum2 / n - 1.0) < 5.0 * std::sqrt(2.0 / n));
}
