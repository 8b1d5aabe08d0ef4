// SPDX-License-Identifier: MIT
// Sweeps (study/sweep.hpp): the rows of every point are those of the
// overridden scenario, experiment files are checked with exact messages,
// precision stops where it must, and a stopped sweep streams a readable,
// incomplete file that --append completes.
#include "helpers.hpp"
#include "io/yaml_reader.hpp"
#include "io/results_h5.hpp"
#include "study/registry.hpp"
#include "study/sweep.hpp"
#include "tests/common/kpi.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <fstream>
#include <map>

using namespace zccsim;
using models::Experiment;
using models::Scenario;
using test::by_key;
using test::experiments_dir;
using test::read_file;
using test::same_bits;

namespace {

std::string fixture(const std::string& name) { return experiments_dir + "/" + name; }

sim::ExecutionControl threads(unsigned n) {
  sim::ExecutionControl c;
  c.threads = n;
  return c;
}

// Forwards rows to another sink and sets `stop` after `after` rows.
struct StopAfter final : sim::ResultSink {
  StopAfter(sim::ResultSink& to, std::size_t rows, std::atomic<bool>& flag) : next(to), after(rows), stop(flag) {}
  void accept(std::size_t i, const sim::Task& t, sim::TaskResult&& r) override {
    next.accept(i, t, std::move(r));
    if (++seen >= after) stop = true;
  }
  sim::ResultSink& next;
  std::size_t after, seen = 0;
  std::atomic<bool>& stop;
};

// Rows depend on the results only: one thread gives the rows of `r` (two).
void check_one_thread_same(const Experiment& e, const test::Ran& r) {
  const auto one = test::run_all(e, threads(1));
  REQUIRE(one.results.rows() == r.results.rows());
  for (std::size_t i = 0; i < r.results.rows(); ++i) {
    CHECK(one.results.point[i] == r.results.point[i]);
    CHECK(one.results.replication[i] == r.results.replication[i]);
    CHECK(same_bits(one.results.row(i), r.results.row(i)));
  }
}

struct Keep final : sim::ResultSink {
  void accept(std::size_t, const sim::Task& t, sim::TaskResult&& r) override {
    tasks.push_back(t);
    rows.push_back(std::move(r.metrics));
  }
  std::vector<sim::Task> tasks;
  std::vector<sim::Metrics> rows;
};

}  // namespace

