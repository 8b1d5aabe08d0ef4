// SPDX-License-Identifier: MIT
// The KPI table: every KPI a model reports is declared once, by name, with
// its unit, which direction is better, its dimensions and a one-line
// description. The model fills values by position in this table; the loader
// (precision KPIs), the reports, scenarios/README.md and Python read the
// names, units and directions from it. Domain-free: models declare tables.
#pragma once

#include <cstddef>
#include <optional>
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

// A norm or target a KPI is held to (e.g. 95 % of A1 rides on scene within
// 15 minutes): met when the value is at least `target` for a KPI that is
// better higher, at most `target` for one better lower.
struct Norm {
  double target = 0;   // in the KPI's unit (a share as a fraction)
  std::string text;    // as a reader says it: "75 % within 2 minutes"
  std::string source;  // where it is published
};

struct KpiSpec {
  std::string name;  // base name; with a dimension: the columns are name_label
  std::string unit;  // e.g. "per 1,000 inhabitants per year", "minutes", "share"
  Better better = Better::neither;
  std::string description;              // one line
  std::vector<std::size_t> dimensions;  // indices into KpiTable::dimensions (outer first)
  std::string label;                    // as a reader names it: "Answered within 2 minutes"; "" = the name
  std::string display_unit;             // the unit shown: "%" for shares; "" = unit
  double display_scale = 1;             // value x display_scale is in display_unit (100 for a share in %)
  std::optional<Norm> norm;             // the norm or target it is held to, if one is published
};

// Whether value meets the norm, by the KPI's direction (false for NaN, and
// for a KPI without one).
bool meets(const KpiSpec& kpi, const Norm& norm, double value) noexcept;

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
