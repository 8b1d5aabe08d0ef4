// SPDX-License-Identifier: MIT
#include "sim/random.hpp"
#include "sim/warmup.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace zccsim::sim;

TEST_CASE("MSER-5 truncates an initial transient and keeps a stationary series", "[warmup]") {
  RandomStream rng(5, 0, "unit", "mser");
  auto noise = [&] { return rng.uniform() - 0.5; };
  SECTION("a series that starts far from its steady state") {
    std::vector<double> y;
    for (int i = 0; i < 2000; ++i) y.push_back(10.0 * std::exp(-i / 60.0) + noise());
    const auto w = mser(y);
    CHECK(w.reliable);
    CHECK(w.truncate % 5 == 0);
    // the transient is below the noise (sd 0.29) after ~60 ln(10/0.1) = 276 steps
    CHECK(w.truncate >= 150);
    CHECK(w.truncate <= 500);
  }
  SECTION("a stationary series needs (almost) nothing cut") {
    std::vector<double> y;
    for (int i = 0; i < 2000; ++i) y.push_back(noise());
    const auto w = mser(y);
    CHECK(w.truncate < 200);
  }
  SECTION("a series still drifting at the end is flagged as unreliable") {
    std::vector<double> y;
    for (int i = 0; i < 1000; ++i) y.push_back(0.01 * i + 0.01 * noise());
    CHECK_FALSE(mser(y).reliable);
  }
  SECTION("an exact hand-checked case: a single outlier batch is cut") {
    // batches of 5: means 10, 1, 1, 1, 1, 1, 1, 1 -> cutting the first batch leaves zero variance
    std::vector<double> y(40, 1.0);
    for (int i = 0; i < 5; ++i) y[static_cast<std::size_t>(i)] = 10.0;
    const auto w = mser(y);
    CHECK(w.truncate == 5);
    CHECK(w.reliable);
  }
  CHECK(mser(std::vector<double>(10, 1.0)).reliable == false);  // too short to judge
}
