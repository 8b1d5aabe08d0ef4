// SPDX-License-Identifier: MIT
// A region's own demand and demand growth (issue #13): the patients the
// model creates match the arrivals the configuration implies (Poisson, 5
// standard deviations over replications), and each input moves them the way
// it says: a region's own HAP-call volume replaces the scenario's for its
// areas, growth multiplies every stream by its year's factor. A region's
// own today's lines (fragmented_rosters) answer its calls.
#include "models/acute/acute_loader.hpp"
#include "study/scenario.hpp"
#include "tests/common/kpi.hpp"
#include "tests/common/run.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <string>

using namespace zccsim;
using namespace zccsim::models::acute;

namespace {

const std::string dir = ZCCSIM_ACUTE_TEST_DIR;

models::Scenario small_region() { return models::Scenario::from_file(dir + "/small_region.yaml"); }

// Expected patients per 1,000 inhabitants per year after the warm-up, and
// the standard deviation of the mean of R replications (Poisson counts).
struct Expected {
  double rate, sd;
};
Expected expected(const AcuteConfig& cfg, std::size_t replications) {
  double n = 0;
  for (std::size_t s = 0; s < stream_count; ++s)
    for (const DemandGroup& g : demand_groups(cfg, s)) n += g.profile.integral(cfg.warmup, cfg.warmup + cfg.horizon);
  const double per = cfg.own_population() / 1000.0 * (cfg.horizon / (365.0 * 1440.0));
  return {n / per, std::sqrt(n / static_cast<double>(replications)) / per};
}

double mean_patients(const models::Scenario& sc, std::size_t replications) {
  const test::Runs r = test::run(sc, 77, replications);
  double sum = 0;
  for (const auto& row : r.rows) sum += row.at(test::kpi_index(r.names, "patients_per_1000"));
  return sum / static_cast<double>(replications);
}

}  // namespace

TEST_CASE("a region's own HAP-call volume and demand growth move the patients as their inputs say", "[model]") {
  constexpr std::size_t R = 4;
  const auto base = small_region();
  const auto own = base.with_override(
      "regions", "[{name: home, demand: {hap_calls: {per_1000_per_year: 480}}}, {name: next, own: false}]");
  const auto grown = base.with_override("demand_growth", "{per_year: 0.1, base_year: 2024}");
  const Expected e0 = expected(*base.acute(), R), e1 = expected(*own.acute(), R), e2 = expected(*grown.acute(), R);
  // the inputs: 240 more HAP calls per 1,000 a year; every stream x 1.1 in 2025
  CHECK(e1.rate - e0.rate == Approx(240.0).epsilon(1e-9));
  CHECK(e2.rate == Approx(1.1 * e0.rate).epsilon(1e-9));
  // the model's patients match them
  for (const auto& [sc, e, what] :
       {std::tuple{&base, e0, "base"}, std::tuple{&own, e1, "own HAP calls"}, std::tuple{&grown, e2, "growth"}}) {
    INFO(what << ": expected " << e.rate << " +- " << e.sd);
    const double m = mean_patients(*sc, R);
    CHECK(std::abs(m - e.rate) < 5 * e.sd);
  }
}

TEST_CASE("a region's own today's lines answer its patients' calls; the other regions keep the scenario's", "[model]") {
  // three_hospitals.yaml in today's chain: A (sub-region a) and B (b) on the
  // scenario's HAP triage line (fragmented_rosters.gp), or A with its own
  // line with nobody on it: its HAP callers go to their own GP (daytime_gp).
  const auto base = models::Scenario::from_file(dir + "/three_hospitals.yaml")
                        .with_override("triage.mode", "fragmented")
                        .with_override("horizon_days", "28");
  const auto own = base.with_override("regions", "[{name: A, neighbours: [B], fragmented_rosters: {gp: 0}},"
                                                 " {name: B, neighbours: [A, C]}, {name: C, neighbours: [B]}]");
  const test::Runs b = test::run(base, 5, 1), o = test::run(own, 5, 1);
  const auto v = [](const test::Runs& r, const std::string& k) { return r.rows.at(0).at(test::kpi_index(r.names, k)); };
  for (const test::Runs* r : {&b, &o}) {
    CHECK(v(*r, "lost_share") == 0.0);
    CHECK(r->conservation.created == r->conservation.ended + r->conservation.in_system);
  }
  // the scenario's line: both regions' callers are triaged on it
  CHECK(v(b, "hap_contacts_per_1000_subregion_a") > 100.0);
  CHECK(v(b, "hap_contacts_per_1000_subregion_b") > 100.0);
  // A's own line has nobody: none of A's calls is triaged, B's line is as before
  CHECK(v(o, "hap_contacts_per_1000_subregion_a") == 0.0);
  CHECK(v(o, "hap_contacts_per_1000_subregion_b") == Approx(v(b, "hap_contacts_per_1000_subregion_b")).epsilon(0.05));
  CHECK(v(o, "daytime_gp_share") > v(b, "daytime_gp_share") + 0.1);
}
