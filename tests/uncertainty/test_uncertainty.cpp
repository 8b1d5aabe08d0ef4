// SPDX-License-Identifier: MIT
// zccsim uncertainty (issue #12): an M/M/c with an uncertain service mean
// against Erlang C over the range; the same results on any thread count;
// the dummy parameter's indices cover 0; errors in `uncertain:` name the
// file, line and column; the models ignore the section.
#include "io/yaml_reader.hpp"
#include "study/scenario.hpp"
#include "study/sweep.hpp"
#include "study/uncertainty.hpp"
#include "tests/common/temp_dir.hpp"
#include "tests/theory/queueing_theory.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <fstream>

using namespace zccsim;
using models::Scenario;

namespace {

const std::string dir = ZCCSIM_UNCERTAINTY_DIR;

struct Run {
  models::io::Results rows;
  models::UncertaintyAnalysis analysis;
};

Run run(const models::Uncertainty& u, unsigned threads) {
  Run r;
  r.rows.kpi_names = u.experiment.base.kpi_names();
  sim::ExecutionControl control;
  control.threads = threads;
  models::run_experiment(u.experiment, control, sim::execute, {.memory = &r.rows});
  r.analysis = models::analyse(models::plan_of(u), r.rows, models::kpi_directions(u.experiment.base, u.kpis));
  return r;
}

// The mean wait of the M/M/c (c = 10, 9 a minute) at service mean m.
double erlang_wait(double m) { return theory::MMc{10, 9.0, 1.0 / m}.mean_wait(); }

void write(const std::string& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary);
  f << text;
}

const std::string mmc_head = R"(model: network
time_unit: minute
horizon: 1000
warmup: 100
nodes:
  q:
    servers: 10
    service: {dist: exponential, mean: 0.85}
    arrivals: {rate: 9.0}
uncertain:
)";

// The message of loading a scenario whose uncertain: section is `entry`
// (its key at line 11, column 3), or of the experiment on it.
std::string error_of(const std::string& entry, bool experiment = false) {
  test::TempDir tmp;
  const std::string file = tmp / "s.yaml";
  write(file, mmc_head + entry);
  write(tmp / "e.yaml", "variants: [s.yaml]\nsample: {method: lhs, n: 4}\n");
  try {
    if (experiment) (void)models::load_uncertainty(tmp / "e.yaml");
    else (void)Scenario::from_file(file);
  } catch (const models::ScenarioError& e) {
    const std::string msg = e.what();
    return msg.rfind(file, 0) == 0 ? "S" + msg.substr(file.size()) : msg;  // "S:line:column: ..."
  }
  return "no error";
}

}  // namespace

TEST_CASE("uncertainty: an uncertain service mean gives Erlang C's mean wait over the range", "[uncertainty][theory]") {
  const models::Uncertainty u = models::load_uncertainty(dir + "/erlang_lhs.yaml");
  REQUIRE(u.parameters.size() == 2);  // the service mean and the dummy
  REQUIRE(u.parameters.back().dummy);
  const Run r = run(u, 0);
  const std::size_t n = u.samples();
  REQUIRE(n == 12);
  // every sample: the simulated mean wait (2 x 50,000 min) against Erlang C at its
  // service mean, within 5 % (+ 0.002 min for the small waits at rho 0.63)
  for (std::size_t s = 0; s < n; ++s) {
    const double m = u.value(s, 0), want = erlang_wait(m), got = r.analysis.means[s][0];
    INFO("sample " << s << ": service mean " << m << ", Erlang C " << want << ", simulated " << got);
    REQUIRE(m >= 0.7);
    REQUIRE(m <= 1.0);
    REQUIRE(std::abs(got - want) <= 0.05 * want + 0.002);
  }
  // the distribution over samples: the mean wait is increasing in the service
  // mean, so its p-quantile is Erlang C at the p-quantile of U(0.7, 1.0); a
  // Latin hypercube of n has one sample in each 1/n stratum, so the reported
  // quantile lies between the values at p -+ 1/n (and the 5 % above)
  const auto& q = r.analysis.result[0][0].value;
  const auto wait_at = [](double p) { return erlang_wait(0.7 + 0.3 * std::clamp(p, 0.0, 1.0)); };
  const double slack = 1.0 / static_cast<double>(n);
  for (const auto& [p, got] : {std::pair{0.05, q.q05}, {0.5, q.median}, {0.95, q.q95}}) {
    INFO("quantile " << p << ": " << got << " within [" << wait_at(p - slack) << ", " << wait_at(p + slack) << "]");
    REQUIRE(got >= wait_at(p - slack) * 0.95 - 0.002);
    REQUIRE(got <= wait_at(p + slack) * 1.05 + 0.002);
  }
  // and the simulation's own noise (the mean 95 % half-width of 2 replications) is small against the
  // spread over samples (half the 5-95 % band)
  const auto& v = r.analysis.result[0][0];
  REQUIRE(v.noise < 0.25 * (q.q95 - q.q05) / 2);
}

