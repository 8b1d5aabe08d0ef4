// SPDX-License-Identifier: MIT
#include "budget.hpp"

#include "io/summary_json.hpp"
#include "io/yaml_reader.hpp"
#include "models/acute/acute_config.hpp"
#include "scenario.hpp"

#include <algorithm>
#include <cmath>

namespace zccsim::models {

BudgetView budget_view(std::span<const double> ramp_up, std::span<const double> one_off, double discount_rate,
                       const sim::Summary& difference) {
  if (ramp_up.size() != one_off.size()) throw ScenarioError("budget: ramp_up and one_off differ in length");
  BudgetView v;
  v.yearly_saving = -difference.mean;
  v.yearly_saving_ci95 = difference.ci95;
  v.discount_rate = discount_rate;
  double cumulative = 0, factor = 1, ci_weight = 0;
  for (std::size_t y = 0; y < ramp_up.size(); ++y) {
    BudgetYear b;
    b.year = static_cast<int>(y + 1);
    b.ramp_up = ramp_up[y];
    b.saving = ramp_up[y] * v.yearly_saving;
    b.saving_ci95 = ramp_up[y] * v.yearly_saving_ci95;
    b.one_off = one_off[y];
    b.net = b.saving - b.one_off;
    cumulative += b.net;
    b.cumulative = cumulative;
    b.discount_factor = factor;
    b.discounted = b.net * factor;
    v.npv += b.discounted;
    ci_weight += ramp_up[y] * factor;
    factor /= 1.0 + discount_rate;
    v.years.push_back(b);
  }
  v.npv_ci95 = v.yearly_saving_ci95 * ci_weight;
  return v;
}

std::vector<BudgetView> compare_budgets(const io::Results& c, const std::string& kpi) {
  std::vector<BudgetView> out;
  if (c.model != "acute" || c.point_scenarios.size() != c.point_labels.size()) return out;
  const auto it = std::find(c.kpi_names.begin(), c.kpi_names.end(), kpi);
  if (it == c.kpi_names.end()) throw ScenarioError("budget: no KPI '" + kpi + "' in these results");
  const auto k = static_cast<std::size_t>(it - c.kpi_names.begin());
  // the baseline is the chain before the change: with a budget of its own
  // (a variant of the default inherits the default's), no budget view
  if (Scenario::from_text(c.point_scenarios[0], c.point_labels[0]).acute()->budget) return out;
  for (std::uint32_t p = 1; p < c.point_labels.size(); ++p) {
    const Scenario sc = Scenario::from_text(c.point_scenarios[p], c.point_labels[p]);
    const auto& budget = sc.acute()->budget;
    if (!budget) continue;
    BudgetView v =
        budget_view(budget->ramp_up, budget->one_off, budget->discount_rate, io::paired_differences(c, p).at(k));
    v.variant = c.point_labels[p];
    v.kpi = kpi;
    out.push_back(std::move(v));
  }
  return out;
}

Json budget_json(const std::vector<BudgetView>& views) {
  Json j = Json::object();
  for (const BudgetView& v : views) {
    Json& e = j[v.variant];
    e["kpi"] = v.kpi;
    e["yearly_saving"]["mean"] = v.yearly_saving;
    e["yearly_saving"]["ci95"] = v.yearly_saving_ci95;
    e["discount_rate"] = v.discount_rate;
    Json& ys = e["years"];
    ys = Json::array();
    for (const BudgetYear& b : v.years) {
      Json y = Json::object();
      y["year"] = b.year;
      y["ramp_up"] = b.ramp_up;
      y["saving"] = b.saving;
      y["saving_ci95"] = b.saving_ci95;
      y["one_off"] = b.one_off;
      y["net"] = b.net;
      y["cumulative"] = b.cumulative;
      y["discount_factor"] = b.discount_factor;
      y["discounted"] = b.discounted;
      ys.push_back(y);
    }
    e["npv"]["mean"] = v.npv;
    e["npv"]["ci95"] = v.npv_ci95;
  }
  return j;
}

}  // namespace zccsim::models
