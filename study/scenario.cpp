// SPDX-License-Identifier: MIT
#include "scenario.hpp"

#include "models/acute/acute_loader.hpp"
#include "models/acute/acute_model.hpp"
#include "models/acute/acute_report.hpp"
#include "io/yaml_reader.hpp"
#include "models/network/network_loader.hpp"
#include "models/network/network_model.hpp"

#include <cmath>
#include <filesystem>
#include <mutex>
#include <sstream>

namespace zccsim::models {

struct Scenario::Impl {
  YamlReader reader;
  ModelKind kind = ModelKind::network;
  std::string name;
  std::vector<std::string> kpis;
  std::shared_ptr<const network::NetworkConfig> net;
  std::shared_ptr<const acute::AcuteConfig> acute;

  // The road network, built on first use: scenarios that only pass through
  // (the intermediate steps of with_override, validation) never build it.
  const acute::Geography& geography() const {
    std::call_once(geo_once_, [this] { geo_ = std::make_unique<const acute::Geography>(*acute); });
    return *geo_;
  }

 private:
  mutable std::once_flag geo_once_;
  mutable std::unique_ptr<const acute::Geography> geo_;
};

namespace {

ModelKind kind_of(const YamlReader& r) {
  const YAML::Node m = r.required(r.root(), "model", "the scenario");
  return r.choice(m, {"network", "acute"}, "model") == 0 ? ModelKind::network : ModelKind::acute;
}

std::shared_ptr<const Scenario::Impl> build(YamlReader reader) {
  auto impl = std::make_shared<Scenario::Impl>();
  impl->kind = kind_of(reader);
  if (impl->kind == ModelKind::network) {
    impl->net = std::make_shared<const network::NetworkConfig>(network::load_network(reader));
    impl->kpis = network::metric_names(*impl->net);
    impl->name = reader.file();
  } else {
    auto cfg = std::make_shared<const acute::AcuteConfig>(acute::load_acute(reader));
    impl->kpis = acute::kpi_names();
    impl->name = cfg->name.empty() ? reader.file() : cfg->name;
    impl->acute = std::move(cfg);
  }
  impl->reader = std::move(reader);
  return impl;
}

}  // namespace

Scenario Scenario::from_file(const std::string& path) { return Scenario(build(YamlReader::load_file(path).extended())); }

Scenario Scenario::from_text(const std::string& yaml, const std::string& name, const std::string& base_dir) {
  // a relative `extends:` is resolved against the reader's file name
  const std::string as_file = base_dir.empty() ? name : (std::filesystem::path(base_dir) / name).string();
  return Scenario(build(YamlReader::load_string(yaml, as_file).extended()));
}

Scenario Scenario::with_override(std::string_view path, const std::string& yaml_value, const std::string& origin) const {
  YAML::Node value;
  try {
    value = YAML::Load(yaml_value);
  } catch (const YAML::Exception& e) {
    throw ScenarioError(origin + ": value for '" + std::string(path) + "' is not valid YAML: " + e.msg);
  }
  return Scenario(build(impl_->reader.with_override(path, value, origin)));
}

std::string Scenario::get(std::string_view path) const {
  YAML::Emitter em;
  em << impl_->reader.get(path);
  return em.c_str();
}

ModelKind Scenario::model() const noexcept { return impl_->kind; }
const std::string& Scenario::path() const noexcept { return impl_->reader.file(); }
const std::string& Scenario::text() const noexcept { return impl_->reader.text(); }
const std::string& Scenario::name() const noexcept { return impl_->name; }
const std::vector<std::string>& Scenario::kpi_names() const noexcept { return impl_->kpis; }
const acute::AcuteConfig* Scenario::acute() const noexcept { return impl_->acute.get(); }
const network::NetworkConfig* Scenario::network() const noexcept { return impl_->net.get(); }

std::string Scenario::validation_report(bool* overloaded) const {
  std::ostringstream out;
  bool over = false;
  if (const auto* net = network()) {
    out << path() << ": valid network scenario, " << net->nodes.size() << " nodes, " << net->classes.size()
        << " classes\n";
  } else {
    const auto& cfg = *acute();
    const std::string load = acute::offered_load_report(cfg, impl_->geography(), over);
    out << path() << ": valid acute scenario, " << cfg.areas.size() << " areas, " << cfg.sites.size() << " sites, "
        << std::llround(cfg.own_population()) << " inhabitants\n\n"
        << load;
    if (over) out << "\nwarning: some resources have an offered load >= 1 (see above)\n";
  }
  if (overloaded) *overloaded = over;
  return out.str();
}

sim::TaskResult Scenario::run(std::uint64_t seed, std::uint64_t replication) const {
  if (impl_->kind == ModelKind::network) {
    network::RunCounters c;
    auto m = network::run_replication(*impl_->net, seed, replication, &c);
    return {std::move(m), c.events};
  }
  auto r = acute::run_replication(*impl_->acute, impl_->geography(), seed, replication);
  return {std::move(r.kpis), r.events};
}

acute::AcuteResult Scenario::run_acute_detailed(std::uint64_t seed, std::uint64_t replication,
                                                const acute::RunOptions& options) const {
  if (!impl_->acute) throw std::logic_error("run_acute_detailed on a network scenario");
  return acute::run_replication(*impl_->acute, impl_->geography(), seed, replication, options);
}

}  // namespace zccsim::models
