// SPDX-License-Identifier: MIT
// Directions, as a planner reads them: waiting, response and search times,
// losses, re-contacts and costs are better lower; norms met, calls answered
// in time and first-time-right triage better higher. ED visits and ambulance
// rides per 1,000 are better lower: avoidable acute care is what a zcc is
// meant to cut. Demand, response mixes, occupancy and utilisation are
// neither: their best value is a trade-off, not an extreme.
#include "kpis.hpp"

#include "accounting.hpp"
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

constexpr int by_urgency = 0, by_response = 1, by_path = 2, by_destination = 3, by_payer = 4, by_provider = 5,
              by_resource = 6, by_bed_type = 7, by_transfer = 8;

// clang-format off
// KPI(id): the id and its name, written once.
#define KPI(id) Kpi::id, #id
const Entry entries[] = {
  {KPI(patients_per_1000), rate, Better::neither,
   "first contacts of all streams (re-contacts not included)"},
  {KPI(hap_contacts_per_1000), rate, Better::neither,
   "calls of the HAP line / zcc GP line triaged (hap_calls and self-triage streams, re-contacts included)"},
  {KPI(hap_phone_advice_share), share, Better::neither,
   "of the triaged HAP contacts that stayed in primary care, the share assigned gp_phone"},
  {KPI(hap_consult_share), share, Better::neither,
   "of the triaged HAP contacts that stayed in primary care, the share assigned hap_consult"},
  {KPI(hap_home_visit_share), share, Better::neither,
   "of the triaged HAP contacts that stayed in primary care, the share assigned gp_home_visit (the three "
   "shares sum to 1)"},
  {KPI(hap_referred_share), share, Better::neither,
   "HAP contacts referred to the ED or the ambulance: at the triage or by the GP after the consult or visit"},
  {KPI(hap_referred_ed_share), share, Better::neither, "HAP contacts referred to the ED (published: 5.3 %, Nivel)"},
  {KPI(hap_referred_ambulance_share), share, Better::neither,
   "HAP contacts referred to the ambulance (published: 1.5 %, Nivel)"},
  {KPI(referred_on_per_1000), rate, Better::neither,
   "patients a GP referred on after a HAP consult or home visit, to a need above it (responses.*.refer_on)"},
  {KPI(daytime_gp_share), share, Better::neither,
   "patients whose line was closed (office hours), and patients assigned a HAP consult or home visit in office "
   "hours (after 112 or a provider): handled by their own GP, outside the model (costed as costs.own_gp_contact)"},
  {KPI(ed_visits_per_1000), rate, Better::lower,
   "arrivals at an ED (walk-ins, referrals, ambulance transports, triaged to ED)"},
  {KPI(ed_wait_minutes_mean), minutes, Better::lower, "arrival at the ED to a treatment place"},
  {KPI(ed_los_minutes_mean), minutes, Better::lower,
   "arrival to the end of ED treatment (waiting for a bed afterwards is wrong_bed_hours)"},
  {KPI(ed_admitted_share), share, Better::neither, "ED visits admitted to hospital"},
  {KPI(ed_occupancy), share, Better::neither,
   "busy treatment places / places, time-averaged, all EDs in the scenario"},
  {KPI(ed_redirected_share), share, Better::neither,
   "ED arrivals a triage line or dispatcher sent past the nearest ED to a less crowded one (capacity insight, "
   "ed_choice.max_extra_minutes)"},
  {KPI(ed_travel_minutes_mean), minutes, Better::lower,
   "road minutes from the patient's area to the ED a triage line or dispatcher sent them to (own transport; the "
   "model does not delay their arrival by it)"},
  {KPI(hap_wait_minutes_mean), minutes, Better::lower, "arrival at a HAP post to the start of the consult"},
  {KPI(hap_redirected_share), share, Better::neither,
   "HAP consults a triage line sent past the nearest post to a less loaded one (capacity insight, "
   "hap_choice.max_extra_minutes)"},
  {KPI(ggz_wait_minutes_mean), minutes, Better::lower,
   "a GGZ crisis team's request to the team setting out to the patient (or starting, for a patient brought to its "
   "site)"},
  {KPI(ggz_redirected_share), share, Better::neither,
   "GGZ crisis requests a triage line or dispatcher sent past the nearest team to a less loaded one (capacity "
   "insight, ggz_choice.max_extra_minutes)"},
  {KPI(calls_112_per_1000), rate, Better::lower,
   "calls to the 112 dispatch line: the calls_112 stream, urgent re-contacts and callers who gave up on the GP "
   "line"},
  {KPI(warm_transfers_per_1000), rate, Better::neither,
   "112 calls the dispatcher assessed as needing an ambulance but not time-critical (triage.dispatch."
   "warm_transfer_from), warm-transferred to the zcc's ambulance triagist"},
  {KPI(dispatch_handovers_per_1000), rate, Better::neither,
   "112 calls the dispatcher assessed as needing neither ambulance nor ED, handed over to the line of that "
   "need's discipline (HAP, crisis, bed line; the zcc's when open)"},
  {KPI(ride_requests_per_1000), rate, Better::neither,
   "ambulance rides booked through the dispatch room by another line (HAP, zcc, providers' line): dispatcher "
   "work (triage.dispatch.request_time) that zcc.books_ambulance_rides moves to the zcc"},
  {KPI(urgent_rides_primary_care_share), share, Better::lower,
   "of the urgent (A1, A2) rides, the share whose patient needed only primary care (self-care to district "
   "nursing): rides primary care could have handled (published: 42.3 %, NTvG 2014)"},
  {KPI(ambulance_rides_per_1000), rate, Better::lower,
   "ambulance deployments: urgent and triaged rides and planned (B) rides"},
  {KPI(ambulance_no_transport_share), share, Better::neither,
   "deployments that did not transport the patient"},
  {KPI(ambulance_urgent_share), share, Better::neither, "deployments of class A1 or A2"},
  {KPI(transport_destination_per_1000), rate, Better::neither,
   "ambulance deployments by where they left the patient: the ED (an ED visit), direct admission past the ED, "
   "a hospital (planned rides), psychiatric care (the crisis team), a short-stay bed search, home (not "
   "transported)", by_destination},
  {KPI(ed_arrivals_by_ambulance_share), share, Better::neither, "ED visits that arrived by ambulance"},
  {KPI(recontact_72h_after_no_transport_share), share, Better::lower,
   "of the deployments without transport, the share whose patient contacts again within 72 h (held out: "
   "never used to set a parameter)"},
  {KPI(neighbour_help_per_1000), rate, Better::neither,
   "help received: deployments to the own regions' patients of a vehicle of another ambulance area (another "
   "RAV's, or without RAVs a neighbouring region's; ambulance.help_after_minutes, help_max_minutes)"},
  {KPI(help_given_per_1000), rate, Better::neither,
   "help given: deployments of the own regions' vehicles to patients of another ambulance area (RAV); between "
   "own regions the same deployments as help received"},
  {KPI(centre_help_received_per_1000), rate, Better::neither,
   "of neighbour_help_per_1000: deployments to the own regions' patients of a vehicle of a RAV of another "
   "ambulance dispatch centre (dispatch_centres; ambulance.help_other_centre_after_minutes, help_request_minutes)"},
  {KPI(centre_help_given_per_1000), rate, Better::neither,
   "of help_given_per_1000: deployments of the own regions' vehicles to patients of a RAV of another dispatch "
   "centre; between own regions the same deployments as centre_help_received_per_1000"},
  {KPI(a1_response_minutes_mean), minutes, Better::lower,
   "the call reaching the 112 dispatch room (or the ride request, without a 112 call) to arrival on scene, A1"},
  {KPI(a1_response_minutes_p95), minutes, Better::lower,
   "95th percentile of the A1 response time from the call (norm: 15 min for 95 %)"},
  {KPI(a1_within_15min_share), share, Better::higher,
   "A1 deployments on scene within the A1 norm (ambulance.norm_minutes.A1, 15) from the call"},
  {KPI(a1_from_request_minutes_mean), minutes, Better::lower,
   "ride request (end of the triage call) to arrival on scene, A1"},
  {KPI(a1_from_request_within_15min_share), share, Better::higher,
   "A1 deployments on scene within the A1 norm from the ride request"},
  {KPI(a2_within_30min_share), share, Better::higher,
   "A2 deployments on scene within their norm (30) from the ride request"},
  {KPI(b_within_norm_share), share, Better::higher,
   "B deployments on scene within their norm from the ride request"},
  {KPI(answered_within_30s_share), share, Better::higher,
   "patient calls (attempts, redials included) answered within 30 s"},
  {KPI(answered_within_2min_share), share, Better::higher,
   "patient calls (attempts, redials included) answered within 2 minutes"},
  {KPI(phone_abandoned_share), share, Better::lower,
   "patient call attempts that hung up before an answer"},
  {KPI(gave_up_per_1000), rate, Better::lower,
   "callers who hung up and did not call the line again, by the path they took (phone.gave_up): 112, a walk-in "
   "at the ED, their own GP in the next office hours, or home", by_path},
  {KPI(closure_calls_per_1000), rate, Better::neither,
   "patient call attempts to the zcc made while a zcc location of the caller's region is closed (zcc.locations "
   "closed)"},
  {KPI(closure_answered_within_2min_share), share, Better::higher,
   "of the patient calls made during a closure, the share answered within 2 minutes (none: no closure)"},
  {KPI(closure_abandoned_share), share, Better::lower,
   "of the patient calls made during a closure, the share that hung up before an answer (none: no closure)"},
  {KPI(answer_seconds_mean), "seconds", Better::lower,
   "mean time to answer of answered patient calls"},
  {KPI(triage_minutes_mean), minutes, Better::neither, "mean triage call duration"},
  {KPI(transfer_share), share, Better::lower,
   "triage calls handed on to a triagist of another discipline"},
  {KPI(first_time_right_share), share, Better::higher,
   "patients whose first assigned response equals their true need"},
  {KPI(recontact_24h_share), share, Better::lower,
   "patients who contacted again within 24 h of their first contact"},
  {KPI(recontacts_per_1000), rate, Better::lower,
   "re-contacts after under-triage, after giving up and staying home, or after an ambulance left the patient at "
   "home (triage.recontact)"},
  {KPI(lost_share), share, Better::lower,
   "records that ended without care and without a counted path (own GP, stayed home), per patient; 0 unless a "
   "path is missing"},
  {KPI(time_to_care_minutes), minutes, Better::lower,
   "first contact to the start of care (advice given, consult starts, GP or ambulance on scene, ED place, "
   "bed placed), by NTS urgency", by_urgency},
  {KPI(under_triage_per_1000), rate, Better::lower,
   "triages that assigned a response of a lower level than the need, by the patient's urgency (U0-U2: safety "
   "events)", by_urgency},
  {KPI(late_care_per_1000), rate, Better::lower,
   "patients whose care started later after the first contact than their urgency's norm "
   "(safety.care_norm_minutes), in the model or at their own GP after giving up (safety events)", by_urgency},
  {KPI(stayed_home_per_1000), rate, Better::lower,
   "callers who gave up and stayed home without care, by urgency (U0-U2: safety events)", by_urgency},
  {KPI(safety_events_per_1000), rate, Better::lower,
   "under_triage, late_care and stayed_home of urgent patients (U0-U2), summed (events, not patients)"},
  {KPI(destination_share), share, Better::neither,
   "first assigned response, per response; sums to 1", by_response},
  {KPI(placements_per_1000), rate, Better::neither,
   "short-stay beds placed (in the region or a neighbouring one), all bed types: ELV, GRZ and crisis beds"},
  {KPI(placement_search_minutes_mean), minutes, Better::lower,
   "start of a short-stay bed search to placement"},
  {KPI(placements_outside_region_share), share, Better::lower,
   "placements in a neighbouring region"},
  {KPI(placement_search_work_hours), "hours per year", Better::lower,
   "triagist time on short-stay bed searches: capacity lookups and phone calls to providers"},
  {KPI(bed_rejections_per_1000), rate, Better::lower,
   "lookups and provider calls that found no room, and neighbouring regions asked in vain"},
  {KPI(bed_occupancy), share, Better::neither, "busy short-stay beds / beds, all bed types"},
  {KPI(wrong_bed_hours), "hours per year", Better::lower,
   "time discharged ED patients spent in an ED place waiting for a short-stay bed (the search, and the bed "
   "type's admission hours)"},
  {KPI(elv_placements_per_1000), rate, Better::neither,
   "ELV beds placed (low and high complexity; in the region or a neighbouring one): the published ELV users "
   "(staatvenz 2022) are calibrated against it"},
  {KPI(placements_by_type_per_1000), rate, Better::neither,
   "short-stay beds placed, by bed type (beds.types)", by_bed_type},
  {KPI(placement_search_minutes_by_type), minutes, Better::lower,
   "start of a bed search to placement, by bed type (waiting for admission hours included)", by_bed_type},
  {KPI(placement_search_work_hours_by_type), "hours per year", Better::lower,
   "triagist time on bed searches (lookups and calls, refusals included), by bed type", by_bed_type},
  {KPI(bed_refusals_per_1000), rate, Better::lower,
   "asks at a provider with a free bed that refused the patient (beds.types.*.acceptance), by bed type",
   by_bed_type},
  {KPI(admission_waits_per_1000), rate, Better::lower,
   "bed searches that waited for the bed type's admission hours (beds.types.*.admission_hours), by bed type",
   by_bed_type},
  {KPI(admission_wait_hours), "hours per year", Better::lower,
   "time bed searches waited for admission hours: in an ED place (also in wrong_bed_hours) or at home with a "
   "district-nursing visit"},
  {KPI(hospital_admissions_per_1000), rate, Better::neither,
   "admitted patients (via the ED or directly) at a hospital with beds (sites' hospital_beds) who took a bed: "
   "at once, after a transfer or after boarding; 0 without hospital beds"},
  {KPI(hospital_bed_occupancy), share, Better::neither,
   "busy / available hospital beds, all hospitals of the scenario (a bed reserved for a transfer counts from "
   "the decision)"},
  {KPI(hospital_boarded_share), share, Better::lower,
   "of the hospital admissions, the share that found no free bed anywhere and waited for one of the own "
   "hospital (in the ED place; a direct admission without one)"},
  {KPI(hospital_boarding_minutes_mean), minutes, Better::lower,
   "admission to the bed of the boarded admissions (ended boarding)"},
  {KPI(hospital_transfers_sent_per_1000), rate, Better::lower,
   "admissions of the own regions' patients moved to another hospital because their own was full, by where "
   "the bed was: the same region, a neighbouring region (regions[].neighbours), any region (LCPS)",
   by_transfer},
  {KPI(hospital_transfers_received_per_1000), rate, Better::neither,
   "transfers into the own regions' hospitals, by kind (equal to sent when every region is own)", by_transfer},
  {KPI(hospital_transfer_minutes_mean), minutes, Better::lower,
   "a transfer's time: arranging it in the ED place (hospital.transfer_prep_minutes) and the drive"},
  {KPI(ggz_crisis_per_1000), rate, Better::neither, "GGZ crisis assessments started"},
  {KPI(utilization_triage_gp), share, Better::neither,
   "busy / on-duty time of all GP triage lines (zcc and fragmented)"},
  {KPI(utilization_triage_ambulance), share, Better::neither,
   "busy / on-duty time of all ambulance triage lines (zcc and fragmented)"},
  {KPI(utilization_triage_ggz), share, Better::neither,
   "busy / on-duty time of all GGZ triage lines (zcc and fragmented)"},
  {KPI(utilization_triage_vvt), share, Better::neither,
   "busy / on-duty time of all VVT triage lines (zcc and fragmented)"},
  {KPI(utilization_dispatch), share, Better::neither,
   "busy / on-duty time of the 112 ambulance dispatchers"},
  {KPI(utilization_hap_gp), share, Better::neither,
   "busy / on-duty time of the GPs at HAP posts (consults)"},
  {KPI(utilization_home_visit_cars), share, Better::neither,
   "busy / on-duty time of the GP home-visit cars"},
  {KPI(utilization_nursing), share, Better::neither,
   "busy / on-duty time of the acute district nursing teams"},
  {KPI(utilization_ggz_teams), share, Better::neither,
   "busy / on-duty time of the GGZ crisis teams"},
  {KPI(utilization_ambulances), share, Better::neither,
   "busy / on-duty time of the own regions' staffed ambulances (busy from dispatch to return at the station)"},
  {KPI(ambulance_minutes_per_ride), minutes, Better::neither,
   "the own regions' ambulances' busy time (dispatch to return at the station) per deployment: what the fleet "
   "spends on a ride, to set beside published ride durations (a one-region scenario's rides served by a "
   "neighbour's border post count as rides but not as busy time)"},
  {KPI(cost_per_patient), "euro", Better::lower,
   "the headline per patient: (tariffs paid + the zcc's own costs) / patients"},
  {KPI(cost_total_meur_per_year), meur, Better::lower,
   "the headline, what is paid: the tariffs of the activities delivered (all payers) + the zcc's own costs; the "
   "resource view (cost_resources_meur_per_year) is apart and never added"},
  {KPI(cost_activities_meur_per_year), meur, Better::lower,
   "the price view: the tariffs of the activities delivered, all payers (= the sum of cost_paid_meur_per_year)"},
  {KPI(cost_paid_meur_per_year), meur, Better::lower,
   "the tariffs paid, by payer (costs.payer): Zvw, Wlz, Wmo", by_payer},
  {KPI(cost_paid_to_meur_per_year), meur, Better::lower,
   "the tariffs paid, by the provider paid (HAP, own GP, ambulance, ED, ...)", by_provider},
  {KPI(cost_gave_up_meur_per_year), meur, Better::lower,
   "the part of the activities given to callers who gave up (their 112, ED or own-GP path and what followed)"},
  {KPI(cost_zcc_meur_per_year), meur, Better::lower,
   "the zcc's own costs: per location IT, capacity platform (with insight), premises and management "
   "(costs.zcc_per_location); 0 without a zcc"},
  {KPI(cost_resources_meur_per_year), meur, Better::lower,
   "the resource view: on-duty hours (or places, beds) of the own regions' capacity × unit cost (costs.resources), "
   "busy or not; not part of the headline"},
  {KPI(cost_resource_group_meur_per_year), meur, Better::lower,
   "the resource view by resource group (sums to cost_resources_meur_per_year)", by_resource},
  {KPI(patients_in_system_at_end), "patients", Better::neither,
   "records still in the system when the run ends (waiting, in care, or waiting to call again); "
   "reported, never dropped"},
};
#undef KPI
// clang-format on
static_assert(std::size(entries) == kpi_count, "one table entry per Kpi id");

