// SPDX-License-Identifier: MIT
// The router: an assigned response (after triage, or decided outside the
// phone lines) goes to the component that gives it; under-triage may make
// the patient call again later (demand makes the re-contact).
#pragma once

#include "patient.hpp"

namespace zccsim::models::acute {

class Demand;
class PrimaryCare;
class AmbulanceService;
class EmergencyDepartment;
class Placement;
class CallCentre;

class Router {
 public:
  // The components a response can go to; a response whose component is
  // not connected must not be assigned.
  struct Links {
    Demand* demand = nullptr;
    PrimaryCare* primary_care = nullptr;
    AmbulanceService* ambulance = nullptr;
    EmergencyDepartment* ed = nullptr;
    Placement* placement = nullptr;
    CallCentre* call_centre = nullptr;  // books the rides a GP refers on to
  };

  explicit Router(const Context& ctx) : ctx_(ctx), c_(ctx.accounting.counters()) {}
  void connect(const Links& links) { links_ = links; }

  void assign(PatientId id, Response r);
  // After a consult or home visit: the GP refers the patient on to the
  // need (an ambulance is booked through the dispatch room).
  void refer_on(PatientId id);

 private:
  Context ctx_;
  Counters& c_;
  Links links_;
};

}  // namespace zccsim::models::acute
