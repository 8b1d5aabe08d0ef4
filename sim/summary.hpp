// SPDX-License-Identifier: MIT
// Summaries of replications: mean and Student-t interval of a KPI's values.
#pragma once

#include <cstddef>
#include <span>

namespace zccsim::sim {

struct Summary {
  double mean;  // over replications with a defined value (NaN if none)
  double ci95;  // half-width of the 95 % Student-t interval (NaN if n < 2)
  std::size_t n;
};

// Mean and Student-t half-width at `level` of the non-NaN values.
Summary summarize(std::span<const double> values, double level = 0.95);

// summarize() one value at a time (Welford): the same values in the same
// order give the same bits.
class RunningSummary {
 public:
  void add(double x) noexcept;  // NaN is skipped
  Summary summary(double level = 0.95) const;

 private:
  std::size_t n_ = 0;
  double mean_ = 0.0, m2_ = 0.0;
};

// Student-t quantile t_{p, dof} (Boost.Math).
double student_t_quantile(double p, double dof);

}  // namespace zccsim::sim
