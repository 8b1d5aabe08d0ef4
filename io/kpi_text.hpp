// SPDX-License-Identifier: MIT
// The KPI table as text: one row per KPI (name, unit, better, description,
// dimensions, columns, and how a reader sees it: label, display unit, norm)
// for `zccsim kpis` (aligned text, markdown, JSON), the generated table of
// scenarios/README.md and Python's zccsim.kpi_table(). A family without a
// table (network: per-scenario "node.metric" names) gives one row per name
// with unit, better and description empty.
#pragma once

#include "json.hpp"
#include "sim/kpi.hpp"

#include <optional>
#include <string>
#include <vector>

namespace zccsim::models::io {

struct KpiRow {
  std::string name;                     // the KPI's base name
  std::string unit;                     // "" when the family declares no table
  std::string better;                   // "higher", "lower", "neither"; "" without a table
  std::string description;              // one line; "" without a table
  std::vector<std::string> dimensions;  // names of its dimensions, outer first
  std::vector<std::string> columns;     // the row's columns ("name" or "name_label[_label]")
  std::string label;                    // as a reader names it; the name when the table gives none
  std::string display_unit;             // the unit shown ("%" for shares); unit when the table gives none
  double display_scale = 1;             // value x display_scale is in display_unit
  std::optional<sim::Norm> norm;        // the published norm or target, if any
};

std::vector<KpiRow> kpi_rows(const sim::KpiTable& table);
// Names only: one row per name, its only column.
std::vector<KpiRow> kpi_rows(const std::vector<std::string>& names);

// How a row is named in the text and markdown tables: its name, or for a KPI
// with dimensions its first and last column, "time_to_care_minutes_U0 … U5".
std::string display_name(const KpiRow& row);

// An aligned table with a header: KPI, label, unit, better, norm, description.
std::string kpi_text(const std::vector<KpiRow>& rows);
// | KPI | label | unit | better | norm | definition |, one line per row ('|' escaped):
// what scenarios/README.md shows under "KPIs (model: acute)".
std::string kpi_markdown(const std::vector<KpiRow>& rows);
// {"kpis": [{"name", "unit", "better", "description", "dimensions", "columns", "label",
//            "display_unit", "display_scale", "norm": null or {"target", "text", "source"}}],
//  "dimensions": [{"name", "labels"}]} (the dimensions only when the table has some).
Json kpi_json(const std::vector<KpiRow>& rows, const std::vector<sim::Dimension>& dimensions = {});

}  // namespace zccsim::models::io
