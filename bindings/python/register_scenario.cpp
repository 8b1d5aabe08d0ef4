// SPDX-License-Identifier: MIT
// zccsim._core.Scenario: loading, key-path get/override, validation; YAML
// values converted to Python objects; the KPI tables (kpi_table).
#include "support.hpp"

#include "models/acute/acute_config.hpp"
#include "models/acute/acute_report.hpp"
#include "models/acute/kpis.hpp"
#include "io/kpi_text.hpp"
#include "io/yaml_reader.hpp"
#include "models/network/network_config.hpp"
#include "study/families.hpp"
#include "study/registry.hpp"
#include "study/scenario.hpp"

#include <pybind11/stl.h>

#include <yaml-cpp/yaml.h>

#include <cmath>
#include <cstddef>
#include <cstdlib>
#include <limits>
#include <string_view>

namespace zccsim::python {

namespace {

using models::Scenario;

bool is_integer(std::string_view s) {
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// YAML 1.2 core schema: [-+]? (\.[0-9]+ | [0-9]+(\.[0-9]*)?) ([eE][-+]?[0-9]+)?
bool is_float(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  std::size_t digits = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    std::size_t exp = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++exp;
    if (exp == 0) return false;
  }
  return i == s.size();
}

py::object scalar_to_python(const YAML::Node& node) {
  const std::string& s = node.Scalar();
  if (node.Tag() == "!") return py::str(s);  // quoted: always a string
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return py::none();
  if (s == "true" || s == "True" || s == "TRUE") return py::bool_(true);
  if (s == "false" || s == "False" || s == "FALSE") return py::bool_(false);
  if (is_integer(s)) return py::reinterpret_steal<py::object>(PyLong_FromString(s.c_str(), nullptr, 10));
  if (is_float(s)) return py::float_(std::strtod(s.c_str(), nullptr));
  constexpr double inf = std::numeric_limits<double>::infinity();
  if (s == ".inf" || s == ".Inf" || s == ".INF" || s == "+.inf" || s == "+.Inf" || s == "+.INF") return py::float_(inf);
  if (s == "-.inf" || s == "-.Inf" || s == "-.INF") return py::float_(-inf);
  if (s == ".nan" || s == ".NaN" || s == ".NAN") return py::float_(std::numeric_limits<double>::quiet_NaN());
  return py::str(s);
}

py::object to_python(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
      return py::none();
    case YAML::NodeType::Scalar:
      return scalar_to_python(node);
    case YAML::NodeType::Sequence: {
      py::list out;
      for (const auto& item : node) out.append(to_python(item));
      return out;
    }
    case YAML::NodeType::Map: {
      py::dict out;
      for (const auto& kv : node) {
        py::object key = kv.first.IsScalar() ? scalar_to_python(kv.first) : py::str(YAML::Dump(kv.first));
        out[key] = to_python(kv.second);
      }
      return out;
    }
  }
  return py::none();
}

py::object parse_yaml(const std::string& text) { return to_python(models::parse_yaml(text, "<text>")); }

// One dict per KPI (io/kpi_text.hpp): name, unit, better, description, dimensions, columns,
// label, display_unit, display_scale, norm (its text, "" without one), norm_target (NaN
// without one), norm_source.
py::list kpi_rows_to_python(const std::vector<models::io::KpiRow>& rows) {
  py::list out;
  for (const auto& r : rows)
    out.append(py::dict(py::arg("name") = r.name, py::arg("unit") = r.unit, py::arg("better") = r.better,
                        py::arg("description") = r.description, py::arg("dimensions") = r.dimensions,
                        py::arg("columns") = r.columns, py::arg("label") = r.label,
                        py::arg("display_unit") = r.display_unit, py::arg("display_scale") = r.display_scale,
                        py::arg("norm") = r.norm ? r.norm->text : std::string(),
                        py::arg("norm_target") = r.norm ? r.norm->target : std::nan(""),
                        py::arg("norm_source") = r.norm ? r.norm->source : std::string()));
  return out;
}

py::list family_kpi_table(const std::string& model) {
  const models::ModelFamily* family = nullptr;
  try {
    family = &models::model_family(model);
  } catch (const models::ScenarioError& e) {
    throw py::value_error(e.what());
  }
  if (const sim::KpiTable* table = family->kpi_table()) return kpi_rows_to_python(models::io::kpi_rows(*table));
  throw py::value_error("model '" + model +
                        "' declares no KPI table: its KPIs are the \"node.metric\" names "
                        "of each scenario (Scenario.kpi_table)");
}

// The per-sub-region KPIs of an acute scenario with sub-regions (one
// placeholder label, "S"): units and directions of their columns in any
// scenario (zccsim.plot.kpi_unit, kpi_better).
py::list acute_subregion_kpi_table() {
  models::acute::AcuteConfig cfg;
  cfg.subregions = {"S"};
  auto rows = models::io::kpi_rows(models::acute::kpi_table(cfg));
  rows.erase(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(models::acute::kpi_count));
  return kpi_rows_to_python(rows);
}

py::list scenario_kpi_table(const Scenario& sc) {
  const sim::KpiTable* table = sc.loaded().kpi_table();
  return kpi_rows_to_python(table ? models::io::kpi_rows(*table) : models::io::kpi_rows(sc.kpi_names()));
}

}  // namespace

