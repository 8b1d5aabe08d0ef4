// SPDX-License-Identifier: MIT
// Accounting: the counters the components keep, the book of resources
// (group for utilisation and resource cost), KPIs and the three cost views
// (acute_config.hpp, "costs": resources, prices, payers) plus the zcc's own
// costs. Every per-event cost is a charge to the patient's record
// (patient.hpp); the resource view is computed once, from on-duty time, when
// the KPIs are read. Every resource
// of the model is made here, in the order the coupling model asks for them.
#pragma once

#include "acute_config.hpp"
#include "sim/kpi.hpp"
#include "sim/resource.hpp"
#include "sim/simulation.hpp"
#include "sim/stats.hpp"

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace zccsim::models::acute {

inline constexpr double minutes_per_year = 365.0 * 1440.0;

// Resource groups for utilisation KPIs and hourly series.
enum class Group : std::uint8_t {
  line_gp,
  line_ambulance,
  line_ggz,
  line_vvt,
  dispatch,
  hap,
  cars,
  nursing,
  ggz,
  ed,
  station,
  neighbour_station,  // a neighbouring region's vehicles available to this region (not in utilisation)
  beds,
  hospital_beds,  // hospital beds of the EDs' hospitals (sites' hospital_beds)
  count
};
inline constexpr std::size_t group_count = static_cast<std::size_t>(Group::count);
// The groups' names in the resource view (cost_resource_group_meur_per_year).
inline constexpr std::string_view group_names[group_count] = {
    "triage_gp",  "triage_ambulance",     "triage_ggz", "triage_vvt",   "dispatch",
    "hap_gp",     "home_visit_cars",      "nursing",    "ggz_teams",    "ed_places",
    "ambulances", "neighbour_ambulances", "beds",       "hospital_beds"};
// The unit cost of a group's capacity, euro per on-duty server-hour (a car:
// its GP and its driver and vehicle; a bed: a bed-day / 24).
double hourly_cost(const ResourceCosts& c, Group g) noexcept;
// The hourly series' kind of a group ("triage_line", "dispatch", ...).
const char* group_kind(Group g) noexcept;
// The triage-line group of discipline d.
inline Group line_group(Discipline d) noexcept {
  return static_cast<Group>(static_cast<std::size_t>(Group::line_gp) + static_cast<std::size_t>(d));
}

struct Tracked {
  sim::Resource* res;
  Group group;
  double hourly_cost;  // 0 for a neighbour's site (its capacity is the neighbour's)
  std::string name;
};

// A resource to make: servers from a roster (schedule) or fixed (servers).
struct ResourceRequest {
  std::string name;
  std::vector<std::uint32_t> schedule{};        // empty, or 168 hourly on-duty counts
  std::uint32_t servers = 0;                    // without a schedule
  std::optional<std::size_t> queue_capacity{};  // nullopt: unlimited
  Group group = Group::count;                   // utilisation and the unit cost of its capacity (hourly_cost)
  bool own = true;                       // false: a neighbour region's site (no resource cost in this region's view)
  std::uint32_t classes = 1;             // > 1: a priority queue by urgency class
  std::vector<sim::Absence> absences{};  // periods with part of the roster off duty (a closed zcc location)
};

inline std::vector<std::uint32_t> schedule_of(const Roster& r) { return {r.begin(), r.end()}; }

// The counters of the per-sub-region KPIs (kpis.hpp, SubregionKpi) of one
// sub-region: the region-wide counters of the same name, for its patients.
struct SubregionCounters {
  std::uint64_t patients = 0, hap_contacts = 0, calls = 0, hung_up = 0, ed_visits = 0, rides = 0;
  std::uint64_t a1_rides = 0, a1_within_norm = 0;     // A1 from the call
  std::array<std::uint64_t, urgency_count> safety{};  // under-triage + late care + stayed home, by urgency
  sim::QuantileSketch a1_response;                    // from the call
  // time to care by urgency: minutes summed, patients (a sum, not a Tally: cheaper per patient)
  std::array<double, urgency_count> care_minutes{};
  std::array<std::uint64_t, urgency_count> cared{};
  double activity_cost = 0;  // euro charged to its patients' records
  // ambulance help across ambulance areas: deployments to its patients of
  // another area's vehicle; of its own region's vehicles (stations counted
  // under their region's nearest own area's sub-region) to another area's patients
  std::uint64_t help_received = 0, help_given = 0;
  // of those, help across dispatch centres (a vehicle of another centre's RAV)
  std::uint64_t centre_help_received = 0, centre_help_given = 0;
  // hospital beds: its patients' admissions that took a bed; transfers of
  // its patients to another hospital (sent) and into its hospitals (received:
  // a hospital counts under its region's nearest own area's sub-region)
  std::uint64_t hospital_admissions = 0, transfers_sent = 0, transfers_received = 0;
};

// Counters since the warm-up; the components add to them.
struct Counters {
  std::uint64_t patients = 0, hap_contacts = 0, hap_referred = 0, hap_referred_ed = 0, daytime_gp = 0;
  std::array<std::uint64_t, 3> hap_outcome{};
  std::uint64_t ed_visits = 0, ed_admitted = 0, ed_redirected = 0;
  sim::Tally ed_wait, ed_los;
  sim::Tally ed_travel;                                // minutes to the ED a line or dispatcher sent a patient to
  std::uint64_t hap_consults = 0, hap_redirected = 0;  // consults sent to a HAP post, past the nearest
  sim::Tally hap_wait;                                 // arrival at the post to the consult
  std::uint64_t ggz_sent = 0, ggz_redirected = 0;      // patients sent to a GGZ crisis team, past the nearest
  sim::Tally ggz_wait;                                 // request to the team setting out (or starting, at its site)
  std::uint64_t rides = 0, no_transport = 0;
  std::array<std::uint64_t, 3> rides_class{},
      within_norm{};  // within_norm: A1 from the call, A2 and B from the request
  std::array<std::uint64_t, destination_count>
      transports{};                              // rides by where they left the patient (home: not transported)
  std::uint64_t ed_by_ambulance = 0;             // ED arrivals transported by ambulance
  std::uint64_t no_transport_recontact_72h = 0;  // no-transport rides whose patient will contact again within 72 h
  std::uint64_t neighbour_help = 0;              // help received: deployments of another ambulance area's vehicle
  std::uint64_t help_given = 0;                  // deployments of an own region's vehicle to another area's patient
  std::uint64_t centre_help_received = 0;        // of neighbour_help: a vehicle of another dispatch centre
  std::uint64_t centre_help_given = 0;           // of help_given: to a patient of another dispatch centre
  sim::Tally a1_response;                        // from the call (the norm's measure)
  sim::QuantileSketch a1_quantiles;
  sim::Tally a1_from_request;
  std::uint64_t a1_request_within_norm = 0;
  std::uint64_t calls = 0, answered_30s = 0, answered_2min = 0, hung_up = 0;
  // patient call attempts while a zcc location of the region is closed
  std::uint64_t closure_calls = 0, closure_answered_2min = 0, closure_hung_up = 0;
  sim::Tally answer_wait, triage_time;
  std::uint64_t triages = 0, transfers = 0;
  // 112: warm transfers to the zcc, hand-overs to another line, ambulance
  // rides booked through the dispatch room by another line
  std::uint64_t warm_transfers = 0, dispatch_handovers = 0, ride_requests = 0;
  std::uint64_t referred_on = 0;  // by the GP after a consult or home visit
  // ambulance rides by the need of the patient and class (for the share of
  // urgent rides primary care could have handled)
  std::uint64_t urgent_rides_primary_care = 0;
  std::uint64_t first_assigned = 0, first_right = 0, recontacts = 0, recontact_24h = 0, lost = 0;
  std::uint64_t calls_112 = 0;
  std::array<std::uint64_t, gave_up_count> gave_up{};  // callers who gave up, by path
  std::array<sim::Tally, urgency_count> time_to_care;
  // safety events by urgency: triaged below the need's level, care later
  // than the norm, gave up and stayed home
  std::array<std::uint64_t, urgency_count> under_triage{}, late_care{}, stayed_home{};
  std::array<std::uint64_t, response_count> first_response{};
  sim::Tally search;
  std::uint64_t placed_in = 0, placed_out = 0, rejections = 0, ggz = 0;
  double wrong_bed_minutes = 0;
  double activity_cost = 0;                // euro charged: the price view's total (the sum of paid)
  std::array<double, price_count> paid{};  // euro charged, by priced item
  double search_work_minutes = 0;          // triagist time on bed searches: lookups and phone calls
  // by bed type: placements (in the region or outside), search times, search
  // work, refusals (a provider with a free bed said no), searches that waited
  // for admission hours
  std::array<std::uint64_t, bed_type_count> placed_type{}, refusals{}, admission_waits{};
  std::array<sim::Tally, bed_type_count> search_type;
  std::array<double, bed_type_count> search_work_type{};
  double admission_wait_minutes = 0;  // waiting for admission hours (in an ED place or at home)
  double gave_up_cost = 0;            // the part of activity_cost of the records of callers who gave up
  // hospital beds (Hospital): admissions (via the ED or directly) at a
  // hospital with beds; those that waited for a bed of their own hospital
  // (boarding: from the admission to the bed); transfers to another
  // hospital by kind, sent (the patient's region) and received (the
  // hospital's), and their minutes (preparation and drive)
  std::uint64_t hospital_admissions = 0, boarded = 0;
  sim::Tally boarding, transfer_minutes;
  std::array<std::uint64_t, transfer_kind_count> transfers_sent{}, transfers_received{};
  // per sub-region (Patient::subregion; one, unused in the KPIs, without sub-regions)
  std::vector<SubregionCounters> sub;
};

class Accounting final : private sim::Recorder {
 public:
  Accounting(const AcuteConfig& cfg, sim::Simulation& sim) : cfg_(cfg), sim_(sim) { c_.sub.resize(sub_count()); }
  Accounting(const Accounting&) = delete;
  Accounting& operator=(const Accounting&) = delete;

  std::unique_ptr<sim::Resource> make_resource(ResourceRequest req, sim::ResourceClient& client);
  const std::vector<Tracked>& tracked() const noexcept { return tracked_; }

  Counters& counters() noexcept { return c_; }
  // Resets the counters at the warm-up end (register after the resources).
  void start() { sim_.add_recorder(*this); }

  // One row of KPIs (columns of kpi_table()) at the current time.
  sim::Metrics kpis(std::uint64_t in_system) const;
  double group_utilization(Group g, double now) const;
  double group_busy_minutes(Group g, double now) const;  // busy server-minutes since the warm-up
  // The resource view: on-duty server-hours x unit cost since the warm-up,
  // euro, by group (own regions' capacity only).
  std::array<double, group_count> resource_costs(double now) const;
  // The zcc's own costs, euro per year: per zcc location of an own region in
  // zcc mode, IT + premises + management (+ the capacity platform with
  // capacity insight); 0 in fragmented mode.
  double zcc_cost_per_year() const;

 private:
  void reset(double now) override {
    c_ = Counters{};
    c_.sub.resize(sub_count());
    warm_ = now;
  }
  std::size_t sub_count() const noexcept { return cfg_.subregions.empty() ? 1 : cfg_.subregions.size(); }
  void subregion_kpis(sim::Metrics& row, double years, double zcc_cost) const;

  const AcuteConfig& cfg_;
  sim::Simulation& sim_;
  std::vector<Tracked> tracked_;
  Counters c_;
  double warm_ = 0;
};

}  // namespace zccsim::models::acute