TEST_CASE("uncertainty: an uncertainty experiment gives identical results on 1 and 2 threads", "[uncertainty]") {
  const models::Uncertainty u = models::load_uncertainty(dir + "/morris_mmc.yaml");
  const Run a = run(u, 1), b = run(u, 2);
  REQUIRE(a.rows.rows() == u.runs());
  REQUIRE(a.rows.point == b.rows.point);
  REQUIRE(a.rows.replication == b.rows.replication);
  REQUIRE(a.rows.values.size() == b.rows.values.size());
  for (std::size_t i = 0; i < a.rows.values.size(); ++i)
    REQUIRE(std::bit_cast<std::uint64_t>(a.rows.values[i]) == std::bit_cast<std::uint64_t>(b.rows.values[i]));
  const auto ja = models::json_text(models::to_json(models::plan_of(u), a.analysis, "network", true));
  const auto jb = models::json_text(models::to_json(models::plan_of(u), b.analysis, "network", true));
  REQUIRE(ja == jb);
}

TEST_CASE("uncertainty: the dummy parameter's Morris and Sobol' intervals cover 0; the service mean's do not",
          "[uncertainty][theory]") {
  {
    const models::Uncertainty u = models::load_uncertainty(dir + "/morris_mmc.yaml");
    REQUIRE(u.samples() == 6 * 3);  // r (k + 1), k = 2
    const Run r = run(u, 0);
    for (std::size_t k = 0; k < u.kpis.size(); ++k) {
      const auto& m = r.analysis.result[k][0].morris;
      REQUIRE(m.size() == 2);
      INFO(u.kpis[k] << ": service mean mu* " << m[0].mu_star.estimate << " [" << m[0].mu_star.low << ", "
                     << m[0].mu_star.high << "], dummy [" << m[1].mu_star.low << ", " << m[1].mu_star.high << "]");
      REQUIRE(m[1].mu_star.low <= 0.0);
      REQUIRE(m[1].mu_star.high >= 0.0);
      REQUIRE(m[0].mu_star.low > 0.0);
    }
  }
  {
    const models::Uncertainty u = models::load_uncertainty(dir + "/sobol_mmc.yaml");
    REQUIRE(u.samples() == 16 * 4);  // n (k + 2)
    const Run r = run(u, 0);
    const auto& s = r.analysis.result[0][0].sobol;
    REQUIRE(s.size() == 2);
    INFO("service mean S1 " << s[0].first.estimate << ", ST " << s[0].total.estimate << "; dummy S1 [" << s[1].first.low
                            << ", " << s[1].first.high << "], ST [" << s[1].total.low << ", " << s[1].total.high
                            << "]");
    REQUIRE(s[1].first.low <= 0.0);
    REQUIRE(s[1].first.high >= 0.0);
    REQUIRE(s[1].total.low <= 0.0);
    REQUIRE(s[1].total.high >= 0.0);
    REQUIRE(s[0].total.low > 0.5);
  }
}

TEST_CASE("uncertainty: errors in uncertain: name the file, line and column", "[uncertainty]") {
  CHECK_THAT(error_of("  nodes.q.service.mean: {uniforme: [0.7, 1.0], why: x}\n"),
             Catch::StartsWith("S:11:26: unknown key 'uniforme'"));
  CHECK_THAT(error_of("  nodes.q.service.mean: {uniform: [1.0, 0.7], why: x}\n"),
             Catch::StartsWith("S:11:35: uncertain 'nodes.q.service.mean' uniform [lo, hi] needs lo < hi"));
  CHECK_THAT(error_of("  nodes.q.service.mean: {uniform: [0.7, 1.0]}\n"),
             Catch::StartsWith("S:11:3: uncertain 'nodes.q.service.mean' needs why"));
  CHECK_THAT(
      error_of("  nodes.q.service.men: {uniform: [0.7, 1.0], why: x}\n"),
      Catch::StartsWith("S:11:3: uncertain 'nodes.q.service.men': key path 'nodes.q.service.men': no key 'men'"));
  CHECK_THAT(error_of("  nodes.q.service: {uniform: [0.7, 1.0], why: x}\n"),
             Catch::StartsWith("S:11:3: uncertain 'nodes.q.service': the value there ({dist: exponential, mean: 0.85})"
                               " is not a number"));
  CHECK_THAT(error_of("  nodes.q.service.mean: {normal: [0.85, 0.1], why: x}\n"),
             Catch::StartsWith("S:11:26: uncertain 'nodes.q.service.mean' normal needs bounds"));
  CHECK_THAT(error_of("  nodes.q.service.mean: {uniform: [0.7, 1.0], triangular: [0.7, 0.8, 1], why: x}\n"),
             Catch::StartsWith("S:11:25: uncertain 'nodes.q.service.mean' needs exactly one distribution"));
  // a value the scenario rejects: checked when an experiment loads (each end applied)
  REQUIRE(error_of("  nodes.q.servers: {uniform: [0, 12], why: x}\n") == "no error");
  CHECK_THAT(error_of("  nodes.q.servers: {uniform: [0, 12], why: x}\n", true),
             Catch::StartsWith("S:11:3: uncertain 'nodes.q.servers': its lower end (0) is rejected by"));
  CHECK_THAT(error_of("  nodes.q.service.mean: {uniform: [-0.5, 1.0], why: x}\n", true),
             Catch::StartsWith("S:11:3: uncertain 'nodes.q.service.mean': its lower end (-0.5) is rejected by"));
}

