// SPDX-License-Identifier: MIT
// Staffing (study/staffing.hpp, study/shifts.hpp): Erlang C against the
// queueing theory the engine is checked with; on a constant-rate M/M/s line
// the iterative staffing algorithm gives the Erlang C minimum in every hour;
// on a strongly time-varying line (Feldman et al. 2008) the stationary
// per-hour staffing misses the target and the algorithm's roster meets it in
// every hour, by fresh replications; the shift plan covers every hour and is
// optimal on small cases solved by hand; bad targets and shifts are refused
// with file:line:column.
#include "io/yaml_reader.hpp"
#include "study/scenario.hpp"
#include "study/shifts.hpp"
#include "study/staffing.hpp"
#include "tests/theory/queueing_theory.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <string>

using namespace zccsim;
using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;

namespace {

const std::string dir = ZCCSIM_STAFFING_DIR;

models::Roster hours(std::initializer_list<std::pair<std::size_t, std::uint32_t>> at) {
  models::Roster r{};
  for (const auto& [h, n] : at) r[h] = n;
  return r;
}

// A staffing run of the fixture `file` (its targets and shifts) with R
// replications per iteration and `verify` fresh ones, on 2 threads.
struct Staffed {
  models::Scenario sc;
  models::StaffingSpec spec;
  models::StaffingOptions o;
  models::StaffingResult r;
};

Staffed staff_fixture(const std::string& file, std::uint64_t replications, std::uint64_t verify) {
  const auto sc = models::Scenario::from_file(dir + "/" + file);
  models::StaffingSpec spec = models::read_staffing_spec(sc);
  models::StaffingOptions o;
  o.replications = replications;
  o.verify_replications = verify;
  models::StaffingResult r = models::staff(sc, spec.targets, spec.shifts, o, {2, nullptr, {}});
  return {sc, std::move(spec), o, std::move(r)};
}

}  // namespace

TEST_CASE("staffing: Erlang C from Boost.Math equals the birth-death recursion", "[staffing][theory]") {
  for (std::uint32_t s : {1U, 5U, 10U, 50U, 120U})
    for (double rho : {0.3, 0.8, 0.95}) {
      const double a = rho * s;
      CHECK_THAT(models::erlang_c(s, a), WithinAbs(theory::erlang_c(static_cast<int>(s), a), 1e-12));
    }
  CHECK_THAT(models::erlang_c(10, 9.0), WithinAbs(0.6687, 5e-5));  // scenarios/network/mmc.yaml
  CHECK(models::erlang_c(9, 9.0) == 1.0);
  // M/M/s: P(W <= t) = 1 - C exp(-(s mu - lambda) t); the least s for 88 % within 0.25 at a = 4
  CHECK_THAT(models::erlang_c_service_level(6, 4.0, 1.0, 0.25), WithinAbs(0.827, 5e-4));
  CHECK_THAT(models::erlang_c_service_level(7, 4.0, 1.0, 0.25), WithinAbs(0.936, 5e-4));
  CHECK(models::erlang_c_staff(4.0, 1.0, 0.25, 0.88) == 7);
  CHECK(models::erlang_c_staff(0.0, 1.0, 0.25, 0.88) == 0);
}

TEST_CASE("staffing: the estimate from the states found is Erlang C's on the M/M/s distribution",
          "[staffing][theory]") {
  // the number in system an arrival finds in M/M/s (PASTA), s = 7, a = 4
  const int s = 7;
  const double a = 4.0;
  std::vector<double> p{1.0};
  for (int n = 1; n < 400; ++n) p.push_back(p.back() * a / std::min(n, s));
  std::vector<std::uint64_t> found;
  for (double x : p) found.push_back(static_cast<std::uint64_t>(std::llround(x * 1e12)));
  for (double t : {0.0, 0.25, 1.0})
    CHECK_THAT(models::estimated_service_level(found, s, 1.0, t),
               WithinAbs(models::erlang_c_service_level(s, 4.0, 1.0, t), 1e-9));
}

