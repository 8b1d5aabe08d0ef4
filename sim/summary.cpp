// SPDX-License-Identifier: MIT
#include "summary.hpp"

#include <boost/math/distributions/students_t.hpp>

#include <cmath>
#include <limits>

namespace zccsim::sim {

double student_t_quantile(double p, double dof) {
  return boost::math::quantile(boost::math::students_t_distribution<double>(dof), p);
}

void RunningSummary::add(double x) noexcept {
  if (std::isnan(x)) return;
  ++n_;
  const double d = x - mean_;
  mean_ += d / static_cast<double>(n_);
  m2_ += d * (x - mean_);
}

Summary RunningSummary::summary(double level) const {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (n_ == 0) return {nan, nan, 0};
  if (n_ == 1) return {mean_, nan, 1};
  const double sd = std::sqrt(m2_ / static_cast<double>(n_ - 1));
  const double t = student_t_quantile(0.5 + level / 2.0, static_cast<double>(n_ - 1));
  return {mean_, t * sd / std::sqrt(static_cast<double>(n_)), n_};
}

Summary summarize(std::span<const double> values, double level) {
  RunningSummary s;
  for (double x : values) s.add(x);
  return s.summary(level);
}

}  // namespace zccsim::sim
