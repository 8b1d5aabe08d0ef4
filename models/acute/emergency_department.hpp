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

class Hospital;
class Placement;

class EmergencyDepartment final : public sim::ResourceClient, private sim::EventHandler {
 public:
  explicit EmergencyDepartment(const Context& ctx);
  void connect(Placement& placement) { placement_ = &placement; }
  // With hospital beds (AcuteConfig::hospital_beds): an admitted patient takes one at the end of the ED stay.
  void connect(Hospital& hospital) { hospital_ = &hospital; }

  void add_site(std::size_t site);  // an ED with its places
  // The patient arrives at the ED of `site` and waits for a place.
  void enter(PatientId id, std::size_t site);
  // The ED a patient in area p.area is sent to, travelling at speed_kmh now:
  // the nearest open one; with capacity insight and `steer` (a coordinator
  // decides), the least crowded ((waiting + busy) / places; ties: the
  // nearer) of the open ones at most ed_choice.max_extra_minutes further
  // than the nearest open one. Sets p.ed_redirected. O(EDs within the bound).
  std::size_t choose(Patient& p, double speed_kmh, bool steer) const;
  // The nearest ED open now to `area` (an ambulance's destination).
  std::size_t nearest_open_ed(std::size_t area) const;
  // An ED is open in the hours its places roster has places (limited hours);
  // a patient already on the way when it closes is still seen there.
  bool is_open(std::size_t site) const noexcept { return ed_[site]->scheduled_count() > 0; }

  sim::Resource* places(std::size_t site) const { return ed_[site].get(); }

  void on_service_start(sim::Simulation& sim, sim::Resource& res, std::uint64_t entity, std::uint32_t server) override;
  void on_abandon(sim::Simulation& sim, sim::Resource& res, std::uint64_t entity) override;

 private:
  void handle(sim::Simulation& sim, std::uint32_t tag, std::uint64_t arg) override;  // treatment done
  void started(PatientId id, sim::Resource& res, std::uint32_t server);

  Context ctx_;
  Counters& c_;
  Placement* placement_ = nullptr;
  Hospital* hospital_ = nullptr;                    // none: an admitted patient's record ends with the ED stay
  std::vector<std::unique_ptr<sim::Resource>> ed_;  // per site
};

}  // namespace zccsim::models::acute