TEST_CASE("a 2x2 sweep gives every point exactly the rows of its overridden scenario", "[sweep]") {
  const Experiment e = models::load_experiment(fixture("sweep_2x2.yaml"));
  REQUIRE(e.points.size() == 4);
  CHECK(e.replications == 3);
  CHECK(e.seed == 5);
  CHECK_FALSE(e.precision);
  CHECK(e.text == read_file(fixture("sweep_2x2.yaml")));
  CHECK(e.base.path() == experiments_dir + "/tiny_region.yaml");
  // the first key varies slowest
  const std::vector<std::string> labels{"capacity_insight=true, zcc.locations[0].rosters.ambulance=1",
                                        "capacity_insight=true, zcc.locations[0].rosters.ambulance=2",
                                        "capacity_insight=false, zcc.locations[0].rosters.ambulance=1",
                                        "capacity_insight=false, zcc.locations[0].rosters.ambulance=2"};
  const std::vector<std::string> settings{R"({capacity_insight: true, "zcc.locations[0].rosters.ambulance": 1})",
                                          R"({capacity_insight: true, "zcc.locations[0].rosters.ambulance": 2})",
                                          R"({capacity_insight: false, "zcc.locations[0].rosters.ambulance": 1})",
                                          R"({capacity_insight: false, "zcc.locations[0].rosters.ambulance": 2})"};
  for (std::size_t p = 0; p < 4; ++p) {
    CHECK(e.points[p].label == labels[p]);
    CHECK(models::settings_yaml(e.points[p]) == settings[p]);
  }

  const auto r = test::run_all(e, threads(2));
  CHECK(r.report.complete);
  CHECK(r.report.rounds == 1);
  CHECK(r.report.added == 12);
  CHECK(r.report.replications == std::vector<std::uint64_t>{3, 3, 3, 3});
  CHECK(r.report.precise.empty());
  REQUIRE(r.results.rows() == 12);
  const Scenario base = Scenario::from_file(fixture("tiny_region.yaml"));
  std::size_t i = 0;
  for (std::uint32_t p = 0; p < 4; ++p) {
    const Scenario s = base.with_override("capacity_insight", p < 2 ? "true" : "false")
                           .with_override("zcc.locations[0].rosters.ambulance", p % 2 == 0 ? "1" : "2");
    std::vector<std::vector<double>> columns(e.base.kpi_names().size());
    for (std::uint64_t rep = 0; rep < 3; ++rep, ++i) {
      CHECK(r.results.point[i] == p);
      CHECK(r.results.replication[i] == rep);
      INFO("point " << p << " replication " << rep);
      const auto expected = s.run(5, rep).metrics;
      CHECK(same_bits(r.results.row(i), expected));
      for (std::size_t k = 0; k < expected.size(); ++k) columns[k].push_back(expected[k]);
    }
    // the summary is sim::summarize's, bit for bit
    for (std::size_t k = 0; k < columns.size(); ++k) {
      const sim::Summary want = sim::summarize(columns[k]);
      const sim::Summary got = r.report.kpis[p][k];
      CHECK(got.n == want.n);
      CHECK((got.mean == want.mean || (std::isnan(got.mean) && std::isnan(want.mean))));
      CHECK((got.ci95 == want.ci95 || (std::isnan(got.ci95) && std::isnan(want.ci95))));
    }
  }
  // the points differ: the grid reached the scenario
  CHECK_FALSE(same_bits(r.results.row(0), r.results.row(3)));
  CHECK_FALSE(same_bits(r.results.row(0), r.results.row(6)));
  check_one_thread_same(e, r);
}

TEST_CASE("a sweep streams one table indexed by point and replication into the results file", "[sweep]") {
  test::TempDir dir;
  const Experiment e = models::load_experiment(fixture("sweep_2x2.yaml"));
  const models::io::Results header = models::experiment_header(e);
  models::io::ResultsWriter writer(dir / "sweep.h5", header);
  const auto streamed = models::run_experiment(e, threads(2), sim::execute, {.stream = &writer});
  CHECK(writer.rows() == 12);
  writer.finish(streamed.complete);
  CHECK(dir.names() == std::set<std::string>{"sweep.h5"});

  const auto f = models::io::read_results(dir / "sweep.h5");
  CHECK(f.complete);
  CHECK(f.model == "acute");
  CHECK(f.seed == 5);
  CHECK(f.experiment_text == e.text);
  CHECK(f.scenario_text == e.base.text());
  CHECK(f.point_labels == header.point_labels);
  CHECK(f.point_settings == header.point_settings);
  // task order: replication-major, so a stopped sweep keeps its points balanced
  CHECK(f.point == std::vector<std::uint32_t>{0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3});
  CHECK(f.replication == std::vector<std::uint64_t>{0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2});
  test::check_rows_match(f, by_key(test::run_all(e, threads(1)).results));
}

