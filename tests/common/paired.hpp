// SPDX-License-Identifier: MIT
// The direction of a paired difference (variant - base, replication by
// replication: the same seed and replication indices, so common random
// numbers): +1 if its 99 % interval lies above zero, -1 if below, 0 if it
// includes zero.
#pragma once

#include "sim/summary.hpp"
#include "tests/common/kpi.hpp"
#include "tests/common/run.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace zccsim::test {

inline int paired_direction(const Runs& base, const Runs& variant, const std::string& name) {
  const auto a = kpi_column(base.names, base.rows, name), b = kpi_column(variant.names, variant.rows, name);
  std::vector<double> d;
  for (std::size_t i = 0; i < a.size(); ++i) d.push_back(b[i] - a[i]);
  const auto s = sim::summarize(d, 0.99);
  INFO(name << ": base " << sim::summarize(a).mean << ", variant " << sim::summarize(b).mean << ", difference "
            << s.mean << " +- " << s.ci95 << " (99 %)");
  CHECK(s.n == a.size());
  if (s.mean - s.ci95 > 0) return 1;
  if (s.mean + s.ci95 < 0) return -1;
  return 0;
}

}  // namespace zccsim::test
