// SPDX-License-Identifier: MIT
// The emergency departments: treatment places (a priority queue by
// urgency), length of stay, admission; a discharged patient who needs a
// short-stay bed keeps the place while placement searches.
#pragma once

#include "patient.hpp"

#include <cstdint>
#include <memory>
#include <vector>

namespace zccsim::models::acute {

class Placement;

class EmergencyDepartment final : public sim::ResourceClient, private sim::EventHandler {
 public:
  explicit EmergencyDepartment(const Context& ctx);
  void connect(Placement& placement) { placement_ = &placement; }

  void add_site(std::size_t site);  // an ED with its places
  // The patient arrives at the ED of `site` and waits for a place.
  void enter(PatientId id, std::size_t site);
  // The ED a patient in area p.area is sent to, travelling at speed_kmh now:
  // the nearest; with capacity insight and `steer` (a coordinator decides),
  // the least crowded ((waiting + busy) / places; ties: the nearer) of those
  // at most ed_choice.max_extra_minutes further than the nearest. Sets
  // p.ed_redirected. O(EDs within the bound).
  std::size_t choose(Patient& p, double speed_kmh, bool steer) const;

  sim::Resource* places(std::size_t site) const { return ed_[site].get(); }

  void on_service_start(sim::Simulation& sim, sim::Resource& res, std::uint64_t entity, std::uint32_t server) override;
  void on_abandon(sim::Simulation& sim, sim::Resource& res, std::uint64_t entity) override;

 private:
  void handle(sim::Simulation& sim, std::uint32_t tag, std::uint64_t arg) override;  // treatment done
  void started(PatientId id, sim::Resource& res, std::uint32_t server);

  Context ctx_;
  Counters& c_;
  Placement* placement_ = nullptr;
  std::vector<std::unique_ptr<sim::Resource>> ed_;  // per site
};

}  // namespace zccsim::models::acute
