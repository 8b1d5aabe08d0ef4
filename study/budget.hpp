// SPDX-License-Identifier: MIT
// The multi-year budget view of a paired comparison (issue #10, mechanism
// 7): a yearly KPI difference of a variant against the baseline (its mean
// and 95 % half-width, in M euro per year) under the variant's `budget:`
// section (years, ramp-up, one-off costs, discount rate). All the arithmetic
// is here; `zccsim compare --json` ("budget") and Python
// (Comparison.budget()) use it.
//
// Signs: saving = baseline - variant (a cost KPI: positive when the variant
// costs less). Per year y = 1..n:
//   saving_y     = ramp_up_y x saving
//   net_y        = saving_y - one_off_y
//   cumulative_y = net_1 + ... + net_y
//   discounted_y = net_y / (1 + r)^(y - 1)   (year 1 is not discounted)
//   npv          = discounted_1 + ... + discounted_n
// The one-off costs are fixed, so the 95 % half-width of net_y is
// ramp_up_y x h and that of the npv is h x sum_y ramp_up_y / (1 + r)^(y - 1)
// (the same yearly difference every year: fully correlated).
#pragma once

#include "io/json.hpp"
#include "io/results.hpp"
#include "sim/summary.hpp"

#include <span>
#include <string>
#include <vector>

namespace zccsim::models {

struct BudgetYear {
  int year = 0;  // 1..n
  double ramp_up = 0, saving = 0, saving_ci95 = 0, one_off = 0, net = 0, cumulative = 0, discount_factor = 1,
         discounted = 0;
};

struct BudgetView {
  std::string variant, kpi;       // the variant's label, the KPI (M euro per year)
  double yearly_saving = 0;       // baseline - variant, the paired mean at full effect
  double yearly_saving_ci95 = 0;  // its 95 % half-width
  double discount_rate = 0;
  std::vector<BudgetYear> years;
  double npv = 0, npv_ci95 = 0;
};

// The arithmetic above. `difference` is variant - baseline of a cost KPI
// (paired); ramp_up and one_off have one value per year (same length).
BudgetView budget_view(std::span<const double> ramp_up, std::span<const double> one_off, double discount_rate,
                       const sim::Summary& difference);

// Per variant (point >= 1) of compare results whose scenario has a budget
// section: its budget view of `kpi` against the first point, the baseline.
// Empty for other families, when no variant has a budget, or when the
// baseline has one itself (it is then not the chain before the change: a
// variant of the default inherits the default's budget). Throws
// ScenarioError for a KPI the results do not have.
std::vector<BudgetView> compare_budgets(const io::Results& c, const std::string& kpi = "cost_total_meur_per_year");

// {LABEL: {"kpi", "yearly_saving": {mean, ci95}, "discount_rate", "years": [{year, ramp_up, saving, saving_ci95,
//  one_off, net, cumulative, discount_factor, discounted}], "npv": {mean, ci95}}}
Json budget_json(const std::vector<BudgetView>& views);

}  // namespace zccsim::models