TEST_CASE("grid points come first, then the listed points, with labels and settings", "[sweep]") {
  const Experiment e = models::load_experiment(fixture("points.yaml"));
  REQUIRE(e.points.size() == 5);
  CHECK(e.replications == 2);
  CHECK(e.seed == 1);  // the default
  CHECK(e.points[0].label == "dispatchers=2");
  CHECK(e.points[1].label == "dispatchers=3");
  CHECK(e.points[2].label == "fragmented");
  CHECK(e.points[3].label == "capacity_insight=false, zcc.pooling=per_subregion");
  CHECK(e.points[4].label == "baseline");
  CHECK(models::settings_yaml(e.points[2]) == "{triage.mode: fragmented}");
  CHECK(models::settings_yaml(e.points[4]) == "{}");
  CHECK(models::point_scenario(e, 2).get("triage.mode") == "fragmented");
  CHECK(e.base.get("triage.mode") == "zcc");
  CHECK(models::point_scenario(e, 3).get("zcc.pooling") == "per_subregion");
  CHECK(models::point_scenario(e, 4).text() == e.base.text());
  const auto r = test::run_all(e, threads(2));
  REQUIRE(r.results.rows() == 10);
  // the baseline point is the base scenario itself
  CHECK(same_bits(r.results.row(8), e.base.run(1, 0).metrics));
  CHECK(same_bits(r.results.row(9), e.base.run(1, 1).metrics));
  // JSON: settings as values, per point a summary of every KPI
  const std::string json = models::json_text(models::to_json(e, r.report));
  CHECK_THAT(json, Catch::Contains(R"("command": "sweep")"));
  CHECK_THAT(json, Catch::Contains(R"("settings": {
        "capacity_insight": false,
        "zcc.pooling": "per_subregion"
      })"));
  CHECK_THAT(json, Catch::Contains(R"("settings": {
        "dispatchers": 3
      })"));
}

TEST_CASE("an experiment without grid or points is the base scenario alone", "[sweep]") {
  test::TempDir dir;
  std::ofstream(dir / "e.yaml") << "base: " << fixture("mmc_small.yaml") << "\nreplications: 2\nseed: 9\n";
  const Experiment e = models::load_experiment(dir / "e.yaml");
  REQUIRE(e.points.size() == 1);
  CHECK(e.points[0].label == "base");
  const auto r = test::run_all(e, threads(1));
  REQUIRE(r.results.rows() == 2);
  CHECK(same_bits(r.results.row(1), e.base.run(9, 1).metrics));
}

TEST_CASE("broken experiment files give file:line:column messages", "[sweep]") {
  const std::string bad = experiments_dir + "/bad/";
  const std::vector<std::pair<std::string, std::string>> cases{
      {"unknown_key",
       "unknown_key.yaml:3:1: unknown key 'gird' in the experiment; allowed: base, description, replications, seed, "
       "grid, points, steps, precision"},
      {"missing_base", "missing_base.yaml:2:1: the experiment needs the key 'base'"},
      {"base_not_found", "base_not_found.yaml:2:7: base scenario '../no_such_region.yaml' not found (looked for " +
                             experiments_dir + "/no_such_region.yaml)"},
      {"bad_key_path",
       "bad_key_path.yaml:5:3: key path 'zcc.locatons': no key 'locatons' in 'zcc'; keys there: pooling, "
       "overflow_after_minutes, patient_hours, locations"},
      {"bad_value",
       "bad_value.yaml:5:43: point 'sometimes': unknown triage mode 'sometimes'; allowed: zcc, fragmented"},
      {"bad_grid_value",
       "bad_grid_value.yaml:5:45: point 'capacity_insight=true, zcc.locations[0].rosters.ambulance=-1': zcc "
       "location 'main' rosters ambulance must be >= 0, not -1"},
      {"empty_grid", "empty_grid.yaml:4:21: grid 'capacity_insight' is an empty list; give at least one value"},
      {"grid_not_a_list", "grid_not_a_list.yaml:4:20: grid 'nodes.q.servers' must be a list of values, e.g. [1, 2]"},
      {"zero_replications", "zero_replications.yaml:3:15: replications must be >= 1, not 0"},
      {"unknown_precision_kpi",
       "unknown_precision_kpi.yaml:4:25: unknown precision KPI 'q.wait'; allowed: q.arrivals, q.served, "
       "q.blocked_fraction, q.abandoned_fraction, q.utilization, q.p_wait, q.mean_wait, q.mean_sojourn, "
       "q.mean_queue_length, q.mean_in_system, q.throughput, q.wait_p90, q.by_class.default.arrivals, "
       "q.by_class.default.mean_wait, q.by_class.default.p_wait"},
      {"max_below_replications",
       "max_below_replications.yaml:7:21: precision max_replications (10) must be >= replications (20)"},
      {"precision_without_target",
       "precision_without_target.yaml:4:3: precision needs relative or absolute above 0 (a half-width of 0 is "
       "never reached)"},
      {"duplicate_label",
       "duplicate_label.yaml:6:13: point label 'nodes.q.servers=11' is used twice (points need unique labels)"},
  };
  for (const auto& [name, message] : cases) {
    INFO(name);
    try {
      (void)models::load_experiment(bad + name + ".yaml");
      FAIL("no error for " << name);
    } catch (const models::ScenarioError& err) {
      CHECK(std::string(err.what()) == bad + message);
    }
  }
  CHECK_THROWS_WITH(models::load_experiment(bad + "no_such_file.yaml"),
                    bad + "no_such_file.yaml: cannot open the experiment file: No such file or directory");
}

