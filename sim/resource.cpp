// SPDX-License-Identifier: MIT
#include "resource.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <stdexcept>

namespace zccsim::sim {

Resource::Resource(Simulation& sim, ResourceSpec spec, ResourceClient& client)
    : classes_(spec.classes), wait_statistics_(spec.wait_statistics), client_(client), spec_(std::move(spec)) {
  if (spec_.classes == 0) throw std::invalid_argument("resource '" + spec_.name + "': classes must be >= 1");
  if (!spec_.schedule.empty() && spec_.schedule.size() != 168)
    throw std::invalid_argument("resource '" + spec_.name + "': schedule needs 168 hourly values");
  const bool weekly = !spec_.schedule.empty() || !spec_.absences.empty();
  if (weekly && !(spec_.hour_length > 0.0))
    throw std::invalid_argument("resource '" + spec_.name + "': hour_length must be > 0");
  for (std::uint8_t d : spec_.day_of_week)
    if (d > 6) throw std::invalid_argument("resource '" + spec_.name + "': a day type must be a day of week 0..6");
  for (const Absence& a : spec_.absences) {
    if (a.by_hour.size() != 168)
      throw std::invalid_argument("resource '" + spec_.name + "': an absence needs 168 hourly values");
    if (!(a.to > a.from))
      throw std::invalid_argument("resource '" + spec_.name + "': an absence must end after it starts");
  }
  const std::uint32_t n = spec_.schedule.empty() ? spec_.servers
                                                 : *std::max_element(spec_.schedule.begin(), spec_.schedule.end());
  servers_.resize(n);
  free_bits_.assign((n + 63) / 64, 0);
  queues_.resize(spec_.discipline == QueueDiscipline::fifo ? 1 : spec_.classes);
  stats_.by_class.resize(spec_.classes);
  stats_.server_busy_time.assign(n, 0.0);
  const double t = sim.now();
  stats_.queue_length = stats_.busy = stats_.on_duty = stats_.absent = TimeWeighted(t, 0.0);
  if (!weekly) {
    set_capacity(sim, n);
  } else {
    apply_absences(t);
    const auto hour = hour_of(t);
    capacity_at(sim, hour);
    schedule_next_change(sim, hour);
    // an event at each end of an absence still to come
    for (std::size_t i = 0; i < spec_.absences.size(); ++i) {
      const Absence& a = spec_.absences[i];
      if (a.from > t) sim.schedule_at(a.from, *this, tag_absence, i, Priority::system);
      if (a.to > t) sim.schedule_at(a.to, *this, tag_absence, i, Priority::system);
    }
  }
  sim.add_recorder(*this);
}

void Resource::apply_absences(double now) {
  week_.resize(168);
  for (std::size_t h = 0; h < 168; ++h) week_[h] = scheduled(h);
  for (const Absence& a : spec_.absences)
    if (a.from <= now && now < a.to)
      for (std::size_t h = 0; h < 168; ++h) week_[h] -= std::min(week_[h], a.by_hour[h]);
  // from each hour of the week, the hours to the next one whose count (or
  // scheduled count: the absent ones are counted) differs from the hour
  // before it (walking backwards around the week twice)
  to_change_.assign(168, 0);
  for (std::size_t k = std::size_t{2} * 168; k-- > 0;) {
    const std::size_t h = k % 168, next = (h + 1) % 168;
    if (week_[next] != week_[h] || scheduled(next) != scheduled(h)) to_change_[h] = 1;
    else if (to_change_[next] != 0) to_change_[h] = static_cast<std::uint8_t>(to_change_[next] + 1);
  }
}

void Resource::capacity_at(Simulation& sim, std::uint64_t hour) {
  const std::size_t h = week_hour(hour);
  stats_.absent.set(sim.now(), scheduled(h) - week_[h]);
  set_capacity(sim, week_[h]);
}

std::optional<std::uint32_t> Resource::free_server() const noexcept {
  for (std::size_t w = 0; w < free_bits_.size(); ++w)
    if (free_bits_[w] != 0)
      return static_cast<std::uint32_t>(w * 64 + static_cast<std::size_t>(std::countr_zero(free_bits_[w])));
  return std::nullopt;
}

void Resource::occupy(Simulation& sim, std::uint32_t s, std::uint64_t entity, double arrival, std::uint32_t cls) {
  const double now = sim.now();
  Server& sv = servers_[s];
  sv.busy = true;
  sv.entity = entity;
  sv.arrival = arrival;
  sv.busy_since = now;
  free_bits_[s / 64] &= ~(1ULL << (s % 64));
  ++busy_;
  stats_.busy.set(now, busy_);
  ++stats_.started;
  if (!wait_statistics_) return;
  const double wait = now - arrival;
  stats_.wait.add(wait);
  stats_.wait_quantiles.add(wait);
  stats_.by_class[cls].wait.add(wait);
}

SeizeOutcome Resource::seize(Simulation& sim, std::uint64_t entity, std::uint32_t cls, double patience) {
  if (cls >= classes_) throw std::out_of_range("resource '" + spec_.name + "': class out of range");
  ++stats_.arrivals;
  if (wait_statistics_) ++stats_.by_class[cls].arrivals;
  const double now = sim.now();
  if (queued_ == 0) {
    if (const auto s = free_server()) {
      occupy(sim, *s, entity, now, cls);
      return {SeizeResult::served, *s};
    }
  }
  if (spec_.queue_capacity && queued_ >= *spec_.queue_capacity) {
    ++stats_.blocked;
    return {SeizeResult::rejected};
  }
  ++stats_.queued;
  if (wait_statistics_) ++stats_.by_class[cls].queued;
  const std::uint32_t id = entries_.acquire();
  entries_[id] = {entity, now, {}, cls, true};
  if (std::isfinite(patience)) entries_[id].patience = sim.schedule_in(std::max(0.0, patience), *this, tag_abandon, id);
  queues_[spec_.discipline == QueueDiscipline::fifo ? 0 : cls].push_back(id);
  ++queued_;
  stats_.queue_length.set(now, static_cast<double>(queued_));
  return {SeizeResult::queued};
}

std::optional<std::uint32_t> Resource::pop_queue() {
  for (auto& q : queues_) {
    while (!q.empty()) {
      const std::uint32_t id = q.front();
      q.pop_front();
      entries_.release(id);
      if (entries_[id].alive) return id;  // the entry stays readable until reused
    }
  }
  return std::nullopt;
}

void Resource::serve_queue(Simulation& sim) {
  while (queued_ > 0) {
    const auto s = free_server();
    if (!s) return;
    const auto id = pop_queue();
    Entry& e = entries_[*id];
    e.alive = false;
    sim.cancel(e.patience);
    --queued_;
    stats_.queue_length.set(sim.now(), static_cast<double>(queued_));
    occupy(sim, *s, e.entity, e.arrival, e.cls);
    sim.schedule_in(0.0, *this, tag_start, *s, Priority::release);
  }
}

void Resource::release(Simulation& sim, std::uint32_t s) {
  if (s >= servers_.size() || !servers_[s].busy)
    throw std::logic_error("resource '" + spec_.name + "': release of a server that is not busy");
  const double now = sim.now();
  Server& sv = servers_[s];
  if (wait_statistics_) stats_.sojourn.add(now - sv.arrival);
  ++stats_.completed;
  sv.busy_time += now - sv.busy_since;
  sv.busy = false;
  --busy_;
  stats_.busy.set(now, busy_);
  if (sv.retiring) {
    sv.retiring = false;
    sv.on_duty = false;
    --on_duty_;
    stats_.on_duty.set(now, on_duty_);
  } else {
    free_bits_[s / 64] |= 1ULL << (s % 64);
    serve_queue(sim);
  }
}

void Resource::set_capacity(Simulation& sim, std::uint32_t target) {
  target_ = target;
  const auto n = static_cast<std::uint32_t>(servers_.size());
  std::uint32_t active = 0;
  for (const Server& sv : servers_) active += sv.on_duty && !sv.retiring;
  // more staff: first keep retiring servers, then call in off-duty ones (lowest id first)
  for (std::uint32_t s = 0; s < n && active < target; ++s)
    if (servers_[s].retiring) servers_[s].retiring = false, ++active;
  for (std::uint32_t s = 0; s < n && active < target; ++s) {
    if (servers_[s].on_duty) continue;
    servers_[s].on_duty = true;
    free_bits_[s / 64] |= 1ULL << (s % 64);
    ++on_duty_, ++active;
  }
  // fewer staff: free servers leave now (highest id first); busy ones finish first
  for (std::uint32_t s = n; s-- > 0 && active > target;) {
    Server& sv = servers_[s];
    if (!sv.on_duty || sv.busy || sv.retiring) continue;
    sv.on_duty = false;
    free_bits_[s / 64] &= ~(1ULL << (s % 64));
    --on_duty_, --active;
  }
  for (std::uint32_t s = n; s-- > 0 && active > target;)
    if (servers_[s].busy && !servers_[s].retiring) servers_[s].retiring = true, --active;
  stats_.on_duty.set(sim.now(), on_duty_);
  serve_queue(sim);
}

void Resource::schedule_next_change(Simulation& sim, std::uint64_t hour) {
  if (to_change_[hour % 168] == 0) {  // the same count all week (then every entry is 0): nothing ever changes
    next_change_ = {};
    return;
  }
  const std::uint64_t h = spec_.day_of_week.empty() ? hour + to_change_[hour % 168] : next_change_by_day(hour);
  next_change_ = sim.schedule_at(static_cast<double>(h) * spec_.hour_length, *this, tag_schedule, h, Priority::system);
}

std::uint64_t Resource::next_change_by_day(std::uint64_t hour) const noexcept {
  // Where the days from `hour` to the week's next change are all plain (their
  // own day of week), the change table holds; across a day that takes
  // another day's hours, compare hour by hour until the days are plain again.
  for (std::uint64_t h = hour;;) {
    const std::uint64_t d = to_change_[h % 168];
    bool plain = true;
    for (std::uint64_t day = h / 24; plain && day <= (h + d) / 24; ++day) plain = plain_day(day);
    if (plain) return h + d;
    const std::size_t a = week_hour(h), b = week_hour(h + 1);
    ++h;
    if (week_[a] != week_[b] || scheduled(a) != scheduled(b)) return h;
  }
}

void Resource::handle(Simulation& sim, std::uint32_t tag, std::uint64_t arg) {
  switch (tag) {
    case tag_start: {
      const auto s = static_cast<std::uint32_t>(arg);
      client_.on_service_start(sim, *this, servers_[s].entity, s);
      return;
    }
    case tag_abandon: {
      Entry& e = entries_[static_cast<std::uint32_t>(arg)];
      e.alive = false;
      e.patience = {};
      --queued_;
      const double now = sim.now();
      stats_.queue_length.set(now, static_cast<double>(queued_));
      ++stats_.abandoned;
      if (wait_statistics_) {
        const double wait = now - e.arrival;
        stats_.wait.add(wait);
        stats_.wait_quantiles.add(wait);
        stats_.by_class[e.cls].wait.add(wait);
        stats_.sojourn.add(wait);
      }
      // keep dead entries from piling up while nobody is served
      auto& q = queues_[spec_.discipline == QueueDiscipline::fifo ? 0 : e.cls];
      if (q.size() > 64 + 2 * queued_) {
        std::erase_if(q, [&](std::uint32_t id) {
          if (entries_[id].alive) return false;
          entries_.release(id);
          return true;
        });
      }
      client_.on_abandon(sim, *this, e.entity);
      return;
    }
    case tag_schedule: {
      capacity_at(sim, arg);
      schedule_next_change(sim, arg);
      return;
    }
    case tag_absence: {  // an absence starts or ends: the week in force changes now
      sim.cancel(next_change_);
      const double now = sim.now();
      apply_absences(now);
      const auto hour = hour_of(now);
      capacity_at(sim, hour);
      schedule_next_change(sim, hour);
      return;
    }
    default:
      throw std::logic_error("resource: unknown event tag");
  }
}

void Resource::record_busy(double now) {
  for (Server& sv : servers_) {
    if (!sv.busy) continue;
    sv.busy_time += now - sv.busy_since;
    sv.busy_since = now;
  }
}

void Resource::reset(double now) {
  record_busy(now);
  stats_.arrivals = stats_.blocked = stats_.queued = stats_.abandoned = stats_.started = stats_.completed = 0;
  stats_.wait.reset();
  stats_.sojourn.reset();
  stats_.wait_quantiles.reset();
  stats_.queue_length.reset(now);
  stats_.busy.reset(now);
  stats_.on_duty.reset(now);
  stats_.absent.reset(now);
  for (auto& c : stats_.by_class) c = {};
  for (Server& sv : servers_) sv.busy_time = 0.0;
}

const ResourceStats& Resource::stats(double now) {
  record_busy(now);
  for (std::size_t s = 0; s < servers_.size(); ++s) stats_.server_busy_time[s] = servers_[s].busy_time;
  return stats_;
}

double Resource::utilization(double now) {
  const double avail = stats_.on_duty.integral(now);
  return avail > 0.0 ? stats_.busy.integral(now) / avail : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace zccsim::sim
