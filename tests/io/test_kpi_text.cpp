// SPDX-License-Identifier: MIT
// The KPI table as text (io/kpi_text.hpp): rows group a KPI's columns, a KPI
// with a dimension is named by its first and last column, the text table is
// aligned by characters (UTF-8), markdown cells escape '|', JSON has it all.
#include "io/kpi_text.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

using namespace zccsim;
using namespace zccsim::models::io;

namespace {

sim::KpiTable table() {
  sim::KpiTable t;
  t.dimensions.push_back({"urgency", {"U0", "U1", "U2"}});
  t.kpis.push_back({"wait_minutes",
                    "minutes",
                    sim::Better::lower,
                    "arrival to care, by urgency",
                    {0},
                    "Wait",
                    "min",
                    1,
                    sim::Norm{15, "within 15 min", "a | guideline"}});
  t.kpis.push_back(
      {"cost", "€", sim::Better::neither, "a | b", {}, "", "", 1, std::nullopt});  // no label, unit shown, norm
  return t;
}

}  // namespace

TEST_CASE("a norm is met on the KPI's better side, never for NaN or a KPI without a direction", "[kpi_text]") {
  const sim::Norm norm{0.75, "75 %", "s"};
  sim::KpiSpec k{"answered", "share", sim::Better::higher, "", {}, "", "", 1, std::nullopt};
  CHECK(sim::meets(k, norm, 0.75));
  CHECK(sim::meets(k, norm, 0.9));
  CHECK_FALSE(sim::meets(k, norm, 0.7499));
  CHECK_FALSE(sim::meets(k, norm, std::nan("")));
  k.better = sim::Better::lower;
  CHECK(sim::meets(k, norm, 0.5));
  CHECK_FALSE(sim::meets(k, norm, 0.76));
  k.better = sim::Better::neither;
  CHECK_FALSE(sim::meets(k, norm, 0.75));
}

TEST_CASE("KPI rows group the table's columns", "[kpi_text]") {
  const auto rows = kpi_rows(table());
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].columns == std::vector<std::string>{"wait_minutes_U0", "wait_minutes_U1", "wait_minutes_U2"});
  CHECK(rows[0].dimensions == std::vector<std::string>{"urgency"});
  CHECK(rows[0].better == "lower");
  CHECK(rows[1].columns == std::vector<std::string>{"cost"});
  CHECK(display_name(rows[0]) == "wait_minutes_U0 … U2");
  CHECK(display_name(rows[1]) == "cost");
  const auto names = kpi_rows(std::vector<std::string>{"q.arrivals", "q.served"});
  REQUIRE(names.size() == 2);
  CHECK(names[1].name == "q.served");
  CHECK(names[1].columns == std::vector<std::string>{"q.served"});
  CHECK((names[1].unit.empty() && names[1].better.empty() && names[1].description.empty()));
}

TEST_CASE("KPI text, markdown and JSON", "[kpi_text]") {
  const auto rows = kpi_rows(table());
  CHECK(kpi_text(rows) == "KPI                   label  unit     better   norm           description\n"
                          "wait_minutes_U0 … U2  Wait   minutes  lower    within 15 min  arrival to care, by urgency\n"
                          "cost                  cost   €        neither                 a | b\n");
  CHECK(kpi_markdown(rows) == "| KPI | label | unit | better | norm | definition |\n|---|---|---|---|---|---|\n"
                              "| wait_minutes_U0 … U2 | Wait | minutes | lower | within 15 min (a \\| guideline) | "
                              "arrival to care, by urgency |\n"
                              "| cost | cost | € | neither |  | a \\| b |\n");
  const std::string json = models::json_text(kpi_json(rows, table().dimensions), -1);
  CHECK(json.find(R"("name":"wait_minutes","unit":"minutes","better":"lower")") != std::string::npos);
  CHECK(json.find(R"("columns":["wait_minutes_U0","wait_minutes_U1","wait_minutes_U2"])") != std::string::npos);
  CHECK(json.find(R"("dimensions":[{"name":"urgency","labels":["U0","U1","U2"]}])") != std::string::npos);
  CHECK(json.find(R"("label":"Wait","display_unit":"min","display_scale":1.0,)"
                  R"("norm":{"target":15.0,"text":"within 15 min","source":"a | guideline"}})") != std::string::npos);
  CHECK(json.find(R"("label":"cost","display_unit":"€","display_scale":1.0,"norm":null})") != std::string::npos);
  CHECK(models::json_text(kpi_json(kpi_rows(std::vector<std::string>{"x"})), -1).find("\"dimensions\":[{") ==
        std::string::npos);
}
