// SPDX-License-Identifier: MIT
#include "compare.hpp"

#include "io/summary_json.hpp"
#include "io/yaml_reader.hpp"
#include "results.hpp"
#include "sweep.hpp"

#include <algorithm>
#include <filesystem>

namespace zccsim::models {

namespace {

struct PairCollector final : sim::ResultSink {
  PairCollector(std::size_t variants, sim::ResultSink* out) : by_rep(variants), stream(out) {}
  void accept(std::size_t index, const sim::Task& t, sim::TaskResult&& r) override {
    events += r.events;
    if (stream) stream->accept(index, t, sim::TaskResult{r.metrics, r.events, r.conservation, nullptr});
    auto& slot = by_rep[t.point];
    if (slot.size() <= t.replication) slot.resize(t.replication + 1);
    slot[t.replication] = std::move(r.metrics);
  }
  std::vector<std::vector<sim::Metrics>> by_rep;  // [variant][replication], empty = not run
  std::uint64_t events = 0;
  sim::ResultSink* stream;
};

}  // namespace

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

Comparison compare(const std::vector<Scenario>& variants, std::vector<std::string> labels, std::uint64_t seed,
                   std::uint64_t replications, const sim::ExecutionControl& control, const sim::Executor& executor,
                   sim::ResultSink* stream) {
  if (variants.size() < 2) throw ScenarioError("compare needs at least two scenarios");
  Comparison c;
  for (const auto& v : variants) {
    c.files.push_back(v.path());
    if (v.model_name() != variants.front().model_name() || v.kpi_names() != variants.front().kpi_names())
      throw ScenarioError(v.path() + ": cannot be compared with " + variants.front().path() +
                          ": a different model or different KPIs (network nodes must match)");
  }
  if (labels.empty()) {
    labels = labels_for(c.files);
  } else if (labels.size() != variants.size()) {
    throw ScenarioError("compare: " + std::to_string(labels.size()) + " labels for " + std::to_string(variants.size()) +
                        " scenarios");
  }
  for (std::size_t v = 1; v < labels.size(); ++v)
    if (std::find(labels.begin(), labels.begin() + static_cast<std::ptrdiff_t>(v), labels[v]) !=
        labels.begin() + static_cast<std::ptrdiff_t>(v))
      throw ScenarioError("compare: the label '" + labels[v] + "' is given twice");
  c.labels = std::move(labels);
  c.model = variants.front().model_name();
  c.seed = seed;
  c.kpi_names = variants.front().kpi_names();
  // an experiment with one point per variant: replication-major tasks, so an
  // interrupted compare keeps complete pairs
  Experiment e(variants.front());
  e.seed = seed;
  e.replications = replications;
  for (std::size_t v = 0; v < variants.size(); ++v) e.points.push_back({c.labels[v], {}, variants[v]});
  PairCollector sink(variants.size(), stream);
  c.complete = run_experiment(e, control, executor, &sink).complete;
  c.events = sink.events;
  c.rows.resize(variants.size());
  for (std::uint64_t r = 0; r < replications; ++r) {
    const bool all = std::all_of(sink.by_rep.begin(), sink.by_rep.end(),
                                 [&](const auto& v) { return r < v.size() && !v[r].empty(); });
    if (!all) continue;
    c.replications.push_back(r);
    for (std::size_t v = 0; v < variants.size(); ++v) c.rows[v].push_back(std::move(sink.by_rep[v][r]));
  }
  return c;
}

io::ResultsFile compare_header(const std::vector<Scenario>& variants, const std::vector<std::string>& labels,
                               std::uint64_t seed) {
  io::ResultsFile h = results_header(variants.at(0), seed);
  for (std::size_t v = 0; v < variants.size(); ++v) {
    h.point_labels.push_back(labels.at(v));
    YAML::Emitter em;
    em << YAML::Flow << YAML::BeginMap << YAML::Key << "file" << YAML::Value << variants[v].path() << YAML::EndMap;
    h.point_settings.emplace_back(em.c_str());
    h.point_scenarios.push_back(variants[v].text());
  }
  return h;
}

sim::Summary Comparison::mean(std::size_t variant, std::size_t kpi) const {
  return sim::summarize(column(rows[variant], kpi));
}

sim::Summary Comparison::difference(std::size_t variant, std::size_t kpi) const {
  std::vector<double> d;
  for (std::size_t r = 0; r < rows[variant].size(); ++r) d.push_back(rows[variant][r][kpi] - rows[0][r][kpi]);
  return sim::summarize(d);
}

Json to_json(const Comparison& c) {
  Json j = command_document("compare", c.model, c.seed, c.complete);
  j["replications"] = static_cast<std::uint64_t>(c.replications.size());
  Json& vs = j["variants"];
  vs = Json::array();
  for (std::size_t v = 0; v < c.labels.size(); ++v) {
    Json e = Json::object();
    e["label"] = c.labels[v];
    e["file"] = c.files[v];
    vs.push_back(e);
  }
  Json& kpis = j["kpis"];
  kpis = Json::object();
  for (std::size_t k = 0; k < c.kpi_names.size(); ++k) {
    Json& entry = kpis[c.kpi_names[k]];
    for (std::size_t v = 0; v < c.labels.size(); ++v) put_summary(entry[c.labels[v]], c.mean(v, k));
    for (std::size_t v = 1; v < c.labels.size(); ++v) put_summary(entry["difference"][c.labels[v]], c.difference(v, k));
  }
  return j;
}

}  // namespace zccsim::models
