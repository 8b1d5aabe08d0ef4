// SPDX-License-Identifier: MIT
// A KPI (metric) by name in a table of replications: one row per
// replication, a column per name.
#pragma once

#include "exec/experiment.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

namespace zccsim::test {

// The column of `name` in `names`; fails the test case when there is none.
inline std::size_t kpi_index(const std::vector<std::string>& names, const std::string& name) {
  const auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) FAIL("no KPI named " << name);
  return static_cast<std::size_t>(it - names.begin());
}

// The values of KPI `name`, one per row.
inline std::vector<double> kpi_column(const std::vector<std::string>& names, const std::vector<sim::Metrics>& rows,
                                      const std::string& name) {
  const std::size_t k = kpi_index(names, name);
  std::vector<double> v;
  v.reserve(rows.size());
  for (const auto& row : rows) v.push_back(row.at(k));
  return v;
}

}  // namespace zccsim::test
