// SPDX-License-Identifier: MIT
// Hospital beds and patient spreading in whole runs (issue #13;
// three_hospitals.yaml: A surged, B its neighbour, C not): A's transfers go
// to its neighbour and by LCPS to C; every transfer is counted once sent and
// once received; beds that never fill change nothing but the hospital KPIs
// and costs; fewer beds mean more transfers and more boarding (paired).
#include "tests/common/kpi.hpp"
#include "tests/common/run.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <string>

using namespace zccsim;

namespace {

const std::string dir = ZCCSIM_ACUTE_TEST_DIR;

double value(const test::Runs& r, std::size_t row, const std::string& name) {
  return r.rows.at(row).at(test::kpi_index(r.names, name));
}

double sent(const test::Runs& r, std::size_t row) {
  double s = 0;
  for (const char* k : {"region", "neighbour", "lcps"})
    s += value(r, row, std::string("hospital_transfers_sent_per_1000_") + k);
  return s;
}

}  // namespace

TEST_CASE("a surge in one region spreads its admissions to its neighbour and by LCPS; sent == received", "[model]") {
  const auto sc = models::Scenario::from_file(dir + "/three_hospitals.yaml");
  const test::Runs r = test::run(sc, 2026, 2);
  for (std::size_t i = 0; i < r.rows.size(); ++i) {
    INFO("replication " << i);
    CHECK(value(r, i, "lost_share") == 0.0);
    CHECK(r.per_row[i].created == r.per_row[i].ended + r.per_row[i].in_system);
    CHECK(value(r, i, "hospital_admissions_per_1000") > 0.0);
    const double occupancy = value(r, i, "hospital_bed_occupancy");
    CHECK(occupancy > 0.5);
    CHECK(occupancy <= 1.0);
    // A (sub-region a) sends, to its neighbour B and (B full) to C by LCPS; one hospital per region: none within
    CHECK(value(r, i, "hospital_transfers_sent_per_1000_region") == 0.0);
    CHECK(value(r, i, "hospital_transfers_sent_per_1000_neighbour") > 0.0);
    CHECK(value(r, i, "hospital_transfers_sent_per_1000_lcps") > 0.0);
    CHECK(value(r, i, "hospital_transfers_sent_per_1000_subregion_a") > 0.0);
    CHECK(value(r, i, "hospital_transfers_received_per_1000_subregion_a") <
          value(r, i, "hospital_transfers_sent_per_1000_subregion_a"));
    CHECK(value(r, i, "hospital_transfers_received_per_1000_subregion_b") > 0.0);
    CHECK(value(r, i, "hospital_transfers_received_per_1000_subregion_c") > 0.0);
    CHECK(value(r, i, "hospital_transfer_minutes_mean") > 60.0);  // the preparation and a drive
    // every region simulated: each kind sent == received, and summed over the sub-regions
    double in = 0, out = 0;
    for (const char* k : {"region", "neighbour", "lcps"})
      CHECK(value(r, i, std::string("hospital_transfers_sent_per_1000_") + k) ==
            value(r, i, std::string("hospital_transfers_received_per_1000_") + k));
    for (const char* s : {"a", "b", "c"}) {
      const double pop = value(r, i, std::string("population_subregion_") + s);
      in += value(r, i, std::string("hospital_transfers_received_per_1000_subregion_") + s) * pop;
      out += value(r, i, std::string("hospital_transfers_sent_per_1000_subregion_") + s) * pop;
    }
    CHECK(in == Approx(out).epsilon(1e-12));
    CHECK(out > 0.0);
  }
}

TEST_CASE("hospital beds that never fill change no KPI but the hospital ones and costs", "[model]") {
  const auto on = models::Scenario::from_file(dir + "/three_hospitals.yaml")
                      .with_override("sites[0].hospital_beds", "100000")
                      .with_override("sites[1].hospital_beds", "100000")
                      .with_override("sites[2].hospital_beds", "100000");
  const auto off = models::Scenario::from_file(dir + "/three_hospitals_off.yaml");
  const test::Runs with = test::run(on, 77, 2), without = test::run(off, 77, 2);
  REQUIRE(with.names == without.names);
  for (std::size_t i = 0; i < with.rows.size(); ++i) {
    CHECK(value(with, i, "hospital_admissions_per_1000") > 0.0);
    CHECK(value(without, i, "hospital_admissions_per_1000") == 0.0);
    CHECK(sent(with, i) == 0.0);
    CHECK(value(with, i, "hospital_boarded_share") == 0.0);
    std::size_t compared = 0;
    for (std::size_t k = 0; k < with.names.size(); ++k) {
      const std::string& n = with.names[k];
      if (n.find("hospital") != std::string::npos || n.find("cost") != std::string::npos ||
          n == "patients_in_system_at_end")
        continue;
      INFO(n);
      const double a = with.rows[i][k], b = without.rows[i][k];
      CHECK(((std::isnan(a) && std::isnan(b)) || a == b));
      ++compared;
    }
    CHECK(compared > 100);
  }
}

TEST_CASE("fewer hospital beds: more transfers and more boarding (paired)", "[model]") {
  const auto base = models::Scenario::from_file(dir + "/three_hospitals.yaml");
  const auto fewer = base.with_override("sites[0].hospital_beds", "30")  // A 40 -> 30, C and B 60 -> 45
                         .with_override("sites[1].hospital_beds", "45")
                         .with_override("sites[2].hospital_beds", "45");
  const test::Runs more_beds = test::run(base, 99, 2), fewer_beds = test::run(fewer, 99, 2);
  double t_more = 0, t_fewer = 0, b_more = 0, b_fewer = 0;
  for (std::size_t i = 0; i < 2; ++i) {
    t_more += sent(more_beds, i);
    t_fewer += sent(fewer_beds, i);
    b_more += value(more_beds, i, "hospital_boarded_share");
    b_fewer += value(fewer_beds, i, "hospital_boarded_share");
  }
  INFO("transfers per 1,000: " << t_more / 2 << " -> " << t_fewer / 2 << "; boarded " << b_more / 2 << " -> "
                               << b_fewer / 2);
  CHECK(t_fewer > t_more);
  CHECK(b_fewer > b_more);
}

// A region without short-stay beds of its own: its searches go to the
// neighbouring region at once (once a division by zero in the phone round).
TEST_CASE("a region without short-stay providers places its searches in its neighbour, nobody lost", "[model]") {
  const auto sc = models::Scenario::from_file(dir + "/three_hospitals.yaml").with_override("closed_sites", "[vvt_c]");
  const test::Runs r = test::run(sc, 2026, 1);
  CHECK(value(r, 0, "lost_share") == 0.0);
  CHECK(r.per_row[0].created == r.per_row[0].ended + r.per_row[0].in_system);
  CHECK(value(r, 0, "placements_outside_region_share") > 0.0);
}