TEST_CASE("an unknown precision KPI lists the columns of the family's KPI table", "[sweep][experiment]") {
  // a KPI with a dimension is named by its columns (time_to_care_minutes_U0 ...), not its base name
  const std::string file = experiments_dir + "/bad/unknown_precision_kpi_acute.yaml";
  const Scenario base = Scenario::from_file(experiments_dir + "/tiny_region.yaml");
  const sim::KpiTable* table = base.loaded().kpi_table();
  REQUIRE(table);
  std::string allowed;
  for (const auto& c : table->columns()) allowed += (allowed.empty() ? "" : ", ") + c;
  CHECK_THROWS_WITH(models::load_experiment(file),
                    file + ":5:10: unknown precision KPI 'time_to_care_minutes'; allowed: " + allowed);
}

TEST_CASE("precision: precise after the first round, no second round", "[sweep][precision]") {
  const Experiment e = models::load_experiment(fixture("precision_first_round.yaml"));
  REQUIRE(e.precision);
  CHECK(e.precision->kpis == std::vector<std::string>{"q.utilization"});
  CHECK(e.precision->absolute == 1.0);
  CHECK(e.precision->relative == 0.0);
  CHECK(e.precision->max_replications == 100);  // the default
  const auto r = test::run_all(e, threads(2));
  CHECK(r.report.rounds == 1);
  CHECK(r.report.replications == std::vector<std::uint64_t>{4, 4});
  CHECK(r.report.precise == std::vector<bool>{true, true});
  CHECK(r.report.complete);
}

TEST_CASE("precision: never precise stops every point at max_replications, the last round cut", "[sweep][precision]") {
  const Experiment e = models::load_experiment(fixture("precision_cap.yaml"));
  const auto r = test::run_all(e, threads(2));
  CHECK(r.report.rounds == 3);  // 3, +3, +1
  CHECK(r.report.replications == std::vector<std::uint64_t>{7, 7});
  CHECK(r.report.precise == std::vector<bool>{false, false});
  REQUIRE(r.results.rows() == 14);
  // the same rows as a plain sweep of 7 replications per point
  Experiment plain = e;
  plain.precision.reset();
  plain.replications = 7;
  const auto p = test::run_all(plain, threads(1));
  REQUIRE(p.results.rows() == 14);
  for (std::size_t i = 0; i < 14; ++i) {
    CHECK(r.results.point[i] == p.results.point[i]);
    CHECK(r.results.replication[i] == p.results.replication[i]);
    CHECK(same_bits(r.results.row(i), p.results.row(i)));
  }
}

TEST_CASE("precision: each point stops when its KPIs are precise, exactly where the rule says", "[sweep][precision]") {
  const Experiment e = models::load_experiment(fixture("precision_mixed.yaml"));
  const auto r = test::run_all(e, threads(2));
  CHECK(r.report.replications == std::vector<std::uint64_t>{19, 15});
  CHECK(r.report.precise == std::vector<bool>{true, true});
  CHECK(r.report.rounds == 5);  // 3, 7, 11, 15, 19
  // the rule replayed by hand: rounds of 4 after 3, stop at the first count
  // where the 95 % half-width of q.mean_wait <= 10 % of its mean
  const std::size_t k = test::kpi_index(e.base.kpi_names(), "q.mean_wait");
  for (std::size_t p = 0; p < 2; ++p) {
    const Scenario s = models::point_scenario(e, p);
    std::vector<double> x;
    std::uint64_t n = 3;
    for (std::uint64_t rep = 0; rep < 30; ++rep) {
      x.push_back(s.run(2, rep).metrics[k]);
      if (x.size() != n) continue;
      const auto sum = sim::summarize(x);
      if (sum.ci95 <= 0.1 * std::abs(sum.mean)) break;
      n = std::min<std::uint64_t>(n + 4, 30);
    }
    CHECK(r.report.replications[p] == x.size());
    CHECK(r.report.kpis[p][k].ci95 == sim::summarize(x).ci95);
  }
  check_one_thread_same(e, r);
}

