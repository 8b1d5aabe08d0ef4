// SPDX-License-Identifier: MIT
#include "simulation.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace zccsim::sim {

EventHandle Simulation::schedule_at(double time, EventHandler& handler, std::uint32_t tag, std::uint64_t arg,
                                    Priority priority) {
  if (!(time >= now_))  // also catches NaN
    throw std::logic_error("event scheduled in the past or at NaN: t=" + std::to_string(time) +
                           " < now=" + std::to_string(now_));
  return fes_.push(time, priority, handler, tag, arg);
}

void Simulation::run_until(double end) {
  stopped_ = false;
  while (!stopped_ && fes_.prune() && fes_.next_time() <= end) {
    const Event ev = fes_.pop();
    now_ = ev.time;
    ++processed_;
    ev.handler->handle(*this, ev.tag, ev.arg);
  }
  if (!stopped_ && end > now_ && std::isfinite(end)) now_ = end;
}

void Simulation::set_warmup(double warmup) {
  warmup_ = warmup;
  if (warmup > now_) schedule_at(warmup, *this, 0, 0, Priority::system);
}

void Simulation::handle(Simulation&, std::uint32_t, std::uint64_t) {
  for (Recorder* r : recorders_) r->reset(now_);
}

}  // namespace zccsim::sim
