// SPDX-License-Identifier: MIT
// Arrival processes: Poisson, renewal (any inter-arrival distribution), and
// non-homogeneous Poisson with a piecewise-constant hour-of-week rate profile
// with optional day types (a day taking another weekday's rates) and
// multipliers on time ranges (surges).
#pragma once

#include "distribution.hpp"
#include "event_queue.hpp"
#include "random.hpp"

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

namespace zccsim::sim {

class Simulation;

// Rate multiplier on [begin, end) in model time.
struct Surge {
  double begin, end, factor;
};

struct RateProfile {
  std::array<double, 168> hourly{};  // arrivals per time unit, hour 0 = Monday 00:00-01:00
  double hour_length = 60.0;         // time units per hour
  double week_start = 0.0;           // model time at which hour 0 of a week begins
  std::vector<Surge> surges;
  // Day types (empty: none): day d from week_start takes the rates of day of
  // week day_of_week[d] (0..6, 0 = the week's first day); days past the end
  // (and before week_start) are themselves.
  std::vector<std::uint8_t> day_of_week;

  // Builds the profile from day types: `weekday` for Monday-Friday and
  // `weekend` for Saturday-Sunday, 24 rates each.
  static RateProfile from_day_types(const std::array<double, 24>& weekday, const std::array<double, 24>& weekend,
                                    double hour_length);

  double rate_at(double t) const noexcept;
  // Expected number of arrivals in [a, b).
  double integral(double a, double b) const noexcept;
  void validate() const;  // throws std::invalid_argument
};

// A stretch [from, to) of model time on which a profile's rate and next
// boundary are those found at `from` (empty until set): an arrival generator
// keeps the last one, so that arrivals within one hour of the profile skip
// the hour-of-week lookup (issue #13).
struct RateSegment {
  double from = 0.0, to = 0.0;  // empty
  double rate = 0.0, end = 0.0;
};

class ArrivalProcess {
 public:
  static ArrivalProcess poisson(double rate);
  static ArrivalProcess renewal(Distribution interarrival);
  static ArrivalProcess nhpp(RateProfile profile);

  // Time of the next arrival after `now` (infinity if the rate is zero
  // forever). A profile's walk stops at `until` (infinity there): the work is
  // bounded by the hours to `until` whatever the profile (a zero-factor
  // surge past the end of a run); an arrival after `until` may be returned.
  // `segment` (optional, NHPP only) is read and updated: the same result as
  // without it, with less work while arrivals stay in one segment.
  double next(double now, RandomStream& rng, double until = std::numeric_limits<double>::infinity(),
              RateSegment* segment = nullptr) const;
  // Long-run arrival rate per time unit (the profile's weekly mean for NHPP).
  double mean_rate() const noexcept;
  // Expected number of arrivals in [a, b) (a renewal process: its long-run rate).
  double expected(double a, double b) const noexcept;

 private:
  enum class Kind { poisson, renewal, nhpp };
  Kind kind_ = Kind::poisson;
  double rate_ = 0.0;
  Distribution interarrival_;
  std::optional<RateProfile> profile_;
};

// Drives an ArrivalProcess: calls the sink at every arrival.
class ArrivalSink {
 public:
  virtual void on_arrival(Simulation& sim, std::uint32_t source) = 0;

 protected:
  ~ArrivalSink() = default;
};

class ArrivalGenerator final : private EventHandler {
 public:
  // Arrivals up to `until`, the end of the run (a profile's search stops there).
  ArrivalGenerator(ArrivalProcess process, RandomStream rng, ArrivalSink& sink, std::uint32_t source,
                   double until = std::numeric_limits<double>::infinity())
      : process_(std::move(process)), rng_(rng), sink_(&sink), source_(source), until_(until) {}
  void start(Simulation& sim);

 private:
  void handle(Simulation& sim, std::uint32_t tag, std::uint64_t arg) override;
  void schedule_next(Simulation& sim);
  ArrivalProcess process_;
  RandomStream rng_;
  ArrivalSink* sink_;
  std::uint32_t source_;
  double until_;
  RateSegment segment_;
};

}  // namespace zccsim::sim