TEST_CASE("a stopped sweep streams a readable file marked incomplete, and appending completes it", "[sweep][stream]") {
  test::TempDir dir;
  const Experiment e = models::load_experiment(fixture("precision_mixed.yaml"));
  const models::io::Results header = models::experiment_header(e);
  std::atomic<bool> stop{false};
  sim::ExecutionControl control;
  control.threads = 1;
  control.stop = &stop;
  models::ExperimentReport first;
  {
    models::io::ResultsWriter writer(dir / "r.h5", header);
    StopAfter stopper(writer, 9, stop);  // in the second round
    first = models::run_experiment(e, control, sim::execute, {.stream = &stopper});
    CHECK_FALSE(first.complete);
    CHECK(first.added == 9);
    CHECK(first.rounds == 2);
    writer.finish(first.complete);
  }
  CHECK(dir.names() == std::set<std::string>{"r.h5"});
  const auto f = models::io::read_results(dir / "r.h5");
  CHECK_FALSE(f.complete);
  CHECK(f.rows() == 9);
  CHECK(f.point == std::vector<std::uint32_t>{0, 1, 0, 1, 0, 1, 0, 1, 0});
  CHECK(f.replication == std::vector<std::uint64_t>{0, 0, 1, 1, 2, 2, 3, 3, 4});

  // --append: the rows there count; the sweep goes on where it stopped
  auto writer = models::io::ResultsWriter::append_to(dir / "r.h5");
  const auto rest = models::run_experiment(e, threads(2), sim::execute, {.stream = &writer}, &f);
  writer.finish(rest.complete);
  CHECK(rest.complete);
  CHECK(rest.replications == std::vector<std::uint64_t>{19, 15});
  CHECK(rest.added == 34 - 9);
  const auto g = models::io::read_results(dir / "r.h5");
  CHECK(g.complete);
  REQUIRE(g.rows() == 34);
  for (std::size_t i = 0; i < 9; ++i) CHECK(same_bits(g.row(i), f.row(i)));  // untouched
  // and the whole equals an uninterrupted precision sweep
  test::check_rows_match(g, by_key(test::run_all(e, threads(2)).results));
}

TEST_CASE("appending to a plain sweep adds its replications to every point", "[sweep]") {
  const Experiment e = models::load_experiment(fixture("precision_cap.yaml"));
  Experiment plain = e;
  plain.precision.reset();
  plain.replications = 2;
  const auto a = test::run_all(plain, threads(2));
  const models::io::Results& existing = a.results;
  Keep more;
  plain.replications = 3;
  const auto b = models::run_experiment(plain, threads(2), sim::execute, {.stream = &more}, &existing);
  CHECK(b.replications == std::vector<std::uint64_t>{5, 5});
  CHECK(b.added == 6);
  REQUIRE(more.tasks.size() == 6);
  CHECK(more.tasks[0] == sim::Task{0, 2});
  CHECK(more.tasks[1] == sim::Task{1, 2});
  CHECK(more.tasks[5] == sim::Task{1, 4});
  for (std::size_t i = 0; i < 6; ++i)
    CHECK(same_bits(more.rows[i],
                    models::point_scenario(e, more.tasks[i].point).run(2, more.tasks[i].replication).metrics));
}

