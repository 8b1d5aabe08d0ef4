// SPDX-License-Identifier: MIT
// Public holidays (issue #10, mechanism 5): the Dutch holidays by rule for
// any year, the per-day table and office hours with holidays as Sundays.
#include "models/acute/calendar.hpp"
#include "models/acute/office_hours.hpp"

#include <catch2/catch.hpp>

using namespace zccsim::models::acute;

namespace {

constexpr long date(long y, long m, long d) { return days_from_civil(y, m, d); }

// The calendar of a run from Monday 6 January 2025 (the shipped start_date)
// over two years, with the shipped scenario's seven holidays as Sundays.
Calendar shipped() {
  Calendar c;
  c.public_holidays = {Holiday::new_years_day, Holiday::easter_monday, Holiday::kings_day, Holiday::ascension_day,
                       Holiday::whit_monday,   Holiday::christmas_day, Holiday::boxing_day};
  c.day_of_week = day_of_week_table(date(2025, 1, 6), 2 * 365, c.public_holidays, c.holiday_as);
  return c;
}

// Minutes since Monday 6 January 2025 00:00 of a date and hour.
double at(long y, long m, long d, double hour) {
  return static_cast<double>(date(y, m, d) - date(2025, 1, 6)) * 1440.0 + hour * 60.0;
}

}  // namespace

TEST_CASE("calendar: dates and weekdays", "[calendar]") {
  CHECK(date(1970, 1, 1) == 0);
  CHECK(date(2025, 1, 6) == 20094);
  CHECK(weekday_of(date(2025, 1, 6)) == 0);   // a Monday
  CHECK(weekday_of(date(2025, 4, 27)) == 6);  // a Sunday
  CHECK(weekday_of(date(2000, 2, 29)) == 1);  // a Tuesday
  for (long y : {1900L, 1999L, 2000L, 2024L, 2025L, 2100L})
    for (long m : {1L, 2L, 3L, 12L}) {
      CHECK(year_of(date(y, m, 1)) == y);
      CHECK(year_of(date(y, m, 28)) == y);
    }
  CHECK(year_of(date(2025, 12, 31)) == 2025);
  CHECK(year_of(date(2025, 12, 31) + 1) == 2026);
}

TEST_CASE("calendar: Easter by the Gregorian computus", "[calendar]") {
  CHECK(easter_sunday(2024) == date(2024, 3, 31));
  CHECK(easter_sunday(2025) == date(2025, 4, 20));
  CHECK(easter_sunday(2026) == date(2026, 4, 5));
  CHECK(easter_sunday(2019) == date(2019, 4, 21));
  CHECK(easter_sunday(2000) == date(2000, 4, 23));
  CHECK(easter_sunday(2008) == date(2008, 3, 23));
  CHECK(easter_sunday(2038) == date(2038, 4, 25));  // the latest possible
  CHECK(easter_sunday(2285) == date(2285, 3, 22));  // the earliest possible
  for (long y = 1900; y <= 2200; ++y) {
    INFO(y);
    const long e = easter_sunday(y);
    CHECK(weekday_of(e) == 6);
    CHECK(e >= date(y, 3, 22));
    CHECK(e <= date(y, 4, 25));
  }
}

TEST_CASE("calendar: the Dutch public holidays by rule", "[calendar]") {
  CHECK(holiday_date(Holiday::new_years_day, 2026) == date(2026, 1, 1));
  CHECK(holiday_date(Holiday::good_friday, 2025) == date(2025, 4, 18));
  CHECK(holiday_date(Holiday::easter_monday, 2025) == date(2025, 4, 21));
  CHECK(holiday_date(Holiday::kings_day, 2025) == date(2025, 4, 26));  // 27 April 2025 is a Sunday
  CHECK(holiday_date(Holiday::kings_day, 2026) == date(2026, 4, 27));  // a Monday
  CHECK(holiday_date(Holiday::kings_day, 2014) == date(2014, 4, 26));  // 27 April 2014 was a Sunday
  CHECK(holiday_date(Holiday::liberation_day, 2025) == date(2025, 5, 5));
  CHECK(holiday_date(Holiday::ascension_day, 2025) == date(2025, 5, 29));
  CHECK(holiday_date(Holiday::ascension_day, 2026) == date(2026, 5, 14));
  CHECK(holiday_date(Holiday::whit_monday, 2025) == date(2025, 6, 9));
  CHECK(holiday_date(Holiday::whit_monday, 2026) == date(2026, 5, 25));
  CHECK(holiday_date(Holiday::christmas_day, 2025) == date(2025, 12, 25));
  CHECK(holiday_date(Holiday::boxing_day, 2025) == date(2025, 12, 26));
  for (long y = 2000; y <= 2100; ++y) {
    INFO(y);
    CHECK(weekday_of(holiday_date(Holiday::ascension_day, y)) == 3);  // a Thursday
    CHECK(weekday_of(holiday_date(Holiday::whit_monday, y)) == 0);
    CHECK(weekday_of(holiday_date(Holiday::easter_monday, y)) == 0);
    CHECK(weekday_of(holiday_date(Holiday::good_friday, y)) == 4);
    CHECK(weekday_of(holiday_date(Holiday::kings_day, y)) != 6);  // never on a Sunday
  }
}

