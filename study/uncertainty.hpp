// SPDX-License-Identifier: MIT
// Decisions under uncertainty (issue #12): uncertain parameters in a
// scenario, a sampled experiment that runs every variant at every sample
// with common random numbers, and its analysis (distributions over samples,
// paired differences, probability of better, sensitivity indices).
//
// A scenario of either family may carry a top-level `uncertain:` map; the
// model families ignore it (it changes no result):
//   uncertain:
//     "triage.dispatch.warm_transfer_share":
//       uniform: [0.2, 0.8]                     # or triangular: [lo, mode, hi],
//       why: no pilot figures published         #    normal: [mean, sd] with bounds: [lo, hi]
//       source: README "Parameters and their sources"   # optional
//     "triage.zcc.accuracy":                    # a value that is not one number:
//       uniform: [0, 10]                        #   the sampled x in [lo, hi] sets the
//       between: [{...}, {...}]                 #   leafwise linear interpolation of the
//       why: ...                                #   two values (at lo and at hi)
// Every key path must exist in the scenario and hold a number (or, with
// `between:`, a value of the two ends' shape); a value written as an integer
// is an integer parameter, and sampled values are rounded to the nearest
// integer (with `between:`, leaves that are integers at both ends);
// `integer: false` (or true) overrides that.
//
// Experiment file (zccsim uncertainty EXP.yaml):
//   description: free text                      # optional, ignored
//   variants:                                   # required; the first is the reference
//     - ../midden_nederland.yaml                # a file (label: its name without .yaml)
//     - {label: zcc, scenario: ../variants/zcc.yaml}
//   sample: {method: morris, trajectories: 6, levels: 4}   # or {method: sobol, n: 64}
//                                               # (Saltelli: n (k + 2) samples) or {method: lhs, n: 50}
//   replications: 5                             # per sample and variant; default 5
//   seed: 1                                     # default 1: the design's seed and the runs'
//   horizon_days: 91                            # optional: set in every variant (acute)
//   kpis: [a1_within_15min_share]               # optional: the KPIs analysed (default: headline)
//   uncertain: {...}                            # optional: as in a scenario, for every variant
// The parameters are the union of the variants' `uncertain:` sections (the
// same key path in two variants is one parameter; its distributions must
// agree) and the experiment's own (it applies to every variant), plus
// always a last parameter "dummy" that nothing reads. A variant's
// parameter applies only to the variants whose section lists it.
#pragma once

#include "io/json.hpp"
#include "io/results.hpp"
#include "scenario.hpp"
#include "sim/sensitivity.hpp"
#include "sweep.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace YAML {
class Node;
}

namespace zccsim::models {

class YamlReader;

struct UncertainParameter {
  enum class Kind { uniform, triangular, normal };
  std::string path;  // key path; "dummy" for the dummy (it applies to no variant)
  Kind kind = Kind::uniform;
  std::vector<double> args;   // uniform: lo, hi; triangular: lo, mode, hi; normal: mean, sd
  double lo = 0.0, hi = 1.0;  // the range (normal: its bounds)
  std::string why, source;
  std::string at_lo, at_hi;  // `between:` as one-line YAML ("" without)
  bool integer = false;      // rounded to the nearest integer
  bool dummy = false;
  std::string where;                  // "file:line:column" of the entry (errors)
  std::vector<std::size_t> variants;  // the variants it applies to (experiment)

  // The value at u in [0, 1] of the unit cube: the distribution's quantile
  // (Boost.Math; the normal truncated to its bounds), rounded for an
  // integer parameter.
  double value(double u) const;
  // The YAML value a sample sets at `path` for the value x.
  std::string yaml(double x) const;
  // The distribution as one line: "uniform [0.2, 0.8]".
  std::string describe() const;
};

// The `uncertain:` section `section` (written in `where_written`), checked:
// a map of key paths to distributions with `why:`; every key path exists in
// each of `scenarios` and holds a number (or `between:` is given). Errors:
// ScenarioError "file:line:column: message". Scenario loading calls it on
// every scenario (cheap: no scenario is built); an undefined section gives
// no parameters.
std::vector<UncertainParameter> parse_uncertain(const YamlReader& where_written, const YAML::Node& section,
                                                const std::vector<const YamlReader*>& scenarios);

// The scenario's own parameters (its `uncertain:` after `extends:`).
std::vector<UncertainParameter> uncertain_parameters(const Scenario& s);

// Both ends of every parameter accepted by the scenario (Scenario::with_override
// at lo and at hi): else ScenarioError "WHERE: uncertain 'PATH': its lower end
// (VALUE) is rejected by SCENARIO: MESSAGE".
void check_ends(const Scenario& s, const std::vector<UncertainParameter>& parameters);

struct SampleDesign {
  enum class Method { morris, sobol, lhs };
  Method method = Method::morris;
  std::size_t trajectories = 0, levels = 4;  // morris
  std::size_t n = 0;                         // sobol (Saltelli base size), lhs
};
std::string_view method_name(SampleDesign::Method m) noexcept;

// A loaded uncertainty experiment: every (sample, variant) is a point of
// `experiment` (point = sample * variants + variant), each the variant's
// scenario with the sample's values set; replication r of every point uses
// the same seed (common random numbers).
struct Uncertainty {
  explicit Uncertainty(Experiment e) : experiment(std::move(e)) {}
  Experiment experiment;
  std::string path, text;  // the experiment file
  std::vector<std::string> variant_labels;
  std::vector<UncertainParameter> parameters;  // the last is the dummy
  SampleDesign design;
  std::vector<std::string> kpis;  // analysed
  sim::sensitivity::Points unit;  // per sample: its point in the unit cube
  std::optional<sim::sensitivity::MorrisDesign> morris;
  std::optional<sim::sensitivity::SaltelliDesign> saltelli;