// How a reader names each KPI (the report, zccsim kpis, Python), in Kpi order.
struct Label {
  Kpi id;
  const char* text;
};
const Label labels[] = {
    {Kpi::patients_per_1000, "Patients (first contacts)"},
    {Kpi::hap_contacts_per_1000, "GP-line contacts triaged"},
    {Kpi::hap_phone_advice_share, "Advice by phone (of GP-line contacts kept in primary care)"},
    {Kpi::hap_consult_share, "Consult at a GP post (of GP-line contacts kept in primary care)"},
    {Kpi::hap_home_visit_share, "GP home visit (of GP-line contacts kept in primary care)"},
    {Kpi::hap_referred_share, "GP-line contacts referred to ED or ambulance"},
    {Kpi::hap_referred_ed_share, "GP-line contacts referred to the ED"},
    {Kpi::hap_referred_ambulance_share, "GP-line contacts referred to the ambulance"},
    {Kpi::referred_on_per_1000, "Referred on after a GP consult or visit"},
    {Kpi::daytime_gp_share, "Handled by the own GP in office hours"},
    {Kpi::ed_visits_per_1000, "ED visits"},
    {Kpi::ed_wait_minutes_mean, "ED: arrival to treatment place (mean)"},
    {Kpi::ed_los_minutes_mean, "ED length of stay (mean)"},
    {Kpi::ed_admitted_share, "ED visits admitted"},
    {Kpi::ed_occupancy, "ED occupancy"},
    {Kpi::ed_redirected_share, "ED arrivals sent to a less crowded ED"},
    {Kpi::ed_travel_minutes_mean, "Travel time to the ED (mean)"},
    {Kpi::hap_wait_minutes_mean, "GP post: arrival to consult (mean)"},
    {Kpi::hap_redirected_share, "GP consults sent to a less loaded post"},
    {Kpi::ggz_wait_minutes_mean, "Mental-health crisis team: request to setting out (mean)"},
    {Kpi::ggz_redirected_share, "Crisis requests sent to a less loaded team"},
    {Kpi::calls_112_per_1000, "Calls to 112"},
    {Kpi::warm_transfers_per_1000, "112 calls warm-transferred to the ambulance triagist"},
    {Kpi::dispatch_handovers_per_1000, "112 calls handed over to another line"},
    {Kpi::ride_requests_per_1000, "Ambulance rides booked by another line"},
    {Kpi::urgent_rides_primary_care_share, "Urgent rides that needed only primary care"},
    {Kpi::ambulance_rides_per_1000, "Ambulance deployments"},
    {Kpi::ambulance_no_transport_share, "Deployments without transport"},
    {Kpi::ambulance_urgent_share, "Urgent (A1, A2) deployments"},
    {Kpi::transport_destination_per_1000, "Ambulance deployments by destination"},
    {Kpi::ed_arrivals_by_ambulance_share, "ED visits arriving by ambulance"},
    {Kpi::recontact_72h_after_no_transport_share, "Re-contact within 72 h after no transport"},
    {Kpi::neighbour_help_per_1000, "Ambulance help received from another RAV or region"},
    {Kpi::help_given_per_1000, "Ambulance help given to another RAV"},
    {Kpi::centre_help_received_per_1000, "Ambulance help received from another dispatch centre"},
    {Kpi::centre_help_given_per_1000, "Ambulance help given to another dispatch centre"},
    {Kpi::a1_response_minutes_mean, "A1 response time from the call (mean)"},
    {Kpi::a1_response_minutes_p95, "A1 response time from the call (95th percentile)"},
    {Kpi::a1_within_15min_share, "A1 on scene within 15 minutes of the call"},
    {Kpi::a1_from_request_minutes_mean, "A1 response time from the ride request (mean)"},
    {Kpi::a1_from_request_within_15min_share, "A1 on scene within 15 minutes of the ride request"},
    {Kpi::a2_within_30min_share, "A2 on scene within 30 minutes"},
    {Kpi::b_within_norm_share, "B rides on scene within their norm"},
    {Kpi::answered_within_30s_share, "Answered within 30 seconds"},
    {Kpi::answered_within_2min_share, "Answered within 2 minutes"},
    {Kpi::phone_abandoned_share, "Calls abandoned before an answer"},
    {Kpi::gave_up_per_1000, "Callers who gave up, by path"},
    {Kpi::closure_calls_per_1000, "Calls during a zcc location closure"},
    {Kpi::closure_answered_within_2min_share, "Answered within 2 minutes during a closure"},
    {Kpi::closure_abandoned_share, "Calls abandoned during a closure"},
    {Kpi::answer_seconds_mean, "Time to answer (mean)"},
    {Kpi::triage_minutes_mean, "Triage call duration (mean)"},
    {Kpi::transfer_share, "Triage calls transferred to another discipline"},
    {Kpi::first_time_right_share, "First time right (response matches need)"},
    {Kpi::recontact_24h_share, "Re-contact within 24 hours"},
    {Kpi::recontacts_per_1000, "Re-contacts"},
    {Kpi::lost_share, "Patients lost (should be 0)"},
    {Kpi::time_to_care_minutes, "Time to care, by urgency"},
    {Kpi::under_triage_per_1000, "Under-triage, by urgency"},
    {Kpi::late_care_per_1000, "Care later than the norm, by urgency"},
    {Kpi::stayed_home_per_1000, "Gave up and stayed home, by urgency"},
    {Kpi::safety_events_per_1000, "Safety events"},
    {Kpi::destination_share, "First response, by response"},
    {Kpi::placements_per_1000, "Short-stay beds placed"},
    {Kpi::placement_search_minutes_mean, "Bed search time (mean)"},
    {Kpi::placements_outside_region_share, "Placements outside the region"},
    {Kpi::placement_search_work_hours, "Triagist hours on bed searches"},
    {Kpi::bed_rejections_per_1000, "Bed search rejections"},
    {Kpi::bed_occupancy, "Short-stay bed occupancy"},
    {Kpi::wrong_bed_hours, "Hours waiting in the ED for a bed"},
    {Kpi::elv_placements_per_1000, "ELV beds placed"},
    {Kpi::placements_by_type_per_1000, "Beds placed, by bed type"},
    {Kpi::placement_search_minutes_by_type, "Bed search time, by bed type"},
    {Kpi::placement_search_work_hours_by_type, "Triagist hours on bed searches, by bed type"},
    {Kpi::bed_refusals_per_1000, "Bed refusals, by bed type"},
    {Kpi::admission_waits_per_1000, "Searches waiting for admission hours, by bed type"},
    {Kpi::admission_wait_hours, "Hours waiting for admission hours"},
    {Kpi::hospital_admissions_per_1000, "Hospital admissions"},
    {Kpi::hospital_bed_occupancy, "Hospital bed occupancy"},
    {Kpi::hospital_boarded_share, "Admissions boarded (no free bed anywhere)"},
    {Kpi::hospital_boarding_minutes_mean, "Boarding time (mean)"},
    {Kpi::hospital_transfers_sent_per_1000, "Hospital transfers sent, by kind"},
    {Kpi::hospital_transfers_received_per_1000, "Hospital transfers received, by kind"},
    {Kpi::hospital_transfer_minutes_mean, "Hospital transfer time (mean)"},
    {Kpi::ggz_crisis_per_1000, "Mental-health crisis assessments"},
    {Kpi::utilization_triage_gp, "Utilisation: GP triagists"},
    {Kpi::utilization_triage_ambulance, "Utilisation: ambulance triagists"},
    {Kpi::utilization_triage_ggz, "Utilisation: mental-health triagists"},
    {Kpi::utilization_triage_vvt, "Utilisation: nursing and care triagists"},
    {Kpi::utilization_dispatch, "Utilisation: 112 dispatchers"},
    {Kpi::utilization_hap_gp, "Utilisation: GPs at GP posts"},
    {Kpi::utilization_home_visit_cars, "Utilisation: GP home-visit cars"},
    {Kpi::utilization_nursing, "Utilisation: acute district nursing"},
    {Kpi::utilization_ggz_teams, "Utilisation: mental-health crisis teams"},
    {Kpi::utilization_ambulances, "Utilisation: ambulances"},
    {Kpi::ambulance_minutes_per_ride, "Ambulance minutes per ride"},
    {Kpi::cost_per_patient, "Cost per patient"},
    {Kpi::cost_total_meur_per_year, "Total cost"},
    {Kpi::cost_activities_meur_per_year, "Cost of activities (tariffs)"},
    {Kpi::cost_paid_meur_per_year, "Tariffs paid, by payer"},
    {Kpi::cost_paid_to_meur_per_year, "Tariffs paid, by provider"},
    {Kpi::cost_gave_up_meur_per_year, "Cost of the paths of callers who gave up"},
    {Kpi::cost_zcc_meur_per_year, "The zcc's own costs"},
    {Kpi::cost_resources_meur_per_year, "Resource cost (capacity view)"},
    {Kpi::cost_resource_group_meur_per_year, "Resource cost, by resource group"},
    {Kpi::patients_in_system_at_end, "Patients still in the system at the end"},
};
static_assert(std::size(labels) == kpi_count, "one label per Kpi id");

