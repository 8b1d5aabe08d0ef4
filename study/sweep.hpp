// SPDX-License-Identifier: MIT
// Experiments, the one pipeline every entry point runs through: points (a
// base scenario with a grid or list of overrides by key path, or scenarios of
// their own: compare's variants, run's scenario) and replications of every
// point; optionally replications are added until the chosen KPIs are precise
// enough. zccsim run, compare and sweep and their Python twins all call
// run_experiment.
//
// Experiment file (YAML):
//   base: ../midden_nederland.yaml             # required; relative to this file
//   description: free text                     # optional, ignored
//   replications: 20                           # per point (the first round with precision); default 10
//   seed: 1                                    # default 1
//   grid:                                      # cartesian product; the first key varies slowest
//     capacity_insight: [true, false]
//     "zcc.locations[0].rosters.gp": [3, 4, 5]
//   points:                                    # and/or an explicit list, after the grid's points
//     - {label: no_zcc, set: {"triage.mode": fragmented, "zcc.locations": []}}
//     - {label: zcc, scenario: ../variants/zcc.yaml}   # a scenario file of its own
//   steps: true      # optional: each point starts from the previous point's scenario (unless it
//                    # names its own) and adds its settings; zccsim sweep then shows the paired
//                    # difference of every step to the previous one, and their sum
//   precision:                                 # optional
//     kpis: [a1_within_15min_share]
//     relative: 0.02          # stop when every listed KPI's 95 % half-width <= 2 % of |mean| ...
//     absolute: 0.0           # ... or <= this (either suffices; default 0; one of the two > 0);
//                             # a KPI with fewer than 2 defined (non-NaN) values is not precise
//     max_replications: 200   # per point, a cap (default max(100, replications))
//     batch: 10               # replications added per round (default 10)
//
// Every key path must exist in the base scenario. A point's settings are
// applied in order, each validated by the scenario. Without grid and points
// the experiment has one point, "base". Labels default to
// "key=value, key=value" ("base" for no settings) and must be unique.
#pragma once

#include "io/json.hpp"
#include "io/results.hpp"
#include "scenario.hpp"
#include "exec/experiment.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace zccsim::models {

// A point of an experiment: the base scenario with overrides (a sweep point),
// or a scenario of its own (a compared variant, a run).
struct SweepPoint {
  std::string label;  // "capacity_insight=false, zcc.locations[0].rosters.gp=4" unless given
  std::vector<std::pair<std::string, std::string>> settings;  // (key path, YAML value)
  std::optional<Scenario> scenario = std::nullopt;            // instead of the base (settings apply to it)
  // The scenario has the settings already (a point built in code, e.g. by
  // zccsim uncertainty, in one build): they are stored, not applied again.
  bool settings_applied = false;
};

struct Precision {
  std::vector<std::string> kpis;
  double relative = 0.0, absolute = 0.0;
  std::uint64_t max_replications = 0, batch = 10;  // 0: max(100, replications), set by check_experiment
};

// The most points an experiment file may give (grid and points together),
// checked before any point is built (docs: scenarios/README.md, "Limits").
inline constexpr std::uint64_t max_sweep_points = 10'000;

struct Experiment {
  // A scenario has no empty state, so neither has an experiment.
  explicit Experiment(Scenario base_scenario) : base(std::move(base_scenario)) {}

  std::string path, text;  // the experiment file (empty when built in code)
  Scenario base;
  std::vector<SweepPoint> points;
  std::uint64_t replications = 10, seed = 1;
  std::optional<Precision> precision;
  // Points are steps, each on the previous (an experiment file's `steps:`;
  // load_experiment has chained their scenarios): report each step's paired
  // difference to the previous point.
  bool steps = false;
  // The detail (hourly series, daily busy servers, event log) of point 0's
  // replication 0, if it runs: zccsim run's warm-up advice (daily busy) and
  // --out (hourly), Scenario.run(hourly=True).
  sim::DetailOptions first_detail{};
};

// The experiment of a plain run (zccsim run, Scenario.run, the tests): one
// point "run" of `sc`, `replications` replications with `seed`.
Experiment run_of(const Scenario& sc, std::uint64_t seed, std::uint64_t replications,
                  const sim::DetailOptions& first_detail = {});

// Reads and checks an experiment file (check_experiment), and builds every
// point's scenario once to validate it. Errors are ScenarioError
// "file:line:column: message" at the experiment file's key or value; a value
// the scenario rejects gives "EXP:line:column: point 'LABEL': <the scenario's
// message>". Errors in the base scenario itself name the scenario file.
Experiment load_experiment(const std::string& path);

// What an error of check_experiment is about: an experiment file reports it
// at that part's node. `point` is the point (point, setting); `index` the
// setting within it (setting) or the KPI in precision.kpis (precision_kpi).
struct ExperimentPart {
  enum class Kind {
    experiment,  // the experiment as a whole
    point,       // a point (its label, if it has one)
    setting,     // a setting's key path
    precision,   // the precision map
    precision_kpis,
    precision_kpi,
    precision_relative,
    precision_absolute,
    precision_max_replications,
    precision_batch,
  };
  Kind kind = Kind::experiment;
  std::size_t point = 0, index = 0;
};

