// SPDX-License-Identifier: MIT
// The streaming results writer (io/results_h5.hpp): rows written as
// they come read back exactly, a writer that is not finished leaves nothing,
// appending keeps the existing rows bit for bit, and check_appendable says
// what does not fit.
#include "helpers.hpp"
#include "io/results_h5.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <limits>
#include <optional>

using namespace zccsim;
using models::io::Results;
using models::io::ResultsWriter;
using test::read_file;
using test::same_bits;

namespace {

Results header() {
  Results f;
  f.model = "network";
  f.scenario_text = "model: network\n";
  f.scenario_path = "s.yaml";
  f.seed = 7;
  f.version = "test";
  f.model_version = "network/1";
  f.kpi_table_sha256 = "abc";
  f.kpi_names = {"a", "b", "c"};
  f.point_labels = {"p0", "p1"};
  f.point_settings = {"{x: 1}", "{x: 2}"};
  f.experiment_text = "base: s.yaml\n";
  return f;
}

sim::Metrics row(std::uint64_t i) {
  const double x = static_cast<double>(i);
  return {x * 0.25, i % 5 == 0 ? std::numeric_limits<double>::quiet_NaN() : 1.0 / (x + 1.0), -x};
}

}  // namespace

TEST_CASE("writer: streamed rows read back exactly, over many chunks", "[writer]") {
  test::TempDir dir;
  ResultsWriter w(dir / "r.h5", header());
  for (std::uint64_t i = 0; i < 5000; ++i) w.append_row({static_cast<std::uint32_t>(i % 2), i / 2}, row(i));
  CHECK(w.rows() == 5000);
  CHECK(dir.names() == std::set<std::string>{"r.h5.tmp." + std::to_string(::getpid())});
  w.finish(true);
  CHECK(dir.names() == std::set<std::string>{"r.h5"});
  const Results f = models::io::read_results(dir / "r.h5");
  CHECK(f.complete);
  CHECK(f.point_labels == header().point_labels);
  CHECK(f.point_settings == header().point_settings);
  CHECK(f.experiment_text == header().experiment_text);
  REQUIRE(f.rows() == 5000);
  for (std::uint64_t i = 0; i < 5000; ++i) {
    CHECK(f.point[i] == i % 2);
    CHECK(f.replication[i] == i / 2);
    CHECK(same_bits(f.row(i), row(i)));
  }
  CHECK(f.detail.hourly.empty());
  CHECK(f.detail.event_log.empty());
}

TEST_CASE("writer: the same rows streamed or written at once give the same bytes", "[writer]") {
  test::TempDir dir;
  Results f = header();
  for (std::uint64_t i = 0; i < 300; ++i) f.add_row(0, i, row(i), {});
  models::io::write_results(dir / "whole.h5", f);
  ResultsWriter w(dir / "streamed.h5", header());
  for (std::uint64_t i = 0; i < 300; ++i) w.accept(0, {0, i}, {row(i), 0});
  w.write_details(Results{});
  w.finish(true);
  CHECK(read_file(dir / "whole.h5") == read_file(dir / "streamed.h5"));
}

TEST_CASE("writer: not finished, it removes its temporary file and leaves the target alone", "[writer]") {
  test::TempDir dir;
  std::ofstream(dir / "r.h5") << "an earlier result";
  {
    ResultsWriter w(dir / "r.h5", header());
    w.append_row({0, 0}, row(0));
  }
  CHECK(dir.names() == std::set<std::string>{"r.h5"});
  CHECK(read_file(dir / "r.h5") == "an earlier result");
}

TEST_CASE("writer: a bad row through accept() is kept for finish(), which throws", "[writer]") {
  test::TempDir dir;
  std::optional<ResultsWriter> w;
  w.emplace(dir / "r.h5", header());
  w->accept(0, {0, 0}, {row(0), 0});
  CHECK_NOTHROW(w->accept(1, {0, 1}, {{1.0}, 0}));  // one value for three KPIs
  CHECK_THROWS_AS(w->append_row({0, 2}, std::vector<double>{1.0, 2.0}), std::invalid_argument);
  CHECK_THROWS_WITH(w->finish(true), "results file: a KPI row of 1 values for 3 KPI names");
  w.reset();
  CHECK(dir.names().empty());
}