TEST_CASE("staffing: a constant-rate line gets the Erlang C minimum in every hour", "[staffing][slow]") {
  const auto [sc, spec, o, r] = staff_fixture("constant.yaml", 10, 10);
  REQUIRE(r.nodes.size() == 1);
  const auto& n = r.nodes[0];
  INFO("iterations " << r.iterations << ", cycle " << r.cycle << ", converged " << r.converged);
  CHECK((r.converged || r.cycle > 1));
  for (std::size_t h = 0; h < 168; ++h) {
    INFO("hour " << h << " lambda " << n.lambda[h]);
    CHECK(n.stationary[h] == 7);
    CHECK(n.required[h] == 7);
    CHECK(n.rostered[h] == 7);  // shifts of 4-9 hours tile the week (168 = 18 x 9 + 6): no hour over
  }
  CHECK(n.plan.optimal);
  // the shipped 5 servers: far below; the roster: at the target in every hour
  for (std::size_t h = 0; h < 168; ++h) {
    CHECK(n.before.mean[h] < 0.88);
    CHECK(n.after.mean[h] - n.after.ci95[h] >= 0.88 - 0.01);
  }
}

TEST_CASE("staffing: on a sinusoidal line the algorithm meets the target where stationary staffing misses",
          "[staffing][slow]") {
  const auto [sc, spec, o, r] = staff_fixture("sinusoid.yaml", 40, 100);
  const auto& n = r.nodes[0];
  INFO("iterations " << r.iterations << ", cycle " << r.cycle << ", converged " << r.converged);
  CHECK((r.converged || r.cycle > 1));
  // the stationary staffing, checked by the same fresh replications
  const auto stationary = models::measure_service_levels(models::with_rosters(sc, spec.targets, {n.stationary}),
                                                         spec.targets, o.seed, o.replications, o.verify_replications,
                                                         {2, nullptr, {}});
  std::size_t missed = 0;
  for (std::size_t h = 0; h < 168; ++h) {
    INFO("hour " << h << ": stationary " << n.stationary[h] << " SL " << stationary[0].mean[h] << " +- "
                 << stationary[0].ci95[h] << "; rostered " << n.rostered[h] << " SL " << n.after.mean[h] << " +- "
                 << n.after.ci95[h]);
    missed += stationary[0].mean[h] + stationary[0].ci95[h] < 0.8;
    CHECK(n.after.mean[h] - n.after.ci95[h] >= 0.8 - 0.01);  // the issue's criterion, every hour
    CHECK(n.rostered[h] >= n.required[h]);
  }
  INFO("hours the stationary staffing misses (upper end of the 95 % interval below the target): " << missed);
  CHECK(missed >= 24);
}

TEST_CASE("shifts: every hour covered, optimal on cases solved by hand", "[staffing][shifts]") {
  models::ShiftRules rules;
  rules.min_length = 4;
  rules.max_length = 9;
  SECTION("one 9-hour block: one 9-hour shift") {
    models::Roster req{};
    for (std::size_t h = 8; h < 17; ++h) req[h] = 1;
    rules.starts = {8, 12};
    const auto p = models::cover_with_shifts(req, rules);
    CHECK(p.optimal);
    CHECK(p.paid_hours == 9);
    REQUIRE(p.shifts.size() == 1);
    CHECK((p.shifts[0].day == 0 && p.shifts[0].start == 8 && p.shifts[0].length == 9 && p.shifts[0].count == 1));
  }
  SECTION("two hours needed, shifts of at least 4: 4 paid hours") {
    const auto p = models::cover_with_shifts(hours({{8, 1}, {9, 1}}), rules);
    CHECK(p.paid_hours == 4);
  }
  SECTION("2 staff 8-12, 1 staff 12-20 (starts 8, 12, 16): 16 paid hours, the sum of the requirement") {
    models::Roster req{};
    for (std::size_t h = 8; h < 12; ++h) req[h] = 2;
    for (std::size_t h = 12; h < 20; ++h) req[h] = 1;
    rules.starts = {8, 12, 16};
    const auto p = models::cover_with_shifts(req, rules);
    CHECK(p.paid_hours == 16);
    CHECK(p.staffed == req);
  }
  SECTION("3 staff at 08:00, starts 6 and 8, 4-hour shifts, at most 2 per shift: 2 at 8 and 1 at 6, 12 hours") {
    rules.starts = {6, 8};
    rules.min_length = rules.max_length = 4;
    rules.max_per_shift = 2;
    const auto p = models::cover_with_shifts(hours({{8, 3}}), rules);
    CHECK(p.paid_hours == 12);
    CHECK(p.staffed[8] == 3);
  }
  SECTION("the week wraps: Sunday 22:00 + 4 h covers Monday 00-02") {
    rules.starts = {22};
    rules.min_length = rules.max_length = 4;
    const auto p = models::cover_with_shifts(hours({{0, 1}, {1, 1}, {166, 1}, {167, 1}}), rules);
    CHECK(p.paid_hours == 4);
    REQUIRE(p.shifts.size() == 1);
    CHECK((p.shifts[0].day == 6 && p.shifts[0].start == 22));
  }
  SECTION("a full week of varying need: covered in every hour, paid hours at least the need") {
    models::Roster req{};
    for (std::size_t h = 0; h < 168; ++h) req[h] = static_cast<std::uint32_t>(3 + (h * 7) % 5);
    const auto p = models::cover_with_shifts(req, rules);
    std::uint64_t need = 0;
    for (std::size_t h = 0; h < 168; ++h) {
      CHECK(p.staffed[h] >= req[h]);
      need += req[h];
    }
    CHECK(p.paid_hours >= need);
    CHECK(p.optimal);
  }
  SECTION("an hour no allowed shift covers is refused") {
    rules.starts = {8};
    rules.min_length = rules.max_length = 4;
    CHECK_THROWS_WITH(models::cover_with_shifts(hours({{20, 1}}), rules), Contains("no allowed shifts"));
  }
}

