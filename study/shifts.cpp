// SPDX-License-Identifier: MIT
#include "shifts.hpp"

#include <glpk.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <stdexcept>
#include <string>

namespace zccsim::models {

namespace {

struct ProblemDeleter {
  void operator()(glp_prob* p) const noexcept { glp_delete_prob(p); }
};

}  // namespace

ShiftPlan cover_with_shifts(const std::array<std::uint32_t, 168>& required, const ShiftRules& rules,
                            const std::array<bool, 168>* closed) {
  if (rules.min_length < 1 || rules.max_length > 24 || rules.min_length > rules.max_length)
    throw std::invalid_argument("shift lengths must satisfy 1 <= min_length <= max_length <= 24");
  std::vector<std::uint32_t> starts = rules.starts;
  if (starts.empty())
    for (std::uint32_t h = 0; h < 24; ++h) starts.push_back(h);
  for (auto s : starts)
    if (s > 23) throw std::invalid_argument("shift start hours must be 0..23");
  if (!(rules.time_limit > 0)) throw std::invalid_argument("shift time_limit must be > 0");

  std::vector<Shift> cols;
  for (std::uint32_t d = 0; d < 7; ++d)
    for (auto s : starts)
      for (std::uint32_t l = rules.min_length; l <= rules.max_length; ++l) {
        bool allowed = true;
        for (std::uint32_t i = 0; closed && i < l; ++i) allowed = allowed && !(*closed)[(24 * d + s + i) % 168];
        if (allowed) cols.push_back({d, s, l, 0});
      }

  // an hour with staff required that no shift covers, or not enough of them under max_per_shift
  std::array<std::uint64_t, 168> covering{};
  for (const auto& c : cols)
    for (std::uint32_t i = 0; i < c.length; ++i) ++covering[(24 * c.day + c.start + i) % 168];
  for (std::size_t h = 0; h < 168; ++h) {
    const std::uint64_t most = rules.max_per_shift == 0 ? (covering[h] ? std::numeric_limits<std::uint64_t>::max() : 0)
                                                        : covering[h] * rules.max_per_shift;
    if (required[h] > most)
      throw std::runtime_error("no allowed shifts cover " + std::to_string(required[h]) + " staff in hour " +
                               std::to_string(h % 24) + " of day " + std::to_string(h / 24) +
                               " (allow more start hours, other shift lengths or a larger max_per_shift" +
                               (closed ? "; no shift may cover an hour the line is closed" : "") + ")");
  }

  const std::unique_ptr<glp_prob, ProblemDeleter> lp(glp_create_prob());
  glp_set_obj_dir(lp.get(), GLP_MIN);
  glp_add_rows(lp.get(), 168);
  for (int h = 0; h < 168; ++h) glp_set_row_bnds(lp.get(), h + 1, GLP_LO, required[static_cast<std::size_t>(h)], 0.0);
  glp_add_cols(lp.get(), static_cast<int>(cols.size()));
  std::vector<int> ia{0}, ja{0};
  std::vector<double> ar{0.0};
  for (std::size_t j = 0; j < cols.size(); ++j) {
    const int col = static_cast<int>(j) + 1;
    glp_set_col_kind(lp.get(), col, GLP_IV);
    if (rules.max_per_shift == 0) glp_set_col_bnds(lp.get(), col, GLP_LO, 0.0, 0.0);
    else glp_set_col_bnds(lp.get(), col, GLP_DB, 0.0, rules.max_per_shift);
    glp_set_obj_coef(lp.get(), col, cols[j].length);
    for (std::uint32_t i = 0; i < cols[j].length; ++i) {
      ia.push_back(static_cast<int>((24 * cols[j].day + cols[j].start + i) % 168) + 1);
      ja.push_back(col);
      ar.push_back(1.0);
    }
  }
  glp_load_matrix(lp.get(), static_cast<int>(ia.size()) - 1, ia.data(), ja.data(), ar.data());
  glp_iocp parm;
  glp_init_iocp(&parm);
  parm.presolve = GLP_ON;
  parm.msg_lev = GLP_MSG_OFF;
  parm.tm_lim = static_cast<int>(std::min(rules.time_limit * 1000.0, 2.0e9));
  const int rc = glp_intopt(lp.get(), &parm);
  const int status = glp_mip_status(lp.get());
  if ((rc != 0 && rc != GLP_ETMLIM) || (status != GLP_OPT && status != GLP_FEAS))
    throw std::runtime_error("GLPK found no shift plan (glp_intopt " + std::to_string(rc) + ", status " +
                             std::to_string(status) + ")");

  ShiftPlan plan;
  plan.optimal = rc == 0 && status == GLP_OPT;
  for (std::size_t j = 0; j < cols.size(); ++j) {
    const auto x = static_cast<std::uint32_t>(std::llround(glp_mip_col_val(lp.get(), static_cast<int>(j) + 1)));
    if (x == 0) continue;
    Shift s = cols[j];
    s.count = x;
    plan.shifts.push_back(s);
    plan.paid_hours += std::uint64_t{x} * s.length;
    for (std::uint32_t i = 0; i < s.length; ++i) plan.staffed[(24 * s.day + s.start + i) % 168] += x;
  }
  return plan;
}

}  // namespace zccsim::models
