// SPDX-License-Identifier: MIT
#include "observation.hpp"

#include <algorithm>
#include <stdexcept>

namespace zccsim::models::acute {

const std::vector<std::string> log_event_names{
    "arrival",    "line_join", "answered",   "hung_up", "triaged", "care_start", "ambulance_on_scene",
    "ed_arrival", "ed_place",  "bed_search", "placed",  "end",     "gave_up"};

void Observation::start(const std::vector<Tracked>& book) {
  book_ = &book;
  if (options_.hourly)
    for (const Tracked& t : book) {
      series_.push_back({t.name, group_kind(t.group), {}, {}, {}});
      last_integrals_.push_back({0.0, 0.0, 0.0});
    }
  if (options_.daily_busy) {
    for (const Tracked& t : book) {
      const std::string kind = group_kind(t.group);
      std::size_t k = 0;
      while (k < daily_.size() && daily_[k].kind != kind) ++k;
      if (k == daily_.size()) daily_.push_back({kind, {}});
      kind_of_.push_back(k);
    }
    day_sum_.assign(daily_.size(), 0.0);
    last_day_sum_.assign(daily_.size(), 0.0);
  }
  sim_.add_recorder(*this);
  if (options_.hourly) sim_.schedule_at(60.0, *this, tag_hour, 1, sim::Priority::observe);
  if (options_.daily_busy) sim_.schedule_at(1440.0, *this, tag_day, 1, sim::Priority::observe);
}

void Observation::reset(double now) {
  warm_ = now;
  for (auto& l : last_integrals_) l = {0.0, 0.0, 0.0};
  std::fill(last_day_sum_.begin(), last_day_sum_.end(), 0.0);
}

void Observation::watch_lines(const std::vector<std::string>& line_names, const Calendar& calendar, double warmup) {
  calendar_ = &calendar;
  line_warmup_ = warmup;
  watched_.assign(line_names.size(), {});
  for (const sim::AnswerWithin& a : options_.answer_within) {
    const auto it = std::find(line_names.begin(), line_names.end(), a.resource);
    if (it == line_names.end()) {
      std::string names;
      for (const auto& n : line_names) names += (names.empty() ? "" : ", ") + n;
      throw std::invalid_argument("answer_within: no phone line '" + a.resource + "'; lines: " + names);
    }
    watched_[static_cast<std::size_t>(it - line_names.begin())].push_back(states_.size());
    states_.push_back({a, {}, {}, {}});
  }
}

// The roster's hour of the week at time t (minutes): a holiday takes the
// hours of the calendar's holiday_as day, as every roster does.
std::size_t Observation::hour_of_week(double t) const noexcept {
  const auto hour = static_cast<std::uint64_t>(t / 60.0);
  return calendar_->weekday(static_cast<long>(hour / 24)) * 24 + hour % 24;
}

void Observation::line_joined(std::uint32_t line, const sim::Resource& res, std::uint8_t urgency) {
  const double now = sim_.now();
  if (now < line_warmup_) return;
  const std::size_t h = hour_of_week(now);
  for (const std::size_t i : watched_[line]) {
    sim::ArrivalStates& st = states_[i];
    if (!st.asked.counts(urgency)) continue;
    const auto ahead = static_cast<std::size_t>(res.busy_count()) +
                       res.ahead_of(std::min(st.asked.last_class, res.spec().classes - 1));
    ++st.arrivals[h];
    auto& f = st.found[h];
    if (f.size() <= ahead) f.resize(ahead + 1, 0);
    ++f[ahead];
  }
}

void Observation::line_answered(std::uint32_t line, double joined, std::uint8_t urgency, double wait) {
  if (joined < line_warmup_) return;
  const std::size_t h = hour_of_week(joined);
  for (const std::size_t i : watched_[line]) {
    sim::ArrivalStates& st = states_[i];
    if (st.asked.counts(urgency) && wait <= st.asked.within) ++st.answered[h];
  }
}

void Observation::handle(sim::Simulation&, std::uint32_t tag, std::uint64_t n) {
  // n: the hour or day that ends now
  if (tag == tag_hour) {
    record_hour();
    sim_.schedule_at(static_cast<double>(n + 1) * 60.0, *this, tag_hour, n + 1, sim::Priority::observe);
  } else {
    record_day();
    sim_.schedule_at(static_cast<double>(n + 1) * 1440.0, *this, tag_day, n + 1, sim::Priority::observe);
  }
}

// The integrals restart at the warm-up reset, which runs after these
// observers at equal times: the hour or day that holds the reset averages
// over the time since it.
void Observation::record_hour() {
  const double now = sim_.now();
  const std::vector<Tracked>& book = *book_;
  const double span = now - std::max(now - 60.0, warm_);
  for (std::size_t i = 0; i < book.size(); ++i) {
    const auto& s = book[i].res->kept_stats();
    const std::array<double, 3> cur{s.busy.integral(now), s.on_duty.integral(now), s.queue_length.integral(now)};
    auto& last = last_integrals_[i];
    for (std::size_t k = 0; k < 3; ++k) {
      const double v = span > 0 ? (cur[k] - last[k]) / span : 0.0;
      (k == 0 ? series_[i].busy : k == 1 ? series_[i].on_duty : series_[i].queue).push_back(static_cast<float>(v));
    }
    last = cur;
  }
}

void Observation::record_day() {
  const double now = sim_.now();
  const std::vector<Tracked>& book = *book_;
  const double span = now - std::max(now - 1440.0, warm_);
  std::fill(day_sum_.begin(), day_sum_.end(), 0.0);
  for (std::size_t i = 0; i < book.size(); ++i) day_sum_[kind_of_[i]] += book[i].res->kept_stats().busy.integral(now);
  for (std::size_t k = 0; k < daily_.size(); ++k) {
    daily_[k].busy.push_back(span > 0 ? (day_sum_[k] - last_day_sum_[k]) / span : 0.0);
    last_day_sum_[k] = day_sum_[k];
  }
}

}  // namespace zccsim::models::acute
