// SPDX-License-Identifier: MIT
#include "distribution.hpp"

#include <boost/random/normal_distribution.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace zccsim::sim {

namespace {

void require(bool ok, const std::string& what) {
  if (!ok) throw std::invalid_argument(what);
}

bool finite_positive(double x) { return std::isfinite(x) && x > 0.0; }

// A RandomStream seen as a Boost.Random engine (64-bit words), for
// standard_normal only.
struct BoostEngine {
  using result_type = std::uint64_t;
  static constexpr result_type min() noexcept { return 0; }
  static constexpr result_type max() noexcept { return std::numeric_limits<result_type>::max(); }
  result_type operator()() noexcept { return rng.next_u64(); }
  RandomStream& rng;
};

// Marsaglia & Tsang (2000) for shape >= 1; shape < 1 by the boost
// X = G(shape + 1) * U^(1/shape). Scale 1.
double gamma_unit(double shape, RandomStream& rng) noexcept {
  if (shape < 1.0) {
    const double g = gamma_unit(shape + 1.0, rng);
    return g * std::pow(rng.uniform(), 1.0 / shape);
  }
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    double x, v;
    do {
      x = standard_normal(rng);
      v = 1.0 + c * x;
    } while (v <= 0.0);
    v = v * v * v;
    const double u = rng.uniform();
    if (u < 1.0 - 0.0331 * (x * x) * (x * x)) return d * v;
    if (std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v))) return d * v;
  }
}

}  // namespace

std::string_view to_string(DistKind k) noexcept { return dist_kind_names[static_cast<int>(k)]; }

double standard_normal(RandomStream& rng) noexcept {
  BoostEngine engine{rng};
  return boost::random::normal_distribution<double>{}(engine);
}

Distribution Distribution::deterministic(double value) {
  require(std::isfinite(value) && value >= 0.0, "deterministic value must be finite and >= 0");
  return {DistKind::deterministic, value};
}

Distribution Distribution::uniform(double min, double max) {
  require(std::isfinite(min) && std::isfinite(max) && min >= 0.0 && min <= max, "uniform needs 0 <= min <= max");
  return {DistKind::uniform, min, max};
}

Distribution Distribution::exponential(double mean) {
  require(finite_positive(mean), "exponential mean must be > 0");
  return {DistKind::exponential, mean};
}

Distribution Distribution::erlang(int k, double mean) {
  require(k >= 1, "erlang k must be an integer >= 1");
  require(finite_positive(mean), "erlang mean must be > 0");
  return {DistKind::erlang, static_cast<double>(k), mean};
}

Distribution Distribution::gamma(double shape, double scale) {
  require(finite_positive(shape), "gamma shape must be > 0");
  require(finite_positive(scale), "gamma scale must be > 0");
  return {DistKind::gamma, shape, scale};
}

Distribution Distribution::lognormal(double mean, double sd) {
  require(finite_positive(mean), "lognormal mean must be > 0");
  require(std::isfinite(sd) && sd >= 0.0, "lognormal sd must be >= 0");
  const double s2 = std::log1p((sd * sd) / (mean * mean));
  return {DistKind::lognormal, std::log(mean) - 0.5 * s2, std::sqrt(s2)};
}

Distribution Distribution::weibull(double shape, double scale) {
  require(finite_positive(shape), "weibull shape must be > 0");
  require(finite_positive(scale), "weibull scale must be > 0");
  return {DistKind::weibull, shape, scale};
}

Distribution Distribution::triangular(double min, double mode, double max) {
  require(std::isfinite(min) && std::isfinite(max) && min >= 0.0 && min <= mode && mode <= max && min < max,
          "triangular needs 0 <= min <= mode <= max and min < max");
  return {DistKind::triangular, min, mode, max};
}

Distribution Distribution::empirical_discrete(std::vector<double> values, std::vector<double> probs) {
  require(!values.empty() && values.size() == probs.size(),
          "empirical needs as many probabilities as values, at least one");
  double total = 0.0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    require(std::isfinite(values[i]) && values[i] >= 0.0, "empirical values must be >= 0");
    require(std::isfinite(probs[i]) && probs[i] >= 0.0, "empirical probabilities must be >= 0");
    total += probs[i];
  }
  require(std::abs(total - 1.0) <= 1e-9, "empirical probabilities must sum to 1");
  auto t = std::make_shared<Table>();
  t->x = std::move(values);
  double cum = 0.0;
  for (double p : probs) t->cum.push_back(cum += p);
  t->cum.back() = 1.0;
  Distribution d{DistKind::empirical_discrete, 0.0};
  d.table_ = std::move(t);
  return d;
}

Distribution Distribution::empirical_continuous(std::vector<double> xs, std::vector<double> cdf) {
  require(xs.size() >= 2 && xs.size() == cdf.size(),
          "piecewise_linear needs as many cdf values as x values, at least two");
  require(cdf.front() == 0.0 && std::abs(cdf.back() - 1.0) <= 1e-9,
          "piecewise_linear cdf must start at 0 and end at 1");
  for (std::size_t i = 0; i < xs.size(); ++i) {
    require(std::isfinite(xs[i]) && xs[i] >= 0.0, "piecewise_linear x values must be >= 0");
    if (i > 0) {
      require(xs[i] > xs[i - 1], "piecewise_linear x values must increase strictly");
      require(cdf[i] >= cdf[i - 1], "piecewise_linear cdf must not decrease");
    }
  }
  auto t = std::make_shared<Table>();
  t->x = std::move(xs);
  t->cum = std::move(cdf);
  t->cum.back() = 1.0;
  Distribution d{DistKind::empirical_continuous, 0.0};
  d.table_ = std::move(t);
  return d;
}

