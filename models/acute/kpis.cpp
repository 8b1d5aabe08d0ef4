// SPDX-License-Identifier: MIT
// Directions, as a planner reads them: waiting, response and search times,
// losses, re-contacts and costs are better lower; norms met, calls answered
// in time and first-time-right triage better higher. ED visits and ambulance
// rides per 1,000 are better lower: avoidable acute care is what a zcc is
// meant to cut. Demand, response mixes, occupancy and utilisation are
// neither: their best value is a trade-off, not an extreme.
#include "kpis.hpp"

#include "acute_config.hpp"
#include "acute_model.hpp"

#include <stdexcept>
#include <string>
#include <vector>

namespace zccsim::models::acute {

namespace {

constexpr const char* rate = "per 1,000 inhabitants per year";
constexpr const char* share = "share";
constexpr const char* minutes = "minutes";
constexpr const char* meur = "M euro per year";
using sim::Better;

struct Entry {
  Kpi id;
  const char* name;
  const char* unit;
  Better better;
  const char* description;
  int dimension = -1;  // index into the table's dimensions, or none
};

constexpr int by_urgency = 0, by_response = 1;

// clang-format off
const Entry entries[] = {
  {Kpi::patients_per_1000, "patients_per_1000", rate, Better::neither, "first contacts of all streams (re-contacts not included)"},
  {Kpi::hap_contacts_per_1000, "hap_contacts_per_1000", rate, Better::neither, "calls of the HAP line / zcc GP line triaged (hap_calls and self-triage streams, re-contacts included)"},
  {Kpi::hap_phone_advice_share, "hap_phone_advice_share", share, Better::neither, "of the triaged HAP contacts that stayed in primary care, the share assigned gp_phone"},
  {Kpi::hap_consult_share, "hap_consult_share", share, Better::neither, "of the triaged HAP contacts that stayed in primary care, the share assigned hap_consult"},
  {Kpi::hap_home_visit_share, "hap_home_visit_share", share, Better::neither, "of the triaged HAP contacts that stayed in primary care, the share assigned gp_home_visit"},
  {Kpi::hap_referred_share, "hap_referred_share", share, Better::neither, "HAP contacts assigned ed or ambulance"},
  {Kpi::daytime_gp_share, "daytime_gp_share", share, Better::neither, "patients whose line was closed (office hours): handled by their own GP, outside the model"},
  {Kpi::ed_visits_per_1000, "ed_visits_per_1000", rate, Better::lower, "arrivals at an ED (walk-ins, referrals, ambulance transports, triaged to ED)"},
  {Kpi::ed_wait_minutes_mean, "ed_wait_minutes_mean", minutes, Better::lower, "arrival at the ED to a treatment place"},
  {Kpi::ed_los_minutes_mean, "ed_los_minutes_mean", minutes, Better::lower, "arrival to the end of ED treatment (waiting for a bed afterwards is wrong_bed_hours)"},
  {Kpi::ed_admitted_share, "ed_admitted_share", share, Better::neither, "ED visits admitted to hospital"},
  {Kpi::ed_occupancy, "ed_occupancy", share, Better::neither, "busy treatment places / places, time-averaged, all EDs in the scenario"},
  {Kpi::ambulance_rides_per_1000, "ambulance_rides_per_1000", rate, Better::lower, "ambulance deployments"},
  {Kpi::ambulance_no_transport_share, "ambulance_no_transport_share", share, Better::neither, "deployments that did not transport the patient"},
  {Kpi::a1_response_minutes_mean, "a1_response_minutes_mean", minutes, Better::lower, "request to arrival on scene, A1"},
  {Kpi::a1_response_minutes_p95, "a1_response_minutes_p95", minutes, Better::lower, "95th percentile of the A1 response time (norm: 15 min for 95 %)"},
  {Kpi::a1_within_15min_share, "a1_within_15min_share", share, Better::higher, "A1 deployments on scene within the A1 norm (ambulance.norm_minutes.A1, 15)"},
  {Kpi::a2_within_30min_share, "a2_within_30min_share", share, Better::higher, "A2 deployments on scene within their norm (30)"},
  {Kpi::b_within_norm_share, "b_within_norm_share", share, Better::higher, "B deployments on scene within their norm"},
  {Kpi::answered_within_30s_share, "answered_within_30s_share", share, Better::higher, "patient calls (attempts, redials included) answered within 30 s"},
  {Kpi::answered_within_2min_share, "answered_within_2min_share", share, Better::higher, "patient calls (attempts, redials included) answered within 2 minutes"},
  {Kpi::phone_abandoned_share, "phone_abandoned_share", share, Better::lower, "patient call attempts that hung up before an answer"},
  {Kpi::answer_seconds_mean, "answer_seconds_mean", "seconds", Better::lower, "mean time to answer of answered patient calls"},
  {Kpi::triage_minutes_mean, "triage_minutes_mean", minutes, Better::neither, "mean triage call duration"},
  {Kpi::transfer_share, "transfer_share", share, Better::lower, "triage calls handed on to a triagist of another discipline"},
  {Kpi::first_time_right_share, "first_time_right_share", share, Better::higher, "patients whose first assigned response equals their true need"},
  {Kpi::recontact_24h_share, "recontact_24h_share", share, Better::lower, "patients who contacted again within 24 h of their first contact"},
  {Kpi::recontacts_per_1000, "recontacts_per_1000", rate, Better::lower, "re-contacts after under-triage"},
  {Kpi::lost_share, "lost_share", share, Better::lower, "patients who hung up and did not call again"},
  {Kpi::time_to_care_minutes, "time_to_care_minutes", minutes, Better::lower, "first contact to the start of care (advice given, consult starts, GP or ambulance on scene, ED place, bed placed), by NTS urgency", by_urgency},
  {Kpi::destination_share, "destination_share", share, Better::neither, "first assigned response, per response; sums to 1", by_response},
  {Kpi::placement_search_minutes_mean, "placement_search_minutes_mean", minutes, Better::lower, "start of a short-stay bed search to placement"},
  {Kpi::placements_outside_region_share, "placements_outside_region_share", share, Better::lower, "placements in a neighbouring region"},
  {Kpi::bed_rejections_per_1000, "bed_rejections_per_1000", rate, Better::lower, "provider calls that found no room (with insight: searches that found the region full)"},
  {Kpi::bed_occupancy, "bed_occupancy", share, Better::neither, "busy short-stay beds / beds"},
  {Kpi::wrong_bed_hours, "wrong_bed_hours", "hours per year", Better::lower, "time discharged ED patients spent in an ED place waiting for a short-stay bed"},
  {Kpi::ggz_crisis_per_1000, "ggz_crisis_per_1000", rate, Better::neither, "GGZ crisis assessments started"},
  {Kpi::utilization_triage_gp, "utilization_triage_gp", share, Better::neither, "busy / on-duty time of all GP triage lines (zcc and fragmented)"},
  {Kpi::utilization_triage_ambulance, "utilization_triage_ambulance", share, Better::neither, "busy / on-duty time of all ambulance triage lines (zcc and fragmented)"},
  {Kpi::utilization_triage_ggz, "utilization_triage_ggz", share, Better::neither, "busy / on-duty time of all GGZ triage lines (zcc and fragmented)"},
  {Kpi::utilization_triage_vvt, "utilization_triage_vvt", share, Better::neither, "busy / on-duty time of all VVT triage lines (zcc and fragmented)"},
  {Kpi::utilization_dispatch, "utilization_dispatch", share, Better::neither, "busy / on-duty time of the 112 ambulance dispatchers"},
  {Kpi::utilization_hap_gp, "utilization_hap_gp", share, Better::neither, "busy / on-duty time of the GPs at HAP posts (consults)"},
  {Kpi::utilization_home_visit_cars, "utilization_home_visit_cars", share, Better::neither, "busy / on-duty time of the GP home-visit cars"},
  {Kpi::utilization_nursing, "utilization_nursing", share, Better::neither, "busy / on-duty time of the acute district nursing teams"},
  {Kpi::utilization_ggz_teams, "utilization_ggz_teams", share, Better::neither, "busy / on-duty time of the GGZ crisis teams"},
  {Kpi::utilization_ambulances, "utilization_ambulances", share, Better::neither, "busy / on-duty time of the staffed ambulances (busy from dispatch to return at the station)"},
  {Kpi::cost_per_patient, "cost_per_patient", "euro", Better::lower, "(activity tariffs + staff hours x hourly cost) / patients"},
  {Kpi::cost_total_meur_per_year, "cost_total_meur_per_year", meur, Better::lower, "activities + staff"},
  {Kpi::cost_activities_meur_per_year, "cost_activities_meur_per_year", meur, Better::lower, "tariffs of the activities delivered"},
  {Kpi::cost_staff_meur_per_year, "cost_staff_meur_per_year", meur, Better::lower, "rostered hours x hourly cost (triagists, dispatchers, HAP GPs, home-visit cars)"},
  {Kpi::patients_in_system_at_end, "patients_in_system_at_end", "patients", Better::neither, "records still in the system when the run ends (waiting, in care, or waiting to call again); reported, never dropped"},
};
// clang-format on
static_assert(std::size(entries) == kpi_count, "one table entry per Kpi id");

sim::KpiTable make_table() {
  sim::KpiTable t;
  t.dimensions.push_back({"urgency", {std::begin(urgency_names), std::end(urgency_names)}});
  t.dimensions.push_back({"response", {std::begin(response_names), std::end(response_names)}});
  for (std::size_t i = 0; i < std::size(entries); ++i) {
    const Entry& e = entries[i];
    if (static_cast<std::size_t>(e.id) != i) throw std::logic_error(std::string("acute KPI table out of order at ") + e.name);
    sim::KpiSpec s{e.name, e.unit, e.better, e.description, {}};
    if (e.dimension >= 0) s.dimensions.push_back(static_cast<std::size_t>(e.dimension));
    t.kpis.push_back(std::move(s));
  }
  return t;
}

struct Layout {
  sim::KpiTable table = make_table();
  std::vector<std::size_t> first;  // per KPI: its first column
  std::size_t columns = 0;
  Layout() {
    const auto of = table.column_kpi();
    first.assign(table.kpis.size(), 0);
    for (std::size_t c = of.size(); c-- > 0;) first[of[c]] = c;
    columns = of.size();
  }
};

const Layout& layout() {
  static const Layout l;
  return l;
}

}  // namespace

const sim::KpiTable& kpi_table() { return layout().table; }
std::size_t column(Kpi k) { return layout().first[static_cast<std::size_t>(k)]; }
std::size_t column_count() { return layout().columns; }

const std::vector<std::string>& kpi_names() {
  static const std::vector<std::string> names = kpi_table().columns();
  return names;
}

}  // namespace zccsim::models::acute
