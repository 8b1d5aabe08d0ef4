// SPDX-License-Identifier: MIT
// The network mode against queueing theory. Every comparison uses the
// replications' own confidence interval: the theoretical value must lie in
// the 99.9 % Student-t interval of the simulated mean (wider than the 95 %
// the JSON reports, so that ~40 comparisons stay meaningful).
#include "io/yaml_reader.hpp"
#include "models/network/network_loader.hpp"
#include "queueing_theory.hpp"
#include "sim/arrivals.hpp"
#include "exec/experiment.hpp"
#include "tests/common/kpi.hpp"
#include "tests/common/run.hpp"

#include <Eigen/Dense>
#include <boost/math/distributions/chi_squared.hpp>
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

using namespace zccsim;
using test::Runs;

namespace {

constexpr std::uint64_t replications = 20;

models::Scenario parse(const std::string& yaml) { return models::Scenario::from_text(yaml, "<test>"); }

Runs run(const std::string& yaml, std::uint64_t seed = 20251122) {
  return test::run(parse(yaml), seed, replications, 0);
}

std::vector<double> column(const Runs& r, const std::string& name) { return test::kpi_column(r.names, r.rows, name); }

void check_values(const std::vector<double>& values, double theory, const std::string& what) {
  const sim::Summary s = sim::summarize(values, 0.999);  // s.ci95: the 99.9 % half-width
  INFO(what << ": simulated " << s.mean << " +- " << s.ci95 << " (99.9 %), theory " << theory);
  CHECK(s.n == values.size());
  CHECK(std::abs(s.mean - theory) <= s.ci95);
}

void check(const Runs& r, const std::string& name, double theory) { check_values(column(r, name), theory, name); }

// Little's law on a node, per replication: L = lambda W for the queue and
// for the whole node (lambda = customers who joined per unit time).
void check_little(const Runs& r, const std::string& node, double horizon) {
  const auto arrivals = column(r, node + ".arrivals");
  const auto blocked = column(r, node + ".blocked_fraction");
  const auto wq = column(r, node + ".mean_wait");
  const auto lq = column(r, node + ".mean_queue_length");
  const auto w = column(r, node + ".mean_sojourn");
  const auto l = column(r, node + ".mean_in_system");
  std::vector<double> dq, ds;
  for (std::size_t i = 0; i < arrivals.size(); ++i) {
    const double lambda = arrivals[i] * (1.0 - blocked[i]) / horizon;
    dq.push_back(lq[i] - lambda * wq[i]);
    ds.push_back(l[i] - lambda * w[i]);
  }
  check_values(dq, 0.0, node + ": Little's law for the queue (L - lambda W)");
  check_values(ds, 0.0, node + ": Little's law for the node (L - lambda W)");
}

std::string single_node(const std::string& node_body, double horizon, double warmup) {
  return "model: network\ntime_unit: minute\nhorizon: " + std::to_string(horizon) +
         "\nwarmup: " + std::to_string(warmup) + "\nnodes:\n  q:\n" + node_body;
}

}  // namespace

TEST_CASE("M/M/1 matches theory", "[theory]") {
  const double horizon = 40000;
  const auto r = run(single_node("    servers: 1\n    service: {dist: exponential, mean: 1.0}\n"
                                 "    arrivals: {rate: 0.7}\n",
                                 horizon, 2000));
  const theory::MMc q{1, 0.7, 1.0};
  check(r, "q.p_wait", 0.7);
  check(r, "q.utilization", 0.7);
  check(r, "q.mean_wait", q.mean_wait());            // rho / (mu - lambda) = 2.333
  check(r, "q.mean_sojourn", q.mean_wait() + 1.0);   // 1 / (mu - lambda)
  check(r, "q.mean_in_system", q.mean_in_system());  // rho / (1 - rho)
  check(r, "q.arrivals", 0.7 * horizon);
  check_little(r, "q", horizon);
}

TEST_CASE("M/M/c matches Erlang C", "[theory]") {
  const double horizon = 20000;
  const auto r = run(single_node("    servers: 10\n    service: {dist: exponential, mean: 1.0}\n"
                                 "    arrivals: {rate: 9.0}\n",
                                 horizon, 1000));
  const theory::MMc q{10, 9.0, 1.0};
  check(r, "q.p_wait", q.p_wait());  // 0.6687
  check(r, "q.mean_wait", q.mean_wait());
  check(r, "q.mean_queue_length", q.mean_queue());
  check(r, "q.utilization", 0.9);
  check(r, "q.wait_p90", q.wait_quantile(0.9));
  check_little(r, "q", horizon);
}

