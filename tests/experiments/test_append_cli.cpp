// SPDX-License-Identifier: MIT
// The zccsim program: run --append and sweep --append give the rows of one
// longer run bit for bit, refuse files of another run, and a broken
// experiment file overwrites nothing.
#include "helpers.hpp"
#include "io/results_h5.hpp"
#include "study/sweep.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <map>

#include <sys/wait.h>

using namespace zccsim;
using test::experiments_dir;
using test::read_file;
using test::same_bits;

namespace {

struct Outcome {
  int status;
  std::string out, err;
};

// Runs `zccsim ARGS` in `dir`.
Outcome program(const test::TempDir& dir, const std::string& args) {
  const std::string cmd = "cd '" + dir.path().string() + "' && '" + ZCCSIM_EXE + "' " + args +
                          " > stdout.txt 2> stderr.txt";
  const int raw = std::system(cmd.c_str());
  Outcome o{WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, read_file(dir / "stdout.txt"), read_file(dir / "stderr.txt")};
  std::filesystem::remove(dir / "stdout.txt");
  std::filesystem::remove(dir / "stderr.txt");
  return o;
}

void require_same_rows(const models::io::Results& a, const models::io::Results& b) {
  REQUIRE(a.rows() == b.rows());
  CHECK(a.replication == b.replication);
  CHECK(a.point == b.point);
  for (std::size_t i = 0; i < a.rows(); ++i) {
    INFO("row " << i);
    CHECK(same_bits(a.row(i), b.row(i)));
  }
}

const std::string small_region = experiments_dir + "/../acute/small_region.yaml";

}  // namespace

TEST_CASE("cli: run --append 4 after run 4 equals run 8, bit for bit", "[cli]") {
  test::TempDir dir;
  REQUIRE(program(dir, "run " + small_region + " --replications 4 --seed 3 --out r.h5 --quiet").status == 0);
  const auto first = models::io::read_results(dir / "r.h5");
  const Outcome more =
      program(dir, "run " + small_region + " --replications 4 --seed 3 --out r.h5 --append --json a.json");
  INFO(more.err);
  REQUIRE(more.status == 0);
  CHECK_THAT(more.out, Catch::Contains("appended 4 replications to r.h5 (8 in the file)"));
  REQUIRE(program(dir, "run " + small_region + " --replications 8 --seed 3 --out r8.h5 --json b.json --quiet").status ==
          0);
  const auto appended = models::io::read_results(dir / "r.h5"), whole = models::io::read_results(dir / "r8.h5");
  CHECK(appended.replication == std::vector<std::uint64_t>{0, 1, 2, 3, 4, 5, 6, 7});
  require_same_rows(appended, whole);
  for (std::size_t i = 0; i < 4; ++i) CHECK(same_bits(appended.row(i), first.row(i)));
  CHECK(appended.complete);
  // replication 0's hourly series are the first run's, as in the longer run
  REQUIRE(appended.detail.hourly.size() == whole.detail.hourly.size());
  REQUIRE_FALSE(appended.detail.hourly.empty());
  CHECK(appended.detail.hourly[0].busy == whole.detail.hourly[0].busy);
  // the summary covers all 8 rows: the same JSON as the longer run
  CHECK(read_file(dir / "a.json") == read_file(dir / "b.json"));
  CHECK(dir.names() == std::set<std::string>{"a.json", "b.json", "r.h5", "r8.h5"});
}

TEST_CASE("cli: --append refuses a file of another run and leaves it as it was", "[cli]") {
  test::TempDir dir;
  const std::string mmc = experiments_dir + "/mmc_small.yaml";
  REQUIRE(program(dir, "run " + mmc + " --replications 2 --out r.h5 --quiet").status == 0);
  const std::string before = read_file(dir / "r.h5");
  Outcome o = program(dir, "run " + mmc + " --replications 2 --seed 2 --out r.h5 --append --quiet");
  CHECK(o.status == 1);
  CHECK(o.err == "zccsim: cannot append to r.h5: it was run with seed 1, not 2\n");
  o = program(dir, "sweep " + experiments_dir + "/precision_cap.yaml --out r.h5 --append --quiet");
  CHECK(o.status == 1);
  CHECK(o.err == "zccsim: cannot append to r.h5: it holds a single run, not a sweep (add to it with zccsim run "
                 "--append)\n");
  std::ofstream(dir / "changed.yaml") << read_file(mmc) << "# a changed comment changes the scenario text\n";
  o = program(dir, "run changed.yaml --replications 2 --out r.h5 --append --quiet");
  CHECK(o.status == 1);
  CHECK_THAT(o.err, Catch::StartsWith("zccsim: cannot append to r.h5: it was written from another scenario "
                                      "(scenario_sha256 "));
  o = program(dir, "run " + mmc + " --append --quiet");
  CHECK(o.status == 2);
  CHECK_THAT(o.err, Catch::Contains("--append needs --out FILE"));
  CHECK(read_file(dir / "r.h5") == before);
  CHECK(dir.names() == std::set<std::string>{"changed.yaml", "r.h5"});
}

