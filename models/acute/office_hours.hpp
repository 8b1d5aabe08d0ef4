// SPDX-License-Identifier: MIT
// Office hours: 08:00-17:00 on the days whose hours are a weekday's (minute
// 0 = Monday 00:00, start_date); the rest is out of hours (ANW hours). A
// public holiday of the scenario's calendar takes the hours of a Sunday
// (calendar.hpp, `calendar:` in docs/acute_schema.md), so it is out of hours
// all day; the loader's per-day table makes this one array lookup.
#pragma once

#include "acute_config.hpp"

#include <cmath>
#include <cstddef>

namespace zccsim::models::acute {

// Office hours by weekday (0 = Monday .. 6) and hour of day: 08-17 on Monday to Friday.
inline bool office_hour(std::size_t weekday, long hour) { return weekday < 5 && hour >= 8 && hour < 17; }

inline bool out_of_hours(double now, const Calendar& cal) {
  const auto h = static_cast<long>(std::floor(now / 60.0));
  return !office_hour(cal.weekday(h / 24), h % 24);
}

// The first minute of office hours at or after `now` (now itself in office
// hours): when the patient's own GP can be reached.
inline double next_office_opening(double now, const Calendar& cal) {
  if (!out_of_hours(now, cal)) return now;
  const auto h = static_cast<long>(std::floor(now / 60.0));
  long day = h / 24;
  const double opening = 8 * 60.0;
  if (cal.weekday(day) < 5 && h % 24 < 8) return static_cast<double>(day) * 1440.0 + opening;
  do ++day;
  while (cal.weekday(day) >= 5);  // the next office day (past the table every week has one)
  return static_cast<double>(day) * 1440.0 + opening;
}

}  // namespace zccsim::models::acute
