// SPDX-License-Identifier: MIT
// Statistics with bounded memory: counters, tallies, time-weighted averages
// and a quantile sketch. All are plain values; warm-up truncation is a reset.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace zccsim::sim {

// Observations: count, mean, variance (Welford), min, max.
class Tally {
 public:
  void add(double x) noexcept {
    ++n_;
    const double d = x - mean_;
    mean_ += d / static_cast<double>(n_);
    m2_ += d * (x - mean_);
    if (x < min_) min_ = x;
    if (x > max_) max_ = x;
  }
  std::uint64_t count() const noexcept { return n_; }
  // NaN when empty: "no observation" is not zero.
  double mean() const noexcept { return n_ ? mean_ : std::numeric_limits<double>::quiet_NaN(); }
  double variance() const noexcept {
    return n_ > 1 ? m2_ / static_cast<double>(n_ - 1) : std::numeric_limits<double>::quiet_NaN();
  }
  double sum() const noexcept { return mean_ * static_cast<double>(n_); }
  double min() const noexcept { return min_; }
  double max() const noexcept { return max_; }
  void reset() noexcept { *this = Tally{}; }

 private:
  std::uint64_t n_ = 0;
  double mean_ = 0.0, m2_ = 0.0;
  double min_ = std::numeric_limits<double>::infinity();
  double max_ = -std::numeric_limits<double>::infinity();
};

// Time-weighted average of a piecewise-constant quantity.
class TimeWeighted {
 public:
  explicit TimeWeighted(double t0 = 0.0, double value = 0.0) noexcept : start_(t0), last_(t0), value_(value) {}
  void set(double t, double value) noexcept {
    area_ += value_ * (t - last_);
    last_ = t;
    value_ = value;
  }
  void add(double t, double delta) noexcept { set(t, value_ + delta); }
  double value() const noexcept { return value_; }
  double integral(double t) const noexcept { return area_ + value_ * (t - last_); }
  double mean(double t) const noexcept {
    return t > start_ ? integral(t) / (t - start_) : std::numeric_limits<double>::quiet_NaN();
  }
  // Forget the past, keep the current value (warm-up truncation).
  void reset(double t) noexcept {
    area_ = 0.0;
    start_ = last_ = t;
  }

 private:
  double start_, last_, value_;
  double area_ = 0.0;
};

// Quantiles of non-negative values in bounded memory: a log-linear histogram
// (128 sub-buckets per power of two, relative error < 0.4 % at the bucket
// midpoint), with an exact bucket for zero. Mergeable and deterministic.
// Only the powers of two from the smallest to the largest value added are
// held (1 KiB each, of 104; grown down or up when a value falls outside):
// a model with hundreds of resources does not zero 106 KiB per resource.
class QuantileSketch {
 public:
  static constexpr int sub_buckets = 128;
  static constexpr int min_exponent = -40;  // values below 2^-41 count as zero
  static constexpr int max_exponent = 64;   // values >= 2^64 (and infinity) share the top bucket

  void add(double x) noexcept;
  double quantile(double p) const noexcept;  // NaN when empty
  std::uint64_t count() const noexcept { return n_; }
  void merge(const QuantileSketch& other);
  void reset() noexcept;
  // Buckets held: sub_buckets x the powers of two between the smallest and
  // the largest non-zero value added (0 before the first).
  std::size_t buckets_held() const noexcept { return counts_.size(); }

 private:
  // Makes room for powers of two (rows, 0 = the lowest) [lo, hi].
  void cover(int lo, int hi);
  std::vector<std::uint64_t> counts_;  // rows first_row_ .. first_row_ + rows held - 1
  int first_row_ = 0;
  std::uint64_t zeros_ = 0, n_ = 0;
};

}  // namespace zccsim::sim