TEST_CASE("cli: sweep writes one table, the same bytes for 1 and 2 threads, and --append adds to every point",
          "[cli]") {
  test::TempDir dir;
  const std::string exp = experiments_dir + "/sweep_2x2.yaml";
  const Outcome o = program(dir, "sweep " + exp + " --out a.h5 --json a.json --threads 2");
  INFO(o.err);
  REQUIRE(o.status == 0);
  CHECK_THAT(o.out, Catch::Contains("point 4/4: capacity_insight=false, zcc.locations[0].rosters.ambulance=2 "
                                    "(3 replications)"));
  CHECK_THAT(o.out, Catch::Contains("wrote a.h5 (12 rows)"));
  REQUIRE(program(dir, "sweep " + exp + " --out b.h5 --threads 1 --quiet").status == 0);
  CHECK(read_file(dir / "a.h5") == read_file(dir / "b.h5"));
  const std::string json = read_file(dir / "a.json");
  CHECK_THAT(json, Catch::StartsWith("{\n  \"command\": \"sweep\",\n  \"model\": \"acute\",\n  \"seed\": 5,\n  "
                                     "\"points\": [\n    {\n      \"label\": \"capacity_insight=true, "
                                     "zcc.locations[0].rosters.ambulance=1\",\n      \"settings\": {\n        "
                                     "\"capacity_insight\": true,\n        \"zcc.locations[0].rosters.ambulance\": "
                                     "1\n      },\n      \"replications\": 3,\n      \"kpis\": {"));

  const Outcome more = program(dir, "sweep " + exp + " --out a.h5 --append --quiet");
  INFO(more.err);
  REQUIRE(more.status == 0);
  const auto f = models::io::read_results(dir / "a.h5");
  CHECK(f.complete);
  REQUIRE(f.rows() == 24);
  CHECK(f.experiment_text == read_file(exp));
  // the first 12 rows are those of the first run; every point now has 0..5
  const auto b = models::io::read_results(dir / "b.h5");
  for (std::size_t i = 0; i < 12; ++i) CHECK(same_bits(f.row(i), b.row(i)));
  models::Experiment e = models::load_experiment(exp);
  e.replications = 6;
  test::check_rows_match(f, test::by_key(test::run_all(e, {}).results));
}

TEST_CASE("cli: a broken experiment file exits 1 with its message and overwrites nothing", "[cli]") {
  test::TempDir dir;
  std::ofstream(dir / "out.h5") << "a good result from an earlier run";
  std::ofstream(dir / "out.json") << "a good summary";
  const Outcome o = program(dir, "sweep " + experiments_dir + "/bad/empty_grid.yaml --out out.h5 --json out.json");
  CHECK(o.status == 1);
  CHECK(o.err == "error: " + experiments_dir +
                     "/bad/empty_grid.yaml:4:21: grid 'capacity_insight' is an empty list; give at least one value\n");
  CHECK(read_file(dir / "out.h5") == "a good result from an earlier run");
  CHECK(read_file(dir / "out.json") == "a good summary");
  CHECK(dir.names() == std::set<std::string>{"out.h5", "out.json"});
}

TEST_CASE("cli: a precision sweep appended again has nothing to add", "[cli]") {
  test::TempDir dir;
  const std::string exp = experiments_dir + "/precision_mixed.yaml";
  REQUIRE(program(dir, "sweep " + exp + " --out p.h5 --quiet").status == 0);
  const std::string before = read_file(dir / "p.h5");
  const Outcome o = program(dir, "sweep " + exp + " --out p.h5 --append");
  CHECK(o.status == 0);
  CHECK_THAT(o.out, Catch::Contains("point 1/2: nodes.q.arrivals.rate=6 (19 replications, precise)"));
  CHECK_THAT(o.out, Catch::Contains("nothing to add: p.h5 is unchanged"));
  CHECK(read_file(dir / "p.h5") == before);
}

TEST_CASE("cli: a sweep of steps prints and writes each step's paired difference; --shard is refused", "[cli]") {
  test::TempDir dir;
  const std::string exp = "'" + experiments_dir + "/steps.yaml'";
  const Outcome o = program(dir, "sweep " + exp + " --threads 2 --json s.json --out s.h5");
  REQUIRE(o.status == 0);
  CHECK_THAT(o.out, Catch::Contains("steps from 'start'"));
  CHECK_THAT(o.out, Catch::Contains("+ no insight") && Catch::Contains("= total"));
  const std::string json = read_file(dir / "s.json");
  CHECK_THAT(json, Catch::Contains(R"("steps": {)") && Catch::Contains(R"("from": "start")"));
  // the file holds each point's resolved scenario
  CHECK(models::io::read_results(dir / "s.h5").point_scenarios.size() == 4);
  // appending keeps the steps over all rows
  const Outcome more = program(dir, "sweep " + exp + " --threads 2 --append --out s.h5 --json t.json");
  REQUIRE(more.status == 0);
  CHECK_THAT(read_file(dir / "t.json"), Catch::Contains(R"("replications": 8)"));
  const Outcome shard = program(dir, "sweep " + exp + " --shard 0/2 --out x.h5");
  CHECK(shard.status != 0);
  CHECK_THAT(shard.err, Catch::Contains("--shard cannot split a sweep of steps"));
}