// The published norms and targets (scenarios/README.md, "Calibration";
// ../shared/DOMAIN.md, "Norms and performance"). The ED triage norm (within
// 10 minutes, Kwaliteitsstandaard Intramurale Spoedzorg) has no KPI: the model
// does not separate triage from the wait for a treatment place.
struct NormEntry {
  const char* name;  // a KPI, or a per-sub-region KPI's region-wide name
  sim::Norm norm;
};
const NormEntry norms[] = {
    {"answered_within_30s_share",
     {0.90, "90 % within 30 seconds", "IGZ/LHV norm of the HAP urgent line (the KPI counts every patient call)"}},
    {"answered_within_2min_share", {0.75, "75 % within 2 minutes", "Kwaliteitskader Spoedzorgketen (HAP line)"}},
    {"a1_within_15min_share", {0.95, "95 % within 15 minutes", "NZa (A1 norm, from the call)"}},
    {"a1_response_minutes_p95", {15.0, "95 % within 15 minutes", "NZa (A1 norm, from the call)"}},
    {"a2_within_30min_share", {0.95, "95 % within 30 minutes", "NZa (A2 norm: 30 minutes; the 95 % share as for A1)"}},
};

// Shares shown in %, the other units shortened: what every reader displays.
struct DisplayUnit {
  const char* unit;
  const char* shown;
  double scale;
};
const DisplayUnit display_units[] = {
    {share, "%", 100.0},
    {rate, "per 1,000 per year", 1.0},
    {minutes, "min", 1.0},
    {"seconds", "s", 1.0},
    {"euro", "€", 1.0},
    {meur, "M€ per year", 1.0},
    {"hours per year", "hours per year", 1.0},
};