// Reports an error at a part: throws (ScenarioError with the part's position).
using ExperimentFail = std::function<void(const ExperimentPart&, const std::string& message)>;

// The rules of an experiment, whether read from a file or built in code, and
// its defaults: every key path exists in the base; points without a label
// (empty) get point_label of their settings (values as one-line YAML); no
// points is the one point "base"; labels are unique; precision lists KPIs of
// the base, relative and absolute are >= 0 and one is > 0, batch >= 1, and
// max_replications is >= replications (0: max(100, replications)). Errors go
// to `fail`, or without it are ScenarioError "message".
void check_experiment(Experiment& e, const ExperimentFail& fail = {});

// The scenario of one point: the base with the point's settings applied in
// order (ScenarioError naming the point and the setting when one is rejected).
Scenario point_scenario(const Experiment& e, std::size_t point);

// An error message of a value given to Scenario::with_override with
// `origin` as its file, without that origin and its position (which mean
// nothing to the user).
std::string without_origin(std::string msg, std::string_view origin);

// The default label of a point: "path=value, path=value" ("base" for none).
std::string point_label(const std::vector<std::pair<std::string, std::string>>& settings);

// The settings of a point as one YAML flow map ("{}" for none): what the
// results file stores in /points/settings.
std::string settings_yaml(const SweepPoint& p);

// The `count` smallest replication indices not in `existing`, ascending:
// where --append continues (after the largest index when there are no gaps).
std::vector<std::uint64_t> next_replications(std::vector<std::uint64_t> existing, std::uint64_t count);

// Where run_experiment's rows go (either may be null).
struct Sinks {
  // Every row this call runs, with its conservation counts, the event count
  // and the detail; rows sorted by (point, replication) at the end, and
  // `complete` and `precise` set. Its header is the caller's (results_header).
  io::Results* memory = nullptr;
  // Every row as soon as it is final, in task order (`index` counts rows over
  // all rounds): an io::ResultsWriter writes a results file without holding
  // the rows.
  sim::ResultSink* stream = nullptr;
};

// What a run of an experiment did; the rows went to the sinks.
struct ExperimentReport {
  // Per point, over all its rows (existing ones included), in the order they
  // came (for a point without gaps: replication order, as sim::summarize).
  std::vector<std::uint64_t> replications;      // rows per point
  std::vector<std::vector<sim::Summary>> kpis;  // [point][kpi]
  std::vector<bool> precise;  // with precision, per point: every listed KPI met the target (else empty)
  std::uint64_t added = 0;    // rows run by this call
  std::size_t rounds = 0;     // executor calls
  bool complete = true;       // false: stopped (the stop flag) before the end
  std::uint64_t events = 0;
};

// Runs every point. Replication r of every point uses streams (seed, r, ...),
// so points are paired like compare's variants. Without precision, every
// point gets e.replications new replications. With precision, every point
// is first brought to e.replications rows, then rounds of `batch` are added
// to the points that are not yet precise, until all are or a point has
// max_replications rows; a point is judged only at those counts
// (replications, + batch, + 2 batch, ..., max_replications), so a sweep
// resumed with the rows of a stopped one ends with exactly the
// rows of an uninterrupted sweep. Within a round tasks are replication-major
// (replication j of every point, then j + 1), so a stopped sweep keeps its
// points balanced. The replication indices, and so the rows, depend only on
// the results, never on threads or timing: a point that ends with n rows
// has replications 0..n-1 (no existing rows), exactly as a plain sweep of n.
// `existing` (--append): the rows of a results file; they count towards each point's summary and precision, and
// new replications of a point take the smallest indices it does not have.
// The rows go to `sinks`. Throws ScenarioError when a point's KPI names
// differ from the base's (a network sweep that changes the nodes).
ExperimentReport run_experiment(const Experiment& e, const sim::ExecutionControl& control,
                                const sim::Executor& executor = sim::execute, Sinks sinks = {},
                                const io::Results* existing = nullptr);

// {"command": "sweep", "model", "seed", ["complete": false,] "points": [{"label",
//  "settings": {PATH: value}, "replications": n, ["precise": bool,]
//  "kpis": {NAME: {"mean", "ci95"}}}]}
Json to_json(const Experiment& e, const ExperimentReport& r);

// The header of an experiment's results (in memory or a file): the base's
// (results_header), a point per point (label, settings YAML), each point's
// resolved scenario when a point has a scenario of its own, and the
// experiment file's text.
io::Results experiment_header(const Experiment& e);

// Steps (Experiment::steps) over rows of points 0..n-1, per KPI: the first
// point's value, each point's paired difference to the previous one, and the
// last's to the first. With every value defined the steps' means add up to
// the total's (the same replications in every term).
struct StepDifferences {
  std::vector<sim::Summary> start;               // [kpi]
  std::vector<std::vector<sim::Summary>> steps;  // [point - 1][kpi]: point - the previous point
  std::vector<sim::Summary> total;               // [kpi]: the last point - the first
};
StepDifferences step_differences(const io::Results& r, std::uint32_t points);

// {"from": LABEL0, "kpis": {NAME: {"start": {mean, ci95}, "steps": {LABEL: {mean, ci95}},
//  "total": {mean, ci95}}}}
Json to_json(const Experiment& e, const StepDifferences& s);

}  // namespace zccsim::models
