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

  // A new patient (the arrival generators' entry) of a generator (the stream + stream_count x its group of
  // areas, as start() numbers them; a stream index is its first group).
  void on_arrival(sim::Simulation& sim, std::uint32_t generator) override;
  // The patient will call again after `delay`: a new record with the same
  // need, urgency, area and first contact, drawing from a re-contact stream.
  void recontact_later(PatientId id, double delay);

  // The area of a draw u in [0, 1) by population (own regions only).
  std::uint32_t area_of(double u) const { return all_areas_.pick(u); }

 private:
  // Draws an area of a group by population.
  class AreaPicker {
   public:
    explicit AreaPicker(const AcuteConfig& cfg, std::vector<std::uint32_t> areas);
    std::uint32_t pick(double u) const;

   private:
    std::vector<std::uint32_t> areas_;
    std::vector<double> cum_;
    std::vector<std::uint32_t> guide_;  // bucket of [0, 1) -> first area to look at
  };

  void handle(sim::Simulation& sim, std::uint32_t tag, std::uint64_t arg) override;  // a re-contact calls

  Context ctx_;
  Counters& c_;
  CallCentre* call_centre_ = nullptr;
  Router* router_ = nullptr;
  AmbulanceService* ambulance_ = nullptr;
  std::array<std::uint64_t, stream_count> arrivals_{};  // arrival numbers, per stream
  AreaPicker all_areas_;                                // every own area
  // Per stream, its groups of areas (demand_groups) and where each group's
  // patients live; a generator's source is stream + stream_count x group.
  std::array<std::vector<DemandGroup>, stream_count> groups_;
  std::array<std::vector<AreaPicker>, stream_count> pickers_;
  std::vector<std::unique_ptr<sim::ArrivalGenerator>> gens_;
};

}  // namespace zccsim::models::acute
