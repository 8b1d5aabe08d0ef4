// SPDX-License-Identifier: MIT
// The acute-care regional model (`model: acute`) as validated plain structs.
// The loader (acute_loader.cpp) turns YAML into these; the model
// (acute_model.cpp) builds simulation objects from them and never reads YAML.
// Time inside the model is in minutes; day 0 00:00 is start_date (a Monday).
#pragma once

#include "calendar.hpp"
#include "sim/distribution.hpp"

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zccsim::models::acute {

// ---- fixed vocabularies (one table each: loader, model and docs use them) --

// Care responses: where a patient can end up.
enum class Response : std::uint8_t {
  self_care,
  pharmacy,
  gp_phone,
  hap_consult,
  gp_home_visit,
  district_nursing,
  ambulance,
  ed,
  ggz_crisis,
  vvt_bed,
};
inline constexpr std::size_t response_count = 10;
inline constexpr std::string_view response_names[response_count] = {
    "self_care",        "pharmacy",  "gp_phone", "hap_consult", "gp_home_visit",
    "district_nursing", "ambulance", "ed",       "ggz_crisis",  "vvt_bed"};

// Needs primary care could meet (the GP, the HAP, district nursing): an
// urgent ambulance ride for one of them is avoidable (NTvG 2014).
inline constexpr bool primary_care_need(Response need) noexcept {
  switch (need) {
    case Response::self_care:
    case Response::pharmacy:
    case Response::gp_phone:
    case Response::hap_consult:
    case Response::gp_home_visit:
    case Response::district_nursing:
      return true;
    default:
      return false;
  }
}

// Triagist disciplines.
enum class Discipline : std::uint8_t { gp, ambulance, ggz, vvt };
inline constexpr std::size_t discipline_count = 4;
inline constexpr std::string_view discipline_names[discipline_count] = {"gp", "ambulance", "ggz", "vvt"};

// The discipline a need belongs to: whose triagist a call about it is
// handed to, and which zcc line a provider's call about it goes to.
inline constexpr Discipline discipline_of(Response need) noexcept {
  switch (need) {
    case Response::ggz_crisis:
      return Discipline::ggz;
    case Response::vvt_bed:
    case Response::district_nursing:
      return Discipline::vvt;
    case Response::ambulance:
      return Discipline::ambulance;
    default:
      return Discipline::gp;
  }
}

// Demand streams.
enum class StreamKind : std::uint8_t {
  hap_calls,
  calls_112,
  self_triage,
  provider_calls,
  ed_walk_ins,
  gp_referrals,
  planned_rides,  // planned (B) transports between facilities, requested by care providers (last: keeps indices)
};
inline constexpr std::size_t stream_count = 7;
inline constexpr std::string_view stream_names[stream_count] = {
    "hap_calls", "calls_112", "self_triage", "provider_calls", "ed_walk_ins", "gp_referrals", "planned_rides"};

// Where an ambulance ride leaves its patient: the ED (an ED visit); a
// hospital unit past the ED (direct admission: cardiac, stroke or delivery
// unit); a hospital as the destination of a planned ride; psychiatric care
// (the GGZ crisis team); a short-stay bed search; home (not transported).
enum class Destination : std::uint8_t { ed, direct_admission, hospital, ggz_crisis, vvt_bed, home };
inline constexpr std::size_t destination_count = 6;
inline constexpr std::string_view destination_names[destination_count] = {"ed",         "direct_admission", "hospital",
                                                                          "ggz_crisis", "vvt_bed",          "home"};

// Where an admitted patient's hospital bed was found when its own hospital
// had none (Hospital): another hospital of the same region, one of a
// neighbouring region (regions[].neighbours), or any simulated region (the
// national spreading centre LCPS).
enum class TransferKind : std::uint8_t { region, neighbour, lcps };
inline constexpr std::size_t transfer_kind_count = 3;
inline constexpr std::string_view transfer_kind_names[transfer_kind_count] = {"region", "neighbour", "lcps"};

// NTS urgencies U0..U5.
inline constexpr std::size_t urgency_count = 6;
inline constexpr std::string_view urgency_names[urgency_count] = {"U0", "U1", "U2", "U3", "U4", "U5"};
// U0-U2 are urgent: resuscitation, immediate, as soon as possible (within
// the hour; NTS). Their safety events are counted (scenarios/README.md).
inline constexpr bool urgent(std::uint8_t urgency) noexcept { return urgency <= 2; }

// Where a caller goes who hung up and does not call the line again.
enum class GaveUp : std::uint8_t { calls_112, ed, own_gp, stays_home };
inline constexpr std::size_t gave_up_count = 4;
inline constexpr std::string_view gave_up_names[gave_up_count] = {"calls_112", "ed", "own_gp", "stays_home"};

enum class SiteKind : std::uint8_t { hap, ed, ambulance_station, ggz_crisis, vvt, zcc };
inline constexpr std::size_t site_kind_count = 6;
inline constexpr std::string_view site_kind_names[site_kind_count] = {"hap",        "ed",  "ambulance_station",
                                                                      "ggz_crisis", "vvt", "zcc"};

// Short-stay bed types as the May 2023 letter lists them (capacity to be
// visible to the zcc): ELV (eerstelijnsverblijf) of low and of high
// complexity, geriatric rehabilitation (GRZ), crisis beds (Wlz: nursing
// homes and disability care). A patient needing one type is placed only in
// a bed of that type.
enum class BedType : std::uint8_t { elv_low, elv_high, grz, crisis };
inline constexpr std::size_t bed_type_count = 4;
inline constexpr std::string_view bed_type_names[bed_type_count] = {"elv_low", "elv_high", "grz", "crisis"};
inline constexpr bool elv(BedType t) noexcept { return t == BedType::elv_low || t == BedType::elv_high; }

// On-duty staff (or vehicles) per hour of week, hour 0 = Monday 00:00-01:00.
using Roster = std::array<std::uint32_t, 168>;
// Hour-of-week weights (relative; the loader normalises them to mean 1).
using WeekProfile = std::array<double, 168>;

// ---- geography ------------------------------------------------------------

// A region's own volume of a demand stream (and its own hour-of-week
// profile, or none: the scenario's), in place of the scenario's: a region's
// observed numbers (scripts/make_national.py --own). The stream's urgency
// and need mix stay the scenario's.
struct StreamVolume {
  double per_1000_per_year = 0;
  std::optional<WeekProfile> profile;  // normalised to mean 1
};

struct Region {
  std::string name;
  bool own = true;  // false: a neighbouring region (placements there count as outside)
  // The regions whose beds a bed search of this region asks when its own
  // providers have none (indices into AcuteConfig::regions, as listed; none:
  // a neighbouring region has a bed with beds.neighbour_free_probability).
  std::vector<std::size_t> neighbours;
  // This region's own 112 dispatchers, home-visit cars and nursing teams;
  // none: the scenario's (AcuteConfig::dispatchers, ...), as every region's.
  std::optional<Roster> dispatchers, home_visit_cars, nursing_teams;
  // This region's own today's lines (fragmented_rosters), per discipline;
  // none: the scenario's (AcuteConfig::fragmented_rosters).
  std::array<std::optional<Roster>, discipline_count> fragmented_rosters{};
  // Its own demand per stream (own regions only); none: the scenario's.
  std::array<std::optional<StreamVolume>, stream_count> demand{};
};

struct Area {
  std::string name;
  double population = 0;
  double lat = 0, lon = 0;
  std::size_t region = 0;  // index into AcuteConfig::regions
  std::string subregion;   // for per-sub-region zcc routing ("" = none)
  // Its index into AcuteConfig::subregions (own areas; 0 when there are none):
  // the per-sub-region KPIs count a patient under their area's.
  std::uint8_t subregion_index = 0;
  // Its RAV (ambulance care area: index into AcuteConfig::ravs); none: its
  // region is its ambulance area (ambulance_area()).
  std::optional<std::size_t> rav;
};

struct Site {
  std::string id, name;
  SiteKind kind = SiteKind::hap;
  double lat = 0, lon = 0;
  std::size_t region = 0;
  // capacity by kind: hap -> GPs seeing consults; ambulance_station ->
  // vehicles; ggz_crisis -> crisis teams; ed -> treatment places; vvt -> beds.
  Roster staff{};                                    // hap, ambulance_station, ggz_crisis
  std::uint32_t places = 0;                          // ed; vvt: all bed types
  std::array<std::uint32_t, bed_type_count> beds{};  // vvt: beds per BedType
  std::optional<std::size_t> rav;                    // ambulance_station: its RAV (index into ravs); none: its region's
  // ed: the acute beds of its hospital for patients admitted via the ED or
  // directly (Hospital); none: an admitted patient's record ends at admission
  std::optional<std::uint32_t> hospital_beds;
};

// An ambulance dispatch centre (meldkamer ambulancezorg) and the RAVs it
// dispatches for.
struct DispatchCentre {
  std::string id, name;
  double lat = 0, lon = 0;
  std::vector<std::size_t> ravs;  // indices into AcuteConfig::ravs
};

struct Road {
  double speed_kmh = 50;                         // patient and GP car travel
  double urgent_speed_kmh = 75;                  // ambulance with lights and siren
  double detour_factor = 1.3;                    // road distance / straight-line distance
  std::uint32_t links_per_node = 4;              // road graph: each place links to its k nearest
  std::array<double, 24> hourly_speed_factor{};  // multiplies speed by hour of day (1 = free flow)
};

// ---- demand ---------------------------------------------------------------

struct Stream {
  bool enabled = false;
  double per_1000_per_year = 0;
  WeekProfile profile{};                        // normalised to mean 1
  std::array<double, urgency_count> urgency{};  // sums to 1
  // The true need given the urgency (each row sums to 1): urgency is drawn
  // first, then the need from its row. U0/U1 rows hold only ambulance and
  // ed, the U5 row neither (the loader checks it).
  std::array<std::array<double, response_count>, urgency_count> need_by_urgency{};
  std::array<double, response_count> need{};  // the marginal need mix (sum over urgencies), for reports
  double self_care_share = 0;                 // self_triage: end in online self-care advice
};

struct Surge {
  double begin = 0, end = 0;  // minutes since start_date 00:00
  double factor = 1;
  std::array<bool, stream_count> streams{};  // which streams it multiplies
};

// ---- triage ---------------------------------------------------------------

enum class TriageMode : std::uint8_t { fragmented, zcc };

struct TriageRule {
  std::array<sim::Distribution, discipline_count> time;  // triage call duration, minutes
  double transfer_probability = 0;                       // handed to a triagist of the need's discipline
  double self_triage_time_factor = 1;                    // triage time x this when a self-triage outcome is attached
  // accuracy[need][assigned]: rows sum to 1.
  std::array<std::array<double, response_count>, response_count> accuracy{};
};

// The 112 dispatch room (MKA), beside its triage rule (triage.dispatch).
// The dispatcher assesses the call with the rule's accuracy: an ambulance
// is sent for an assessed ambulance need (urgency from the NTS: U0-U1 A1,
// U2 A2, ...); an assessed ED need goes by own transport; any other need is
// handed over to the line of its discipline (today the HAP, crisis or bed
// line; with a zcc open for patients its line).
struct Dispatch {
  // With a zcc open for patients: of the calls assessed as needing an
  // ambulance at urgency warm_transfer_from or less urgent (not time-
  // critical), the share warm-transferred to the zcc's ambulance triagist.
  std::uint8_t warm_transfer_from = 2;  // U2
  double warm_transfer_share = 0;
  // Dispatchers err on the safe side: the probability that a call they send
  // an ambulance to is assessed one urgency more urgent than it is (the
  // ride's class follows the assessed urgency).
  double urgency_over_triage = 0;
  // An ambulance request from another line (HAP, zcc, providers' line)
  // passes through the dispatch room and takes a dispatcher this long.
  sim::Distribution request_time;
};

struct Recontact {
  double probability = 0;   // after under-triage (assigned level < need level)
  sim::Distribution delay;  // minutes until the patient calls again
};

struct Phone {
  sim::Distribution patience;      // minutes a caller waits before hanging up
  double redial_probability = 0;   // a caller who hung up calls again
  sim::Distribution redial_delay;  // minutes
  // After the last attempt: the mix of paths (sums to 1) of urgent (U0-U2)
  // and of other callers.
  std::array<double, gave_up_count> gave_up_urgent{}, gave_up_other{};
};

// The norms safety events are counted against.
struct Safety {
  // Minutes from the first contact to the start of care, by urgency; none:
  // no norm. Default: U0 and U1 15 (A1 norm, NTS "immediate"), U2 60 (NTS
  // "within the hour").
  std::array<std::optional<double>, urgency_count> care_norm{15.0,         15.0,         60.0,
                                                             std::nullopt, std::nullopt, std::nullopt};
};

// ---- the zcc ----------------------------------------------------------------

enum class Pooling : std::uint8_t { pooled, per_subregion };
enum class PatientHours : std::uint8_t { out_of_hours, always };

// A period in which a zcc location is closed (an IT failure, an
// evacuation): none of its staff is on duty; minutes since start_date 00:00.
struct Closure {
  double from = 0, to = 0;
};

struct ZccLocation {
  std::string name;
  std::size_t site = 0;                 // index into sites (kind zcc)
  std::vector<std::string> subregions;  // served first under per_subregion pooling
  std::array<Roster, discipline_count> rosters{};
  std::vector<Closure> closed;             // sorted, not overlapping
  std::optional<std::uint32_t> max_staff;  // its own max_staff, else zcc.max_staff_per_location
};

// Is `now` inside one of the periods?
inline bool closed_at(const std::vector<Closure>& periods, double now) noexcept {
  for (const Closure& c : periods)
    if (c.from <= now && now < c.to) return true;
  return false;
}

struct Zcc {
  std::vector<ZccLocation> locations;  // empty: no zcc (today's fragmented chain)
  Pooling pooling = Pooling::pooled;
  double overflow_after = 2.0;  // minutes before a per-sub-region call overflows
  PatientHours patient_hours = PatientHours::out_of_hours;
  // The zcc's triagists book ambulance rides themselves (as pilots do):
  // no dispatcher's time for its requests.
  bool books_ambulance_rides = false;
  // per_subregion: the other locations take over a closed location's
  // patients' calls (else its callers wait at the closed location until
  // their patience runs out)
  bool takeover = true;
  // the most triagists (all disciplines) a location can have on duty at once
  // (what it can recruit); none: no limit
  std::optional<std::uint32_t> max_staff_per_location;
};

// ---- care responses -----------------------------------------------------------

struct ResponseRule {
  int level = 0;              // ordinal care level: assigned < need is under-triage
  sim::Distribution service;  // contact / consult / visit / assessment time on site, minutes
  // hap_consult, gp_home_visit: the probability that the GP recognises a
  // need above the consult or visit and refers the patient on to it (ED,
  // ambulance, crisis team, district nursing, a bed); else the patient goes
  // home and may call again (triage.recontact).
  double refer_on = 0;
};

struct Ambulance {
  std::array<std::uint8_t, urgency_count> urgency_class{0, 0, 1, 2, 2, 2};  // U -> A1/A2/B
  sim::Distribution dispatch_delay;                                         // call to departure, minutes
  sim::Distribution on_scene;
  sim::Distribution handover;                       // at the ED
  double transport_when_needed = 0.9;               // share transported when need is ambulance or ed
  double transport_when_not_needed = 0.1;           // share transported when the need is below the ED's level
  std::array<double, 3> norm_minutes{15, 30, 120};  // response norms A1, A2, B
  // Of transported patients whose need is the ambulance: the share taken
  // past the ED, straight to a hospital unit (cardiac, stroke, delivery).
  double direct_admission_share = 0;
  // A1 pre-alert: the dispatcher alerts the crew this many minutes after
  // answering the 112 call, while still on the call; none: the crew is
  // alerted when the call ends (the ride request).
  std::optional<double> prealert_minutes;
  // A patient's own vehicles are those of its ambulance area (its area's
  // RAV, else its region). Another area's free vehicle (a neighbouring, not
  // own, region's; or, where both have a RAV, another RAV's of any region)
  // is sent instead of the nearest free own one when the own one's drive is
  // longer than this (and the other's is shorter), or when no own one is
  // free; none: the nearest free vehicle of any of them.
  std::optional<double> help_after_minutes;
  // A helping vehicle (of another ambulance area) is sent only if its drive
  // is at most this many minutes; none: no limit; 0: no help.
  std::optional<double> help_max_minutes;
  // With dispatch centres: a vehicle of a RAV of another dispatch centre is
  // sent only when the own centre's RAVs have no free vehicle within this
  // many minutes (and it is nearer than the own centre's choice); none:
  // help_after_minutes.
  std::optional<double> help_other_centre_after_minutes;
  // Minutes added to the dispatch delay of a vehicle of another dispatch
  // centre (the call between the two dispatch rooms).
  double help_request_minutes = 0;
};

// The share of ambulance rides that transport the patient: needed when the
// need is the ambulance or the ED, else a defensive share.
inline double transport_share(const Ambulance& a, Response need) noexcept {
  return need == Response::ambulance || need == Response::ed ? a.transport_when_needed : a.transport_when_not_needed;
}

// Where a transported patient of this need goes (before the direct-admission
// draw): need ggz_crisis to psychiatric care, vvt_bed to a bed search, every
// other need to the ED (need ambulance: a share bypasses it).
inline Destination transport_destination(Response need) noexcept {
  if (need == Response::ggz_crisis) return Destination::ggz_crisis;
  if (need == Response::vvt_bed) return Destination::vvt_bed;
  return Destination::ed;
}

// The share of an ambulance ride of this need that ends at the ED.
inline double ed_transport_share(const Ambulance& a, Response need) noexcept {
  if (transport_destination(need) != Destination::ed) return 0.0;
  return transport_share(a, need) * (need == Response::ambulance ? 1.0 - a.direct_admission_share : 1.0);
}

// A patient left at home by the crew whose need the crew cannot settle on
// scene (it needs the ambulance, the ED, the crisis team or a bed): may
// contact again (triage.recontact).
inline bool unsettled_on_scene(Response need) noexcept {
  return need == Response::ambulance || need == Response::ed || need == Response::ggz_crisis ||
         need == Response::vvt_bed;
}

struct Ed {
  sim::Distribution los_discharged, los_admitted;  // minutes in a treatment place
  double admission_share = 0.37;
  double vvt_after_ed_share = 0.02;  // discharged patients who need a short-stay bed first
};

// Hospital beds (sites' hospital_beds; Hospital): an admitted patient's
// stay, and the time to arrange a transfer to another hospital (the drive
// itself at road.speed_kmh). Used only when some ED site has hospital_beds.
struct HospitalRules {
  sim::Distribution los_days;         // days in a hospital bed
  double transfer_prep_minutes = 60;  // arranging a transfer, in the ED place (ASSUMPTION)
};

// With capacity insight, which provider a triage line or dispatcher sends a
// patient to: the least loaded ((waiting + busy) per server on duty) whose
// travel time is at most this many minutes more than the nearest's (0:
// always the nearest). One for the ED (ed_choice), the HAP post for a
// consult (hap_choice) and the GGZ crisis team that drives out (ggz_choice).
struct NearbyChoice {
  double max_extra_minutes = 0;
};

// When a bed type admits: every day (or weekdays only) from `from` to `to`
// o'clock; 0-24 every day is around the clock. A search that would start
// outside these hours waits for the next opening (Placement).
struct AdmissionHours {
  std::uint32_t from = 0, to = 24;
  bool weekdays_only = false;
  bool always() const noexcept { return from == 0 && to == 24 && !weekdays_only; }
  // `now` (minutes, 0 = Monday 00:00) if admitting then, else the next opening.
  double next_opening(double now) const noexcept;
};

struct BedTypeRule {
  double share = 0;                       // of the patients needing vvt_bed
  sim::Distribution length_of_stay_days;  // days
  AdmissionHours admission;
  double acceptance = 1;  // a provider with a free bed of the type accepts the patient asked (per ask)
};

struct Beds {
  std::array<BedTypeRule, bed_type_count> types{};
  double attempt_minutes = 10;              // one phone call to a provider (no insight, or after a refusal)
  double lookup_minutes = 2;                // checking the capacity dashboard (insight)
  double retry_after = 60;                  // minutes before a new round when all are full
  double neighbour_free_probability = 0.5;  // a neighbouring region has a bed (and takes the patient)
  std::uint32_t providers_per_site = 5;     // a vvt site's beds are split over this many providers
  // With capacity insight: the share of a region's providers connected to the
  // capacity platform (seen in one lookup); the others are phoned one by one.
  double connected_share = 1.0;
};

inline double AdmissionHours::next_opening(double now) const noexcept {
  if (always()) return now;
  const double day0 = std::floor(now / 1440.0) * 1440.0;
  for (int d = 0; d < 8; ++d) {
    const double day = day0 + d * 1440.0;
    const auto weekday = static_cast<long>(std::floor(day / 1440.0)) % 7;  // 0 = Monday
    if (weekdays_only && weekday >= 5) continue;
    const double open = day + from * 60.0, close = day + to * 60.0;
    if (now < close) return now > open ? now : open;
  }
  return now;  // never open (from == to): the loader refuses it
}

// ---- costs: three views, never summed across -------------------------------
// (a) resources: what the capacity of the own regions costs, rostered or
// provided, busy or not (Costs::resources); (b) prices: the tariffs charged
// per activity (Price items, booked per patient record); (c) who pays each
// priced item (Payer). The zcc's own costs (IT, capacity platform, premises,
// management) are a fourth line, per location; the headline
// (cost_total_meur_per_year) is (b) + the zcc's own costs.

// Priced items: the ten response tariffs (same order as Response), then the
// other charges.
enum class Price : std::uint8_t {
  // clang-format off
  self_care, pharmacy, gp_phone, hap_consult, gp_home_visit, district_nursing,
  ambulance,  // an A1/A2 ride with transport
  ed, ggz_crisis,
  vvt_bed,    // a placement; the stay is bed_day
  ambulance_b, ambulance_no_transport, ambulance_per_km,
  bed_day_elv_low, bed_day_elv_high, bed_day_grz, bed_day_crisis,  // a bed day, by BedType (same order)
  own_gp_contact, wrong_bed_hour,
  hospital_bed_day, hospital_transfer,  // a hospital bed day; a transfer to another hospital
  // clang-format on
};
inline constexpr std::size_t price_count = 21;
inline constexpr std::string_view price_names[price_count] = {
    "self_care",        "pharmacy",         "gp_phone",         "hap_consult",
    "gp_home_visit",    "district_nursing", "ambulance",        "ed",
    "ggz_crisis",       "vvt_bed",          "ambulance_b",      "ambulance_no_transport",
    "ambulance_per_km", "bed_day_elv_low",  "bed_day_elv_high", "bed_day_grz",
    "bed_day_crisis",   "own_gp_contact",   "wrong_bed_hour",   "hospital_bed_day",
    "hospital_transfer"};
inline constexpr Price price_of(Response r) noexcept { return static_cast<Price>(r); }
inline constexpr Price bed_day_price(BedType t) noexcept {
  return static_cast<Price>(static_cast<std::size_t>(Price::bed_day_elv_low) + static_cast<std::size_t>(t));
}

// Who pays: Zvw (health insurance act), Wlz (long-term care act), Wmo
// (municipalities, social support act).
enum class Payer : std::uint8_t { zvw, wlz, wmo };
inline constexpr std::size_t payer_count = 3;
inline constexpr std::string_view payer_names[payer_count] = {"zvw", "wlz", "wmo"};

// Who a priced item is paid to (the dimension of cost_paid_to_meur_per_year).
enum class Provider : std::uint8_t { self_care, pharmacy, hap, own_gp, nursing, ambulance, ed, ggz, beds, hospital };
inline constexpr std::size_t provider_count = 10;
inline constexpr std::string_view provider_names[provider_count] = {
    "self_care", "pharmacy", "hap", "own_gp", "nursing", "ambulance", "ed", "ggz", "beds", "hospital"};
inline constexpr Provider provider_of(Price p) noexcept {
  switch (p) {
    case Price::self_care:
      return Provider::self_care;
    case Price::pharmacy:
      return Provider::pharmacy;
    case Price::gp_phone:
    case Price::hap_consult:
    case Price::gp_home_visit:
      return Provider::hap;
    case Price::own_gp_contact:
      return Provider::own_gp;
    case Price::district_nursing:
      return Provider::nursing;
    case Price::ambulance:
    case Price::ambulance_b:
    case Price::ambulance_no_transport:
    case Price::ambulance_per_km:
      return Provider::ambulance;
    case Price::ed:
    case Price::wrong_bed_hour:
      return Provider::ed;
    case Price::ggz_crisis:
      return Provider::ggz;
    case Price::vvt_bed:
    case Price::bed_day_elv_low:
    case Price::bed_day_elv_high:
    case Price::bed_day_grz:
    case Price::bed_day_crisis:
      return Provider::beds;
    case Price::hospital_bed_day:
    case Price::hospital_transfer:
      return Provider::hospital;
  }
  return Provider::self_care;
}

// (a) Unit costs of capacity, euro, for the own regions' resources.
struct ResourceCosts {
  std::array<double, discipline_count> triagist_hourly{};  // per staffed hour (zcc and today's lines)
  double dispatcher_hourly = 0;                            // 112 dispatch (MKA)
  double gp_hourly = 0;                                    // GPs at HAP posts and in home-visit cars
  double car_hourly = 0;                                   // a home-visit car's driver and vehicle (plus its GP)
  double ambulance_hourly = 0;                             // a staffed ambulance: crew of two and vehicle
  double ed_place_hourly = 0;                              // an ED treatment place, open or not
  double ggz_team_hourly = 0;                              // a GGZ crisis team on duty
  double nursing_team_hourly = 0;                          // an acute district-nursing team on duty
  double bed_day = 0;                                      // a short-stay bed, occupied or not
  double hospital_bed_day = 0;                             // a hospital bed (sites' hospital_beds), occupied or not
};

// The zcc's own costs, euro per location per year (none in fragmented mode).
struct ZccCosts {
  double it = 0;                 // telephony, triage software, records
  double capacity_platform = 0;  // connection to the capacity platform (only with capacity insight)
  double premises = 0;
  double management = 0;  // management and coordination
};

struct Costs {
  // (b) prices
  std::array<double, response_count> tariff{};  // euro per activity
  double ambulance_b = 0, ambulance_no_transport = 0, ambulance_per_km = 0;
  std::array<double, bed_type_count> bed_day{};  // a bed day, by BedType
  double own_gp_contact = 0;                     // a contact with the patient's own GP in office hours
  double wrong_bed_hour = 0;                     // an hour in an ED place waiting for a short-stay or hospital bed
  double hospital_bed_day = 0;                   // a day in a hospital bed (sites' hospital_beds)
  double hospital_transfer = 0;                  // a transfer to another hospital's bed (ride and hand-over)
  // (c) who pays each priced item
  std::array<Payer, price_count> payer{};
  // (a) resources
  ResourceCosts resources;
  ZccCosts zcc;
};

// The price of one unit of a priced item (ambulance_per_km: per km,
// bed_day: per day, wrong_bed_hour: per hour).
inline double price(const Costs& c, Price p) noexcept {
  const auto i = static_cast<std::size_t>(p);
  if (i < response_count) return c.tariff[i];
  switch (p) {
    case Price::ambulance_b:
      return c.ambulance_b;
    case Price::ambulance_no_transport:
      return c.ambulance_no_transport;
    case Price::ambulance_per_km:
      return c.ambulance_per_km;
    case Price::bed_day_elv_low:
    case Price::bed_day_elv_high:
    case Price::bed_day_grz:
    case Price::bed_day_crisis:
      return c.bed_day[static_cast<std::size_t>(p) - static_cast<std::size_t>(Price::bed_day_elv_low)];
    case Price::own_gp_contact:
      return c.own_gp_contact;
    case Price::wrong_bed_hour:
      return c.wrong_bed_hour;
    case Price::hospital_bed_day:
      return c.hospital_bed_day;
    case Price::hospital_transfer:
      return c.hospital_transfer;
    default:
      return 0;
  }
}

// A multi-year budget of the change from a baseline to this scenario
// (study/budget.hpp): all ASSUMPTIONS of the scenario.
struct Budget {
  std::vector<double> ramp_up;                      // per year: the share of the yearly effect realised
  std::vector<double> one_off;                      // per year: one-off costs, M euro (project + training + IT set-up)
  std::vector<double> project, training, it_setup;  // the parts of one_off, M euro per year
  double discount_rate = 0;
  std::size_t years() const noexcept { return ramp_up.size(); }
};

// Public holidays (calendar.hpp): a holiday takes the hours of day of week
// holiday_as (office hours, demand profile, rosters).
struct Calendar {
  std::vector<Holiday> public_holidays;  // none: every day is its own day of week
  std::uint8_t holiday_as = 6;           // 0 = Monday .. 6 = Sunday
  // Per day since start_date (warm-up, horizon and a week more, made by the
  // loader): the day of week whose hours apply. Empty when no holiday falls
  // in the run; past its end, day % 7.
  std::vector<std::uint8_t> day_of_week;
  std::size_t weekday(long day) const noexcept {
    const auto d = static_cast<std::size_t>(day);
    return d < day_of_week.size() ? day_of_week[d] : d % 7;
  }
};

struct AcuteConfig {
  std::string name;
  std::string start_date = "2025-01-06";  // ISO date, a Monday
  double horizon = 365 * 1440.0;          // minutes after warm-up
  double warmup = 7 * 1440.0;
  // The loader refuses a scenario whose expected arrivals (expected_arrivals
  // in demand.hpp) exceed this (scenario key max_arrivals).
  std::uint64_t max_arrivals = 100'000'000;
  Calendar calendar;

  std::vector<Region> regions;
  // RAV areas (regionale ambulancevoorziening: the ambulance care areas,
  // the safety regions) that areas and ambulance stations name; empty: none.
  std::vector<std::string> ravs;
  // The dispatch centres, each RAV in exactly one; empty: none (help between
  // RAVs under help_after_minutes only). rav_centre: per RAV its centre.
  std::vector<DispatchCentre> dispatch_centres;
  std::vector<std::size_t> rav_centre;
  std::vector<Area> areas;
  std::vector<Site> sites;
  Road road;

  std::array<Stream, stream_count> streams{};
  std::vector<Surge> surges;
  // demand_growth: every stream's rates x (1 + per_year)^(year - base_year)
  // in each calendar year of the run, as one factor per year (all streams).
  std::vector<Surge> growth;

  TriageMode mode = TriageMode::zcc;
  TriageRule zcc_triage, fragmented_triage;
  TriageRule dispatch_triage;  // 112 ambulance dispatchers (triage.dispatch; default: fragmented)
  Dispatch dispatch;
  Recontact recontact;
  Phone phone;
  Safety safety;
  Zcc zcc;
  std::array<Roster, discipline_count> fragmented_rosters{};  // today's lines of every own region without its own
  Roster dispatchers{};                                       // 112 ambulance dispatch (MKA), in both modes
  Roster home_visit_cars{};                                   // GP home-visit cars, per own region
  Roster nursing_teams{};                                     // acute district nursing, per own region
  bool capacity_insight = true;

  std::array<ResponseRule, response_count> responses{};
  Ambulance ambulance;
  Ed ed;
  NearbyChoice ed_choice, hap_choice, ggz_choice;
  Beds beds;
  HospitalRules hospital;
  bool hospital_beds = false;  // some ED site has hospital_beds (Hospital is on); set by the loader
  Costs costs;
  std::optional<Budget> budget;  // none: no budget view

  // The own regions' sub-regions, sorted, with "none" last when some own area
  // has none: the labels of the per-sub-region KPIs (kpis.hpp). Empty when no
  // own area has a sub-region (no per-sub-region KPIs). Set by the loader.
  std::vector<std::string> subregions;

  double own_population() const noexcept;  // inhabitants of own regions

  // The ambulance area of an area or station: its RAV (0 .. ravs.size()-1),
  // else ravs.size() + its region. An area's patients are served by the
  // stations of its ambulance area first.
  std::size_t ambulance_area(const Area& a) const noexcept { return a.rav ? *a.rav : ravs.size() + a.region; }
  std::size_t ambulance_area(const Site& s) const noexcept { return s.rav ? *s.rav : ravs.size() + s.region; }

  // The rosters region r works with: its own, else the scenario's.
  const Roster& dispatchers_of(std::size_t r) const noexcept {
    return regions[r].dispatchers ? *regions[r].dispatchers : dispatchers;
  }
  const Roster& home_visit_cars_of(std::size_t r) const noexcept {
    return regions[r].home_visit_cars ? *regions[r].home_visit_cars : home_visit_cars;
  }
  const Roster& nursing_teams_of(std::size_t r) const noexcept {
    return regions[r].nursing_teams ? *regions[r].nursing_teams : nursing_teams;
  }
  const Roster& fragmented_roster_of(std::size_t r, std::size_t d) const noexcept {
    const std::optional<Roster>& own = regions[r].fragmented_rosters[d];
    return own ? *own : fragmented_rosters[d];
  }
};

inline double AcuteConfig::own_population() const noexcept {
  double p = 0;
  for (const Area& a : areas) p += regions[a.region].own ? a.population : 0.0;
  return p;
}

}  // namespace zccsim::models::acute
