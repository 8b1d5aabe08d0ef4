// SPDX-License-Identifier: MIT
// The acute model's KPI table: every KPI once, with its unit, the direction
// a planner calls better, its dimensions and a one-line description
// (scenarios/README.md, "KPIs (model: acute)"). kpi_table().columns() is
// kpi_names(): the region-wide columns, the same for every scenario. A
// scenario whose own areas have sub-regions adds the per-sub-region KPIs
// after them (kpi_table(cfg): a dimension "subregion" labelled by
// AcuteConfig::subregions); its columns are the order of AcuteResult::kpis.
#pragma once

#include "sim/kpi.hpp"

#include <cstddef>

namespace zccsim::models::acute {

struct AcuteConfig;

// One id per KPI of the table, in table order.
enum class Kpi : std::size_t {
  patients_per_1000,
  hap_contacts_per_1000,
  hap_phone_advice_share,
  hap_consult_share,
  hap_home_visit_share,
  hap_referred_share,
  hap_referred_ed_share,
  hap_referred_ambulance_share,
  referred_on_per_1000,
  daytime_gp_share,
  ed_visits_per_1000,
  ed_wait_minutes_mean,
  ed_los_minutes_mean,
  ed_admitted_share,
  ed_occupancy,
  ed_redirected_share,
  ed_travel_minutes_mean,
  hap_wait_minutes_mean,
  hap_redirected_share,
  ggz_wait_minutes_mean,
  ggz_redirected_share,
  calls_112_per_1000,
  warm_transfers_per_1000,
  dispatch_handovers_per_1000,
  ride_requests_per_1000,
  urgent_rides_primary_care_share,
  ambulance_rides_per_1000,
  ambulance_no_transport_share,
  ambulance_urgent_share,
  transport_destination_per_1000,  // by destination
  ed_arrivals_by_ambulance_share,
  recontact_72h_after_no_transport_share,
  neighbour_help_per_1000,
  help_given_per_1000,
  centre_help_received_per_1000,
  centre_help_given_per_1000,
  a1_response_minutes_mean,
  a1_response_minutes_p95,
  a1_within_15min_share,
  a1_from_request_minutes_mean,
  a1_from_request_within_15min_share,
  a2_within_30min_share,
  b_within_norm_share,
  answered_within_30s_share,
  answered_within_2min_share,
  phone_abandoned_share,
  gave_up_per_1000,  // by path
  closure_calls_per_1000,
  closure_answered_within_2min_share,
  closure_abandoned_share,
  answer_seconds_mean,
  triage_minutes_mean,
  transfer_share,
  first_time_right_share,
  recontact_24h_share,
  recontacts_per_1000,
  lost_share,
  time_to_care_minutes,   // by urgency
  under_triage_per_1000,  // by urgency
  late_care_per_1000,     // by urgency
  stayed_home_per_1000,   // by urgency
  safety_events_per_1000,
  destination_share,  // by response
  placements_per_1000,
  placement_search_minutes_mean,
  placements_outside_region_share,
  placement_search_work_hours,
  bed_rejections_per_1000,
  bed_occupancy,
  wrong_bed_hours,
  elv_placements_per_1000,
  placements_by_type_per_1000,          // by bed type
  placement_search_minutes_by_type,     // by bed type
  placement_search_work_hours_by_type,  // by bed type
  bed_refusals_per_1000,                // by bed type
  admission_waits_per_1000,             // by bed type
  admission_wait_hours,
  hospital_admissions_per_1000,
  hospital_bed_occupancy,
  hospital_boarded_share,
  hospital_boarding_minutes_mean,
  hospital_transfers_sent_per_1000,      // by transfer kind
  hospital_transfers_received_per_1000,  // by transfer kind
  hospital_transfer_minutes_mean,
  ggz_crisis_per_1000,
  utilization_triage_gp,
  utilization_triage_ambulance,
  utilization_triage_ggz,
  utilization_triage_vvt,
  utilization_dispatch,
  utilization_hap_gp,
  utilization_home_visit_cars,
  utilization_nursing,
  utilization_ggz_teams,
  utilization_ambulances,
  ambulance_minutes_per_ride,
  cost_per_patient,
  cost_total_meur_per_year,
  cost_activities_meur_per_year,
  cost_paid_meur_per_year,     // by payer
  cost_paid_to_meur_per_year,  // by provider
  cost_gave_up_meur_per_year,
  cost_zcc_meur_per_year,
  cost_resources_meur_per_year,
  cost_resource_group_meur_per_year,  // by resource
  patients_in_system_at_end,
  count
};
inline constexpr std::size_t kpi_count = static_cast<std::size_t>(Kpi::count);

const sim::KpiTable& kpi_table();
// The first column of a KPI in a row (a KPI with a dimension fills one
// column per label from there on).
std::size_t column(Kpi k);
// The number of region-wide columns (the row of a scenario without sub-regions).
std::size_t column_count();

// The per-sub-region KPIs, in table order after the region-wide ones; each
// by sub-region (time_to_care_minutes_subregion also by urgency), counted
// under the sub-region of the patient's area.
enum class SubregionKpi : std::size_t {
  population,
  patients_per_1000,
  hap_contacts_per_1000,
  phone_abandoned_share,
  ed_visits_per_1000,
  ambulance_rides_per_1000,
  a1_within_15min_share,
  a1_response_minutes_p95,
  safety_events_per_1000,
  time_to_care_minutes,  // by urgency
  cost_per_inhabitant,
  neighbour_help_per_1000,
  help_given_per_1000,
  centre_help_received_per_1000,
  centre_help_given_per_1000,
  hospital_admissions_per_1000,
  hospital_transfers_sent_per_1000,
  hospital_transfers_received_per_1000,
  count
};
inline constexpr std::size_t subregion_kpi_count = static_cast<std::size_t>(SubregionKpi::count);

// The scenario's KPI table: kpi_table(), and when cfg has sub-regions the
// per-sub-region KPIs after it.
sim::KpiTable kpi_table(const AcuteConfig& cfg);
// The number of columns of the scenario's row.
std::size_t column_count(const AcuteConfig& cfg);
// The column of per-sub-region KPI k for sub-region s of n (and urgency u).
std::size_t column(SubregionKpi k, std::size_t n, std::size_t s, std::size_t u = 0);

}  // namespace zccsim::models::acute
