// SPDX-License-Identifier: MIT
// Placement: short-stay (VVT) beds by type (ELV low / high complexity, GRZ,
// crisis beds) per region, split over providers; a provider has beds of
// every type its site has. A search looks for a bed of the patient's type
// only (drawn when it starts, beds.types.*.share). Outside the type's
// admission hours it waits for the next opening first (an ED patient in its
// ED place, wrong-bed time; a patient at home with one district-nursing
// visit, costs.tariffs.district_nursing); a triage line's triagist is free
// meanwhile. A search round: with capacity insight a lookup shows the free
// beds of the providers connected to the platform (beds.connected_share of
// them) and asks the one with most; a provider with a free bed accepts with
// the type's acceptance, else the next best connected one is phoned
// (attempt_minutes each); the providers not connected (all of them without
// insight) are phoned one by one, from a random one, and may refuse alike;
// then one neighbouring region is asked: the region's simulated neighbours
// (regions[].neighbours, own) by their free beds, the nearest free provider
// taking the patient for the stay (placed outside); else, when none is
// listed, a coin (neighbour_free_probability); if it has no bed either, a
// new round after retry_after_minutes. The triagist's time on lookups and calls
// is counted (search_work_minutes). A search a triage line started (the
// zcc's or today's VVT line) holds that line's triagist while it works:
// from the triage until a bed is found or the round ends without one; each
// later round queues on the same line (a call-back, in the patient's
// urgency class) and holds the triagist who takes it. Searches the ED or a
// calling provider do themselves hold no triagist. A patient waiting in an
// ED place costs costs.wrong_bed_hour per hour; a bed outside the region
// costs its bed days like one inside.
#pragma once

#include "patient.hpp"

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

namespace zccsim::models::acute {

class Placement final : public sim::ResourceClient, private sim::EventHandler {
 public:
  explicit Placement(const Context& ctx);

  void add_site(std::size_t site);  // a VVT site: its beds over providers
  // A search starts now (the patient may hold an ED place meanwhile).
  void start_search(PatientId id);
  // A triagist of the search's line takes its next round (CallCentre).
  void line_answered(PatientId id, std::uint32_t server);

  // A region's providers' beds of one type (one resource per provider, in the same order for every type).
  const std::vector<std::unique_ptr<sim::Resource>>& providers(BedType type, std::size_t region) const {
    return providers_[static_cast<std::size_t>(type)][region];
  }

  void on_service_start(sim::Simulation& sim, sim::Resource& res, std::uint64_t entity, std::uint32_t server) override;
  void on_abandon(sim::Simulation& sim, sim::Resource& res, std::uint64_t entity) override;

 private:
  enum Tag : std::uint32_t { t_search, t_stay_done, t_round };
  void handle(sim::Simulation& sim, std::uint32_t tag, std::uint64_t arg) override;
  void search_step(PatientId id);
  // providers of a region of `count` seen in a lookup (the first ones): 0 without insight
  std::size_t connected(std::size_t count) const;
  void retry(PatientId id, double after) { ctx_.sim.schedule_in(after, *this, t_search, id); }
  // one more lookup or call of the round: its time, counted as search work
  void next_step(PatientId id, double minutes);
  // the round's lookups are done: phone the providers not connected, or ask a neighbouring region
  void phone_phase(PatientId id, std::size_t phoned);
  // no bed in the region: a free bed in a simulated neighbour, one call to a neighbouring region, or a new round
  void round_failed(PatientId id);
  // Outside the patient's bed type's admission hours: waits for the next opening (true).
  bool wait_for_admission(PatientId id);
  bool accepts(Patient& p) const;
  void next_round(PatientId id);   // after retry_after: the line's call-back, or the round at once
  void begin_round(PatientId id);  // the round's first step (a lookup or a call) takes its time
  enum class Where : std::uint8_t { in_region, neighbour };
  void search_ends(PatientId id, Where where);
  // a bed seized for the stay: in the region, or a simulated neighbour's (counted outside)
  void place_in(PatientId id, sim::Resource& bed, Where where = Where::in_region);
  void place_outside(PatientId id);  // a bed in a neighbouring region
  void started(PatientId id, sim::Resource& res, std::uint32_t server);

  Context ctx_;
  Counters& c_;
  // per bed type, per region: one resource per provider
  std::array<std::vector<std::vector<std::unique_ptr<sim::Resource>>>, bed_type_count> providers_;
  std::vector<std::vector<std::size_t>> provider_sites_;  // per region: each provider's site (same for every type)
};

}  // namespace zccsim::models::acute
