// SPDX-License-Identifier: MIT
// Golden fingerprints (in the spirit of OMNeT++'s fingerprint tests): runs a
// shipped scenario or experiment with a fixed seed and replication count and
// writes, or checks against a golden file, every KPI of every replication and
// the number of simulated events, bit for bit.
//
//   zccsim_fingerprint --write GOLDEN FILE SEED REPS [KEY=VALUE ...]
//   zccsim_fingerprint --check GOLDEN FILE SEED REPS [KEY=VALUE ...]
//
// FILE is a scenario or an experiment (a YAML file with a top-level `base:`,
// or an uncertainty experiment with `sample:`, of which the first k + 1
// samples; then every point runs REPS replications). KEY=VALUE overrides a scenario
// value by key path (VALUE is YAML), e.g. horizon_days=28. --check exits 1
// with a table of every value that moved (expected, got, difference) and of
// KPIs that appeared or went; scripts/update_fingerprints rewrites the files.
#include "study/scenario.hpp"
#include "study/sweep.hpp"
#include "study/uncertainty.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace {

using zccsim::models::Scenario;

// One value: "<point label>\t<replication>\t<name>" -> value.
using Fingerprint = std::map<std::string, double>;

std::string key(const std::string& point, std::uint64_t rep, const std::string& name) {
  return point + "\t" + std::to_string(rep) + "\t" + name;
}

std::string format(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);  // round-trips every double exactly
  return buf;
}

// Every row of the experiment, run through the one pipeline (run_experiment)
// on one thread: KPIs and the event count by (point label, replication).
struct FingerprintSink final : zccsim::sim::ResultSink {
  FingerprintSink(Fingerprint& f, const zccsim::models::Experiment& ex) : fp(f), e(ex) {}
  void accept(std::size_t, const zccsim::sim::Task& t, zccsim::sim::TaskResult&& r) override {
    const auto& names = e.base.kpi_names();
    if (r.metrics.size() != names.size()) throw std::logic_error("KPI row and names differ in size");
    const std::string& label = e.points.at(t.point).label;
    for (std::size_t k = 0; k < names.size(); ++k) fp[key(label, t.replication, names[k])] = r.metrics[k];
    fp[key(label, t.replication, "events")] = static_cast<double>(r.events);
  }
  Fingerprint& fp;
  const zccsim::models::Experiment& e;
};

Fingerprint compute(const std::string& file, std::uint64_t seed, std::uint64_t reps,
                    const std::vector<std::pair<std::string, std::string>>& overrides) {
  const YAML::Node root = YAML::LoadFile(file);
  const bool experiment = root.IsMap() && root["base"];
  const bool uncertainty = root.IsMap() && root["sample"];  // zccsim uncertainty: every sample x variant
  std::optional<zccsim::models::Uncertainty> u;
  if (uncertainty) u.emplace(zccsim::models::load_uncertainty(file));
  zccsim::models::Experiment e = uncertainty  ? u->experiment
                                 : experiment ? zccsim::models::load_experiment(file)
                                              : zccsim::models::run_of(Scenario::from_file(file), seed, reps);
  // an uncertainty experiment: the first k + 1 samples (Morris: its first
  // trajectory, every parameter moved once), to keep the golden file small
  if (uncertainty) e.points.resize(std::min(e.points.size(), u->parameters.size() + 1) * u->variants());
  e.seed = seed;
  e.replications = reps;
  e.precision.reset();                                 // the manifest's replications, not the file's precision rounds
  for (std::size_t p = 0; p < e.points.size(); ++p) {  // overrides after each point's settings
    Scenario sc = zccsim::models::point_scenario(e, p);
    for (const auto& [k, v] : overrides) sc = sc.with_override(k, v);
    e.points[p].settings.clear();
    e.points[p].scenario = sc;
  }
  Fingerprint fp;
  FingerprintSink sink(fp, e);
  zccsim::sim::ExecutionControl control;
  control.threads = 1;
  zccsim::models::run_experiment(e, control, zccsim::sim::execute, {.stream = &sink});
  return fp;
}

void write(const std::string& path, const std::string& header, const Fingerprint& fp) {
  std::ostringstream out;
  out << header;
  for (const auto& [k, v] : fp) out << k << "\t" << format(v) << "\n";
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f << out.str();
  if (!f.flush()) throw std::runtime_error("cannot write " + path);
}

Fingerprint read(const std::string& path) {
  std::ifstream f(path);
  if (!f) throw std::runtime_error("cannot read " + path + " (make it with scripts/update_fingerprints)");
  Fingerprint fp;
  std::string line;
  while (std::getline(f, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto tab = line.rfind('\t');
    if (tab == std::string::npos) throw std::runtime_error(path + ": malformed line: " + line);
    fp[line.substr(0, tab)] = std::strtod(line.c_str() + tab + 1, nullptr);
  }
  return fp;
}

bool same(double a, double b) {
  return (std::isnan(a) && std::isnan(b)) || std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

// Prints what moved; returns the number of differences.
std::size_t diff(const Fingerprint& want, const Fingerprint& got) {
  std::size_t moved = 0;
  std::map<std::string, std::size_t> per_kpi;
  for (const auto& [k, v] : want) {
    const auto it = got.find(k);
    if (it == got.end()) {
      std::cout << "  gone:  " << k << " (was " << format(v) << ")\n";
      ++moved;
      continue;
    }
    if (same(v, it->second)) continue;
    ++moved;
    const double d = it->second - v;
    std::cout << "  moved: " << k << ": expected " << format(v) << ", got " << format(it->second) << " (diff "
              << format(d);
    if (v != 0 && std::isfinite(d)) std::cout << ", " << format(100.0 * d / std::abs(v)) << " %";
    std::cout << ")\n";
  }
  for (const auto& [k, v] : got)
    if (!want.count(k)) {
      std::cout << "  new:   " << k << " = " << format(v) << "\n";
      ++moved;
    }
  return moved;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    if (argc < 6 || (std::string(argv[1]) != "--write" && std::string(argv[1]) != "--check")) {
      std::cerr << "usage: zccsim_fingerprint --write|--check GOLDEN FILE SEED REPS [KEY=VALUE ...]\n";
      return 2;
    }
    const bool check = std::string(argv[1]) == "--check";
    const std::string golden = argv[2], file = argv[3];
    const std::uint64_t seed = std::stoull(argv[4]), reps = std::stoull(argv[5]);
    std::vector<std::pair<std::string, std::string>> overrides;
    for (int i = 6; i < argc; ++i) {
      const std::string a = argv[i];
      const auto eq = a.find('=');
      if (eq == std::string::npos) throw std::runtime_error("override without '=': " + a);
      overrides.emplace_back(a.substr(0, eq), a.substr(eq + 1));
    }
    const Fingerprint got = compute(file, seed, reps, overrides);
    if (!check) {
      std::string header =
          "# zccsim golden fingerprint (tests/fingerprints; regenerate with scripts/update_fingerprints)\n";
      header += "# point\treplication\tKPI (or events)\tvalue (%.17g: exact)\n";
      write(golden, header, got);
      std::cout << golden << ": " << got.size() << " values\n";
      return 0;
    }
    const Fingerprint want = read(golden);
    const std::size_t moved = diff(want, got);
    if (moved) {
      std::cout << file << ": " << moved << " of " << want.size() << " fingerprint values differ from " << golden
                << "\n(if the change is intended: scripts/update_fingerprints, and say why in the commit)\n";
      return 1;
    }
    std::cout << file << ": all " << want.size() << " fingerprint values identical\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "zccsim_fingerprint: " << e.what() << "\n";
    return 2;
  }
}