TEST_CASE("uncertainty: the same key path in two variants is one parameter; its distributions must agree",
          "[uncertainty]") {
  test::TempDir tmp;
  write(tmp / "a.yaml", mmc_head + "  nodes.q.service.mean: {uniform: [0.7, 1.0], why: x}\n");
  write(tmp / "b.yaml", "extends: a.yaml\nnodes: {q: {servers: 11}}\n");
  write(tmp / "c.yaml", "extends: a.yaml\nuncertain:\n  nodes.q.service.mean: {uniform: [0.7, 0.9], why: y}\n");
  write(tmp / "ok.yaml", "variants: [a.yaml, b.yaml]\nsample: {method: lhs, n: 4}\n");
  write(tmp / "bad.yaml", "variants: [a.yaml, c.yaml]\nsample: {method: lhs, n: 4}\n");
  const models::Uncertainty u = models::load_uncertainty(tmp / "ok.yaml");
  REQUIRE(u.parameters.size() == 2);
  REQUIRE(u.parameters[0].variants == std::vector<std::size_t>{0, 1});
  REQUIRE(u.experiment.points.size() == 8);
  REQUIRE(u.experiment.points[1].label == "sample 0: b");
  REQUIRE_THROWS_WITH(models::load_uncertainty(tmp / "bad.yaml"),
                      Catch::StartsWith(tmp / "c.yaml:3:3: uncertain 'nodes.q.service.mean' is uniform [0.7, 0.9]") &&
                          Catch::Contains("one key path is one parameter"));
}

TEST_CASE("uncertainty: the models ignore uncertain:; a plan reads back from its YAML", "[uncertainty]") {
  const Scenario with = Scenario::from_file(dir + "/mmc_short.yaml");
  const Scenario without = with.with_override("uncertain", "{}");
  const auto a = with.run(1, 0), b = without.run(1, 0);
  REQUIRE(a.metrics == b.metrics);
  REQUIRE(a.events == b.events);

  const models::Uncertainty u = models::load_uncertainty(dir + "/morris_mmc.yaml");
  const models::UncertaintyPlan p = models::read_plan(models::plan_yaml(u));
  REQUIRE(models::is_uncertainty_plan(models::plan_yaml(u)));
  REQUIRE(p.unit == u.unit);
  REQUIRE(p.kpis == u.kpis);
  REQUIRE(p.variant_labels == u.variant_labels);
  REQUIRE(p.parameters.size() == u.parameters.size());
  for (std::size_t s = 0; s < u.samples(); ++s)
    for (std::size_t j = 0; j < u.parameters.size(); ++j) REQUIRE(p.parameters[j].value(p.unit[s][j]) == u.value(s, j));
}

TEST_CASE("uncertainty: between: interpolates a value that is not one number; integers round", "[uncertainty]") {
  models::UncertainParameter p;
  p.args = {0.0, 10.0};
  p.lo = 0.0;
  p.hi = 10.0;
  p.at_lo = "{a: 0.5, b: 0.5, n: 2}";
  p.at_hi = "{a: 0.75, b: 0.25, n: 4}";
  REQUIRE(p.yaml(5.0) == "{a: 0.625, b: 0.375, n: 3}");
  REQUIRE(p.yaml(p.value(0.0)) == "{a: 0.5, b: 0.5, n: 2}");
  models::UncertainParameter q;
  q.args = {1.0, 3.0};
  q.lo = 1.0;
  q.hi = 3.0;
  q.integer = true;
  REQUIRE(q.value(0.6) == 2.0);  // 2.2 rounded
  REQUIRE(q.yaml(q.value(1.0)) == "3");
  q.integer = false;
  REQUIRE(q.yaml(3.0) == "3.0");  // a real parameter stays real
}
