// SPDX-License-Identifier: MIT
// Demand: the arrival streams (hour-of-week profiles, surges), the area a
// patient lives in, the patient's record (need, urgency, own random stream)
// and its first step; re-contacts after under-triage.
#pragma once

#include "acute_loader.hpp"
#include "patient.hpp"
#include "sim/arrivals.hpp"

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

namespace zccsim::models::acute {

class AmbulanceService;
class CallCentre;
class Router;

class Demand final : public sim::ArrivalSink, private sim::EventHandler {
 public:
  explicit Demand(const Context& ctx);
  void connect(CallCentre& call_centre, Router& router) {
    call_centre_ = &call_centre;
    router_ = &router;
  }
  void connect(AmbulanceService& ambulance) { ambulance_ = &ambulance; }  // planned rides

  // Starts the enabled streams (after the resources are made).
  void start();

  // A new patient of stream `source` (also the arrival generators' entry).
  void on_arrival(sim::Simulation& sim, std::uint32_t source) override;
  // The patient will call again after `delay`: a new record with the same
  // need, urgency, area and first contact, drawing from a re-contact stream.
  void recontact_later(PatientId id, double delay);

  // The area of a draw u in [0, 1) by population (own regions only).
  std::uint32_t area_of(double u) const;

 private:
  void handle(sim::Simulation& sim, std::uint32_t tag, std::uint64_t arg) override;  // a re-contact calls

  Context ctx_;
  Counters& c_;
  CallCentre* call_centre_ = nullptr;
  Router* router_ = nullptr;
  AmbulanceService* ambulance_ = nullptr;
  std::array<std::uint64_t, stream_count> arrivals_{};  // arrival numbers, per stream
  std::vector<std::uint32_t> own_areas_;
  std::vector<double> area_cum_;
  std::vector<std::uint32_t> area_guide_;  // bucket of [0, 1) -> first area to look at
  std::vector<std::unique_ptr<sim::ArrivalGenerator>> gens_;
};

}  // namespace zccsim::models::acute
