// SPDX-License-Identifier: MIT
// Hospital beds (issue #13): an ED site's hospital_beds are the acute beds
// of its hospital. A patient admitted there (at the end of the ED stay, in
// the ED place; or arriving as a direct admission, holding nothing) takes a
// bed for hospital.los_days: a free bed of this hospital; else the nearest
// hospital (road km from this one) with a free bed of the same region; else
// of a neighbouring simulated region (regions[].neighbours, own); else of any
// simulated region (the national spreading centre, LCPS); else it waits for
// the first bed of its own hospital (boarding, FIFO; in the ED place if it
// has one). A transfer reserves the remote bed at once; the patient keeps the
// ED place for hospital.transfer_prep_minutes, then drives there at
// road.speed_kmh, and holds the bed for its stay. Every admission is costed
// when its bed is taken (or reserved): costs.hospital_bed_day per day,
// costs.hospital_transfer per transfer, boarding in an ED place at
// costs.wrong_bed_hour. The record then ends (after care): the hospital
// holds the bed for the stay, so no record lives for the days of a stay.
// Each hospital keeps its beds' release times in a heap of its own and has
// one event in the future-event set, for the earliest (releases at the
// same time in the order they were booked): days-ahead events, one per
// stay, would cost the ladder queue most of the mechanism's time.
#pragma once

#include "patient.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <queue>
#include <vector>

namespace zccsim::models::acute {

class Hospital final : public sim::ResourceClient, private sim::EventHandler {
 public:
  explicit Hospital(const Context& ctx);

  void add_site(std::size_t site);  // an ED site with hospital_beds: its hospital's beds
  // The patient is admitted at the hospital of ED site p.site and takes a
  // bed (at once, after a transfer, or after boarding). False when that
  // hospital has no beds: nothing is done (the caller ends the record).
  bool admit(PatientId id);

  // The beds of the hospital of ED site `site` (null without hospital_beds); a
  // resource's entity is its patient while it boards, then the hospital's site.
  sim::Resource* beds(std::size_t site) const { return beds_[site].get(); }

  void on_service_start(sim::Simulation& sim, sim::Resource& res, std::uint64_t entity, std::uint32_t server) override;
  void on_abandon(sim::Simulation& sim, sim::Resource& res, std::uint64_t entity) override;

 private:
  enum Tag : std::uint32_t { t_prep_done, t_bed_free };
  void handle(sim::Simulation& sim, std::uint32_t tag, std::uint64_t arg) override;
  // A hospital with a free bed other than `from`, and where it was found; false: none anywhere.
  bool find_bed(std::size_t from, std::size_t& site, TransferKind& kind) const;
  void transfer(PatientId id, std::size_t to, TransferKind kind);
  // The patient takes bed `server` of hospital `site` for its stay, leaving its ED place; the record ends.
  void stay(PatientId id, std::size_t site, std::uint32_t server);
  // Bed `server` of hospital `site` is freed at `at`; the hospital's event moves earlier if needed.
  void free_at(std::size_t site, std::uint32_t server, double at);
  void free_due(std::size_t site);  // frees the beds due now, books the next release

  // 16 bytes (4 to a cache line: the heap of a hospital is cold when a bed
  // is released days after it was taken): the booking order (ties release
  // first booked first; 2^44 bookings, ~10^7 years of the national model)
  // above the bed's index in one key.
  static constexpr unsigned bed_bits = 20;  // beds per hospital < 2^20 (the loader allows 10^6)
  struct Release {
    double at;
    std::uint64_t key;  // booking order << bed_bits | bed
    bool operator>(const Release& o) const noexcept { return at != o.at ? at > o.at : key > o.key; }
    std::uint32_t server() const noexcept { return static_cast<std::uint32_t>(key & ((1U << bed_bits) - 1)); }
  };
  struct Releases {
    std::priority_queue<Release, std::vector<Release>, std::greater<>> due;
    sim::EventHandle event;  // the pending event, at due.top().at (invalid: none)
    double event_at = 0;
  };

  Context ctx_;
  Counters& c_;
  std::vector<std::unique_ptr<sim::Resource>> beds_;  // per site
  std::vector<Releases> releases_;                    // per site
  std::uint64_t booked_ = 0;
  std::vector<std::vector<std::size_t>> hospitals_;  // per region: its ED sites with beds
  std::vector<std::uint8_t> site_sub_;               // the sub-region a hospital's received transfers count under
};

}  // namespace zccsim::models::acute
