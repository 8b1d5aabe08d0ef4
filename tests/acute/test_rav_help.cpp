// SPDX-License-Identifier: MIT
// Ambulance help across RAV areas (issue #13) in whole runs: turning help on
// lowers the A1 response of the weaker RAV and does not improve the helping
// one's (paired, two_ravs.yaml); in the national scenario every deployment
// across RAV borders is counted once as help received (the patient's side)
// and once as help given (the vehicle's), nationally and summed over the
// regions.
#include "tests/common/kpi.hpp"
#include "tests/common/run.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace zccsim;

namespace {

const std::string dir = ZCCSIM_ACUTE_TEST_DIR;
const std::string scenarios = ZCCSIM_SCENARIO_DIR;

double value(const test::Runs& r, std::size_t row, const std::string& name) {
  return r.rows.at(row).at(test::kpi_index(r.names, name));
}

double mean(const test::Runs& r, const std::string& name) {
  double s = 0;
  for (std::size_t i = 0; i < r.rows.size(); ++i) s += value(r, i, name);
  return s / static_cast<double>(r.rows.size());
}

}  // namespace

TEST_CASE("help between RAVs lowers the weaker RAV's A1 response and does not improve the helper's", "[model]") {
  // rav_s (sub-region b: 140,000 inhabitants, one vehicle) and rav_n (a: 60,000, two)
  const auto on = models::Scenario::from_file(dir + "/two_ravs.yaml");
  const auto off = on.with_override("ambulance.help_max_minutes", "0");  // 0: no help
  const test::Runs with = test::run(on, 1313, 3), without = test::run(off, 1313, 3);
  for (std::size_t i = 0; i < 3; ++i) {
    INFO("replication " << i);
    CHECK(value(without, i, "neighbour_help_per_1000") == 0.0);
    CHECK(value(without, i, "help_given_per_1000") == 0.0);
    // one own region: every help is between its RAVs, received == given
    CHECK(value(with, i, "neighbour_help_per_1000") > 0.0);
    CHECK(value(with, i, "help_given_per_1000") == value(with, i, "neighbour_help_per_1000"));
    // rav_s receives, rav_n gives (and is helped back less)
    CHECK(value(with, i, "neighbour_help_per_1000_subregion_b") >
          value(with, i, "neighbour_help_per_1000_subregion_a"));
    CHECK(value(with, i, "help_given_per_1000_subregion_a") > value(with, i, "help_given_per_1000_subregion_b"));
  }
  const double weak_on = mean(with, "a1_within_15min_share_subregion_b"),
               weak_off = mean(without, "a1_within_15min_share_subregion_b");
  const double strong_on = mean(with, "a1_within_15min_share_subregion_a"),
               strong_off = mean(without, "a1_within_15min_share_subregion_a");
  INFO("A1 within 15 min, rav_s " << weak_off << " -> " << weak_on << ", rav_n " << strong_off << " -> " << strong_on);
  CHECK(weak_on > weak_off + 0.02);
  CHECK(strong_on <= strong_off);
  CHECK(mean(with, "a1_response_minutes_p95_subregion_b") < mean(without, "a1_response_minutes_p95_subregion_b"));
}

TEST_CASE("national: every deployment across RAV borders and across dispatch centres counts once received and once "
          "given",
          "[model]") {
  const auto sc = models::Scenario::from_file(scenarios + "/national.yaml")
                      .with_override("horizon_days", "14")
                      .with_override("warmup_days", "2");
  const test::Runs r = test::run(sc, 7, 1);
  const std::vector<std::string> regions{"noord", "euregio", "zwolle",  "oost",     "midden",
                                         "nhf",   "west",    "brabant", "zuidwest", "limburg"};
  const double received = value(r, 0, "neighbour_help_per_1000"), given = value(r, 0, "help_given_per_1000");
  CHECK(received > 0.0);
  CHECK(given == received);  // all regions own: the same count over the same population
  double sum_received = 0, sum_given = 0, population = 0;
  bool net_giver = false, net_receiver = false;
  for (const std::string& reg : regions) {
    const double pop = value(r, 0, "population_subregion_" + reg);
    const double in = value(r, 0, "neighbour_help_per_1000_subregion_" + reg),
                 out = value(r, 0, "help_given_per_1000_subregion_" + reg);
    sum_received += in * pop;
    sum_given += out * pop;
    population += pop;
    net_giver = net_giver || out > in;
    net_receiver = net_receiver || in > out;
  }
  CHECK(sum_given == Approx(sum_received).epsilon(1e-12));
  CHECK(sum_received / population == Approx(received).epsilon(1e-12));
  CHECK(net_giver);  // the counts are per side, not copies of each other
  CHECK(net_receiver);
  // across the 10 dispatch centres: a part of that help, counted the same way
  const double across = value(r, 0, "centre_help_received_per_1000");
  CHECK(across > 0.0);
  CHECK(across < received);
  CHECK(value(r, 0, "centre_help_given_per_1000") == across);
  double centre_in = 0, centre_out = 0;
  for (const std::string& reg : regions) {
    const double pop = value(r, 0, "population_subregion_" + reg);
    centre_in += value(r, 0, "centre_help_received_per_1000_subregion_" + reg) * pop;
    centre_out += value(r, 0, "centre_help_given_per_1000_subregion_" + reg) * pop;
  }
  CHECK(centre_out == Approx(centre_in).epsilon(1e-12));
  CHECK(centre_in / population == Approx(across).epsilon(1e-12));
}

TEST_CASE("dispatch centres: help across them counted once received and once given, the request call shows in "
          "the A1 response (paired)",
          "[model]") {
  // dispatch_centres.yaml: sub-region a = centre mk_a (rav_n, rav_c), b = mk_b (rav_s)
  const auto on = models::Scenario::from_file(dir + "/dispatch_centres.yaml");
  const auto late = on.with_override("ambulance.help_request_minutes", "10");
  const auto no_call = on.with_override("ambulance.help_request_minutes", "0");
  const test::Runs with = test::run(late, 1313, 3), without = test::run(no_call, 1313, 3);
  for (std::size_t i = 0; i < 3; ++i) {
    INFO("replication " << i);
    const double received = value(with, i, "centre_help_received_per_1000");
    CHECK(received > 0.0);
    CHECK(value(with, i, "centre_help_given_per_1000") == received);  // one own region
    CHECK(received < value(with, i, "neighbour_help_per_1000"));      // help within mk_a too
    // what one centre receives the other gives (counts: rate x population)
    const double pop_a = value(with, i, "population_subregion_a"), pop_b = value(with, i, "population_subregion_b");
    CHECK(value(with, i, "centre_help_received_per_1000_subregion_a") * pop_a ==
          Approx(value(with, i, "centre_help_given_per_1000_subregion_b") * pop_b).epsilon(1e-12));
    CHECK(value(with, i, "centre_help_received_per_1000_subregion_b") * pop_b ==
          Approx(value(with, i, "centre_help_given_per_1000_subregion_a") * pop_a).epsilon(1e-12));
  }
  const double slow = mean(with, "a1_response_minutes_mean"), fast = mean(without, "a1_response_minutes_mean");
  INFO("A1 response mean, help_request_minutes 0 -> 10: " << fast << " -> " << slow);
  CHECK(slow > fast + 0.05);
}
