// SPDX-License-Identifier: MIT
#include "accounting.hpp"

#include "kpis.hpp"

#include <limits>
#include <stdexcept>

namespace zccsim::models::acute {

namespace {

double ratio(double a, double b) { return b > 0 ? a / b : std::numeric_limits<double>::quiet_NaN(); }

}  // namespace

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
      return "station";
    case Group::beds:
      return "beds";
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
                         60.0};
  auto r = std::make_unique<sim::Resource>(sim_, std::move(spec), client);
  tracked_.push_back({r.get(), req.group, req.hourly_cost, std::move(req.name)});
  return r;
}

double Accounting::group_utilization(Group g, double now) const {
  double busy = 0, avail = 0;
  for (const Tracked& t : tracked_) {
    if (t.group != g) continue;
    const auto& s = t.res->stats(now);
    busy += s.busy.integral(now);
    avail += s.on_duty.integral(now);
  }
  return ratio(busy, avail);
}

double Accounting::staff_cost(double now) const {
  double cost = 0;
  for (const Tracked& t : tracked_)
    if (t.hourly_cost > 0) cost += t.hourly_cost * t.res->stats(now).on_duty.integral(now) / 60.0;
  return cost;
}

sim::Metrics Accounting::kpis(std::uint64_t in_system) const {
  const double now = sim_.now();
  const double years = (now - warm_) / minutes_per_year;
  const double per_1000 = 1000.0 / cfg_.own_population() / years;
  sim::Metrics row(column_count(), std::numeric_limits<double>::quiet_NaN());
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
  set(Kpi::calls_112_per_1000, d(c.calls_112) * per_1000);
  set(Kpi::warm_transfers_per_1000, d(c.warm_transfers) * per_1000);
  set(Kpi::dispatch_handovers_per_1000, d(c.dispatch_handovers) * per_1000);
  set(Kpi::ride_requests_per_1000, d(c.ride_requests) * per_1000);
  set(Kpi::urgent_rides_primary_care_share,
      ratio(d(c.urgent_rides_primary_care), d(c.rides_class[0] + c.rides_class[1])));
  set(Kpi::ambulance_rides_per_1000, d(c.rides) * per_1000);
  set(Kpi::urgent_rides_share, ratio(d(c.rides_class[0] + c.rides_class[1]), d(c.rides)));
  set(Kpi::ambulance_no_transport_share, ratio(d(c.no_transport), d(c.rides)));
  set(Kpi::a1_response_minutes_mean, c.a1_response.mean());
  set(Kpi::a1_response_minutes_p95, c.a1_quantiles.quantile(0.95));
  set(Kpi::a1_within_15min_share, ratio(d(c.within_norm[0]), d(c.rides_class[0])));
  set(Kpi::a2_within_30min_share, ratio(d(c.within_norm[1]), d(c.rides_class[1])));
  set(Kpi::b_within_norm_share, ratio(d(c.within_norm[2]), d(c.rides_class[2])));
  set(Kpi::answered_within_30s_share, ratio(d(c.answered_30s), d(c.calls)));
  set(Kpi::answered_within_2min_share, ratio(d(c.answered_2min), d(c.calls)));
  set(Kpi::phone_abandoned_share, ratio(d(c.hung_up), d(c.calls)));
  for (std::size_t g = 0; g < gave_up_count; ++g, ++filled)
    row[column(Kpi::gave_up_per_1000) + g] = d(c.gave_up[g]) * per_1000;
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
  const double staff = staff_cost(now);
  const double total = staff + c.activity_cost;
  set(Kpi::cost_per_patient, ratio(total, d(c.patients)));
  set(Kpi::cost_total_meur_per_year, total / 1e6 / years);
  set(Kpi::cost_activities_meur_per_year, c.activity_cost / 1e6 / years);
  set(Kpi::cost_staff_meur_per_year, staff / 1e6 / years);
  set(Kpi::cost_gave_up_meur_per_year, c.gave_up_cost / 1e6 / years);
  set(Kpi::patients_in_system_at_end, d(in_system));
  if (filled != row.size()) throw std::logic_error("acute model: KPI row not filled");
  return row;
}

}  // namespace zccsim::models::acute