// Sets the label, display unit and norm of k; `label` is its label, or the
// region-wide KPI's for a per-sub-region one.
void describe(sim::KpiSpec& k, const std::string& label) {
  k.label = label;
  k.display_unit = k.unit;
  for (const auto& d : display_units)
    if (k.unit == d.unit) {
      k.display_unit = d.shown;
      k.display_scale = d.scale;
    }
  const std::string base = k.name.ends_with("_subregion") ? k.name.substr(0, k.name.size() - 10) : k.name;
  for (const auto& n : norms)
    if (base == n.name) k.norm = n.norm;
}

// Appends entries (in the order of their ids) to t; dims(e): e's dimensions.
template <class E, std::size_t N, class Dims>
void append(sim::KpiTable& t, const E (&list)[N], Dims dims) {
  for (std::size_t i = 0; i < N; ++i) {
    const E& e = list[i];
    if (static_cast<std::size_t>(e.id) != i)
      throw std::logic_error(std::string("acute KPI table out of order at ") + e.name);
    t.kpis.push_back({e.name, e.unit, e.better, e.description, dims(e), "", "", 1, std::nullopt});
  }
}

sim::KpiTable make_table() {
  sim::KpiTable t;
  t.dimensions.push_back({"urgency", {std::begin(urgency_names), std::end(urgency_names)}});
  t.dimensions.push_back({"response", {std::begin(response_names), std::end(response_names)}});
  t.dimensions.push_back({"path", {std::begin(gave_up_names), std::end(gave_up_names)}});
  t.dimensions.push_back({"destination", {std::begin(destination_names), std::end(destination_names)}});
  t.dimensions.push_back({"payer", {std::begin(payer_names), std::end(payer_names)}});
  t.dimensions.push_back({"provider", {std::begin(provider_names), std::end(provider_names)}});
  t.dimensions.push_back({"resource", {std::begin(group_names), std::end(group_names)}});
  t.dimensions.push_back({"bed_type", {std::begin(bed_type_names), std::end(bed_type_names)}});
  t.dimensions.push_back({"transfer", {std::begin(transfer_kind_names), std::end(transfer_kind_names)}});
  append(t, entries, [](const Entry& e) {
    return e.dimension >= 0 ? std::vector<std::size_t>{static_cast<std::size_t>(e.dimension)}
                            : std::vector<std::size_t>{};
  });
  for (std::size_t i = 0; i < kpi_count; ++i) {
    if (static_cast<std::size_t>(labels[i].id) != i)
      throw std::logic_error(std::string("acute KPI labels out of order at ") + labels[i].text);
    describe(t.kpis[i], labels[i].text);
  }
  return t;
}

