// SPDX-License-Identifier: MIT
// Callers who hang up: each calls the line again (phone.redial_probability,
// at most three redials) or, after the last attempt, takes one of the paths
// of phone.gave_up (by urgent or not): 112 (the dispatch line), a walk-in at
// the nearest ED (through the router, as the walk-in stream), the own GP
// in the next office hours (counted, costed, outside the model) or home
// (counted; a safety event when urgent; like an under-triaged patient, may
// call again later). No caller vanishes.
#pragma once

#include "patient.hpp"

#include <cstdint>

namespace zccsim::models::acute {

class CallCentre;
class Demand;
class Router;

class Abandonment final : private sim::EventHandler {
 public:
  static constexpr std::uint8_t max_redials = 3;

  explicit Abandonment(const Context& ctx) : ctx_(ctx), c_(ctx.accounting.counters()) {}
  void connect(CallCentre& call_centre, Router& router, Demand& demand) {
    call_centre_ = &call_centre;
    router_ = &router;
    demand_ = &demand;
  }

  // The caller's patience ran out (the call centre has counted the hang-up).
  void hung_up(PatientId id);

 private:
  void handle(sim::Simulation& sim, std::uint32_t tag, std::uint64_t arg) override;  // a redial
  void give_up(PatientId id);
  void stay_home(PatientId id);

  Context ctx_;
  Counters& c_;
  CallCentre* call_centre_ = nullptr;
  Router* router_ = nullptr;
  Demand* demand_ = nullptr;
};

}  // namespace zccsim::models::acute
