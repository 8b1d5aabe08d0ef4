// SPDX-License-Identifier: MIT
// The HDF5 results file: exact round trip, atomic replacement, failures that
// leave nothing behind, deterministic bytes, SHA-256 against FIPS 180-2.
#include "io/results_h5.hpp"
#include "tests/common/read_file.hpp"
#include "tests/common/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using zccsim::models::io::read_results;
using zccsim::models::io::Results;
using zccsim::models::io::sha256_hex;
using zccsim::models::io::write_results;
using zccsim::sim::HourlySeries;
using zccsim::sim::LogRecord;

namespace {

using zccsim::test::read_file;
using zccsim::test::TempDir;

constexpr double not_a_number = std::numeric_limits<double>::quiet_NaN();
constexpr double infinity = std::numeric_limits<double>::infinity();

// Every field set to something non-default. tests/io/read_h5.py checks this
// very content from Python: keep the two in step.
Results sample() {
  Results f;
  f.model = "acute";
  f.scenario_text = "model: acute\nname: \"Zeist — näher\"\nreplications: 3\n";
  f.scenario_path = "scenarios/acute/zeist.yaml";
  f.seed = 0xfedcba9876543210ULL;
  f.version = "0.1.0-test";
  f.kpi_names = {"wait_mean_min", "util_gp", "served"};
  f.point = {0, 0, 0};
  f.replication = {0, 1, 7};
  f.values = {1.5, 0.25, 100.0, not_a_number, -0.0, 1e300, infinity, -infinity, 4.9e-324};
  f.detail.hourly = {
      {"zcc/zeist/gp", "triage_line", {1.0F, 2.5F, 0.0F}, {3.0F, 3.0F, 2.0F}, {0.0F, 1.0F, 0.5F}},
      {"ed/umcu", "ed", {4.0F, 5.0F, 6.0F}, {10.0F, 10.0F, 10.0F}, {0.0F, 0.0F, 2.0F}},
      {"a_station", "station", {}, {}, {}},
  };
  f.detail_replication = 0;
  f.detail.has_log = true;
  f.detail.event_log = {{0.0, 0, 0, 0, 3}, {1.25, 0, 1, 2, 3}, {2.5, 4000000000U, 11, 255, 65535}};
  f.detail.log_event_names = {
      "arrival",    "line_join", "answered",   "hung_up", "triaged", "care_start", "ambulance_on_scene",
      "ed_arrival", "ed_place",  "bed_search", "placed",  "end"};
  f.detail.response_names = {"A0", "A1", "A2"};
  f.detail.area_names = {"3701", "3702", "3703", "3704"};
  f.detail.site_names = {"umcu", "zeist"};
  f.complete = false;
  return f;
}

bool same_double(double a, double b) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  return a == b && std::signbit(a) == std::signbit(b);
}

// Equal in canonical form (what read_results returns for what was written).
void require_equal(Results a, Results b) {
  normalize(a);
  normalize(b);
  CHECK(a.model == b.model);
  CHECK(a.scenario_text == b.scenario_text);
  CHECK(a.scenario_path == b.scenario_path);
  CHECK(a.seed == b.seed);
  CHECK(a.version == b.version);
  CHECK(a.kpi_names == b.kpi_names);
  CHECK(a.replication == b.replication);
  CHECK(a.point == b.point);
  CHECK(a.point_labels == b.point_labels);
  CHECK(a.point_settings == b.point_settings);
  CHECK(a.experiment_text == b.experiment_text);
  CHECK(a.shard == b.shard);
  REQUIRE(a.rows() == b.rows());
  REQUIRE(a.values.size() == b.values.size());
  for (std::size_t r = 0; r < a.rows(); ++r) {
    for (std::size_t c = 0; c < a.kpi_names.size(); ++c) {
      INFO("kpi row " << r << " col " << c << ": " << a.row(r)[c] << " vs " << b.row(r)[c]);
      CHECK(same_double(a.row(r)[c], b.row(r)[c]));
    }
  }
  REQUIRE(a.detail.hourly.size() == b.detail.hourly.size());
  for (std::size_t i = 0; i < a.detail.hourly.size(); ++i) {
    CHECK(a.detail.hourly[i].resource == b.detail.hourly[i].resource);
    CHECK(a.detail.hourly[i].kind == b.detail.hourly[i].kind);
    CHECK(a.detail.hourly[i].busy == b.detail.hourly[i].busy);
    CHECK(a.detail.hourly[i].on_duty == b.detail.hourly[i].on_duty);
    CHECK(a.detail.hourly[i].queue == b.detail.hourly[i].queue);
  }
  CHECK(a.detail_replication == b.detail_replication);
  CHECK(a.detail.has_log == b.detail.has_log);
  REQUIRE(a.detail.event_log.size() == b.detail.event_log.size());
  for (std::size_t i = 0; i < a.detail.event_log.size(); ++i) {
    const LogRecord& x = a.detail.event_log[i];
    const LogRecord& y = b.detail.event_log[i];
    INFO("event " << i);
    CHECK(std::memcmp(&x.time, &y.time, sizeof(double)) == 0);
    CHECK(x.patient == y.patient);
    CHECK(x.event == y.event);
    CHECK(x.detail == y.detail);
    CHECK(x.place == y.place);
  }
  CHECK(a.detail.log_event_names == b.detail.log_event_names);
  CHECK(a.detail.response_names == b.detail.response_names);
  CHECK(a.detail.area_names == b.detail.area_names);
  CHECK(a.detail.site_names == b.detail.site_names);
  CHECK(a.complete == b.complete);
}

}  // namespace

