// SPDX-License-Identifier: MIT
// The ambulance service: a request goes to the nearest station of the
// patient's region (or a neighbouring, not simulated, region) with a free
// vehicle; without one it waits, A1 before A2 before B. On scene, then a
// transport to the nearest ED (handover) or not; the vehicle drives back.
#pragma once

#include "patient.hpp"

#include <array>
#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

namespace zccsim::models::acute {

class EmergencyDepartment;

class AmbulanceService final : public sim::ResourceClient, private sim::EventHandler {
 public:
  explicit AmbulanceService(const Context& ctx);
  void connect(EmergencyDepartment& ed) { ed_ = &ed; }

  void add_station(std::size_t site);  // a station with its staffed vehicles
  void request(PatientId id);

  sim::Resource* station(std::size_t site) const { return stations_[site].get(); }
  // Requests waiting for a vehicle, per class (A1, A2, B).
  const std::deque<PatientId>& pending(std::size_t amb_class) const { return pending_[amb_class]; }

  // Stations never queue (queue capacity 0).
  void on_service_start(sim::Simulation& sim, sim::Resource& res, std::uint64_t entity, std::uint32_t server) override;
  void on_abandon(sim::Simulation& sim, sim::Resource& res, std::uint64_t entity) override;

 private:
  enum Tag : std::uint32_t { t_on_scene, t_scene_done, t_at_ed, t_handover_done, t_vehicle_back };
  void handle(sim::Simulation& sim, std::uint32_t tag, std::uint64_t arg) override;
  bool try_dispatch(PatientId id);
  void dispatch_pending();
  void on_scene(PatientId id);
  void scene_done(PatientId id);
  void vehicle_back_later(Patient& p, double after);

  Context ctx_;
  Counters& c_;
  EmergencyDepartment* ed_ = nullptr;
  std::vector<std::unique_ptr<sim::Resource>> stations_;  // per site
  std::array<std::deque<PatientId>, 3> pending_;
};

}  // namespace zccsim::models::acute
