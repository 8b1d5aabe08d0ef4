// SPDX-License-Identifier: MIT
// zccsim staff SCENARIO.yaml: the least staff per hour of the week meeting
// the service-level targets (iterative staffing algorithm), the cheapest
// shifts covering it (GLPK), checked by fresh replications
// (study/staffing.hpp); --out writes the report as JSON, --variant a
// scenario that extends SCENARIO with the new rosters.
#include "cli_common.hpp"
#include "commands.hpp"
#include "exec/atomic_file.hpp"
#include "io/yaml_reader.hpp"
#include "study/scenario.hpp"
#include "study/staffing.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <iostream>

namespace zccsim::cli {

namespace {

constexpr const char* help = R"(usage: zccsim staff SCENARIO.yaml [options]

The least staff per hour of the week on each target node (network
scenarios) or phone line (acute scenarios: today's lines, the 112 line, the
zcc lines) that meets its service level (the share answered within a time)
in every hour, found with the simulation (the iterative staffing algorithm
of Feldman, Mandelbaum, Massey & Whitt 2008, started from the stationary
Erlang C staffing); the cheapest shifts that cover it (an integer program,
GLPK); the service level per hour before (the scenario's roster) and after
(the shifts), measured on fresh replications with 95 % intervals; paid hours
and cost per year before and after.

Targets and shifts come from the scenario's sections (scenarios/README.md):
  targets: {NODE: {within: T, share: P}}   T in the scenario's time unit, 0 < P < 1
  acute:   {LINE: {within: T, share: P, calls: all|urgent|non_urgent}} or
           {LINE: [{...}, {...}]} (several targets on one line; T in minutes)
  shifts: {starts: [7, 15, 23], min_length: 4, max_length: 9, max_per_shift: 0,
           cost_per_hour: 45.0, time_limit: 60}
or from the command line (replacing the section's targets). An unknown
NODE or LINE is refused with the list of those that can be staffed.
An acute line keeps its opening hours (an hour nobody is rostered stays
closed; an open hour keeps at least 1); without shifts.cost_per_hour its
cost is the scenario's price of a staffed hour (costs.resources).

options:
  --target NODE=T:P[:CALLS]  a target (repeatable), e.g. --target triage=0.5:0.8
                        or --target line/midden/gp=0.5:0.9:urgent
  --replications R      replications per iteration (default 10; 1 to 1000000)
  --verify R            fresh replications of the check, before and after (default 20; 2 to 1000000)
  --max-iterations K    iterations of the algorithm at most (default 30; 1 to 1000)
  --seed S              random seed (default 1)
  --threads T           worker threads (default 0: all cores); results do not depend on T
  --out FILE.json       the report: per hour lambda, staff (shipped, stationary, required,
                        rostered), service level before and after; shifts; paid hours, cost
  --variant FILE.yaml   a scenario that extends SCENARIO with the rostered schedules
  --quiet               print nothing but errors
)";

models::StaffingTarget parse_target(const std::string& s) {
  const auto bad = [&](const std::string& why) {
    return po::error("--target '" + s + "': " + why +
                     " (NODE=WITHIN:SHARE[:CALLS], e.g. triage=0.5:0.8 or line/midden/gp=0.5:0.9:urgent)");
  };
  const auto eq = s.rfind('='), colon = s.find(':', eq == std::string::npos ? 0 : eq);
  if (eq == std::string::npos || colon == std::string::npos || eq == 0) throw bad("not NODE=WITHIN:SHARE");
  models::StaffingTarget t;
  t.node = s.substr(0, eq);
  const auto calls = s.find(':', colon + 1);  // npos: no CALLS
  if (calls != std::string::npos) t.calls = s.substr(calls + 1);
  const auto number = [&](std::size_t from, std::size_t to, const char* what) {
    double v = 0;
    const auto r = std::from_chars(s.data() + from, s.data() + to, v);
    if (r.ec != std::errc() || r.ptr != s.data() + to) throw bad(std::string(what) + " is not a number");
    return v;
  };
  t.within = number(eq + 1, colon, "WITHIN");
  t.share = number(colon + 1, calls == std::string::npos ? s.size() : calls, "SHARE");
  if (!(t.within >= 0)) throw bad("WITHIN must be >= 0");
  if (!(t.share > 0 && t.share < 1)) throw bad("SHARE must be > 0 and < 1");
  return t;
}

std::string level(double mean, double ci) {
  if (std::isnan(mean)) return "      -      ";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%5.1f +-%4.1f", 100 * mean, std::isnan(ci) ? 0.0 : 100 * ci);
  return buf;
}

void print(const models::StaffingResult& r) {
  constexpr const char* days[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  std::printf("iterative staffing: %zu iterations, %s; hours changed per iteration:", r.iterations,
              r.converged   ? "converged (the roster stopped changing)"
              : r.cycle > 1 ? ("a cycle of " + std::to_string(r.cycle) + " rosters (their maximum taken)").c_str()
                            : "NOT converged (max iterations)");
  for (auto c : r.changed_hours) std::printf(" %zu", c);
  std::printf("\n");
  for (const auto& n : r.nodes) {
    std::printf("\n%s: share %sanswered within %g >= %g %%, service rate %.4g\n", n.target.node.c_str(),
                n.target.calls.empty() ? "" : ("of " + n.target.calls + " calls ").c_str(), n.target.within,
                100 * n.target.share, n.mu);
    std::printf("  hour     lambda  shipped stationary required rostered   SL before (%%)   SL after (%%)\n");
    for (std::size_t h = 0; h < 168; ++h)
      std::printf("  %s %02zu %9.4g %8u %10u %8u %8u   %s   %s\n", days[h / 24], h % 24, n.lambda[h], n.shipped[h],
                  n.stationary[h], n.required[h], n.rostered[h], level(n.before.mean[h], n.before.ci95[h]).c_str(),
                  level(n.after.mean[h], n.after.ci95[h]).c_str());
    std::uint64_t before = 0, required = 0;
    std::size_t met_before = 0, met_after = 0, hours = 0;
    for (std::size_t h = 0; h < 168; ++h) {
      before += n.shipped[h];
      required += n.required[h];
      if (std::isnan(n.after.mean[h])) continue;
      ++hours;
      met_before += n.before.mean[h] >= n.target.share;
      met_after += n.after.mean[h] >= n.target.share;
    }
    std::printf("  hours with calls meeting the target (mean): before %zu/%zu, after %zu/%zu\n", met_before, hours,
                met_after, hours);
    std::printf("  paid hours per week: shipped %llu, required %llu, shifts %llu%s\n",
                static_cast<unsigned long long>(before), static_cast<unsigned long long>(required),
                static_cast<unsigned long long>(n.plan.paid_hours), n.plan.optimal ? " (optimal)" : " (time limit)");
    if (n.cost_per_hour > 0)
      std::printf("  cost per year: shipped %.0f, shifts %.0f (%.2f per paid hour)\n",
                  static_cast<double>(before) * n.cost_per_hour * 365.25 / 7,
                  static_cast<double>(n.plan.paid_hours) * n.cost_per_hour * 365.25 / 7, n.cost_per_hour);
    std::printf("  shifts:");
    for (const auto& s : n.plan.shifts) std::printf(" %s %02u:00+%uh x%u;", days[s.day], s.start, s.length, s.count);
    std::printf("\n");
  }
}

}  // namespace

int cmd_staff(const Args& args) {
  for (const auto& a : args)
    if (a == "--help" || a == "-h") {
      std::cout << help;
      return 0;
    }
  po::options_description opts("staff");
  opts.add_options()("target", po::value<std::vector<std::string>>(), "NODE=WITHIN:SHARE")(
      "replications", po::value<std::string>(), "per iteration")("verify", po::value<std::string>(), "fresh")(
      "max-iterations", po::value<std::string>(), "at most")("seed", po::value<std::string>(), "seed")(
      "threads", po::value<std::string>(), "threads")("out", po::value<std::string>(), "JSON")(
      "variant", po::value<std::string>(), "YAML")("quiet", "quiet");
  const auto vm = parse(args, opts, {"file"});
  if (!vm.count("file")) throw po::error("staff needs a scenario FILE (see zccsim staff --help)");
  const std::string file = vm["file"].as<std::string>();
  models::StaffingOptions o;
  if (vm.count("replications")) o.replications = read_integer(vm, "replications", 1, max_replications);
  if (vm.count("verify")) o.verify_replications = read_integer(vm, "verify", 2, max_replications);
  if (vm.count("max-iterations")) o.max_iterations = read_integer(vm, "max-iterations", 1, 1000);
  if (vm.count("seed")) o.seed = read_integer(vm, "seed", 0, UINT64_MAX);
  const auto threads = vm.count("threads") ? static_cast<unsigned>(read_integer(vm, "threads", 0, max_threads)) : 0U;
  const bool quiet = vm.count("quiet") > 0;
  std::vector<NamedPath> outputs;
  if (vm.count("out")) outputs.push_back({"--out", vm["out"].as<std::string>()});
  if (vm.count("variant")) outputs.push_back({"--variant", vm["variant"].as<std::string>()});
  check_distinct_paths({{"the scenario FILE", file}}, outputs);

  const auto sc = models::Scenario::from_file(file);
  models::StaffingSpec spec = models::read_staffing_spec(sc);
  if (vm.count("target")) {
    spec.targets.clear();
    for (const auto& t : vm["target"].as<std::vector<std::string>>()) spec.targets.push_back(parse_target(t));
  }
  models::check_targets(sc, spec.targets);
  models::StaffingResult r;
  try {
    Progress progress("staff", quiet);
    r = models::staff(sc, spec.targets, spec.shifts, o, {threads, &interrupt_flag(), std::ref(progress)});
  } catch (const std::exception&) {
    if (!interrupt_flag()) throw;
    std::cerr << "zccsim: staff interrupted; nothing written\n";
    return interrupted_status();
  }
  if (!quiet) print(r);
  if (vm.count("out")) sim::write_file_atomically(vm["out"].as<std::string>(), models::to_json(r).dump() + "\n");
  if (vm.count("variant")) {
    const std::string v = vm["variant"].as<std::string>();
    sim::write_file_atomically(v, models::variant_yaml(sc, r, v));
    if (!quiet) std::printf("\nwrote %s (run it: zccsim run %s)\n", v.c_str(), v.c_str());
  }
  return 0;
}

}  // namespace zccsim::cli