TEST_CASE("staffing: bad targets and shifts name file:line:column and the allowed values", "[staffing]") {
  const std::string base = R"(model: network
horizon: 100
nodes:
  q:
    servers: 2
    service: {dist: exponential, mean: 1.0}
    arrivals: {rate: 1.0}
)";
  const auto error = [&](const std::string& extra) {
    try {
      models::read_staffing_spec(models::Scenario::from_text(base + extra, "bad.yaml"));
    } catch (const models::ScenarioError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK_THAT(error("targets:\n  p: {within: 1, share: 0.8}\n"),
             Contains("bad.yaml:9:3: targets: no node 'p'; nodes: q"));
  CHECK_THAT(error("targets:\n  q: {within: 1, share: 1.5}\n"),
             Contains("bad.yaml:9:25: targets.q.share must be a probability in [0, 1], not 1.5"));
  CHECK_THAT(error("targets:\n  q: {within: 1, share: 1}\n"),
             Contains("bad.yaml:9:25: targets.q.share must be > 0 and < 1"));
  CHECK_THAT(error("targets:\n  q: {within: -1, share: 0.8}\n"),
             Contains("bad.yaml:9:15: targets.q.within must be >= 0"));
  CHECK_THAT(error("targets:\n  q: {within: 1, shar: 0.8}\n"),
             Contains("bad.yaml:9:18: unknown key 'shar' in targets.q; allowed: within, share"));
  CHECK_THAT(error("targets:\n  q: {share: 0.8}\n"), Contains("bad.yaml:9:6: targets.q needs the key 'within'"));
  CHECK_THAT(error("shifts: {starts: [7, 25]}\n"), Contains("bad.yaml:8:22: shifts.starts hour must be <= 23, not 25"));
  CHECK_THAT(error("shifts: {min_length: 9, max_length: 4}\n"),
             Contains("bad.yaml:8:37: shifts: min_length (9) must be <= max_length (4)"));
  CHECK_THAT(error("shifts: {starts: [7, 7]}\n"), Contains("bad.yaml:8:22: shifts.starts lists hour 7 twice"));
  // targets given in code (the command line)
  const auto sc = models::Scenario::from_text(base, "ok.yaml");
  CHECK_THROWS_WITH(models::check_targets(sc, {{"p", 1.0, 0.8}}), Contains("no node 'p'; nodes: q"));
  CHECK_THROWS_WITH(models::check_targets(sc, {{"q", 1.0, 1.0}}), Contains("share must be > 0 and < 1"));
  CHECK_THROWS_WITH(models::check_targets(sc, {}), Contains("no staffing targets"));
}