TEST_CASE("M/M/c/c matches Erlang B", "[theory]") {
  const double horizon = 20000;
  const auto r = run(single_node("    servers: 10\n    queue_capacity: 0\n"
                                 "    service: {dist: exponential, mean: 2.0}\n"
                                 "    arrivals: {rate: 4.0}\n",
                                 horizon, 500));
  const double b = theory::erlang_b(10, 8.0);  // 0.1217
  check(r, "q.blocked_fraction", b);
  check(r, "q.utilization", 8.0 * (1.0 - b) / 10.0);
  check(r, "q.mean_wait", 0.0);
  check(r, "q.p_wait", 0.0);
  check_little(r, "q", horizon);
}

TEST_CASE("M/G/1 with lognormal and deterministic service matches Pollaczek-Khinchine", "[theory]") {
  const double horizon = 60000;
  SECTION("lognormal, mean 1, sd 1.5") {
    const auto r = run(single_node("    servers: 1\n    service: {dist: lognormal, mean: 1.0, sd: 1.5}\n"
                                   "    arrivals: {rate: 0.6}\n",
                                   horizon, 3000));
    check(r, "q.mean_wait", theory::pk_mean_wait(0.6, 1.0, 1.0 + 2.25));  // 2.4375
    check(r, "q.utilization", 0.6);
    check_little(r, "q", horizon);
  }
  SECTION("deterministic 1 (M/D/1)") {
    const auto r = run(single_node("    servers: 1\n    service: {dist: deterministic, value: 1.0}\n"
                                   "    arrivals: {rate: 0.8}\n",
                                   horizon, 3000));
    check(r, "q.mean_wait", theory::pk_mean_wait(0.8, 1.0, 1.0));  // 2.0
    check(r, "q.mean_sojourn", theory::pk_mean_wait(0.8, 1.0, 1.0) + 1.0);
    check_little(r, "q", horizon);
  }
}

TEST_CASE("M/M/c+M matches Erlang-A", "[theory]") {
  const double horizon = 20000;
  const auto r = run(single_node("    servers: 5\n    service: {dist: exponential, mean: 1.0}\n"
                                 "    arrivals: {rate: 5.5}\n"
                                 "    patience: {dist: exponential, mean: 2.0}\n",
                                 horizon, 1000));
  const auto a = theory::erlang_a(5, 5.5, 1.0, 0.5);
  check(r, "q.p_wait", a.p_wait);
  check(r, "q.abandoned_fraction", a.p_abandon);
  check(r, "q.mean_wait", a.mean_wait);
  check(r, "q.mean_queue_length", a.mean_queue);
  check(r, "q.utilization", a.utilization);
  check_little(r, "q", horizon);
}

TEST_CASE("non-preemptive priority M/G/1 matches Cobham", "[theory]") {
  const double horizon = 60000;
  const auto r = run("model: network\nhorizon: " + std::to_string(horizon) +
                     "\nwarmup: 3000\nclasses: [urgent, normal, low]\nnodes:\n"
                     "  q:\n    servers: 1\n    discipline: priority\n"
                     "    service: {urgent: {dist: exponential, mean: 1.0}, normal: {dist: erlang, k: 2, mean: 1.0},\n"
                     "              low: {dist: deterministic, value: 0.5}}\n"
                     "    arrivals: {urgent: {rate: 0.2}, normal: {rate: 0.4}, low: {rate: 0.4}}\n");
  // E[S^2]: exponential 2 m^2; Erlang-2 1.5 m^2; deterministic m^2
  const auto w = theory::cobham_waits({0.2, 0.4, 0.4}, {1.0, 1.0, 0.5}, {2.0, 1.5, 0.25});
  check(r, "q.by_class.urgent.mean_wait", w[0]);
  check(r, "q.by_class.normal.mean_wait", w[1]);
  check(r, "q.by_class.low.mean_wait", w[2]);
  check(r, "q.utilization", 0.8);
  check_little(r, "q", horizon);
}