double Distribution::sample(RandomStream& rng) const noexcept {
  switch (kind_) {
    case DistKind::deterministic:
      return a_;
    case DistKind::uniform:
      return a_ + (b_ - a_) * rng.uniform();
    case DistKind::exponential:
      return -a_ * std::log(rng.uniform());
    case DistKind::erlang: {
      double s = 0.0;
      for (int i = 0, k = static_cast<int>(a_); i < k; ++i) s -= std::log(rng.uniform());
      return s * b_ / a_;
    }
    case DistKind::gamma:
      return b_ * gamma_unit(a_, rng);
    case DistKind::lognormal:
      return std::exp(a_ + b_ * standard_normal(rng));
    case DistKind::weibull:
      return b_ * std::pow(-std::log(rng.uniform()), 1.0 / a_);
    case DistKind::triangular: {
      const double u = rng.uniform();
      const double f = (b_ - a_) / (c_ - a_);
      return u < f ? a_ + std::sqrt(u * (c_ - a_) * (b_ - a_)) : c_ - std::sqrt((1.0 - u) * (c_ - a_) * (c_ - b_));
    }
    case DistKind::empirical_discrete: {
      const double u = rng.uniform();
      const auto& cum = table_->cum;
      const auto i = std::lower_bound(cum.begin(), cum.end(), u) - cum.begin();
      return table_->x[static_cast<std::size_t>(std::min<std::ptrdiff_t>(i, std::ssize(cum) - 1))];
    }
    case DistKind::empirical_continuous: {
      const double u = rng.uniform();
      const auto& cum = table_->cum;
      const auto& x = table_->x;
      // first breakpoint with cdf >= u; u in (0,1) so i >= 1
      auto i = static_cast<std::size_t>(std::lower_bound(cum.begin(), cum.end(), u) - cum.begin());
      i = std::clamp<std::size_t>(i, 1, cum.size() - 1);
      const double span = cum[i] - cum[i - 1];
      return x[i - 1] + (span > 0.0 ? (u - cum[i - 1]) / span : 0.0) * (x[i] - x[i - 1]);
    }
  }
  return 0.0;
}

double Distribution::mean() const noexcept {
  switch (kind_) {
    case DistKind::deterministic:
      return a_;
    case DistKind::uniform:
      return 0.5 * (a_ + b_);
    case DistKind::exponential:
      return a_;
    case DistKind::erlang:
      return b_;
    case DistKind::gamma:
      return a_ * b_;
    case DistKind::lognormal:
      return std::exp(a_ + 0.5 * b_ * b_);
    case DistKind::weibull:
      return b_ * std::tgamma(1.0 + 1.0 / a_);
    case DistKind::triangular:
      return (a_ + b_ + c_) / 3.0;
    case DistKind::empirical_discrete: {
      double m = 0.0, prev = 0.0;
      for (std::size_t i = 0; i < table_->x.size(); ++i) {
        m += (table_->cum[i] - prev) * table_->x[i];
        prev = table_->cum[i];
      }
      return m;
    }
    case DistKind::empirical_continuous: {
      double m = 0.0;
      for (std::size_t i = 1; i < table_->x.size(); ++i)
        m += (table_->cum[i] - table_->cum[i - 1]) * 0.5 * (table_->x[i] + table_->x[i - 1]);
      return m;
    }
  }
  return 0.0;
}

double Distribution::variance() const noexcept {
  const double m = mean();
  switch (kind_) {
    case DistKind::deterministic:
      return 0.0;
    case DistKind::uniform:
      return (b_ - a_) * (b_ - a_) / 12.0;
    case DistKind::exponential:
      return a_ * a_;
    case DistKind::erlang:
      return b_ * b_ / a_;
    case DistKind::gamma:
      return a_ * b_ * b_;
    case DistKind::lognormal:
      return std::expm1(b_ * b_) * m * m;
    case DistKind::weibull:
      return b_ * b_ * std::tgamma(1.0 + 2.0 / a_) - m * m;
    case DistKind::triangular:
      return (a_ * a_ + b_ * b_ + c_ * c_ - a_ * b_ - a_ * c_ - b_ * c_) / 18.0;
    case DistKind::empirical_discrete: {
      double m2 = 0.0, prev = 0.0;
      for (std::size_t i = 0; i < table_->x.size(); ++i) {
        m2 += (table_->cum[i] - prev) * table_->x[i] * table_->x[i];
        prev = table_->cum[i];
      }
      return m2 - m * m;
    }
    case DistKind::empirical_continuous: {
      double m2 = 0.0;
      for (std::size_t i = 1; i < table_->x.size(); ++i) {
        const double a = table_->x[i - 1], b = table_->x[i];
        m2 += (table_->cum[i] - table_->cum[i - 1]) * (a * a + a * b + b * b) / 3.0;
      }
      return m2 - m * m;
    }
  }
  return 0.0;
}

std::string Distribution::describe() const {
  std::ostringstream os;
  os << to_string(kind_) << "(mean " << mean() << ", sd " << std::sqrt(std::max(0.0, variance())) << ")";
  return os.str();
}

}  // namespace zccsim::sim
