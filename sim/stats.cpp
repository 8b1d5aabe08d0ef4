// SPDX-License-Identifier: MIT
#include "stats.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>

namespace zccsim::sim {

namespace {
constexpr std::size_t bucket_count =
    static_cast<std::size_t>(QuantileSketch::max_exponent - QuantileSketch::min_exponent) * QuantileSketch::sub_buckets;
}

// x = m * 2^e with m in [0.5, 1) (std::frexp's e) read from the bits of a
// positive double: e = biased exponent - 1022 (a subnormal's e is below
// min_exponent anyway); the sub-bucket (m - 0.5) * 2 * sub_buckets is the
// top log2(sub_buckets) bits of the fraction.
void QuantileSketch::add(double x) noexcept {
  ++n_;
  const auto bits = std::bit_cast<std::uint64_t>(x);
  const auto biased = static_cast<int>(bits >> 52);  // x > 0: no sign bit
  int e = biased - 1022;
  if (!(x > 0.0) || biased == 0 || e <= min_exponent) {
    ++zeros_;
    return;
  }
  if (counts_.empty()) counts_.assign(bucket_count, 0);
  // values from 2^max_exponent up (infinity included) share the top bucket
  static_assert(sub_buckets == 128);
  const bool top = e > max_exponent || biased == 2047;
  e = top ? max_exponent : e;
  const int sub = top ? sub_buckets - 1 : static_cast<int>((bits >> 45) & 127);
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