TEST_CASE("a Jackson network with feedback matches the traffic equations", "[theory]") {
  const double horizon = 20000;
  const auto r = run("model: network\nhorizon: " + std::to_string(horizon) +
                     "\nwarmup: 1000\nnodes:\n"
                     "  a:\n    servers: 3\n    service: {dist: exponential, mean: 1.0}\n    arrivals: {rate: 1.2}\n"
                     "    routing: {b: 0.5, c: 0.3}\n"
                     "  b:\n    servers: 2\n    service: {dist: exponential, mean: 0.8}\n"
                     "    routing: {a: 0.2, c: 0.1}\n"
                     "  c:\n    servers: 1\n    service: {dist: exponential, mean: 0.5}\n    arrivals: {rate: 0.3}\n"
                     "    routing: {a: 0.1}\n");
  // lambda = gamma + P^T lambda
  Eigen::Matrix3d p;
  p << 0.0, 0.5, 0.3,  //
      0.2, 0.0, 0.1,   //
      0.1, 0.0, 0.0;
  const Eigen::Vector3d gamma(1.2, 0.0, 0.3);
  const Eigen::Vector3d lambda = (Eigen::Matrix3d::Identity() - p.transpose()).partialPivLu().solve(gamma);
  const int servers[] = {3, 2, 1};
  const double mean_service[] = {1.0, 0.8, 0.5};
  const char* names[] = {"a", "b", "c"};
  for (int i = 0; i < 3; ++i) {
    const theory::MMc q{servers[i], lambda(i), 1.0 / mean_service[i]};
    REQUIRE(q.a() < servers[i]);
    const std::string n = names[i];
    check(r, n + ".arrivals", lambda(i) * horizon);
    check(r, n + ".utilization", q.a() / servers[i]);
    check(r, n + ".p_wait", q.p_wait());
    check(r, n + ".mean_wait", q.mean_wait());
    check_little(r, n, horizon);
  }
}

TEST_CASE("NHPP arrival counts per hour of week follow the profile", "[theory]") {
  // rates per minute, one week of hours; a surge triples weeks 4 and 5
  sim::RateProfile prof;
  prof.hour_length = 60.0;
  for (std::size_t h = 0; h < 168; ++h)
    prof.hourly[h] = 0.05 + 0.4 * std::pow(std::sin(3.14159265 * static_cast<double>(h % 24) / 24.0), 2) +
                     (h >= 120 ? 0.1 : 0.0);
  const double week = 168 * 60.0;
  const int weeks = 12;
  prof.surges.push_back({4 * week, 6 * week, 3.0});
  const auto process = sim::ArrivalProcess::nhpp(prof);
  sim::RandomStream rng(7, 0, "nhpp", "arrivals");
  std::vector<double> counts(168, 0.0);
  double t = 0.0, total = 0.0;
  for (;;) {
    t = process.next(t, rng);
    if (t >= weeks * week) break;
    counts[static_cast<std::size_t>(std::fmod(t, week) / 60.0)] += 1.0;
    total += 1.0;
  }
  double chi2 = 0.0, expected_total = 0.0;
  for (std::size_t h = 0; h < 168; ++h) {
    const double e = prof.hourly[h] * 60.0 * (weeks + 2 * (3.0 - 1.0));
    expected_total += e;
    chi2 += (counts[h] - e) * (counts[h] - e) / e;
  }
  const double limit = boost::math::quantile(boost::math::chi_squared(168), 0.999);
  INFO("chi-square " << chi2 << " against the 99.9 % point " << limit << "; total " << total << " vs "
                     << expected_total);
  CHECK(chi2 < limit);
  CHECK(std::abs(total - expected_total) < 3.29 * std::sqrt(expected_total));
}

TEST_CASE("the same seed gives identical JSON whatever the thread count", "[theory]") {
  const auto cfg = parse(single_node("    servers: 2\n    service: {dist: gamma, shape: 2, scale: 0.5}\n"
                                     "    arrivals: {rate: 1.5}\n    patience: {dist: weibull, shape: 1.5, scale: 3}\n",
                                     5000, 100));
  const auto one = test::run(cfg, 99, 6, 1).summary_json();
  const auto two = test::run(cfg, 99, 6, 2).summary_json();
  const auto four = test::run(cfg, 99, 6, 4).summary_json();
  const auto other = test::run(cfg, 100, 6, 2).summary_json();
  CHECK(one == two);
  CHECK(one == four);
  CHECK(one != other);
}
