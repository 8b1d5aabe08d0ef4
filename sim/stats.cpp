// SPDX-License-Identifier: MIT
#include "stats.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>

namespace zccsim::sim {

namespace {
constexpr auto row_size = static_cast<std::size_t>(QuantileSketch::sub_buckets);
}

void QuantileSketch::cover(int lo, int hi) {
  if (counts_.empty()) {
    counts_.assign(static_cast<std::size_t>(hi - lo + 1) * row_size, 0);
    first_row_ = lo;
    return;
  }
  const int last_row = first_row_ + static_cast<int>(counts_.size() / row_size) - 1;
  if (hi > last_row) counts_.resize(counts_.size() + static_cast<std::size_t>(hi - last_row) * row_size, 0);
  if (lo < first_row_) {
    counts_.insert(counts_.begin(), static_cast<std::size_t>(first_row_ - lo) * row_size, 0);
    first_row_ = lo;
  }
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
  // values from 2^max_exponent up (infinity included) share the top bucket
  static_assert(sub_buckets == 128);
  const bool top = e > max_exponent || biased == 2047;
  e = top ? max_exponent : e;
  const int sub = top ? sub_buckets - 1 : static_cast<int>((bits >> 45) & 127);
  const int row = e - min_exponent - 1;  // >= 0
  if (row < first_row_ || static_cast<std::size_t>(row - first_row_) * row_size >= counts_.size()) cover(row, row);
  ++counts_[static_cast<std::size_t>(row - first_row_) * row_size + static_cast<std::size_t>(sub)];
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
      const int e = static_cast<int>(i / sub_buckets) + first_row_ + min_exponent + 1;
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
  cover(other.first_row_, other.first_row_ + static_cast<int>(other.counts_.size() / row_size) - 1);
  const std::size_t offset = static_cast<std::size_t>(other.first_row_ - first_row_) * row_size;
  for (std::size_t i = 0; i < other.counts_.size(); ++i) counts_[offset + i] += other.counts_[i];
}

void QuantileSketch::reset() noexcept {
  std::fill(counts_.begin(), counts_.end(), 0);
  zeros_ = n_ = 0;
}

}  // namespace zccsim::sim
