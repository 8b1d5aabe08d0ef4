// SPDX-License-Identifier: MIT
// Warm-up detection by MSER-5 (White 1997; White, Cobb & Spratt 2000): batch
// the output series into means of 5, and truncate the d leading batches that
// minimise the squared standard error of the mean of what remains,
// MSER(d) = sum_{i>d} (Y_i - mean_{>d})^2 / (n - d)^2, searching d in the
// first half only (a minimum in the second half means "run longer").
#pragma once

#include <cstddef>
#include <vector>

namespace zccsim::sim {

struct WarmupSuggestion {
  std::size_t truncate = 0;  // observations of the raw series to discard
  bool reliable = true;      // false: the minimum sat at the edge of the search (run longer)
};

WarmupSuggestion mser(const std::vector<double>& series, std::size_t batch = 5);

}  // namespace zccsim::sim
