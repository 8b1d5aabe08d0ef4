// SPDX-License-Identifier: MIT
#include "compare.hpp"

#include "budget.hpp"
#include "io/summary_json.hpp"
#include "io/yaml_reader.hpp"
#include "results.hpp"
#include "sweep.hpp"

#include <algorithm>
#include <filesystem>

namespace zccsim::models {

std::vector<std::string> labels_for(const std::vector<std::string>& files) {
  std::vector<std::string> labels;
  for (const auto& f : files) {
    const std::string base = std::filesystem::path(f).stem().string();
    std::string label = base;
    for (int i = 2; std::find(labels.begin(), labels.end(), label) != labels.end(); ++i)
      label = base + "_" + std::to_string(i);
    labels.push_back(label);
  }
  return labels;
}

io::Results compare(const std::vector<Scenario>& variants, std::vector<std::string> labels, std::uint64_t seed,
                    std::uint64_t replications, const sim::ExecutionControl& control, const sim::Executor& executor,
                    sim::ResultSink* stream) {
  if (variants.size() < 2) throw ScenarioError("compare needs at least two scenarios");
  std::vector<std::string> files;
  for (const auto& v : variants) {
    files.push_back(v.path());
    if (v.model_name() != variants.front().model_name() || v.kpi_names() != variants.front().kpi_names())
      throw ScenarioError(v.path() + ": cannot be compared with " + variants.front().path() +
                          ": a different model or different KPIs (network nodes, acute sub-regions must match)");
  }
  if (labels.empty()) {
    labels = labels_for(files);
  } else if (labels.size() != variants.size()) {
    throw ScenarioError("compare: " + std::to_string(labels.size()) + " labels for " + std::to_string(variants.size()) +
                        " scenarios");
  }
  for (std::size_t v = 1; v < labels.size(); ++v)
    if (std::find(labels.begin(), labels.begin() + static_cast<std::ptrdiff_t>(v), labels[v]) !=
        labels.begin() + static_cast<std::ptrdiff_t>(v))
      throw ScenarioError("compare: the label '" + labels[v] + "' is given twice");
  // an experiment with one point per variant: replication-major tasks, so an
  // interrupted compare keeps complete pairs
  Experiment e(variants.front());
  e.seed = seed;
  e.replications = replications;
  for (std::size_t v = 0; v < variants.size(); ++v) e.points.push_back({labels[v], {}, variants[v]});
  io::Results c = compare_header(variants, labels, seed);
  run_experiment(e, control, executor, {.memory = &c, .stream = stream});
  io::keep_complete_pairs(c);
  return c;
}

io::Results compare_header(const std::vector<Scenario>& variants, const std::vector<std::string>& labels,
                           std::uint64_t seed) {
  io::Results h = results_header(variants.at(0), seed);
  for (std::size_t v = 0; v < variants.size(); ++v) {
    h.point_labels.push_back(labels.at(v));
    YAML::Emitter em;
    em << YAML::Flow << YAML::BeginMap << YAML::Key << "file" << YAML::Value << variants[v].path() << YAML::EndMap;
    h.point_settings.emplace_back(em.c_str());
    h.point_scenarios.push_back(variants[v].text());
  }
  return h;
}

Json compare_json(const io::Results& c, const std::vector<std::string>& files) {
  Json j = command_document("compare", c.model, c.seed, c.complete);
  const auto& labels = c.point_labels;
  j["replications"] = static_cast<std::uint64_t>(c.rows() / std::max<std::size_t>(labels.size(), 1));
  Json& vs = j["variants"];
  vs = Json::array();
  for (std::size_t v = 0; v < labels.size(); ++v) {
    Json e = Json::object();
    e["label"] = labels[v];
    e["file"] = files.at(v);
    vs.push_back(e);
  }
  std::vector<std::vector<sim::Summary>> means, differences;
  for (std::size_t v = 0; v < labels.size(); ++v) {
    const auto p = static_cast<std::uint32_t>(v);
    means.push_back(io::point_summaries(c, p));
    differences.push_back(io::paired_differences(c, p));
  }
  Json& kpis = j["kpis"];
  kpis = Json::object();
  for (std::size_t k = 0; k < c.kpi_names.size(); ++k) {
    Json& entry = kpis[c.kpi_names[k]];
    for (std::size_t v = 0; v < labels.size(); ++v) put_summary(entry[labels[v]], means[v][k]);
    for (std::size_t v = 1; v < labels.size(); ++v) put_summary(entry["difference"][labels[v]], differences[v][k]);
  }
  // the multi-year budget of the headline cost, for the variants with a budget section
  if (const auto budgets = compare_budgets(c); !budgets.empty()) j["budget"] = budget_json(budgets);
  return j;
}

}  // namespace zccsim::models
