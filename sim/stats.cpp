// SPDX-License-Identifier: MIT
#include "stats.hpp"

#include <algorithm>

namespace zccsim::sim {

namespace {
constexpr std::size_t bucket_count =
    static_cast<std::size_t>(QuantileSketch::max_exponent - QuantileSketch::min_exponent) * QuantileSketch::sub_buckets;
}

void QuantileSketch::add(double x) noexcept {
  ++n_;
  int e = 0;
  const double m = std::frexp(x, &e);  // x = m * 2^e, m in [0.5, 1)
  if (!(x > 0.0) || e <= min_exponent) {
    ++zeros_;
    return;
  }
  if (counts_.empty()) counts_.assign(bucket_count, 0);
  // values from 2^max_exponent up (infinity included) share the top bucket
  const bool top = e > max_exponent || !std::isfinite(x);
  e = top ? max_exponent : e;
  const auto sub = top ? sub_buckets - 1 : std::min(static_cast<int>((m - 0.5) * 2.0 * sub_buckets), sub_buckets - 1);
  const int bucket = (e - min_exponent - 1) * sub_buckets + sub;  // >= 0
  ++counts_[static_cast<std::size_t>(bucket)];
}

double QuantileSketch::quantile(double p) const noexcept {
  if (n_ == 0) return std::numeric_limits<double>::quiet_NaN();
  const double rank = std::clamp(p, 0.0, 1.0) * static_cast<double>(n_);
  double cum = static_cast<double>(zeros_);
  if (zeros_ > 0 && cum >= rank) return 0.0;
  for (std::size_t i = 0; i < counts_.size(); ++i) {
    if (counts_[i] == 0) continue;
    cum += static_cast<double>(counts_[i]);
    if (cum >= rank) {
      const int e = static_cast<int>(i / sub_buckets) + min_exponent + 1;
      const double sub = static_cast<double>(i % sub_buckets);
      // bucket [0.5 + sub/256, 0.5 + (sub+1)/256) * 2^e; return its midpoint
      return std::ldexp(0.5 + (sub + 0.5) / (2.0 * sub_buckets), e);
    }
  }
  return std::numeric_limits<double>::quiet_NaN();
}

void QuantileSketch::merge(const QuantileSketch& other) {
  n_ += other.n_;
  zeros_ += other.zeros_;
  if (other.counts_.empty()) return;
  if (counts_.empty()) counts_.assign(bucket_count, 0);
  for (std::size_t i = 0; i < counts_.size(); ++i) counts_[i] += other.counts_[i];
}

void QuantileSketch::reset() noexcept {
  std::fill(counts_.begin(), counts_.end(), 0);
  zeros_ = n_ = 0;
}

}  // namespace zccsim::sim