void register_scenario(py::module_& m, py::class_<Scenario>& cls) {
  m.def("parse_yaml", &parse_yaml, py::arg("text"),
        "Parses YAML text into Python objects (dict, list, str, int, float, bool, None).\n\n"
        "Plain scalars follow the YAML 1.2 core schema (true/false, integers, floats, .inf,\n"
        ".nan, null, ~); quoted scalars are always strings.");
  m.def("kpi_table", &family_kpi_table, py::arg("model") = "acute",
        "The KPI table of a model family: one dict per KPI with name, unit, better (\"higher\",\n"
        "\"lower\", \"neither\"), description, dimensions (names) and columns (the names in a\n"
        "replication's row). ValueError for a family without one (network: see Scenario.kpi_table).");
  m.attr("acute_subregion_kpi_table") = acute_subregion_kpi_table();
  m.def(
      "_set_scenario_error", [](py::object type) { set_scenario_error_type(std::move(type)); }, py::arg("type"),
      "Sets the exception type raised for scenario errors (zccsim.ScenarioError sets itself).");

  cls.def_static("from_file", &Scenario::from_file, py::arg("path"),
                 "Loads a scenario file (its `extends:` resolved) and validates it.\n\n"
                 "Raises ScenarioError \"file:line:column: message\" on bad input.")
      .def_static("from_text", &Scenario::from_text, py::arg("yaml"), py::arg("name") = "<scenario>",
                  py::arg("base_dir") = "",
                  "Loads a scenario from YAML text. `name` stands for the file in error messages;\n"
                  "`base_dir` resolves a relative `extends:` (default: the current directory).")
      .def("with_override", &Scenario::with_override, py::arg("path"), py::arg("yaml_value"),
           py::arg("origin") = "<override>",
           "A copy with the value at a key path (\"zcc.locations[0].rosters.gp\") replaced by\n"
           "`yaml_value` (YAML text); validated again, errors name `origin` for the new value.")
      .def("get", &Scenario::get, py::arg("path"), "The value at a key path, as YAML text.")
      .def(
          "value", [](const Scenario& s, const std::string& path) { return parse_yaml(s.get(path)); }, py::arg("path"),
          "The value at a key path, as Python objects (see parse_yaml).")
      .def(
          "validate", [](const Scenario& sc) { return sc.validation_report(); },
          "What `zccsim validate` prints for this scenario: for model: acute the expected\n"
          "offered load per resource, flagging loads >= 1.")
      .def(
          "catchments",
          [](const Scenario& sc) {
            const auto* acute = dynamic_cast<const models::AcuteLoaded*>(&sc.loaded());
            if (!acute) throw models::ScenarioError(sc.path() + ": catchments need a model: acute scenario");
            py::list rows;
            for (const auto& c : models::acute::catchments(acute->config(), acute->geography()))
              rows.append(py::dict(py::arg("area") = c.area, py::arg("population") = c.population, py::arg("ed") = c.ed,
                                   py::arg("hap") = c.hap));
            return rows;
          },
          "(acute) Each area's nearest ED and GP post by road from its inhabitants, as the\n"
          "model routes them: a list of {area, population, ed, hap} (site ids; opening hours\n"
          "not looked at; `closed_sites` are left out, so a variant's list shows where a\n"
          "closed site's patients go). `zccsim validate --catchments F.csv` writes the same.")
      .def_property_readonly("model", &Scenario::model_name, "\"acute\" or \"network\".")
      .def_property_readonly("path", &Scenario::path, "The file, or the name given to from_text.")
      .def_property_readonly("text", &Scenario::text, "The resolved YAML (no `extends:`).")
      .def_property_readonly("name", &Scenario::name, "The scenario's `name:` (acute) or its path.")
      .def_property_readonly("kpi_names", &Scenario::kpi_names,
                             "KPI (acute) or metric (network: \"node.metric\") names of a replication's row.")
      .def_property_readonly("kpi_table", &scenario_kpi_table,
                             "The KPI table of the scenario's family (as zccsim._core.kpi_table); network: one\n"
                             "row per \"node.metric\" name with unit, better and description empty.")
      .def_property_readonly("summary_key", &Scenario::summary_key,
                             "The JSON key of the summary: \"kpis\" (acute) or \"nodes\" (network).");
}

}  // namespace zccsim::python
