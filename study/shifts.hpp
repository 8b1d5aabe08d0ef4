// SPDX-License-Identifier: MIT
// From hours to shifts: the cheapest set of shifts that gives at least the
// required staff in every hour of the week, as an integer program (set
// covering) solved by GLPK (Debian libglpk-dev):
//   minimise   sum_j length_j x_j                  (paid hours; times cost_per_hour)
//   subject to sum_{j covers h} x_j >= required(h)  for every hour h of the week
//              0 <= x_j <= max_per_shift, x_j integer,
// over every shift j = (day, allowed start hour, allowed length); a shift
// that runs past Sunday 24:00 covers Monday's first hours (the week repeats).
#pragma once

#include <array>
#include <cstdint>
#include <vector>

namespace zccsim::models {

struct ShiftRules {
  std::vector<std::uint32_t> starts;             // allowed start hours of the day, 0..23 (empty: every hour)
  std::uint32_t min_length = 4, max_length = 9;  // hours, 1..24
  std::uint32_t max_per_shift = 0;               // most staff on one shift (a day, start and length); 0: no limit
  double cost_per_hour = 0.0;                    // cost of a paid hour (0: costs not reported)
  double time_limit = 60.0;                      // seconds GLPK may search (the plan says whether it proved optimality)
};

struct Shift {
  std::uint32_t day = 0, start = 0, length = 0, count = 0;  // day 0 = Monday
};

struct ShiftPlan {
  std::vector<Shift> shifts;                 // with count >= 1, by day, start, length
  std::array<std::uint32_t, 168> staffed{};  // staff on duty by hour of the week
  std::uint64_t paid_hours = 0;              // per week
  bool optimal = false;                      // GLPK proved the optimum (else: the best found in time_limit)
};

// Throws std::invalid_argument on bad rules, std::runtime_error when no set
// of allowed shifts covers the requirement (an hour no allowed shift covers,
// or max_per_shift too small) or GLPK fails.
// `closed` (if given): hours no shift may cover (a line closed then).
ShiftPlan cover_with_shifts(const std::array<std::uint32_t, 168>& required, const ShiftRules& rules,
                            const std::array<bool, 168>* closed = nullptr);

}  // namespace zccsim::models
