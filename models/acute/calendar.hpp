// SPDX-License-Identifier: MIT
// Dutch public holidays by rule, for any Gregorian year, and the per-day
// table of the day of week whose hours apply (issue #10, mechanism 5): on a
// public holiday the daytime GP practices are closed and the HAP runs its
// weekend service (ANW hours include "feestdagen"), so a holiday takes the
// hours of a Sunday (the scenario's `calendar: holiday_as`) for office
// hours, the demand profile and every roster.
//
// The holidays are the "algemeen erkende feestdagen" of the Algemene
// termijnenwet (art. 3), as rijksoverheid.nl lists them ("Officiële
// feestdagen"): New Year's Day, Good Friday, Easter Sunday and Monday,
// King's Day, Liberation Day, Ascension Day, Whit Sunday and Monday,
// Christmas Day and Boxing Day. Easter Sunday and Whit Sunday are Sundays
// anyway. Good Friday and Liberation Day (5 May) are not a day off for
// everyone (most GP practices open, by collective agreement Liberation Day
// only every fifth year), so the shipped scenarios leave them out; a
// scenario may list them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace zccsim::models::acute {

enum class Holiday : std::uint8_t {
  new_years_day,   // 1 January
  good_friday,     // Easter - 2
  easter_monday,   // Easter + 1
  kings_day,       // 27 April, 26 April when the 27th is a Sunday
  liberation_day,  // 5 May
  ascension_day,   // Easter + 39
  whit_monday,     // Easter + 50
  christmas_day,   // 25 December
  boxing_day,      // 26 December
};
inline constexpr std::size_t holiday_count = 9;
inline constexpr std::string_view holiday_names[holiday_count] = {"new_years_day", "good_friday",    "easter_monday",
                                                                  "kings_day",     "liberation_day", "ascension_day",
                                                                  "whit_monday",   "christmas_day",  "boxing_day"};

// Days since 1970-01-01 of a proleptic Gregorian date (days_from_civil,
// H. Hinnant, "chrono-Compatible Low-Level Date Algorithms").
constexpr long days_from_civil(long y, long m, long d) noexcept {
  y -= m <= 2 ? 1 : 0;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

// The year of a day since 1970-01-01 (civil_from_days, the same source).
constexpr long year_of(long days) noexcept {
  const long z = days + 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  return yoe + era * 400 + (mp >= 10 ? 1 : 0);
}

// 0 = Monday.
constexpr int weekday_of(long days) noexcept {
  return static_cast<int>(((days % 7) + 7 + 3) % 7);  // 1970-01-01 was a Thursday
}

// Easter Sunday of a Gregorian year, in days since 1970-01-01: the
// anonymous Gregorian computus (Meeus/Jones/Butcher).
constexpr long easter_sunday(long year) noexcept {
  const long a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
  const long f = (b + 8) / 25, g = (b - f + 1) / 3;
  const long h = (19 * a + b - d - g + 15) % 30;
  const long i = c / 4, k = c % 4;
  const long l = (32 + 2 * e + 2 * i - h - k) % 7;
  const long m = (a + 11 * h + 22 * l) / 451;
  const long month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
  return days_from_civil(year, month, day);
}

// The date of a holiday in a year, in days since 1970-01-01.
constexpr long holiday_date(Holiday h, long year) noexcept {
  switch (h) {
    case Holiday::new_years_day:
      return days_from_civil(year, 1, 1);
    case Holiday::good_friday:
      return easter_sunday(year) - 2;
    case Holiday::easter_monday:
      return easter_sunday(year) + 1;
    case Holiday::kings_day: {
      const long d = days_from_civil(year, 4, 27);
      return weekday_of(d) == 6 ? d - 1 : d;
    }
    case Holiday::liberation_day:
      return days_from_civil(year, 5, 5);
    case Holiday::ascension_day:
      return easter_sunday(year) + 39;
    case Holiday::whit_monday:
      return easter_sunday(year) + 50;
    case Holiday::christmas_day:
      return days_from_civil(year, 12, 25);
    case Holiday::boxing_day:
      return days_from_civil(year, 12, 26);
  }
  return 0;
}

// The day of week (0 = Monday) whose hours apply on each of `days` days
// from `start_day` (a Monday, days since 1970-01-01): the day itself, or
// `holiday_as` on a listed holiday. Empty when no holiday falls in them (every
// day is itself), so a run without holidays does no work for them.
inline std::vector<std::uint8_t> day_of_week_table(long start_day, std::size_t days,
                                                   const std::vector<Holiday>& holidays, std::uint8_t holiday_as) {
  std::vector<std::uint8_t> t(days);
  for (std::size_t d = 0; d < days; ++d) t[d] = static_cast<std::uint8_t>(d % 7);
  bool any = false;
  const long end = start_day + static_cast<long>(days);
  for (long y = year_of(start_day); y <= year_of(end - 1); ++y)
    for (Holiday h : holidays) {
      const long date = holiday_date(h, y);
      if (date < start_day || date >= end) continue;
      auto& v = t[static_cast<std::size_t>(date - start_day)];
      any = any || v != holiday_as;
      v = holiday_as;
    }
  if (!any) t.clear();
  return t;
}

}  // namespace zccsim::models::acute