// The per-sub-region KPIs (SubregionKpi, in order): by subregion, the
// region-wide KPI of the same name broken down by the patient's area.
constexpr int by_subregion = 9;
struct SubregionEntry {
  SubregionKpi id;
  const char* name;
  const char* unit;
  Better better;
  const char* description;
  bool by_urgency = false;
};
// clang-format off
#define SUB_KPI(id) SubregionKpi::id, #id "_subregion"
const SubregionEntry subregion_entries[] = {
  {SUB_KPI(population), "inhabitants", Better::neither,
   "inhabitants of the sub-region's areas (the weights: a rate's sub-region values weighted by it give the "
   "region-wide rate)"},
  {SUB_KPI(patients_per_1000), rate, Better::neither,
   "patients_per_1000 of the sub-region: first contacts of patients living there"},
  {SUB_KPI(hap_contacts_per_1000), rate, Better::neither, "hap_contacts_per_1000 of the sub-region's patients"},
  {SUB_KPI(phone_abandoned_share), share, Better::lower,
   "phone_abandoned_share of the sub-region's patients' call attempts"},
  {SUB_KPI(ed_visits_per_1000), rate, Better::lower, "ed_visits_per_1000 of the sub-region's patients"},
  {SUB_KPI(ambulance_rides_per_1000), rate, Better::lower,
   "ambulance_rides_per_1000 of the sub-region's patients (planned rides included)"},
  {SUB_KPI(a1_within_15min_share), share, Better::higher,
   "a1_within_15min_share (from the call) of A1 deployments to the sub-region's patients"},
  {SUB_KPI(a1_response_minutes_p95), minutes, Better::lower,
   "a1_response_minutes_p95 (from the call) of A1 deployments to the sub-region's patients"},
  {SUB_KPI(safety_events_per_1000), rate, Better::lower, "safety_events_per_1000 of the sub-region's patients"},
  {SUB_KPI(time_to_care_minutes), minutes, Better::lower,
   "time_to_care_minutes of the sub-region's patients, by NTS urgency", true},
  {SUB_KPI(cost_per_inhabitant), "euro per inhabitant per year", Better::lower,
   "the headline cost (tariffs of the sub-region's patients' activities + the zcc's own costs shared by "
   "population) per inhabitant; weighted by population: cost_total_meur_per_year"},
  {SUB_KPI(neighbour_help_per_1000), rate, Better::neither,
   "neighbour_help_per_1000 (help received) of the sub-region's patients"},
  {SUB_KPI(help_given_per_1000), rate, Better::neither,
   "help_given_per_1000 of the vehicles of the sub-region (a station counts under the sub-region of its region's "
   "nearest own area), per 1,000 of its inhabitants"},
  {SUB_KPI(centre_help_received_per_1000), rate, Better::neither,
   "centre_help_received_per_1000 (help from another dispatch centre) of the sub-region's patients"},
  {SUB_KPI(centre_help_given_per_1000), rate, Better::neither,
   "centre_help_given_per_1000 of the vehicles of the sub-region (counted as help_given_per_1000), per 1,000 of "
   "its inhabitants"},
  {SUB_KPI(hospital_admissions_per_1000), rate, Better::neither,
   "hospital_admissions_per_1000 of the sub-region's patients"},
  {SUB_KPI(hospital_transfers_sent_per_1000), rate, Better::lower,
   "hospital transfers of the sub-region's patients to another hospital (all kinds)"},
  {SUB_KPI(hospital_transfers_received_per_1000), rate, Better::neither,
   "hospital transfers into the sub-region's hospitals (a hospital counts under the sub-region of its region's "
   "nearest own area), per 1,000 of its inhabitants"},
};
#undef SUB_KPI
// clang-format on
static_assert(std::size(subregion_entries) == subregion_kpi_count, "one entry per SubregionKpi id");

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