TEST_CASE("results_h5: sha256_hex matches the FIPS 180-2 vectors", "[sha256]") {
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(sha256_hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopq"
                   "klmnopqrlmnopqrsmnopqrstnopqrstu") ==
        "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
  CHECK(sha256_hex(std::string(1000000, 'a')) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("results_h5: sha256_hex pads correctly around block boundaries", "[sha256]") {
  // Reference digests of n x 'a' from Python's hashlib.
  const std::pair<std::size_t, const char*> cases[] = {
      {55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"},
      {56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"},
      {63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"},
      {64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"},
      {65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0"},
      {119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb"},
      {120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c"},
  };
  for (const auto& [n, digest] : cases) {
    INFO(n << " x 'a'");
    CHECK(sha256_hex(std::string(n, 'a')) == digest);
  }
}

TEST_CASE("results_h5: results file round trip is exact", "[h5]") {
  TempDir dir;
  const fs::path path = dir.path() / "results.h5";
  const Results f = sample();
  write_results(path.string(), f);
  CHECK(dir.names() == std::set<std::string>{"results.h5"});  // no temporary left
  require_equal(read_results(path.string()), f);
}

TEST_CASE("results_h5: sweep points and the experiment text round trip", "[h5]") {
  TempDir dir;
  const fs::path path = dir.path() / "sweep.h5";
  Results f = sample();
  f.point = {0, 1, 1};
  f.point_labels = {"insight=true", "insight=false"};
  f.point_settings = {"{capacity_insight: true}", "{capacity_insight: false}"};
  f.experiment_text = "base: x.yaml\ngrid: {capacity_insight: [true, false]}\n";
  f.shard = "1/3";
  write_results(path.string(), f);
  const Results g = read_results(path.string());
  CHECK(g.point == std::vector<std::uint32_t>{0, 1, 1});
  CHECK(g.point_labels == f.point_labels);
  CHECK(g.point_settings == f.point_settings);
  CHECK(g.experiment_text == f.experiment_text);
  require_equal(g, f);
}

TEST_CASE("results_h5: results file round trip: empty and minimal files", "[h5]") {
  TempDir dir;
  const fs::path path = dir.path() / "empty.h5";
  SECTION("all defaults") {
    const Results f;
    write_results(path.string(), f);
    require_equal(read_results(path.string()), f);
  }
  SECTION("KPI names but no finished replication (interrupted at once)") {
    Results f;
    f.model = "network";
    f.kpi_names = {"a", "b"};
    f.complete = false;
    write_results(path.string(), f);
    require_equal(read_results(path.string()), f);
  }
  SECTION("replications but no KPIs") {
    Results f;
    f.point = {0, 0};
    f.replication = {0, 1};
    write_results(path.string(), f);
    require_equal(read_results(path.string()), f);
  }
}

TEST_CASE("results_h5: results file round trip: many rows and a long log span several chunks", "[h5]") {
  TempDir dir;
  const fs::path path = dir.path() / "big.h5";
  Results f = sample();
  f.clear_rows();
  for (std::uint64_t r = 0; r < 3000; ++r) {
    const double row[] = {static_cast<double>(r) * 0.5, r % 7 == 0 ? not_a_number : 1.0 / static_cast<double>(r + 1),
                          -1.0};
    f.add_row(0, r, row, {});
  }
  f.conservation.clear();
  f.detail.event_log.clear();
  for (std::uint32_t i = 0; i < 20000; ++i)
    f.detail.event_log.push_back({i * 0.125, i / 3, static_cast<std::uint8_t>(i % 12), static_cast<std::uint8_t>(i % 5),
                                  static_cast<std::uint16_t>(i % 500)});
  f.detail.hourly[0].busy.assign(9000, 0.75F);
  f.detail.hourly[0].on_duty.assign(9000, 2.0F);
  f.detail.hourly[0].queue.assign(9000, 0.125F);
  write_results(path.string(), f);
  require_equal(read_results(path.string()), f);
}

TEST_CASE("results_h5: the same content gives the same bytes", "[h5]") {
  TempDir dir;
  write_results((dir.path() / "a.h5").string(), sample());
  write_results((dir.path() / "b.h5").string(), sample());
  CHECK(read_file(dir.path() / "a.h5") == read_file(dir.path() / "b.h5"));
}

TEST_CASE("results_h5: write_results replaces an existing file", "[h5]") {
  TempDir dir;
  const fs::path path = dir.path() / "results.h5";
  Results f = sample();
  write_results(path.string(), f);
  f.seed = 42;
  f.values[0] = 2.0;
  write_results(path.string(), f);
  CHECK(dir.names() == std::set<std::string>{"results.h5"});
  require_equal(read_results(path.string()), f);
}

TEST_CASE("results_h5: write_results into a missing directory throws and creates nothing", "[h5]") {
  TempDir dir;
  const fs::path missing = dir.path() / "no" / "such";
  const fs::path path = missing / "results.h5";
  try {
    write_results(path.string(), sample());
    FAIL("no exception");
  } catch (const std::runtime_error& e) {
    CHECK_THAT(e.what(), Catch::Contains(path.string()));
  }
  CHECK_FALSE(fs::exists(dir.path() / "no"));
  CHECK(dir.names().empty());
}

TEST_CASE("results_h5: an inconsistent Results is refused before any file is touched", "[h5]") {
  TempDir dir;
  const fs::path path = dir.path() / "results.h5";
  write_results(path.string(), sample());
  const std::string before = read_file(path);

  Results bad = sample();
  SECTION("KPI values not rows x KPI names") { bad.values.push_back(3.0); }
  SECTION("point indexes not one per row") { bad.point.pop_back(); }
  SECTION("hourly series of unequal lengths") { bad.detail.hourly[1].queue.pop_back(); }
  SECTION("resource names that map to the same group") { bad.detail.hourly[1].resource = "zcc__zeist/gp"; }
  SECTION("an empty resource name") { bad.detail.hourly[2].resource = ""; }
  SECTION("a NUL inside a string") { bad.scenario_text += std::string(1, '\0') + "tail"; }
  SECTION("a scenario text that is not UTF-8 (Latin-1)") { bad.scenario_text += "name: Zeist \xe9\n"; }
  SECTION("a point label with a UTF-8 surrogate") { bad.point_labels = {"run \xed\xa0\x80"}; }
  SECTION("an overlong UTF-8 form in a KPI name") { bad.kpi_names[0] = "wait\xc0\xafmean"; }
  SECTION("a truncated UTF-8 sequence in an area name") { bad.detail.area_names[0] = "370\xe2\x82"; }
  CHECK_THROWS_AS(write_results(path.string(), bad), std::invalid_argument);
  CHECK(read_file(path) == before);
  CHECK(dir.names() == std::set<std::string>{"results.h5"});
}

TEST_CASE("results_h5: a write that fails after the temporary file exists removes it", "[h5]") {
  // The target is a directory: everything is written, then the rename fails.
  TempDir dir;
  const fs::path path = dir.path() / "results.h5";
  fs::create_directory(path);
  try {
    write_results(path.string(), sample());
    FAIL("no exception");
  } catch (const std::runtime_error& e) {
    CHECK_THAT(e.what(), Catch::Contains(path.string()));
  }
  CHECK(fs::is_directory(path));
  CHECK(fs::is_empty(path));
  CHECK(dir.names() == std::set<std::string>{"results.h5"});
}

TEST_CASE("results_h5: read_results names the path of a file it cannot read", "[h5]") {
  TempDir dir;
  const fs::path missing = dir.path() / "missing.h5";
  CHECK_THROWS_WITH(read_results(missing.string()), Catch::Contains(missing.string()));
  const fs::path text = dir.path() / "text.h5";
  std::ofstream(text) << "not an HDF5 file\n";
  CHECK_THROWS_WITH(read_results(text.string()), Catch::Contains(text.string()));
}

// Not run by catch_discover_tests (hidden): ctest runs it as the fixture that
// writes the file tests/io/read_h5.py checks, to $ZCCSIM_H5_SAMPLE.
TEST_CASE("results_h5: write the sample file for read_h5.py", "[.sample]") {
  const char* out = std::getenv("ZCCSIM_H5_SAMPLE");
  REQUIRE(out != nullptr);
  write_results(out, sample());
  require_equal(read_results(out), sample());
}
