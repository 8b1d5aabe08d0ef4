// SPDX-License-Identifier: MIT
// The acute-care regional model (`model: acute`) as validated plain structs.
// The loader (acute_loader.cpp) turns YAML into these; the model
// (acute_model.cpp) builds simulation objects from them and never reads YAML.
// Time inside the model is in minutes; day 0 00:00 is start_date (a Monday).
#pragma once

#include "sim/distribution.hpp"

#include <array>
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
};
inline constexpr std::size_t stream_count = 6;
inline constexpr std::string_view stream_names[stream_count] = {"hap_calls",      "calls_112",   "self_triage",
                                                                "provider_calls", "ed_walk_ins", "gp_referrals"};

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

// On-duty staff (or vehicles) per hour of week, hour 0 = Monday 00:00-01:00.
using Roster = std::array<std::uint32_t, 168>;
// Hour-of-week weights (relative; the loader normalises them to mean 1).
using WeekProfile = std::array<double, 168>;

// ---- geography ------------------------------------------------------------

struct Region {
  std::string name;
  bool own = true;  // false: a neighbouring region (placements there count as outside)
};

struct Area {
  std::string name;
  double population = 0;
  double lat = 0, lon = 0;
  std::size_t region = 0;  // index into AcuteConfig::regions
  std::string subregion;   // for per-sub-region zcc routing ("" = none)
};

struct Site {
  std::string id, name;
  SiteKind kind = SiteKind::hap;
  double lat = 0, lon = 0;
  std::size_t region = 0;
  // capacity by kind: hap -> GPs seeing consults; ambulance_station ->
  // vehicles; ggz_crisis -> crisis teams; ed -> treatment places; vvt -> beds.
  Roster staff{};            // hap, ambulance_station, ggz_crisis
  std::uint32_t places = 0;  // ed, vvt
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

struct ZccLocation {
  std::string name;
  std::size_t site = 0;                 // index into sites (kind zcc)
  std::vector<std::string> subregions;  // served first under per_subregion pooling
  std::array<Roster, discipline_count> rosters{};
};

struct Zcc {
  std::vector<ZccLocation> locations;  // empty: no zcc (today's fragmented chain)
  Pooling pooling = Pooling::pooled;
  double overflow_after = 2.0;  // minutes before a per-sub-region call overflows
  PatientHours patient_hours = PatientHours::out_of_hours;
  // The zcc's triagists book ambulance rides themselves (as pilots do):
  // no dispatcher's time for its requests.
  bool books_ambulance_rides = false;
};

// ---- care responses -----------------------------------------------------------

struct ResponseRule {
  int level = 0;              // ordinal care level: assigned < need is under-triage
  sim::Distribution service;  // contact / consult / visit / assessment time on site, minutes
};

struct Ambulance {
  std::array<std::uint8_t, urgency_count> urgency_class{0, 0, 1, 2, 2, 2};  // U -> A1/A2/B
  sim::Distribution dispatch_delay;                                         // call to departure, minutes
  sim::Distribution on_scene;
  sim::Distribution handover;                       // at the ED
  double transport_when_needed = 0.9;               // share transported when need is ambulance or ed
  double transport_when_not_needed = 0.1;           // share transported after over-triage
  std::array<double, 3> norm_minutes{15, 30, 120};  // response norms A1, A2, B
};

// The share of ambulance rides that take the patient to the ED: needed when
// the need is the ambulance or the ED, else over-triage.
inline double transport_share(const Ambulance& a, Response need) noexcept {
  return need == Response::ambulance || need == Response::ed ? a.transport_when_needed : a.transport_when_not_needed;
}

struct Ed {
  sim::Distribution los_discharged, los_admitted;  // minutes in a treatment place
  double admission_share = 0.37;
  double vvt_after_ed_share = 0.02;  // discharged patients who need a short-stay bed first
};

// With capacity insight, where a triage line or dispatcher sends a patient
// to the ED: the least crowded ED whose travel time is at most this many
// minutes more than the nearest's (0: always the nearest).
struct EdChoice {
  double max_extra_minutes = 0;
};

// With capacity insight, where a triage line sends a patient for a HAP
// consult: the post with the fewest waiting and busy per GP on duty whose
// travel time is at most this many minutes more than the nearest's (0:
// always the nearest).
struct HapChoice {
  double max_extra_minutes = 0;
};

struct Beds {
  sim::Distribution length_of_stay_days;    // days
  double attempt_minutes = 10;              // one phone call to a provider (no insight)
  double lookup_minutes = 2;                // checking the capacity dashboard (insight)
  double retry_after = 60;                  // minutes before a new round when all are full
  double neighbour_free_probability = 0.5;  // a neighbouring region has a bed
  std::uint32_t providers_per_site = 5;     // a vvt site's beds are split over this many providers
  // With capacity insight: the share of a region's providers connected to the
  // capacity platform (seen in one lookup); the others are phoned one by one.
  double connected_share = 1.0;
};

struct Costs {
  std::array<double, response_count> tariff{};  // euro per activity
  double ambulance_b = 0, ambulance_no_transport = 0, ambulance_per_km = 0;
  double bed_day = 0;  // vvt bed, per day
  std::array<double, discipline_count> triagist_hourly{};
  double dispatcher_hourly = 0;  // 112 dispatch (MKA)
  double gp_hourly = 0;          // GPs at HAP posts and on home visits
  double own_gp_contact = 0;     // a contact with the patient's own GP in office hours
  double wrong_bed_hour = 0;     // an hour in an ED place waiting for a short-stay bed
};

struct AcuteConfig {
  std::string name;
  std::string start_date = "2025-01-06";  // ISO date, a Monday
  double horizon = 365 * 1440.0;          // minutes after warm-up
  double warmup = 7 * 1440.0;

  std::vector<Region> regions;
  std::vector<Area> areas;
  std::vector<Site> sites;
  Road road;

  std::array<Stream, stream_count> streams{};
  std::vector<Surge> surges;

  TriageMode mode = TriageMode::zcc;
  TriageRule zcc_triage, fragmented_triage;
  TriageRule dispatch_triage;  // 112 ambulance dispatchers (triage.dispatch; default: fragmented)
  Dispatch dispatch;
  Recontact recontact;
  Phone phone;
  Safety safety;
  Zcc zcc;
  std::array<Roster, discipline_count> fragmented_rosters{};  // today's separate lines
  Roster dispatchers{};                                       // 112 ambulance dispatch (MKA), in both modes
  Roster home_visit_cars{};                                   // GP home-visit cars, per own region
  Roster nursing_teams{};                                     // acute district nursing, per own region
  bool capacity_insight = true;

  std::array<ResponseRule, response_count> responses{};
  Ambulance ambulance;
  Ed ed;
  EdChoice ed_choice;
  HapChoice hap_choice;
  Beds beds;
  Costs costs;

  double own_population() const noexcept;  // inhabitants of own regions
};

inline double AcuteConfig::own_population() const noexcept {
  double p = 0;
  for (const Area& a : areas) p += regions[a.region].own ? a.population : 0.0;
  return p;
}

}  // namespace zccsim::models::acute
