// SPDX-License-Identifier: MIT
// The patient record and the ledger of records: one record per contact chain
// (a re-contact gets a new record), kept in a slot pool. The ledger does what
// every component does with a patient: create, seize a resource, start care,
// release what the patient holds, end.
#pragma once

#include "accounting.hpp"
#include "acute_config.hpp"
#include "geography.hpp"
#include "observation.hpp"
#include "sim/random.hpp"
#include "sim/resource.hpp"
#include "sim/simulation.hpp"
#include "sim/slot_pool.hpp"

#include <array>
#include <cstdint>
#include <iterator>
#include <limits>
#include <optional>
#include <stdexcept>

namespace zccsim::models::acute {

inline constexpr double inf = std::numeric_limits<double>::infinity();

// What a patient is doing with the resource it holds or waits for.
enum class Phase : std::uint8_t { line, hap, visit, nursing, ggz, ed, bed, station, none };

using PatientId = std::uint32_t;

struct Patient {
  // Every patient draws from a stream of its own, keyed by (arrival stream,
  // arrival number): a patient meets the same random numbers in every variant
  // whatever else changes, so paired comparisons stay sharp.
  sim::RandomStream rng{0, 0, std::uint64_t{0}, std::uint64_t{0}};
  std::uint64_t key = 0;
  // wrong_bed_start: waiting in an ED place for a short-stay bed, or (admitted, boarding) for a hospital bed
  double first_contact = 0, line_join = 0, deadline = 0, request = 0, ed_arrival = 0, search_start = 0,
         wrong_bed_start = 0;
  std::array<double, price_count> cost{};  // euro charged so far, by priced item (booked when the record ends)
  double post_arrival = 0;                 // arrival at the HAP post for a consult / request to a GGZ crisis team
  double stay_days = 0;                    // a short-stay bed's length of stay, drawn when the search starts
  // The call reached the 112 dispatch room (line joined) / a dispatcher
  // answered it (-1: not yet, or a later line answered); an ambulance's
  // response time counts from dispatch_call (the request, without a call).
  double dispatch_call = -1, dispatch_answer = -1;
  sim::Resource* held = nullptr;
  // A bed search a triage line started keeps that line's triagist (Placement):
  // the line (a second hold slot: the first may be an ED place), the server
  // while the triagist works on the search, and whether it is queued on the
  // line for the next round (CallCentre hands its answer to Placement).
  sim::Resource* search_line = nullptr;
  std::uint32_t search_server = 0;
  bool search_holding = false, search_callback = false;
  std::uint32_t server = 0, area = 0, region = 0, line = 0, site = 0, station = 0;
  std::uint32_t search_offset = 0, search_tries = 0;
  // connected providers (index < 32) that refused the patient in this round's lookups
  std::uint32_t search_refused = 0;
  std::uint32_t joined_line = 0;  // a patient call: the line it joined (CallCentre::join_line; overflow moves `line`)
  Response need = Response::self_care, assigned = Response::self_care;
  std::uint8_t stream = 0, urgency = 0, amb_class = 0, redials = 0;
  std::uint8_t assessed_urgency = 0;    // as the dispatcher assessed it (the ride's class follows it)
  BedType bed_type = BedType::elv_low;  // the bed a search looks for (drawn when it starts)
  std::uint8_t subregion = 0;           // the area's sub-region (Area::subregion_index): per-sub-region KPIs
  Phase phase = Phase::none;
  Destination destination = Destination::home;  // where a transport takes the patient
  bool first_assigned = false, self_triage = false, patient_line = false, overflowed = false, admitted = false,
       recontact = false, transported = false;
  bool cared = false;             // care started (Patients::care_start)
  bool gave_up = false;           // hung up for the last time (Abandonment)
  bool ride_request = false;      // on the dispatch line only to book an ambulance ride
  bool planned = false;           // a planned ride (planned_rides stream): transported between facilities, not triaged
  bool closure_call = false;      // this call attempt is made while a zcc location of the region is closed
  bool line_referral = false;     // a triage line or dispatcher sent the patient on (ED choice may steer)
  bool ed_redirected = false;     // sent to an ED other than the nearest (EmergencyDepartment::choose)
  bool search_phoning = false;    // the round's lookups are done: phoning providers not connected
  bool admission_waited = false;  // the bed search waited for the bed type's admission hours
};

// Charges `euro` of priced item `item` to the patient's record.
inline void charge(Patient& p, Price item, double euro) noexcept { p.cost[static_cast<std::size_t>(item)] += euro; }

// How a record ends: after care in the model, or on one of the counted
// paths without care in it (the own GP in office hours; gave up and stayed
// home). A record that ends after_care without care having started is lost
// (Counters::lost): a path nobody counted.
enum class End : std::uint8_t { after_care, own_gp, stayed_home };

// How crowded a resource is now: (waiting + busy) / on duty; infinite when
// nobody is on duty (a closed post).
inline double crowding(const sim::Resource& r) noexcept {
  if (r.on_duty_count() == 0) return inf;
  return static_cast<double>(r.queue_length() + r.busy_count()) / r.on_duty_count();
}

// Draws an index from a probability row (sums to 1).
template <class Row>
std::size_t draw(const Row& p, sim::RandomStream& rng) {
  double u = rng.uniform();
  for (std::size_t i = 0; i + 1 < std::size(p); ++i) {
    if (u < p[i]) return i;
    u -= p[i];
  }
  std::size_t last = std::size(p) - 1;
  while (last > 0 && p[last] <= 0) --last;  // never return an impossible outcome on rounding
  return last;
}

class Patients {
 public:
  Patients(const AcuteConfig& cfg, sim::Simulation& sim, Counters& counters, Observation& observation)
      : cfg_(cfg), sim_(sim), c_(counters), obs_(observation) {}
  Patients(const Patients&) = delete;
  Patients& operator=(const Patients&) = delete;

