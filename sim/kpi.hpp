// SPDX-License-Identifier: MIT
// The KPI table: every KPI a model reports is declared once, by name, with
// its unit, which direction is better, its dimensions and a one-line
// description. The model fills values by position in this table; the loader
// (precision KPIs), the reports, scenarios/README.md and Python read the
// names, units and directions from it. Domain-free: models declare tables.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace zccsim::sim {

// One row of KPI values per replication, in the order of KpiTable::columns().
using Metrics = std::vector<double>;

// Which way a KPI should move for a variant to be called better.
enum class Better { higher, lower, neither };
std::string_view better_name(Better b) noexcept;  // "higher", "lower", "neither"

// A dimension a KPI is broken down by (urgency, response, region, hour of
// week, ...): its name and the labels of its values, in column order.
struct Dimension {
  std::string name;
  std::vector<std::string> labels;
};

struct KpiSpec {
  std::string name;  // base name; with a dimension: the columns are name_label
  std::string unit;  // e.g. "per 1,000 inhabitants per year", "minutes", "share"
  Better better = Better::neither;
  std::string description;              // one line
  std::vector<std::size_t> dimensions;  // indices into KpiTable::dimensions (outer first)
};

struct KpiTable {
  std::vector<Dimension> dimensions;
  std::vector<KpiSpec> kpis;

  // One column per KPI and combination of its dimensions' labels, in table
  // order (the last dimension varies fastest): "name" or "name_label[_label]".
  std::vector<std::string> columns() const;
  // The KPI a column belongs to (its index in kpis), for every column.
  std::vector<std::size_t> column_kpi() const;
};

}  // namespace zccsim::sim
