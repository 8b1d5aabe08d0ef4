// SPDX-License-Identifier: MIT
// The model families of the registry (registry.hpp): one adapter each.
#include "families.hpp"

#include "io/yaml_reader.hpp"
#include "models/acute/acute_loader.hpp"
#include "models/acute/acute_model.hpp"
#include "models/acute/demand.hpp"
#include "models/acute/acute_report.hpp"
#include "models/acute/kpis.hpp"
#include "models/network/network_loader.hpp"
#include "models/network/network_model.hpp"
#include "models/network/network_report.hpp"

#include <cmath>
#include <mutex>
#include <sstream>

namespace zccsim::models {

namespace {

class NetworkModel final : public NetworkLoaded {
 public:
  explicit NetworkModel(const YamlReader& r)
      : cfg_(network::load_network(r)), names_(network::metric_names(cfg_)), name_(r.file()) {}
  const network::NetworkConfig& config() const noexcept override { return cfg_; }
  const std::vector<std::string>& kpi_names() const noexcept override { return names_; }
  const std::vector<std::string>& headline_kpis() const noexcept override { return names_; }
  const std::string& display_name() const noexcept override { return name_; }
  std::string summary_key() const override { return "nodes"; }
  sim::TaskResult run(std::uint64_t seed, std::uint64_t replication, const sim::DetailOptions& detail) const override {
    network::RunCounters c;
    auto m = network::run_replication(cfg_, seed, replication, &c, detail.answer_within);
    sim::TaskResult out{std::move(m), c.events, c.conservation, nullptr};
    if (!detail.answer_within.empty()) {
      out.detail = std::make_shared<sim::Detail>();
      out.detail->arrival_states = std::move(c.arrival_states);
    }
    return out;
  }
  std::string validation_report(const std::string& path, bool& overloaded) const override {
    overloaded = false;
    std::ostringstream out;
    out << path << ": valid network scenario, " << cfg_.nodes.size() << " nodes, " << cfg_.classes.size()
        << " classes\n"
        << arrivals_estimate(network::expected_arrivals(cfg_), cfg_.max_arrivals) << "\n";
    return out.str();
  }
  std::string summary_table(std::uint64_t replications, const std::vector<sim::Summary>& kpis) const override {
    return network::summary_table(cfg_, names_, replications, kpis);
  }

 private:
  network::NetworkConfig cfg_;
  std::vector<std::string> names_;
  std::string name_;
};

class AcuteModel final : public AcuteLoaded {
 public:
  explicit AcuteModel(const YamlReader& r)
      : cfg_(acute::load_acute(r)),
        name_(cfg_.name.empty() ? r.file() : cfg_.name),
        table_(acute::kpi_table(cfg_)),
        names_(table_.columns()) {}
  const acute::AcuteConfig& config() const noexcept override { return cfg_; }
  // The road network, built on first use: scenarios that only pass through
  // (the intermediate steps of with_override, validation) never build it.
  const acute::Geography& geography() const override {
    std::call_once(geo_once_, [this] { geo_ = std::make_unique<const acute::Geography>(cfg_); });
    return *geo_;
  }
  // the family's table, with the per-sub-region KPIs of the scenario's sub-regions
  const std::vector<std::string>& kpi_names() const noexcept override { return names_; }
  const sim::KpiTable* kpi_table() const noexcept override { return &table_; }
  const std::vector<std::string>& headline_kpis() const noexcept override { return acute::headline_kpis(); }
  const std::string& display_name() const noexcept override { return name_; }
  std::string summary_key() const override { return "kpis"; }
  sim::TaskResult run(std::uint64_t seed, std::uint64_t replication, const sim::DetailOptions& detail) const override {
    auto r = acute::run_replication(cfg_, geography(), seed, replication,
                                    {detail.hourly, detail.daily_busy, detail.event_log, detail.answer_within});
    sim::TaskResult out{std::move(r.kpis), r.events, r.conservation, nullptr};
    if (!detail.hourly && !detail.daily_busy && !detail.event_log && detail.answer_within.empty()) return out;
    out.detail = std::make_shared<sim::Detail>();
    sim::Detail& d = *out.detail;
    d.arrival_states = std::move(r.arrival_states);
    if (!detail.hourly && !detail.daily_busy && !detail.event_log) return out;
    d.hourly = std::move(r.hourly);
    d.daily_busy = std::move(r.daily_busy);
    d.has_log = detail.event_log;
    d.event_log = std::move(r.log);
    // the names that decode the log: events, responses (detail), areas and sites (place)
    d.log_event_names = acute::log_event_names;
    for (auto name : acute::response_names) d.response_names.emplace_back(name);
    for (const auto& a : cfg_.areas) d.area_names.push_back(a.name);
    for (const auto& s : cfg_.sites) d.site_names.push_back(s.id);
    return out;
  }
  std::string validation_report(const std::string& path, bool& overloaded) const override {
    std::ostringstream out;
    const std::string load = acute::offered_load_report(cfg_, geography(), overloaded);
    out << path << ": valid acute scenario, " << cfg_.areas.size() << " areas, " << cfg_.sites.size() << " sites, "
        << std::llround(cfg_.own_population()) << " inhabitants\n"
        << arrivals_estimate(acute::expected_arrivals(cfg_), cfg_.max_arrivals) << "\n\n"
        << load;
    if (overloaded) out << "\nwarning: some resources have an offered load >= 1 (see above)\n";
    return out.str();
  }
  std::string summary_table(std::uint64_t replications, const std::vector<sim::Summary>& kpis) const override {
    return acute::summary_table(cfg_, replications, kpis);
  }

 private:
  acute::AcuteConfig cfg_;
  std::string name_;
  sim::KpiTable table_;
  std::vector<std::string> names_;
  mutable std::once_flag geo_once_;
  mutable std::unique_ptr<const acute::Geography> geo_;
};

template <class Model>
std::shared_ptr<const LoadedModel> load(const YamlReader& r) {
  return std::make_shared<const Model>(r);
}

}  // namespace

const std::vector<ModelFamily>& model_families() {
  static const std::vector<ModelFamily> families{
      {"network", "network/3", &load<NetworkModel>, []() -> const sim::KpiTable* { return nullptr; }},
      {"acute", "acute/8", &load<AcuteModel>, []() -> const sim::KpiTable* { return &acute::kpi_table(); }}};
  return families;
}

const ModelFamily& model_family(const std::string& name) {
  std::string allowed;
  for (const auto& f : model_families()) {
    if (f.name == name) return f;
    allowed += (allowed.empty() ? "" : ", ") + f.name;
  }
  throw ScenarioError("unknown model '" + name + "'; allowed: " + allowed);
}

}  // namespace zccsim::models
