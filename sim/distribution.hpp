// SPDX-License-Identifier: MIT
// Distributions as values. Each draws from a RandomStream with its own
// algorithm (never std:: distributions, whose output differs across standard
// libraries), so drawn values are pinned by tests.
#pragma once

#include "random.hpp"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace zccsim::sim {

enum class DistKind {
  deterministic,
  uniform,
  exponential,
  erlang,
  gamma,
  lognormal,
  weibull,
  triangular,
  empirical_discrete,    // values with probabilities
  empirical_continuous,  // piecewise-linear CDF through (x, F(x)) points
};

// The scenario names of the kinds, in enum order (one table for parser and printer).
inline constexpr std::string_view dist_kind_names[] = {"deterministic", "uniform",         "exponential", "erlang",
                                                       "gamma",         "lognormal",       "weibull",     "triangular",
                                                       "empirical",     "piecewise_linear"};

std::string_view to_string(DistKind k) noexcept;

// Standard normal deviate: Boost.Random's normal_distribution, the ziggurat
// of Marsaglia & Tsang (2000) with 128 layers (Boost >= 1.56). One 64-bit
// word (8 bits for layer and sign, the rest for the abscissa) suffices in
// 97 % of draws, 1.04 words on average (rejections, the tail). The drawn
// values are Boost's arithmetic, pinned by the unit tests, so a Boost that
// changed the algorithm would fail them.
double standard_normal(RandomStream& rng) noexcept;

class Distribution {
 public:
  // All factories check their parameters and throw std::invalid_argument
  // with a message naming the parameter and the allowed range.
  static Distribution deterministic(double value);
  static Distribution uniform(double min, double max);
  static Distribution exponential(double mean);
  static Distribution erlang(int k, double mean);
  static Distribution gamma(double shape, double scale);
  static Distribution lognormal(double mean, double sd);  // of the variable itself
  static Distribution weibull(double shape, double scale);
  static Distribution triangular(double min, double mode, double max);
  static Distribution empirical_discrete(std::vector<double> values, std::vector<double> probs);
  static Distribution empirical_continuous(std::vector<double> xs, std::vector<double> cdf);

  Distribution() : Distribution(deterministic(0.0)) {}

  double sample(RandomStream& rng) const noexcept;
  double mean() const noexcept;
  double variance() const noexcept;
  double second_moment() const noexcept { return variance() + mean() * mean(); }
  DistKind kind() const noexcept { return kind_; }
  std::string describe() const;

 private:
  Distribution(DistKind k, double a, double b = 0, double c = 0) : kind_(k), a_(a), b_(b), c_(c) {}
  struct Table {
    std::vector<double> x;    // values (discrete) or breakpoints (continuous)
    std::vector<double> cum;  // cumulative probabilities, last == 1
  };
  DistKind kind_;
  double a_, b_, c_;  // kind-specific parameters (see distribution.cpp)
  std::shared_ptr<const Table> table_;
};

}  // namespace zccsim::sim