TEST_CASE("writer: appending keeps every existing row, the details and the metadata", "[writer]") {
  test::TempDir dir;
  Results f = header();
  f.point_labels = {"run"};
  f.point_settings = {"{}"};
  f.experiment_text = "";
  for (std::uint64_t i = 0; i < 4; ++i) f.add_row(0, i, row(i), {});
  f.detail.hourly = {{"zcc/gp", "triage_line", {1.0F, 2.0F}, {3.0F, 3.0F}, {0.5F, 0.0F}}};
  f.detail.event_log = {{1.5, 3, 1, 2, 4}};
  f.detail.log_event_names = {"arrival", "end"};
  f.complete = false;
  models::io::write_results(dir / "r.h5", f);
  {
    ResultsWriter w = ResultsWriter::append_to(dir / "r.h5");
    CHECK(w.rows() == 4);
    for (std::uint64_t i = 4; i < 9; ++i) w.append_row({0, i}, row(i));
    CHECK(w.rows() == 9);
    CHECK_THROWS_AS(w.write_details(f), std::logic_error);  // the file has them
    // until finish() the file is unchanged
    CHECK(models::io::read_results(dir / "r.h5").rows() == 4);
    w.finish(true);
  }
  CHECK(dir.names() == std::set<std::string>{"r.h5"});
  const Results g = models::io::read_results(dir / "r.h5");
  CHECK(g.complete);
  CHECK(g.seed == 7);
  CHECK(g.version == "test");
  CHECK(g.scenario_text == f.scenario_text);
  REQUIRE(g.rows() == 9);
  for (std::uint64_t i = 0; i < 9; ++i) {
    CHECK(g.replication[i] == i);
    CHECK(g.point[i] == 0);
    CHECK(same_bits(g.row(i), row(i)));
  }
  REQUIRE(g.detail.hourly.size() == 1);
  CHECK(g.detail.hourly[0].busy == f.detail.hourly[0].busy);
  REQUIRE(g.detail.event_log.size() == 1);
  CHECK(g.detail.event_log[0].patient == 3);
  CHECK(g.detail.log_event_names == f.detail.log_event_names);
}

TEST_CASE("writer: appending to a missing file fails naming it and leaves nothing", "[writer]") {
  test::TempDir dir;
  CHECK_THROWS_WITH(ResultsWriter::append_to(dir / "missing.h5"), Catch::Contains(dir / "missing.h5"));
  CHECK(dir.names().empty());
}

TEST_CASE("check_appendable says what does not fit", "[writer]") {
  const Results sweep = header();
  Results run = header();
  run.point_labels = {"run"};
  run.experiment_text = "";
  const std::vector<std::string> kpis{"a", "b", "c"};
  const std::string sha_file = models::io::sha256_hex("model: network\n");
  const std::string sha_now = models::io::sha256_hex("model: network\n# changed\n");
  // the run now: the file's header with the fields given
  auto now = [&](const std::string& model, const std::string& text, std::uint64_t seed, const std::string& experiment,
                 const std::vector<std::string>& names) {
    Results h = header();
    h.model = model;
    h.scenario_text = text;
    h.seed = seed;
    h.experiment_text = experiment;
    h.kpi_names = names;
    return h;
  };
  CHECK_NOTHROW(models::io::check_appendable(run, "r.h5", now("network", "model: network\n", 7, "", kpis)));
  CHECK_NOTHROW(
      models::io::check_appendable(sweep, "r.h5", now("network", "model: network\n", 7, "base: s.yaml\n", kpis)));
  auto message = [&](const Results& f, const std::string& model, const std::string& text, std::uint64_t seed,
                     const std::string& experiment, const std::vector<std::string>& names) -> std::string {
    try {
      models::io::check_appendable(f, "r.h5", now(model, text, seed, experiment, names));
    } catch (const std::runtime_error& e) {
      return e.what();
    }
    return "no error";
  };
  CHECK(message(run, "acute", "model: network\n", 7, "", kpis) ==
        "cannot append to r.h5: it holds results of model 'network', this scenario is model 'acute'");
  CHECK(message(run, "network", "model: network\n# changed\n", 7, "", kpis) ==
        "cannot append to r.h5: it was written from another scenario (scenario_sha256 " + sha_file + " in the file, " +
            sha_now + " now)");
  CHECK(message(run, "network", "model: network\n", 8, "", kpis) ==
        "cannot append to r.h5: it was run with seed 7, not 8");
  CHECK(message(run, "network", "model: network\n", 7, "base: s.yaml\n", kpis) ==
        "cannot append to r.h5: it holds a single run, not a sweep (add to it with zccsim run --append)");
  CHECK(message(sweep, "network", "model: network\n", 7, "", kpis) ==
        "cannot append to r.h5: it holds a sweep of 2 points (add to it with zccsim sweep EXPERIMENT --append)");
  CHECK(message(sweep, "network", "model: network\n", 7, "base: t.yaml\n", kpis) ==
        "cannot append to r.h5: it was written by another experiment file (the text in /experiment/text differs)");
  CHECK(message(run, "network", "model: network\n", 7, "", {"a", "b"}) ==
        "cannot append to r.h5: its KPIs differ from those of this zccsim (the file was written by test)");
  Results shard = run;
  shard.shard = "1/4";
  CHECK(message(shard, "network", "model: network\n", 7, "", kpis) ==
        "cannot append to r.h5: it holds shard 1/4 of a run; merge the shards first");
  // another model version or KPI table: never mixed
  Results older = run;
  older.model_version = "network/0";
  CHECK(message(older, "network", "model: network\n", 7, "", kpis) ==
        "cannot append to r.h5: its results come from model version network/0, this zccsim runs network/1 (results "
        "of different model versions are not mixed)");
  older.model_version = "";
  CHECK(message(older, "network", "model: network\n", 7, "", kpis) ==
        "cannot append to r.h5: its results come from model version none (zccsim 0.3 or older), this zccsim runs "
        "network/1 (results of different model versions are not mixed)");
  Results other_table = run;
  other_table.kpi_table_sha256 = "def";
  CHECK(message(other_table, "network", "model: network\n", 7, "", kpis) ==
        "cannot append to r.h5: its KPI table (kpi_table_sha256 def) differs from this zccsim's (abc)");
}