  std::size_t samples() const noexcept { return unit.size(); }
  std::size_t variants() const noexcept { return variant_labels.size(); }
  std::size_t runs() const noexcept { return samples() * variants() * experiment.replications; }
  // The value of parameter j at sample s.
  double value(std::size_t s, std::size_t j) const { return parameters.at(j).value(unit.at(s).at(j)); }
};

// Reads and checks an experiment file, builds every point's scenario (so a
// bad value fails before anything runs) and checks every parameter's ends in
// every variant it applies to. Errors: ScenarioError "file:line:column: ...".
Uncertainty load_uncertainty(const std::string& path);

// The plan as one YAML document, stored as a results file's experiment text
// (io::Results::experiment_text): method, seed, variants, KPIs and the
// parameters, and the experiment file's own text under `file`. A results
// file's analysis needs nothing else.
std::string plan_yaml(const Uncertainty& u);
// True when a results file's experiment text is such a plan.
bool is_uncertainty_plan(const std::string& experiment_text);

// What a plan says, read back from a results file's header: the parameters,
// design, variants, KPIs, seed and replications (no scenarios).
struct UncertaintyPlan {
  std::vector<std::string> variant_labels, kpis;
  std::vector<UncertainParameter> parameters;
  SampleDesign design;
  std::uint64_t seed = 1, replications = 0;
  sim::sensitivity::Points unit;
  std::optional<sim::sensitivity::MorrisDesign> morris;
  std::optional<sim::sensitivity::SaltelliDesign> saltelli;
  std::size_t samples() const noexcept { return unit.size(); }
};
UncertaintyPlan plan_of(const Uncertainty& u);
UncertaintyPlan read_plan(const std::string& experiment_text);

struct Quantiles {
  double median = 0.0, q05 = 0.0, q95 = 0.0;
};

// Per analysed KPI and variant.
struct VariantAnalysis {
  Quantiles value;          // over samples of the sample's mean over replications
  Quantiles difference;     // of the paired difference to variant 0 (variant 0: all 0)
  double p_better = 0.0;    // share of samples where the difference is better (NaN: no direction, variant 0)
  double noise = 0.0;       // mean over samples of the 95 % half-width over replications (of the
                            // difference for variant > 0, of the value for variant 0)
  std::size_t defined = 0;  // samples with a defined (non-NaN) value or difference
  // sensitivity of the difference (variant 0: of its value) to each parameter
  std::vector<sim::sensitivity::MorrisIndex> morris;  // morris, else empty
  std::vector<sim::sensitivity::SobolIndex> sobol;    // sobol, else empty
};
struct UncertaintyAnalysis {
  std::vector<std::string> kpis;
  std::vector<std::string> better;                   // per KPI: "higher", "lower", "neither"
  std::vector<std::vector<VariantAnalysis>> result;  // [kpi][variant]
  std::vector<std::vector<double>> means;            // [point][kpi]: mean over replications
  std::size_t rows = 0;                              // rows analysed (with --append: more than the plan's)
};

// The analysis of an uncertainty experiment's rows (a results file's or
// in memory): every point's mean over its replications (common random
// numbers: a sample's paired difference is the difference of the means).
// `better`: the KPI directions by name (empty: none known).
UncertaintyAnalysis analyse(const UncertaintyPlan& plan, const io::Results& rows,
                            const std::vector<std::string>& kpi_better = {});
// The plan and analysis of an uncertainty experiment's results read back
// (a results file): ScenarioError when its experiment text is not a plan.
std::pair<UncertaintyPlan, UncertaintyAnalysis> analyse_results(const io::Results& r);
// The directions of the analysed KPIs from a scenario's KPI table.
std::vector<std::string> kpi_directions(const Scenario& s, const std::vector<std::string>& kpis);

// {"command": "uncertainty", "model", "seed", "method", "samples", "replications",
//  "rows", "variants": [...], "parameters": [{"name", "distribution", "why", "source", "variants"}],
//  "kpis": {NAME: {"better", "variants": {LABEL: {"value": {median, q05, q95},
//  "difference": {...}, "p_better", "noise", "spread", "sensitivity": {PARAM: {...}}}}}}}
Json to_json(const UncertaintyPlan& plan, const UncertaintyAnalysis& a, const std::string& model, bool complete);

}  // namespace zccsim::models
