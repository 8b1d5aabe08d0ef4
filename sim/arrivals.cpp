// SPDX-License-Identifier: MIT
#include "arrivals.hpp"

#include "simulation.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace zccsim::sim {

namespace {
constexpr double inf = std::numeric_limits<double>::infinity();
}

RateProfile RateProfile::from_day_types(const std::array<double, 24>& weekday, const std::array<double, 24>& weekend,
                                        double hour_length) {
  RateProfile p;
  p.hour_length = hour_length;
  for (std::size_t d = 0; d < 7; ++d)
    for (std::size_t h = 0; h < 24; ++h) p.hourly[d * 24 + h] = (d < 5 ? weekday : weekend)[h];
  return p;
}

// Whole hours from week_start to t (monotone in t: the rate and the next
// boundary depend on t through it and through the surge edges).
static inline double hours_at(const RateProfile& p, double t) noexcept {
  return std::floor((t - p.week_start) / p.hour_length);
}

// The rate at t: the hour of week by the day types where the table covers
// t, else t's own. Forced inline into the arrival loop (the day types made it
// too big for GCC's heuristics, +2 % instructions for the default region).
[[gnu::always_inline]] static inline double rate_of(const RateProfile& p, double t) noexcept {
  const double hours = hours_at(p, t);
  const std::vector<std::uint8_t>& days = p.day_of_week;
  std::size_t i = 0;
  if (!days.empty() && hours >= 0.0 && hours < 24.0 * static_cast<double>(days.size())) {
    const auto hi = static_cast<std::size_t>(hours);
    i = std::size_t{days[hi / 24]} * 24 + hi % 24;
  } else {
    i = static_cast<std::size_t>(hours - 168.0 * std::floor(hours / 168.0));
  }
  double r = p.hourly[i];
  for (const Surge& s : p.surges)
    if (t >= s.begin && t < s.end) r *= s.factor;
  return r;
}

double RateProfile::rate_at(double t) const noexcept { return rate_of(*this, t); }

// The profile is constant between consecutive hour boundaries and surge edges.
static double next_boundary(const RateProfile& p, double t) {
  const double k = hours_at(p, t) + 1.0;
  double b = p.week_start + k * p.hour_length;
  if (b <= t) b = std::nextafter(t, inf);  // guard against rounding at huge t
  for (const Surge& s : p.surges) {
    if (s.begin > t && s.begin < b) b = s.begin;
    if (s.end > t && s.end < b) b = s.end;
  }
  return b;
}

double RateProfile::integral(double a, double b) const noexcept {
  double sum = 0.0;
  for (double t = a; t < b;) {
    const double e = std::min(b, next_boundary(*this, t));
    sum += rate_of(*this, t) * (e - t);
    t = e;
  }
  return sum;
}

void RateProfile::validate() const {
  if (!(hour_length > 0.0) || !std::isfinite(hour_length)) throw std::invalid_argument("hour length must be > 0");
  for (double r : hourly)
    if (!(r >= 0.0) || !std::isfinite(r)) throw std::invalid_argument("hourly rates must be >= 0");
  for (std::uint8_t d : day_of_week)
    if (d > 6) throw std::invalid_argument("a day type must be a day of week 0..6");
  for (const Surge& s : surges)
    if (!(s.factor >= 0.0) || !std::isfinite(s.factor) || !std::isfinite(s.begin) || !std::isfinite(s.end) ||
        !(s.end > s.begin))
      throw std::invalid_argument("a surge needs a finite factor >= 0 and finite begin < end");
}

ArrivalProcess ArrivalProcess::poisson(double rate) {
  if (!(rate >= 0.0) || !std::isfinite(rate)) throw std::invalid_argument("rate must be >= 0");
  ArrivalProcess p;
  p.kind_ = Kind::poisson;
  p.rate_ = rate;
  return p;
}

ArrivalProcess ArrivalProcess::renewal(Distribution interarrival) {
  if (!(interarrival.mean() > 0.0)) throw std::invalid_argument("inter-arrival mean must be > 0");
  ArrivalProcess p;
  p.kind_ = Kind::renewal;
  p.interarrival_ = std::move(interarrival);
  return p;
}

ArrivalProcess ArrivalProcess::nhpp(RateProfile profile) {
  profile.validate();
  ArrivalProcess p;
  p.kind_ = Kind::nhpp;
  p.rate_ = std::accumulate(profile.hourly.begin(), profile.hourly.end(), 0.0) / 168.0;
  p.profile_ = std::move(profile);
  return p;
}

double ArrivalProcess::mean_rate() const noexcept {
  return kind_ == Kind::renewal ? 1.0 / interarrival_.mean() : rate_;
}

double ArrivalProcess::expected(double a, double b) const noexcept {
  return kind_ == Kind::nhpp ? profile_->integral(a, b) : mean_rate() * (b - a);
}

// The segment from t whose rate and next boundary are r and b, found at t:
// up to b, and short of the first time whose whole hours exceed t's (by
// rounding, (x - week_start) / hour_length may reach the next hour a few ulps
// before b). Between t and b no surge edge lies (b stops at the first), so
// the surge factors hold too; the hours are monotone in time, so every time
// in [t, to) has t's hours, rate and boundary.
static RateSegment segment_from(const RateProfile& p, double t, double r, double b) noexcept {
  const double h = hours_at(p, t);
  double to = b;
  while (to > t && hours_at(p, std::nextafter(to, -inf)) != h) to = std::nextafter(to, -inf);
  return {t, to, r, b};
}

double ArrivalProcess::next(double now, RandomStream& rng, double until, RateSegment* segment) const {
  switch (kind_) {
    case Kind::poisson:
      return rate_ > 0.0 ? now - std::log(rng.uniform()) / rate_ : inf;
    case Kind::renewal:
      return now + interarrival_.sample(rng);
    case Kind::nhpp: {
      // Inversion: walk the piecewise-constant rate until the cumulated
      // intensity reaches an Exp(1) draw. Exact, and no draws are thinned away.
      if (rate_ <= 0.0) return inf;
      const RateProfile& p = *profile_;
      double need = -std::log(rng.uniform());
      double t = now;
      for (;;) {
        if (t >= until) return inf;  // no arrival up to `until`
        double r = 0.0, b = 0.0;
        if (segment && t >= segment->from && t < segment->to) {
          r = segment->rate;
          b = segment->end;
        } else {
          r = rate_of(p, t);
          b = next_boundary(p, t);
          if (segment) *segment = segment_from(p, t, r, b);
        }
        if (r > 0.0 && r * (b - t) >= need) return t + need / r;
        need -= r * (b - t);
        t = b;
      }
    }
  }
  return inf;
}

void ArrivalGenerator::start(Simulation& sim) { schedule_next(sim); }

void ArrivalGenerator::schedule_next(Simulation& sim) {
  const double t = process_.next(sim.now(), rng_, until_, &segment_);
  if (std::isfinite(t)) sim.schedule_at(t, *this, 0, 0, Priority::arrival);
}

void ArrivalGenerator::handle(Simulation& sim, std::uint32_t, std::uint64_t) {
  schedule_next(sim);  // first, so the sink sees a consistent future
  sink_->on_arrival(sim, source_);
}

}  // namespace zccsim::sim
