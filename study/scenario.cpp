// SPDX-License-Identifier: MIT
#include "scenario.hpp"

#include "families.hpp"
#include "io/results_h5.hpp"
#include "io/yaml_reader.hpp"
#include "staffing.hpp"
#include "uncertainty.hpp"

#include <cmath>
#include <filesystem>
#include <mutex>
#include <sstream>

namespace zccsim::models {

struct Scenario::Impl {
  explicit Impl(YamlReader r) : reader(std::move(r)) {}
  YamlReader reader;
  std::string family, version;  // the registry's name and version of the model family
  // made on first use (results files only): a run without one never starts OpenSSL
  mutable std::once_flag sha_once;
  mutable std::string kpi_table_sha256;
  std::shared_ptr<const LoadedModel> model;
  const AcuteLoaded* acute = nullptr;      // model, when it is an acute scenario
  const NetworkLoaded* network = nullptr;  // model, when it is a network scenario
};

namespace {

// One line per KPI column: name, unit and direction (tab-separated).
std::string kpi_table_text(const LoadedModel& m) {
  std::string text;
  const sim::KpiTable* table = m.kpi_table();
  const auto kpi = table ? table->column_kpi() : std::vector<std::size_t>{};
  const auto& names = m.kpi_names();
  for (std::size_t c = 0; c < names.size(); ++c) {
    text += names[c];
    if (table) {
      const auto& spec = table->kpis.at(kpi.at(c));
      text += "\t" + spec.unit + "\t" + std::string(sim::better_name(spec.better));
    }
    text += "\n";
  }
  return text;
}

std::shared_ptr<const Scenario::Impl> build(YamlReader r) {
  // the reader moves in by construction (YamlReader's assignment writes
  // through yaml-cpp nodes and may throw; see DEVELOPERS.md)
  auto impl = std::make_shared<Scenario::Impl>(std::move(r));
  const YamlReader& reader = impl->reader;
  const auto& families = model_families();
  std::vector<std::string_view> allowed;
  allowed.reserve(families.size());
  for (const auto& f : families) allowed.emplace_back(f.name);
  const YAML::Node m = reader.required(reader.root(), "model", "the scenario");
  const ModelFamily& family = families[reader.choice(m, allowed, "model")];
  impl->family = family.name;
  impl->version = family.version;
  try {
    impl->model = family.load(reader);
  } catch (const YAML::Exception& e) {  // a loader's bug, but never a message without the file
    reader.fail(e.mark, "YAML: " + e.msg);
  }
  // `uncertain:` (zccsim uncertainty): checked here, read by no model family
  if (const YAML::Node u = reader.root()["uncertain"]; u.IsDefined()) (void)parse_uncertain(reader, u, {&reader});
  impl->acute = dynamic_cast<const AcuteLoaded*>(impl->model.get());
  impl->network = dynamic_cast<const NetworkLoaded*>(impl->model.get());
  return impl;
}

}  // namespace

Scenario Scenario::checked(std::shared_ptr<const Impl> impl) {
  Scenario sc(std::move(impl));
  const YAML::Node root = sc.reader().root();
  if (root["targets"].IsDefined() || root["shifts"].IsDefined()) (void)read_staffing_spec(sc);
  return sc;
}

Scenario Scenario::from_file(const std::string& path) { return checked(build(YamlReader::load_file(path).extended())); }

Scenario Scenario::from_text(const std::string& yaml, const std::string& name, const std::string& base_dir) {
  // a relative `extends:` is resolved against the reader's file name
  const std::string as_file = base_dir.empty() ? name : (std::filesystem::path(base_dir) / name).string();
  return checked(build(YamlReader::load_string(yaml, as_file).extended()));
}

Scenario Scenario::with_override(std::string_view path, const std::string& yaml_value,
                                 const std::string& origin) const {
  YAML::Node value;
  try {
    value.reset(parse_yaml(yaml_value, origin));
  } catch (const ScenarioError& e) {
    throw ScenarioError(std::string(e.what()) + " (in the value for '" + std::string(path) + "')");
  }
  return checked(build(impl_->reader.with_override(path, value, origin)));
}

namespace {

// `r` with settings[i..] applied (a reader is never assigned: yaml-cpp's
// assignment writes into the tree).
YamlReader overridden(const YamlReader& r, const std::vector<std::pair<std::string, std::string>>& settings,
                      std::size_t i, const std::string& origin) {
  if (i == settings.size()) return r;
  const auto& [path, yaml_value] = settings[i];
  YAML::Node value;
  try {
    value.reset(parse_yaml(yaml_value, origin));
  } catch (const ScenarioError& e) {
    throw ScenarioError(std::string(e.what()) + " (in the value for '" + path + "')");
  }
  return overridden(r.with_override(path, value, origin), settings, i + 1, origin);
}

}  // namespace

Scenario Scenario::with_overrides(const std::vector<std::pair<std::string, std::string>>& settings,
                                  const std::string& origin) const {
  return checked(build(overridden(impl_->reader, settings, 0, origin)));
}

std::string Scenario::get(std::string_view path) const {
  YAML::Emitter em;
  em << impl_->reader.get(path);
  return em.c_str();
}

const std::string& Scenario::model_name() const noexcept { return impl_->family; }
const std::string& Scenario::model_version() const noexcept { return impl_->version; }
const std::string& Scenario::kpi_table_sha256() const {
  std::call_once(impl_->sha_once, [this] { impl_->kpi_table_sha256 = io::sha256_hex(kpi_table_text(*impl_->model)); });
  return impl_->kpi_table_sha256;
}
const std::string& Scenario::path() const noexcept { return impl_->reader.file(); }
const std::string& Scenario::text() const { return impl_->reader.text(); }
const std::string& Scenario::name() const noexcept { return impl_->model->display_name(); }
const std::vector<std::string>& Scenario::kpi_names() const noexcept { return impl_->model->kpi_names(); }
std::string Scenario::summary_key() const { return impl_->model->summary_key(); }
const LoadedModel& Scenario::loaded() const noexcept { return *impl_->model; }
const YamlReader& Scenario::reader() const noexcept { return impl_->reader; }
const acute::AcuteConfig* Scenario::acute() const noexcept { return impl_->acute ? &impl_->acute->config() : nullptr; }
const network::NetworkConfig* Scenario::network() const noexcept {
  return impl_->network ? &impl_->network->config() : nullptr;
}

std::string Scenario::validation_report(bool* overloaded) const {
  bool over = false;
  std::string out = impl_->model->validation_report(path(), over);
  if (overloaded) *overloaded = over;
  return out;
}

sim::TaskResult Scenario::run(std::uint64_t seed, std::uint64_t replication, const sim::DetailOptions& detail) const {
  return impl_->model->run(seed, replication, detail);
}

}  // namespace zccsim::models
