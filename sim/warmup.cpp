// SPDX-License-Identifier: MIT
#include "warmup.hpp"

#include <limits>

namespace zccsim::sim {

WarmupSuggestion mser(const std::vector<double>& series, std::size_t batch) {
  if (batch == 0) batch = 1;
  std::vector<double> y;
  for (std::size_t i = 0; i + batch <= series.size(); i += batch) {
    double s = 0;
    for (std::size_t k = 0; k < batch; ++k) s += series[i + k];
    y.push_back(s / static_cast<double>(batch));
  }
  const std::size_t n = y.size();
  if (n < 4) return {0, false};
  // suffix sums give every MSER(d) in O(n)
  std::vector<double> sum(n + 1, 0.0), sq(n + 1, 0.0);
  for (std::size_t i = n; i-- > 0;) {
    sum[i] = sum[i + 1] + y[i];
    sq[i] = sq[i + 1] + y[i] * y[i];
  }
  double best = std::numeric_limits<double>::infinity();
  std::size_t best_d = 0;
  for (std::size_t d = 0; d <= n / 2; ++d) {
    const auto m = static_cast<double>(n - d);
    const double ss = sq[d] - sum[d] * sum[d] / m;  // sum of squared deviations
    const double v = ss / (m * m);
    if (v < best) best = v, best_d = d;
  }
  return {best_d * batch, best_d < n / 2};
}

}  // namespace zccsim::sim