sim::KpiTable kpi_table(const AcuteConfig& cfg) {
  sim::KpiTable t = kpi_table();
  if (cfg.subregions.empty()) return t;
  if (t.dimensions.size() != by_subregion) throw std::logic_error("acute KPI table: subregion dimension misplaced");
  t.dimensions.push_back({"subregion", cfg.subregions});
  const std::size_t first = t.kpis.size();
  append(t, subregion_entries, [](const SubregionEntry& e) {
    return e.by_urgency ? std::vector<std::size_t>{by_subregion, by_urgency} : std::vector<std::size_t>{by_subregion};
  });
  for (std::size_t i = first; i < t.kpis.size(); ++i) {
    sim::KpiSpec& k = t.kpis[i];
    const std::string base = k.name.substr(0, k.name.size() - 10);  // less "_subregion"
    std::string label = base == "population"            ? "Inhabitants"
                        : base == "cost_per_inhabitant" ? "Cost per inhabitant"
                                                        : "";
    for (const auto& region_wide : t.kpis)
      if (region_wide.name == base) label = region_wide.label;
    describe(k, label + ", by sub-region");
  }
  return t;
}

std::size_t column_count(const AcuteConfig& cfg) {
  const std::size_t n = cfg.subregions.size();
  return column_count() + n * (subregion_kpi_count - 1 + urgency_count);
}

std::size_t column(SubregionKpi k, std::size_t n, std::size_t s, std::size_t u) {
  // every per-sub-region KPI before time_to_care has n columns; it has n x urgencies
  constexpr auto ttc = static_cast<std::size_t>(SubregionKpi::time_to_care_minutes);
  const auto i = static_cast<std::size_t>(k);
  if (i < ttc) return column_count() + i * n + s;
  if (i == ttc) return column_count() + ttc * n + s * urgency_count + u;
  return column_count() + ttc * n + n * urgency_count + (i - ttc - 1) * n + s;
}

const std::vector<std::string>& kpi_names() {
  static const std::vector<std::string> names = kpi_table().columns();
  return names;
}

}  // namespace zccsim::models::acute