TEST_CASE("next_replications continues after the existing indices and fills gaps", "[sweep]") {
  using V = std::vector<std::uint64_t>;
  CHECK(models::next_replications({}, 3) == V{0, 1, 2});
  CHECK(models::next_replications({0, 1, 2, 3}, 2) == V{4, 5});
  CHECK(models::next_replications({3, 0, 1}, 3) == V{2, 4, 5});
  CHECK(models::next_replications({0, 2, 2, 5}, 4) == V{1, 3, 4, 6});
  CHECK(models::next_replications({7}, 0).empty());
}

TEST_CASE("steps: each point starts from the previous one, and the steps add up to the total", "[sweep][steps]") {
  const Experiment e = models::load_experiment(fixture("steps.yaml"));
  REQUIRE(e.steps);
  REQUIRE(e.points.size() == 4);
  const Scenario base = Scenario::from_file(fixture("tiny_region.yaml"));
  const Scenario insight_off = base.with_override("capacity_insight", "false");
  const Scenario both = insight_off.with_override("zcc.locations[0].rosters.ambulance", "2");
  const Scenario fresh = base.with_override("zcc.locations[0].rosters.ambulance", "2");
  // the chain: point 1 keeps point 0's setting; point 2 starts afresh from its file; point 3 builds on it
  CHECK(models::point_scenario(e, 0).text() == insight_off.text());
  CHECK(models::point_scenario(e, 1).text() == both.text());
  CHECK(models::point_scenario(e, 2).text() == fresh.text());
  CHECK(models::point_scenario(e, 3).text() == both.text());
  // a point's own settings are what the results file records for it
  CHECK(models::settings_yaml(e.points[1]) == R"({"zcc.locations[0].rosters.ambulance": 2})");
  const models::io::Results header = models::experiment_header(e);
  REQUIRE(header.point_scenarios.size() == 4);
  CHECK(header.point_scenarios[3] == both.text());

  const auto r = test::run_all(e, threads(2));
  const models::StepDifferences s = models::step_differences(r.results, 4);
  REQUIRE(s.steps.size() == 3);
  const auto& names = e.base.kpi_names();
  std::size_t checked = 0;
  for (std::size_t k = 0; k < names.size(); ++k) {
    if (std::isnan(s.total[k].mean) || s.total[k].n != 4 || s.steps[0][k].n != 4 || s.steps[1][k].n != 4 ||
        s.steps[2][k].n != 4)
      continue;  // a KPI undefined in some replication: its terms are over different replications
    INFO(names[k]);
    const double sum = s.steps[0][k].mean + s.steps[1][k].mean + s.steps[2][k].mean;
    CHECK(sum == Approx(s.total[k].mean).margin(1e-9 * (1.0 + std::abs(s.total[k].mean))));
    ++checked;
  }
  CHECK(checked > names.size() / 2);
  // the same patients: point 1 and point 3 are the same scenario, so their rows are equal and the
  // steps from point 1 to 3 (fresh, then + no insight) cancel exactly
  const auto back = models::io::paired_differences(r.results, 3, 1);
  for (std::size_t k = 0; k < names.size(); ++k)
    if (!std::isnan(back[k].mean)) CHECK(back[k].mean == 0.0);
  // the start is point 0's own summary
  const auto start = models::io::point_summaries(r.results, 0);
  CHECK(s.start[0].mean == start[0].mean);
  const std::string json = models::json_text(models::to_json(e, s));
  CHECK_THAT(json, Catch::Contains(R"("from": "start")"));
  CHECK_THAT(json, Catch::Contains(R"("+ no insight")"));
}

TEST_CASE("steps: an experiment file's point scenario must exist", "[sweep][steps]") {
  test::TempDir dir;
  std::ofstream(dir / "e.yaml") << "base: " << fixture("tiny_region.yaml")
                                << "\nsteps: true\npoints:\n  - {label: a, scenario: nowhere.yaml}\n";
  CHECK_THROWS_WITH(models::load_experiment(dir / "e.yaml"),
                    Catch::Contains("e.yaml:4:26: point scenario 'nowhere.yaml' not found"));
}
