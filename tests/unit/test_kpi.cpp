// SPDX-License-Identifier: MIT
// The KPI table: column names and their KPIs, in table order.
#include "sim/kpi.hpp"

#include <catch2/catch.hpp>

using namespace zccsim::sim;

TEST_CASE("a KPI table expands dimensions into columns, the last dimension fastest", "[kpi]") {
  KpiTable t;
  t.dimensions = {{"urgency", {"U1", "U2"}}, {"region", {"a", "b", "c"}}};
  t.kpis = {{"patients", "per year", Better::neither, "all", {}, "", "", 1, std::nullopt},
            {"wait", "minutes", Better::lower, "wait by urgency", {0}, "", "", 1, std::nullopt},
            {"share", "share", Better::higher, "by urgency and region", {0, 1}, "", "", 1, std::nullopt}};
  CHECK(t.columns() == std::vector<std::string>{"patients", "wait_U1", "wait_U2", "share_U1_a", "share_U1_b",
                                                "share_U1_c", "share_U2_a", "share_U2_b", "share_U2_c"});
  CHECK(t.column_kpi() == std::vector<std::size_t>{0, 1, 1, 2, 2, 2, 2, 2, 2});
  CHECK(better_name(Better::lower) == "lower");
  CHECK(better_name(Better::higher) == "higher");
  CHECK(better_name(Better::neither) == "neither");
}
