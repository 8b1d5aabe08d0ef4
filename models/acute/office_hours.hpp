// SPDX-License-Identifier: MIT
// Office hours: weekdays 08:00-17:00 (minute 0 = Monday 00:00, start_date);
// the rest of the week is out of hours (ANW hours). Public holidays are not
// modelled.
#pragma once

#include <cmath>

namespace zccsim::models::acute {

inline constexpr double minutes_per_week = 7 * 1440.0;

inline bool out_of_hours(double now) {
  const auto h = static_cast<long>(std::floor(now / 60.0)) % 168;
  const long day = h / 24, hour = h % 24;
  return day >= 5 || hour < 8 || hour >= 17;
}

// The first minute of office hours at or after `now` (now itself in office
// hours): when the patient's own GP can be reached.
inline double next_office_opening(double now) {
  if (!out_of_hours(now)) return now;
  const double week = std::floor(now / minutes_per_week) * minutes_per_week;
  const auto day = static_cast<long>(std::floor((now - week) / 1440.0));
  const double opening = 8 * 60.0;
  if (day < 5 && now - week - static_cast<double>(day) * 1440.0 < opening)
    return week + static_cast<double>(day) * 1440.0 + opening;
  const long next = day + 1 < 5 ? day + 1 : 7;  // the next weekday (Monday of next week after Friday)
  return week + static_cast<double>(next) * 1440.0 + opening;
}

}  // namespace zccsim::models::acute