  Patient& operator[](PatientId id) noexcept { return pool_[id]; }

  PatientId create() {
    const PatientId id = pool_.acquire();
    ++created_;
    return id;
  }

  // The record ends: its charges are booked (by item) and the record freed.
  void end(PatientId id, End how) {
    Patient& p = pool_[id];
    if (how == End::after_care && !p.cared) ++c_.lost;
    double total = 0;
    for (std::size_t i = 0; i < price_count; ++i) {
      c_.paid[i] += p.cost[i];
      total += p.cost[i];
    }
    c_.activity_cost += total;
    c_.sub[p.subregion].activity_cost += total;
    if (p.gave_up) c_.gave_up_cost += total;
    ++ended_;
    obs_.log(id, LogEvent::end, static_cast<std::uint8_t>(p.assigned), 0);
    pool_.release(id);
  }

  void care_start(PatientId id, double at) {
    Patient& p = pool_[id];
    p.cared = true;
    c_.time_to_care[p.urgency].add(at - p.first_contact);
    SubregionCounters& sub = c_.sub[p.subregion];
    sub.care_minutes[p.urgency] += at - p.first_contact;
    ++sub.cared[p.urgency];
    count_if_late(p, at);
    obs_.log(id, LogEvent::care_start, static_cast<std::uint8_t>(p.assigned), 0);
  }

  // Care starts for a planned ride's patient (already in care at a
  // provider): no time to care and no norm, it was planned.
  void planned_care_start(PatientId id) {
    Patient& p = pool_[id];
    p.cared = true;
    obs_.log(id, LogEvent::care_start, static_cast<std::uint8_t>(p.assigned), 0);
  }

  // A safety event if care starting at `at` (in the model or outside it) is
  // later than the norm of the patient's urgency after the first contact.
  void count_if_late(const Patient& p, double at) {
    const auto& norm = cfg_.safety.care_norm[p.urgency];
    if (norm && at - p.first_contact > *norm) {
      ++c_.late_care[p.urgency];
      ++c_.sub[p.subregion].safety[p.urgency];
    }
  }

  // Seizes res in the given phase (queue class: the urgency, if res has
  // classes); the server if service starts at once, nullopt if queued.
  std::optional<std::uint32_t> seize(PatientId id, sim::Resource& res, Phase phase) {
    Patient& p = pool_[id];
    p.phase = phase;
    const auto out = res.seize(sim_, id, res.classes() > 1 ? p.urgency : 0u);
    if (out.result == sim::SeizeResult::served) return out.server;
    if (out.result == sim::SeizeResult::rejected) throw std::logic_error("acute model: unexpected rejection");
    return std::nullopt;
  }

  // Service starts: the patient holds server `server` of res.
  static void hold(Patient& p, sim::Resource& res, std::uint32_t server) {
    p.held = &res;
    p.server = server;
  }

  void release_held(PatientId id) {
    Patient& p = pool_[id];
    if (p.held) p.held->release(sim_, p.server);
    p.held = nullptr;
  }

  // The triagist who just triaged the patient stays on the bed search the
  // triage started: the line moves from the hold slot to the search slot.
  static void keep_for_search(Patient& p) {
    p.search_line = p.held;
    p.search_server = p.server;
    p.search_holding = p.held != nullptr;
    p.held = nullptr;
  }

  // The search's work is done for now: its triagist is free.
  void release_searcher(PatientId id) {
    Patient& p = pool_[id];
    if (p.search_holding) p.search_line->release(sim_, p.search_server);
    p.search_holding = false;
  }

  std::uint64_t created() const noexcept { return created_; }
  std::uint64_t ended() const noexcept { return ended_; }
  std::size_t live() const noexcept { return pool_.live(); }

 private:
  const AcuteConfig& cfg_;
  sim::Simulation& sim_;
  Counters& c_;
  Observation& obs_;
  sim::SlotPool<Patient> pool_;
  std::uint64_t created_ = 0, ended_ = 0;
};

// What every component works with: the scenario, the road network, the
// engine, the book of resources and counters, observation and the patients.
struct Context {
  const AcuteConfig& cfg;
  const Geography& geo;
  sim::Simulation& sim;
  Accounting& accounting;
  Observation& observation;
  Patients& patients;
};

}  // namespace zccsim::models::acute
