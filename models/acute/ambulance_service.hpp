// SPDX-License-Identifier: MIT
// The ambulance service: a request goes to the nearest free vehicle of the
// patient's ambulance area (its area's RAV, else its region), or of another
// (a neighbouring region's; between RAVs, any region's) when none of its own
// is near or free (ambulance.help_after_minutes, help_max_minutes), counted
// as help received and, by an own region's vehicle, given; with dispatch
// centres, a RAV of another centre helps only past
// help_other_centre_after_minutes and after help_request_minutes, counted
// apart as well; without one it waits,
// A1 before A2 before B. An A1 crew may be alerted while the dispatcher is
// still on the call (ambulance.prealert_minutes). On scene; then the
// transport by need (ED, direct admission past the ED, the crisis team, a
// bed search) or none (a patient left at home whose need the crew cannot
// settle may contact again); the vehicle drives back. Planned rides take a
// patient from home to a hospital, never into the ED.
#pragma once

#include "patient.hpp"

#include <array>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <vector>

namespace zccsim::models::acute {

class Demand;
class EmergencyDepartment;
class Hospital;
class Placement;
class PrimaryCare;

class AmbulanceService final : public sim::ResourceClient, private sim::EventHandler {
 public:
  // The components a transport can go to; one not connected must not be needed.
  struct Links {
    EmergencyDepartment* ed = nullptr;
    PrimaryCare* primary_care = nullptr;  // need ggz_crisis: the crisis team
    Placement* placement = nullptr;       // need vvt_bed: a bed search
    Demand* demand = nullptr;             // re-contacts after no transport
    Hospital* hospital = nullptr;         // a direct admission takes a hospital bed (none: the record ends)
  };

  explicit AmbulanceService(const Context& ctx);
  void connect(const Links& links) { links_ = links; }

  void add_station(std::size_t site);  // a station with its staffed vehicles
  void request(PatientId id);          // an urgent or triaged ride (class by urgency)
  void planned_ride(PatientId id);     // a planned (B) ride from the patient's area to a hospital

  sim::Resource* station(std::size_t site) const { return stations_[site].get(); }
  // Requests waiting for a vehicle, per class (A1, A2, B).
  const std::deque<PatientId>& pending(std::size_t amb_class) const { return pending_[amb_class]; }

  // Stations never queue (queue capacity 0).
  void on_service_start(sim::Simulation& sim, sim::Resource& res, std::uint64_t entity, std::uint32_t server) override;
  void on_abandon(sim::Simulation& sim, sim::Resource& res, std::uint64_t entity) override;

 private:
  enum Tag : std::uint32_t { t_on_scene, t_scene_done, t_at_destination, t_handover_done, t_vehicle_back };
  void handle(sim::Simulation& sim, std::uint32_t tag, std::uint64_t arg) override;
  void ride(PatientId id, std::uint8_t amb_class);
  // The station to send (nearest free own, or a helper's past the bound).
  std::optional<std::size_t> choose_station(const Patient& p) const;
  bool try_dispatch(PatientId id, bool at_request);
  void dispatch_pending();
  void on_scene(PatientId id);
  void scene_done(PatientId id);
  void transport(PatientId id, Destination dest);
  void handover_done(PatientId id);
  void vehicle_back_later(Patient& p, double after);

  Context ctx_;
  Counters& c_;
  Links links_;
  std::vector<std::unique_ptr<sim::Resource>> stations_;  // per site
  // per area and per site: the ambulance area (AcuteConfig::ambulance_area)
  std::vector<std::size_t> area_rav_, station_rav_;
  // per site: it has a RAV; it may help another ambulance area (a neighbouring
  // region's, or a RAV's); the sub-region its help given counts under
  std::vector<bool> station_has_rav_, may_help_;
  std::vector<std::uint8_t> station_sub_;
  // per area and per site: its dispatch centre (AcuteConfig::rav_centre;
  // without a RAV: one of its own per region); all 0 without dispatch centres
  std::vector<std::uint32_t> area_centre_, station_centre_;
  std::array<std::deque<PatientId>, 3> pending_;
};

}  // namespace zccsim::models::acute
