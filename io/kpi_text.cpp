// SPDX-License-Identifier: MIT
#include "kpi_text.hpp"

#include <algorithm>
#include <array>
#include <cstddef>

namespace zccsim::models::io {

namespace {

// Characters on a terminal: UTF-8 continuation bytes take no room.
std::size_t width(const std::string& s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string markdown_cell(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

Json strings(const std::vector<std::string>& v) {
  Json a = Json::array();
  for (const auto& s : v) a.push_back(s);
  return a;
}

}  // namespace

std::vector<KpiRow> kpi_rows(const sim::KpiTable& table) {
  std::vector<KpiRow> rows;
  for (const auto& k : table.kpis) {
    KpiRow r{k.name,
             k.unit,
             std::string(sim::better_name(k.better)),
             k.description,
             {},
             {},
             k.label.empty() ? k.name : k.label,
             k.display_unit.empty() ? k.unit : k.display_unit,
             k.display_scale,
             k.norm};
    for (const std::size_t d : k.dimensions) r.dimensions.push_back(table.dimensions.at(d).name);
    rows.push_back(std::move(r));
  }
  const auto columns = table.columns();
  const auto of = table.column_kpi();
  for (std::size_t c = 0; c < columns.size(); ++c) rows.at(of[c]).columns.push_back(columns[c]);
  return rows;
}

std::vector<KpiRow> kpi_rows(const std::vector<std::string>& names) {
  std::vector<KpiRow> rows;
  rows.reserve(names.size());
  for (const auto& n : names) rows.push_back({n, "", "", "", {}, {n}, n, "", 1, std::nullopt});
  return rows;
}

std::string display_name(const KpiRow& row) {
  if (row.columns.size() < 2) return row.columns.empty() ? row.name : row.columns.front();
  const std::string& last = row.columns.back();
  const std::size_t skip = row.name.size() + 1;  // "name_"
  return row.columns.front() + " … " + (last.size() > skip ? last.substr(skip) : last);
}

namespace {

// "75 % within 2 minutes (source)", or "" without a norm
std::string norm_text(const KpiRow& row) {
  return row.norm ? row.norm->text + " (" + row.norm->source + ")" : std::string();
}

}  // namespace

std::string kpi_text(const std::vector<KpiRow>& rows) {
  const std::array<std::string, 6> head{"KPI", "label", "unit", "better", "norm", "description"};
  std::vector<std::array<std::string, 6>> lines{head};
  for (const auto& r : rows)
    lines.push_back({display_name(r), r.label, r.unit, r.better, r.norm ? r.norm->text : "", r.description});
  std::array<std::size_t, 5> w{};
  for (const auto& l : lines)
    for (std::size_t i = 0; i < w.size(); ++i) w[i] = std::max(w[i], width(l[i]));
  std::string out;
  for (const auto& l : lines) {
    std::string line;
    for (std::size_t i = 0; i < w.size(); ++i) line += l[i] + std::string(w[i] - width(l[i]) + 2, ' ');
    line += l[5];
    line.erase(line.find_last_not_of(' ') + 1);
    out += line + "\n";
  }
  return out;
}

std::string kpi_markdown(const std::vector<KpiRow>& rows) {
  std::string out = "| KPI | label | unit | better | norm | definition |\n|---|---|---|---|---|---|\n";
  for (const auto& r : rows)
    out += "| " + markdown_cell(display_name(r)) + " | " + markdown_cell(r.label) + " | " + markdown_cell(r.unit) +
           " | " + markdown_cell(r.better) + " | " + markdown_cell(norm_text(r)) + " | " +
           markdown_cell(r.description) + " |\n";
  return out;
}

Json kpi_json(const std::vector<KpiRow>& rows, const std::vector<sim::Dimension>& dimensions) {
  Json doc = Json::object();
  Json& kpis = doc["kpis"] = Json::array();
  for (const auto& r : rows) {
    Json k = Json::object();
    k["name"] = r.name;
    k["unit"] = r.unit;
    k["better"] = r.better;
    k["description"] = r.description;
    k["dimensions"] = strings(r.dimensions);
    k["columns"] = strings(r.columns);
    k["label"] = r.label;
    k["display_unit"] = r.display_unit;
    k["display_scale"] = r.display_scale;
    if (r.norm) k["norm"] = Json{{"target", r.norm->target}, {"text", r.norm->text}, {"source", r.norm->source}};
    else k["norm"] = nullptr;
    kpis.push_back(std::move(k));
  }
  if (!dimensions.empty()) {
    Json& dims = doc["dimensions"] = Json::array();
    for (const auto& d : dimensions) {
      Json j = Json::object();
      j["name"] = d.name;
      j["labels"] = strings(d.labels);
      dims.push_back(std::move(j));
    }
  }
  return doc;
}

}  // namespace zccsim::models::io
