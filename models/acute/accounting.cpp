// SPDX-License-Identifier: MIT
#include "accounting.hpp"

#include "kpis.hpp"

#include <limits>
#include <stdexcept>

namespace zccsim::models::acute {

namespace {

double ratio(double a, double b) { return b > 0 ? a / b : std::numeric_limits<double>::quiet_NaN(); }

}  // namespace

double hourly_cost(const ResourceCosts& c, Group g) noexcept {
  switch (g) {
    case Group::line_gp:
    case Group::line_ambulance:
    case Group::line_ggz:
    case Group::line_vvt:
      return c.triagist_hourly[static_cast<std::size_t>(g) - static_cast<std::size_t>(Group::line_gp)];
    case Group::dispatch:
      return c.dispatcher_hourly;
    case Group::hap:
      return c.gp_hourly;
    case Group::cars:
      return c.gp_hourly + c.car_hourly;
    case Group::nursing:
      return c.nursing_team_hourly;
    case Group::ggz:
      return c.ggz_team_hourly;
    case Group::ed:
      return c.ed_place_hourly;
    case Group::station:
    case Group::neighbour_station:  // (a neighbouring region's: not own, so never counted)
      return c.ambulance_hourly;
    case Group::beds:
      return c.bed_day / 24.0;
    case Group::hospital_beds:
      return c.hospital_bed_day / 24.0;
    case Group::count:
      break;
  }
  return 0;
}

const char* group_kind(Group g) noexcept {
  switch (g) {
    case Group::line_gp:
    case Group::line_ambulance:
    case Group::line_ggz:
    case Group::line_vvt:
      return "triage_line";
    case Group::dispatch:
      return "dispatch";
    case Group::hap:
      return "hap";
    case Group::cars:
      return "cars";
    case Group::nursing:
      return "nursing";
    case Group::ggz:
      return "ggz";
    case Group::ed:
      return "ed";
    case Group::station:
    case Group::neighbour_station:
      return "station";
    case Group::beds:
      return "beds";
    case Group::hospital_beds:
      return "hospital_beds";
    case Group::count:
      break;
  }
  return "";
}

std::unique_ptr<sim::Resource> Accounting::make_resource(ResourceRequest req, sim::ResourceClient& client) {
  sim::ResourceSpec spec{req.name,
                         req.servers,
                         req.queue_capacity,
                         req.classes > 1 ? sim::QueueDiscipline::priority : sim::QueueDiscipline::fifo,
                         req.classes,
                         std::move(req.schedule),
                         60.0,
                         std::move(req.absences)};
  // rosters follow the calendar: a public holiday has a Sunday's roster
  if (!spec.schedule.empty() || !spec.absences.empty()) spec.day_of_week = cfg_.calendar.day_of_week;
  // no KPI reads a resource's waits or sojourn times: the model keeps its own in Counters
  spec.wait_statistics = false;
  auto r = std::make_unique<sim::Resource>(sim_, std::move(spec), client);
  const double hourly = req.own ? hourly_cost(cfg_.costs.resources, req.group) : 0.0;
  tracked_.push_back({r.get(), req.group, hourly, std::move(req.name)});
  return r;
}

double Accounting::group_utilization(Group g, double now) const {
  double avail = 0;
  for (const Tracked& t : tracked_)
    if (t.group == g) avail += t.res->stats(now).on_duty.integral(now);
  return ratio(group_busy_minutes(g, now), avail);
}

double Accounting::group_busy_minutes(Group g, double now) const {
  double busy = 0;
  for (const Tracked& t : tracked_)
    if (t.group == g) busy += t.res->stats(now).busy.integral(now);
  return busy;
}

std::array<double, group_count> Accounting::resource_costs(double now) const {
  std::array<double, group_count> cost{};
  for (const Tracked& t : tracked_)
    if (t.hourly_cost > 0 && t.group != Group::count)
      // rostered hours are paid, on duty or absent (a closed zcc
      // location's staff: ASSUMPTION, scenarios/README.md Zcc)
      cost[static_cast<std::size_t>(t.group)] +=
          t.hourly_cost * (t.res->stats(now).on_duty.integral(now) + t.res->stats(now).absent.integral(now)) / 60.0;
  return cost;
}

double Accounting::zcc_cost_per_year() const {
  if (cfg_.mode != TriageMode::zcc) return 0;
  const ZccCosts& z = cfg_.costs.zcc;
  const double per_location = z.it + z.premises + z.management + (cfg_.capacity_insight ? z.capacity_platform : 0.0);
  double cost = 0;
  for (const ZccLocation& loc : cfg_.zcc.locations)
    if (cfg_.regions[cfg_.sites[loc.site].region].own) cost += per_location;
  return cost;
}

sim::Metrics Accounting::kpis(std::uint64_t in_system) const {
  const double now = sim_.now();
  const double years = (now - warm_) / minutes_per_year;
  const double per_1000 = 1000.0 / cfg_.own_population() / years;
  sim::Metrics row(column_count(cfg_), std::numeric_limits<double>::quiet_NaN());
  std::size_t filled = 0;  // every column once
  const auto set = [&row, &filled](Kpi k, double v) {
    row[column(k)] = v;
    ++filled;
  };
  const auto d = [](std::uint64_t x) { return static_cast<double>(x); };
  const Counters& c = c_;
  const double hap_out = d(c.hap_outcome[0] + c.hap_outcome[1] + c.hap_outcome[2]);
  set(Kpi::patients_per_1000, d(c.patients) * per_1000);
  set(Kpi::hap_contacts_per_1000, d(c.hap_contacts) * per_1000);
  set(Kpi::hap_phone_advice_share, ratio(d(c.hap_outcome[0]), hap_out));
  set(Kpi::hap_consult_share, ratio(d(c.hap_outcome[1]), hap_out));
  set(Kpi::hap_home_visit_share, ratio(d(c.hap_outcome[2]), hap_out));
  set(Kpi::hap_referred_share, ratio(d(c.hap_referred), d(c.hap_contacts)));
  set(Kpi::hap_referred_ed_share, ratio(d(c.hap_referred_ed), d(c.hap_contacts)));
  set(Kpi::referred_on_per_1000, d(c.referred_on) * per_1000);
  set(Kpi::hap_referred_ambulance_share, ratio(d(c.hap_referred - c.hap_referred_ed), d(c.hap_contacts)));
  set(Kpi::daytime_gp_share, ratio(d(c.daytime_gp), d(c.patients)));
  set(Kpi::ed_visits_per_1000, d(c.ed_visits) * per_1000);
  set(Kpi::ed_wait_minutes_mean, c.ed_wait.mean());
  set(Kpi::ed_los_minutes_mean, c.ed_los.mean());
  set(Kpi::ed_admitted_share, ratio(d(c.ed_admitted), d(c.ed_visits)));
  set(Kpi::ed_occupancy, group_utilization(Group::ed, now));
  set(Kpi::ed_redirected_share, ratio(d(c.ed_redirected), d(c.ed_visits)));
  set(Kpi::ed_travel_minutes_mean, c.ed_travel.mean());
  set(Kpi::hap_wait_minutes_mean, c.hap_wait.mean());
  set(Kpi::hap_redirected_share, ratio(d(c.hap_redirected), d(c.hap_consults)));
  set(Kpi::ggz_wait_minutes_mean, c.ggz_wait.mean());
  set(Kpi::ggz_redirected_share, ratio(d(c.ggz_redirected), d(c.ggz_sent)));
  set(Kpi::calls_112_per_1000, d(c.calls_112) * per_1000);
  set(Kpi::warm_transfers_per_1000, d(c.warm_transfers) * per_1000);
  set(Kpi::dispatch_handovers_per_1000, d(c.dispatch_handovers) * per_1000);
  set(Kpi::ride_requests_per_1000, d(c.ride_requests) * per_1000);
  set(Kpi::urgent_rides_primary_care_share,
      ratio(d(c.urgent_rides_primary_care), d(c.rides_class[0] + c.rides_class[1])));
  set(Kpi::ambulance_rides_per_1000, d(c.rides) * per_1000);
  set(Kpi::ambulance_no_transport_share, ratio(d(c.no_transport), d(c.rides)));
  set(Kpi::ambulance_urgent_share, ratio(d(c.rides_class[0] + c.rides_class[1]), d(c.rides)));
  for (std::size_t t = 0; t < destination_count; ++t, ++filled)
    row[column(Kpi::transport_destination_per_1000) + t] = d(c.transports[t]) * per_1000;
  set(Kpi::ed_arrivals_by_ambulance_share, ratio(d(c.ed_by_ambulance), d(c.ed_visits)));
  set(Kpi::recontact_72h_after_no_transport_share, ratio(d(c.no_transport_recontact_72h), d(c.no_transport)));
  set(Kpi::neighbour_help_per_1000, d(c.neighbour_help) * per_1000);
  set(Kpi::help_given_per_1000, d(c.help_given) * per_1000);
  set(Kpi::centre_help_received_per_1000, d(c.centre_help_received) * per_1000);
  set(Kpi::centre_help_given_per_1000, d(c.centre_help_given) * per_1000);
  set(Kpi::a1_response_minutes_mean, c.a1_response.mean());
  set(Kpi::a1_response_minutes_p95, c.a1_quantiles.quantile(0.95));
  set(Kpi::a1_within_15min_share, ratio(d(c.within_norm[0]), d(c.rides_class[0])));
  set(Kpi::a1_from_request_minutes_mean, c.a1_from_request.mean());
  set(Kpi::a1_from_request_within_15min_share, ratio(d(c.a1_request_within_norm), d(c.rides_class[0])));
  set(Kpi::a2_within_30min_share, ratio(d(c.within_norm[1]), d(c.rides_class[1])));
  set(Kpi::b_within_norm_share, ratio(d(c.within_norm[2]), d(c.rides_class[2])));
  set(Kpi::answered_within_30s_share, ratio(d(c.answered_30s), d(c.calls)));
  set(Kpi::answered_within_2min_share, ratio(d(c.answered_2min), d(c.calls)));
  set(Kpi::phone_abandoned_share, ratio(d(c.hung_up), d(c.calls)));
  for (std::size_t g = 0; g < gave_up_count; ++g, ++filled)
    row[column(Kpi::gave_up_per_1000) + g] = d(c.gave_up[g]) * per_1000;
  set(Kpi::closure_calls_per_1000, d(c.closure_calls) * per_1000);
  set(Kpi::closure_answered_within_2min_share, ratio(d(c.closure_answered_2min), d(c.closure_calls)));
  set(Kpi::closure_abandoned_share, ratio(d(c.closure_hung_up), d(c.closure_calls)));
  set(Kpi::answer_seconds_mean, c.answer_wait.mean() * 60.0);
  set(Kpi::triage_minutes_mean, c.triage_time.mean());
  set(Kpi::transfer_share, ratio(d(c.transfers), d(c.triages)));
  set(Kpi::first_time_right_share, ratio(d(c.first_right), d(c.first_assigned)));
  set(Kpi::recontact_24h_share, ratio(d(c.recontact_24h), d(c.first_assigned)));
  set(Kpi::recontacts_per_1000, d(c.recontacts) * per_1000);
  set(Kpi::lost_share, ratio(d(c.lost), d(c.patients)));
  std::uint64_t safety = 0;
  for (std::size_t u = 0; u < urgency_count; ++u, filled += 4) {
    row[column(Kpi::time_to_care_minutes) + u] = c.time_to_care[u].mean();
    row[column(Kpi::under_triage_per_1000) + u] = d(c.under_triage[u]) * per_1000;
    row[column(Kpi::late_care_per_1000) + u] = d(c.late_care[u]) * per_1000;
    row[column(Kpi::stayed_home_per_1000) + u] = d(c.stayed_home[u]) * per_1000;
    if (urgent(static_cast<std::uint8_t>(u))) safety += c.under_triage[u] + c.late_care[u] + c.stayed_home[u];
  }
  set(Kpi::safety_events_per_1000, d(safety) * per_1000);
  for (std::size_t r = 0; r < response_count; ++r, ++filled)
    row[column(Kpi::destination_share) + r] = ratio(d(c.first_response[r]), d(c.first_assigned));
  const double placed = d(c.placed_in + c.placed_out);
  set(Kpi::placements_per_1000, placed * per_1000);
  set(Kpi::placement_search_minutes_mean, c.search.mean());
  set(Kpi::placements_outside_region_share, ratio(d(c.placed_out), placed));
  set(Kpi::placement_search_work_hours, c.search_work_minutes / 60.0 / years);
  set(Kpi::bed_rejections_per_1000, d(c.rejections) * per_1000);
  set(Kpi::bed_occupancy, group_utilization(Group::beds, now));
  set(Kpi::wrong_bed_hours, c.wrong_bed_minutes / 60.0 / years);
  set(Kpi::elv_placements_per_1000, d(c.placed_type[static_cast<std::size_t>(BedType::elv_low)] +
                                      c.placed_type[static_cast<std::size_t>(BedType::elv_high)]) *
                                        per_1000);
  for (std::size_t t = 0; t < bed_type_count; ++t, filled += 5) {
    row[column(Kpi::placements_by_type_per_1000) + t] = d(c.placed_type[t]) * per_1000;
    row[column(Kpi::placement_search_minutes_by_type) + t] = c.search_type[t].mean();
    row[column(Kpi::placement_search_work_hours_by_type) + t] = c.search_work_type[t] / 60.0 / years;
    row[column(Kpi::bed_refusals_per_1000) + t] = d(c.refusals[t]) * per_1000;
    row[column(Kpi::admission_waits_per_1000) + t] = d(c.admission_waits[t]) * per_1000;
  }
  set(Kpi::admission_wait_hours, c.admission_wait_minutes / 60.0 / years);
  set(Kpi::hospital_admissions_per_1000, d(c.hospital_admissions) * per_1000);
  set(Kpi::hospital_bed_occupancy, group_utilization(Group::hospital_beds, now));
  set(Kpi::hospital_boarded_share, ratio(d(c.boarded), d(c.hospital_admissions)));
  set(Kpi::hospital_boarding_minutes_mean, c.boarding.mean());
  for (std::size_t k = 0; k < transfer_kind_count; ++k, filled += 2) {
    row[column(Kpi::hospital_transfers_sent_per_1000) + k] = d(c.transfers_sent[k]) * per_1000;
    row[column(Kpi::hospital_transfers_received_per_1000) + k] = d(c.transfers_received[k]) * per_1000;
  }
  set(Kpi::hospital_transfer_minutes_mean, c.transfer_minutes.mean());
  set(Kpi::ggz_crisis_per_1000, d(c.ggz) * per_1000);
  set(Kpi::utilization_triage_gp, group_utilization(Group::line_gp, now));
  set(Kpi::utilization_triage_ambulance, group_utilization(Group::line_ambulance, now));
  set(Kpi::utilization_triage_ggz, group_utilization(Group::line_ggz, now));
  set(Kpi::utilization_triage_vvt, group_utilization(Group::line_vvt, now));
  set(Kpi::utilization_dispatch, group_utilization(Group::dispatch, now));
  set(Kpi::utilization_hap_gp, group_utilization(Group::hap, now));
  set(Kpi::utilization_home_visit_cars, group_utilization(Group::cars, now));
  set(Kpi::utilization_nursing, group_utilization(Group::nursing, now));
  set(Kpi::utilization_ggz_teams, group_utilization(Group::ggz, now));
  set(Kpi::utilization_ambulances, group_utilization(Group::station, now));
  set(Kpi::ambulance_minutes_per_ride, ratio(group_busy_minutes(Group::station, now), d(c.rides)));
  // the headline: the price view (what is paid) + the zcc's own costs
  const double zcc = zcc_cost_per_year() * years;
  const double total = c.activity_cost + zcc;
  set(Kpi::cost_per_patient, ratio(total, d(c.patients)));
  set(Kpi::cost_total_meur_per_year, total / 1e6 / years);
  set(Kpi::cost_activities_meur_per_year, c.activity_cost / 1e6 / years);
  std::array<double, payer_count> by_payer{};
  std::array<double, provider_count> by_provider{};
  for (std::size_t i = 0; i < price_count; ++i) {
    by_payer[static_cast<std::size_t>(cfg_.costs.payer[i])] += c.paid[i];
    by_provider[static_cast<std::size_t>(provider_of(static_cast<Price>(i)))] += c.paid[i];
  }
  for (std::size_t p = 0; p < payer_count; ++p, ++filled)
    row[column(Kpi::cost_paid_meur_per_year) + p] = by_payer[p] / 1e6 / years;
  for (std::size_t p = 0; p < provider_count; ++p, ++filled)
    row[column(Kpi::cost_paid_to_meur_per_year) + p] = by_provider[p] / 1e6 / years;
  set(Kpi::cost_gave_up_meur_per_year, c.gave_up_cost / 1e6 / years);
  set(Kpi::cost_zcc_meur_per_year, zcc / 1e6 / years);
  // the resource view, apart: what the capacity costs its providers
  const auto resources = resource_costs(now);
  double resources_total = 0;
  for (std::size_t g = 0; g < group_count; ++g, ++filled) {
    row[column(Kpi::cost_resource_group_meur_per_year) + g] = resources[g] / 1e6 / years;
    resources_total += resources[g];
  }
  set(Kpi::cost_resources_meur_per_year, resources_total / 1e6 / years);
  set(Kpi::patients_in_system_at_end, d(in_system));
  if (filled != column_count()) throw std::logic_error("acute model: KPI row not filled");
  subregion_kpis(row, years, zcc);
  return row;
}

// Each per-sub-region KPI as its region-wide namesake, over the patients of
// the sub-region and per 1,000 of its inhabitants; the zcc's own costs are
// shared by population (ASSUMPTION, scenarios/README.md).
void Accounting::subregion_kpis(sim::Metrics& row, double years, double zcc_cost) const {
  const std::size_t n = cfg_.subregions.size();
  if (n == 0) return;
  std::vector<double> population(n, 0.0);
  for (const Area& a : cfg_.areas)
    if (cfg_.regions[a.region].own) population[a.subregion_index] += a.population;
  const double own = cfg_.own_population();
  const auto d = [](std::uint64_t x) { return static_cast<double>(x); };
  for (std::size_t s = 0; s < n; ++s) {
    const SubregionCounters& c = c_.sub[s];
    const double per_1000 = 1000.0 / population[s] / years;
    const auto set = [&](SubregionKpi k, double v) { row[column(k, n, s)] = v; };
    std::uint64_t safety = 0;
    for (std::size_t u = 0; u < urgency_count; ++u) {
      row[column(SubregionKpi::time_to_care_minutes, n, s, u)] = ratio(c.care_minutes[u], d(c.cared[u]));
      if (urgent(static_cast<std::uint8_t>(u))) safety += c.safety[u];
    }
    set(SubregionKpi::population, population[s]);
    set(SubregionKpi::patients_per_1000, d(c.patients) * per_1000);
    set(SubregionKpi::hap_contacts_per_1000, d(c.hap_contacts) * per_1000);
    set(SubregionKpi::phone_abandoned_share, ratio(d(c.hung_up), d(c.calls)));
    set(SubregionKpi::ed_visits_per_1000, d(c.ed_visits) * per_1000);
    set(SubregionKpi::ambulance_rides_per_1000, d(c.rides) * per_1000);
    set(SubregionKpi::a1_within_15min_share, ratio(d(c.a1_within_norm), d(c.a1_rides)));
    set(SubregionKpi::a1_response_minutes_p95, c.a1_response.quantile(0.95));
    set(SubregionKpi::safety_events_per_1000, d(safety) * per_1000);
    set(SubregionKpi::cost_per_inhabitant, (c.activity_cost + zcc_cost * population[s] / own) / population[s] / years);
    set(SubregionKpi::neighbour_help_per_1000, d(c.help_received) * per_1000);
    set(SubregionKpi::help_given_per_1000, d(c.help_given) * per_1000);
    set(SubregionKpi::centre_help_received_per_1000, d(c.centre_help_received) * per_1000);
    set(SubregionKpi::centre_help_given_per_1000, d(c.centre_help_given) * per_1000);
    set(SubregionKpi::hospital_admissions_per_1000, d(c.hospital_admissions) * per_1000);
    set(SubregionKpi::hospital_transfers_sent_per_1000, d(c.transfers_sent) * per_1000);
    set(SubregionKpi::hospital_transfers_received_per_1000, d(c.transfers_received) * per_1000);
  }
}

}  // namespace zccsim::models::acute