TEST_CASE("calendar: the per-day table; empty without a holiday in the run", "[calendar]") {
  const Calendar c = shipped();
  std::vector<long> holidays;
  for (std::size_t d = 0; d < c.day_of_week.size(); ++d)
    if (c.day_of_week[d] != d % 7) holidays.push_back(static_cast<long>(d) + date(2025, 1, 6));
  // the days that take a Sunday's hours (New Year's Day 2025 is before the
  // start; King's Day 2025 and Boxing Day 2026 are Saturdays, as Sundays)
  const std::vector<long> expected{date(2025, 4, 21),  date(2025, 4, 26),  date(2025, 5, 29), date(2025, 6, 9),
                                   date(2025, 12, 25), date(2025, 12, 26), date(2026, 1, 1),  date(2026, 4, 6),
                                   date(2026, 4, 27),  date(2026, 5, 14),  date(2026, 5, 25), date(2026, 12, 25),
                                   date(2026, 12, 26), date(2027, 1, 1)};
  CHECK(holidays == expected);
  for (long h : expected) CHECK(c.weekday(h - date(2025, 1, 6)) == 6);
  CHECK(c.weekday(100000) == 100000 % 7);  // past the table: the day itself
  // a run with no holiday in it has no table
  CHECK(day_of_week_table(date(2025, 1, 6), 70, c.public_holidays, 6).empty());
  CHECK(day_of_week_table(date(2025, 1, 6), 365, {}, 6).empty());
}

TEST_CASE("calendar: a public holiday is out of hours all day; the own GP is reached on the next office day",
          "[calendar]") {
  const Calendar c = shipped(), none{};
  CHECK(out_of_hours(at(2025, 12, 25, 10), c));  // Christmas Day, a Thursday
  CHECK_FALSE(out_of_hours(at(2025, 12, 25, 10), none));
  CHECK_FALSE(out_of_hours(at(2025, 12, 23, 10), c));  // a plain Tuesday
  CHECK(out_of_hours(at(2025, 12, 23, 17), c));
  CHECK(out_of_hours(at(2025, 12, 23, 7.99), c));
  CHECK(out_of_hours(at(2025, 5, 29, 12), c));  // Ascension Day
  CHECK(out_of_hours(at(2025, 6, 9, 8), c));    // Whit Monday
  CHECK_FALSE(out_of_hours(at(2025, 6, 10, 8), c));
  // Christmas Eve 18:00: past Christmas, Boxing Day and the weekend to Monday 29 December
  CHECK(next_office_opening(at(2025, 12, 24, 18), c) == at(2025, 12, 29, 8));
  CHECK(next_office_opening(at(2025, 12, 24, 18), none) == at(2025, 12, 25, 8));
  CHECK(next_office_opening(at(2025, 12, 31, 20), c) == at(2026, 1, 2, 8));  // New Year's Day, then Friday
  CHECK(next_office_opening(at(2025, 5, 29, 3), c) == at(2025, 5, 30, 8));   // Ascension: the Friday
  CHECK(next_office_opening(at(2025, 5, 30, 3), c) == at(2025, 5, 30, 8));   // the Friday itself before 08:00
  CHECK(next_office_opening(at(2025, 5, 30, 9), c) == at(2025, 5, 30, 9));   // open
}
