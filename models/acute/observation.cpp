// SPDX-License-Identifier: MIT
#include "observation.hpp"

#include <algorithm>

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
  sim_.add_recorder(*this);
  if (options_.hourly) sim_.schedule_at(60.0, *this, 0, 1, sim::Priority::observe);
}

void Observation::reset(double now) {
  warm_ = now;
  for (auto& l : last_integrals_) l = {0.0, 0.0, 0.0};
}

void Observation::handle(sim::Simulation&, std::uint32_t, std::uint64_t hour) {
  const double now = sim_.now();
  const std::vector<Tracked>& book = *book_;
  for (std::size_t i = 0; i < book.size(); ++i) {
    const auto& s = book[i].res->stats(now);
    const std::array<double, 3> cur{s.busy.integral(now), s.on_duty.integral(now), s.queue_length.integral(now)};
    auto& last = last_integrals_[i];
    // the integrals restart at the warm-up reset (which runs after this observer at equal times)
    const double span = now - std::max(now - 60.0, warm_);
    for (std::size_t k = 0; k < 3; ++k) {
      const double v = span > 0 ? (cur[k] - last[k]) / span : 0.0;
      (k == 0 ? series_[i].busy : k == 1 ? series_[i].on_duty : series_[i].queue).push_back(static_cast<float>(v));
    }
    last = cur;
  }
  sim_.schedule_at(static_cast<double>(hour + 1) * 60.0, *this, 0, hour + 1, sim::Priority::observe);
}

}  // namespace zccsim::models::acute
