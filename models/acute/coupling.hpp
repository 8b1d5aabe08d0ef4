// SPDX-License-Identifier: MIT
// The acute chain's components, coupled as the model runs them: each holds
// plain pointers to the neighbours it calls. make_resources() makes every
// resource in the one fixed order results depend on (their roster events
// are scheduled on creation): per own region its lines and teams, then the
// zcc lines, then the sites in file order. The model (acute_model.cpp) and
// the tests of paths across components (tests/acute) use this one coupling.
#pragma once

#include "abandonment.hpp"
#include "ambulance_service.hpp"
#include "call_centre.hpp"
#include "demand.hpp"
#include "emergency_department.hpp"
#include "hospital.hpp"
#include "patient.hpp"
#include "placement.hpp"
#include "primary_care.hpp"
#include "router.hpp"

namespace zccsim::models::acute {

struct Coupling {
  explicit Coupling(const Context& ctx);
  Coupling(const Coupling&) = delete;
  Coupling& operator=(const Coupling&) = delete;

  void make_resources();

  Context ctx;
  Demand demand;
  CallCentre call_centre;
  Abandonment abandonment;
  Router router;
  PrimaryCare primary_care;
  AmbulanceService ambulance;
  EmergencyDepartment ed;
  Hospital hospital;
  Placement placement;
};

}  // namespace zccsim::models::acute
