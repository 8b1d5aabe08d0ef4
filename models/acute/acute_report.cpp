// SPDX-License-Identifier: MIT
#include "acute_report.hpp"

#include "geography.hpp"
#include "io/summary_json.hpp"
#include "kpis.hpp"
#include "office_hours.hpp"
#include "sim/warmup.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>
#include <mutex>
#include <numeric>
#include <sstream>

namespace zccsim::models::acute {

const std::vector<std::string>& headline_kpis() {
  static const std::vector<std::string> shown{"patients_per_1000",
                                              "hap_contacts_per_1000",
                                              "hap_phone_advice_share",
                                              "hap_consult_share",
                                              "hap_home_visit_share",
                                              "ed_visits_per_1000",
                                              "ed_wait_minutes_mean",
                                              "ed_los_minutes_mean",
                                              "ambulance_rides_per_1000",
                                              "ambulance_no_transport_share",
                                              "urgent_rides_primary_care_share",
                                              "ed_arrivals_by_ambulance_share",
                                              "a1_within_15min_share",
                                              "a1_response_minutes_p95",
                                              "a1_from_request_within_15min_share",
                                              "answered_within_30s_share",
                                              "answered_within_2min_share",
                                              "phone_abandoned_share",
                                              "first_time_right_share",
                                              "recontact_24h_share",
                                              "safety_events_per_1000",
                                              "placement_search_minutes_mean",
                                              "placements_outside_region_share",
                                              "wrong_bed_hours",
                                              "utilization_triage_gp",
                                              "utilization_ambulances",
                                              "cost_per_patient",
                                              "cost_total_meur_per_year",
                                              "patients_in_system_at_end"};
  return shown;
}

namespace {

// The per-sub-region KPIs (but time to care by urgency): one line each, the
// sub-regions' means side by side; "" without sub-regions.
std::string subregion_table(const AcuteConfig& cfg, const std::vector<sim::Summary>& kpis) {
  const std::size_t n = cfg.subregions.size();
  if (n == 0) return "";
  const sim::KpiTable table = kpi_table(cfg);
  std::ostringstream os;
  char buf[64];
  os << "per sub-region (means):\n";
  std::snprintf(buf, sizeof buf, "  %-36s", "");
  os << buf;
  for (const auto& s : cfg.subregions) {
    std::snprintf(buf, sizeof buf, " %12.12s", s.c_str());
    os << buf;
  }
  os << "\n";
  for (std::size_t k = 0; k < subregion_kpi_count; ++k) {
    const auto id = static_cast<SubregionKpi>(k);
    if (id == SubregionKpi::time_to_care_minutes) continue;
    std::snprintf(buf, sizeof buf, "  %-36s", table.kpis[kpi_count + k].name.c_str());
    os << buf;
    for (std::size_t s = 0; s < n; ++s) {
      const double v = kpis.at(column(id, n, s)).mean;
      std::snprintf(buf, sizeof buf, std::fabs(v) >= 1e4 ? " %12.0f" : " %12.4g", v);
      os << buf;
    }
    os << "\n";
  }
  return os.str();
}

}  // namespace

std::string summary_table(const AcuteConfig& cfg, std::uint64_t replications, const std::vector<sim::Summary>& kpis) {
  const auto& names = kpi_names();
  std::ostringstream os;
  os << (cfg.name.empty() ? std::string("acute scenario") : cfg.name) << ": " << replications << " replication(s) of "
     << cfg.horizon / 1440.0 << " days (rates per 1,000 inhabitants per year)\n";
  for (const auto& k : headline_kpis()) {
    const auto i = static_cast<std::size_t>(std::find(names.begin(), names.end(), k) - names.begin());
    os << kpi_line(k, kpis.at(i));
  }
  os << subregion_table(cfg, kpis);
  os << "(all " << kpis.size() << " KPIs with 95% intervals: --json; see scenarios/README.md)\n";
  return os.str();
}

namespace {

constexpr double minutes_per_year = 365.0 * 1440.0;
enum Channel { ch_zcc, ch_fragmented, ch_dispatch, ch_direct, channel_count };
constexpr const char* channel_names[channel_count] = {"zcc triage", "fragmented triage", "112 dispatch", "no triage"};
using Joint = std::array<std::array<double, response_count>, response_count>;  // need x assigned

// Where one unit of a stream's volume goes (approximate: no queueing,
// transfers and opening hours ignored).
struct StreamFlow {
  std::array<Joint, channel_count> joint{};
  std::array<double, discipline_count> line{};  // shares answered by a triage line, by discipline
  double dispatch = 0;
  double planned = 0;  // planned rides: an ambulance to a hospital, no ED
};

StreamFlow flow_of(const AcuteConfig& c, std::size_t s) {
  const Stream& st = c.streams[s];
  const bool zcc = c.mode == TriageMode::zcc && !c.zcc.locations.empty();
  const Channel own = zcc ? ch_zcc : ch_fragmented;
  const TriageRule& rule = zcc ? c.zcc_triage : c.fragmented_triage;
  StreamFlow f;
  auto triaged = [&](Channel ch, const TriageRule& r, double w, std::size_t n) {
    for (std::size_t a = 0; a < response_count; ++a) f.joint[ch][n][a] += w * st.need[n] * r.accuracy[n][a];
  };
  for (std::size_t n = 0; n < response_count; ++n) {
    const double w = st.need[n];
    switch (static_cast<StreamKind>(s)) {
      case StreamKind::hap_calls:
        f.line[0] += w;
        triaged(own, rule, 1.0, n);
        break;
      case StreamKind::self_triage:
        f.joint[ch_direct][n][static_cast<std::size_t>(Response::self_care)] += w * st.self_care_share;
        f.line[0] += w * (1 - st.self_care_share);
        triaged(own, rule, 1 - st.self_care_share, n);
        break;
      case StreamKind::calls_112:
        // the dispatcher triages every call (its hand-overs and warm
        // transfers to other lines are left out of this approximation)
        f.dispatch += w;
        triaged(ch_dispatch, c.dispatch_triage, 1.0, n);
        break;
      case StreamKind::provider_calls: {
        const auto d = discipline_of(static_cast<Response>(n));
        if (zcc || d != Discipline::vvt) {
          f.line[static_cast<std::size_t>(d)] += w;
          triaged(own, rule, 1.0, n);
        } else {
          f.joint[ch_direct][n][n] += w;
        }
        break;
      }
      case StreamKind::ed_walk_ins:
        f.joint[ch_direct][n][static_cast<std::size_t>(Response::ed)] += w;
        break;
      case StreamKind::gp_referrals:
        f.joint[ch_direct][n][n] += w;
        break;
      case StreamKind::planned_rides:
        f.planned += w;
        break;
    }
  }
  return f;
}

double yearly_volume(const AcuteConfig& c, std::size_t s) {
  return c.streams[s].enabled ? c.streams[s].per_1000_per_year * c.own_population() / 1000.0 : 0.0;
}

}  // namespace

std::vector<FlowEdge> expected_flows(const AcuteConfig& c) {
  std::vector<FlowEdge> edges;
  std::array<std::array<double, response_count>, channel_count> by_channel{};
  for (std::size_t s = 0; s < stream_count; ++s) {
    const double vol = yearly_volume(c, s);
    if (vol <= 0) continue;
    const StreamFlow f = flow_of(c, s);
    for (std::size_t ch = 0; ch < channel_count; ++ch) {
      double total = 0;
      for (std::size_t n = 0; n < response_count; ++n)
        for (std::size_t a = 0; a < response_count; ++a) {
          total += f.joint[ch][n][a];
          by_channel[ch][a] += vol * f.joint[ch][n][a];
        }
      if (total > 0) edges.push_back({std::string(stream_names[s]), channel_names[ch], vol * total});
    }
    if (f.planned > 0) edges.push_back({std::string(stream_names[s]), "planned ride", vol * f.planned});
  }
  double transports = 0;
  for (std::size_t s = 0; s < stream_count; ++s) {
    const double vol = yearly_volume(c, s);
    if (vol <= 0) continue;
    const StreamFlow f = flow_of(c, s);
    for (std::size_t ch = 0; ch < channel_count; ++ch)
      for (std::size_t n = 0; n < response_count; ++n)
        transports += vol * f.joint[ch][n][static_cast<std::size_t>(Response::ambulance)] *
                      ed_transport_share(c.ambulance, static_cast<Response>(n));
  }
  for (std::size_t ch = 0; ch < channel_count; ++ch)
    for (std::size_t a = 0; a < response_count; ++a)
      if (by_channel[ch][a] > 0)
        edges.push_back({channel_names[ch], std::string(response_names[a]), by_channel[ch][a]});
  if (transports > 0) edges.push_back({"ambulance", "ed", transports});
  return edges;
}

std::vector<AreaCatchment> catchments(const AcuteConfig& cfg, const Geography& geo) {
  auto nearest_id = [&](SiteKind kind, std::size_t area) -> std::string {
    const auto near = geo.nearest(kind, area);
    return near.empty() ? std::string() : cfg.sites[near[0]].id;
  };
  std::vector<AreaCatchment> out;
  out.reserve(cfg.areas.size());
  for (std::size_t a = 0; a < cfg.areas.size(); ++a)
    out.push_back(
        {cfg.areas[a].name, cfg.areas[a].population, nearest_id(SiteKind::ed, a), nearest_id(SiteKind::hap, a)});
  return out;
}

std::string catchments_csv(const AcuteConfig& cfg, const Geography& geo) {
  std::ostringstream out;
  out << "area,population,ed,hap\n";
  for (const AreaCatchment& c : catchments(cfg, geo)) {
    std::string name = c.area;
    if (name.find_first_of(",\"\n") != std::string::npos) {  // RFC 4180 quoting
      std::string quoted = "\"";
      for (char ch : name) quoted += ch == '"' ? std::string("\"\"") : std::string(1, ch);
      name = quoted + "\"";
    }
    out << name << ',' << std::llround(c.population) << ',' << c.ed << ',' << c.hap << '\n';
  }
  return out.str();
}

std::string offered_load_report(const AcuteConfig& c, const Geography& geo, bool& overloaded) {
  overloaded = false;
  // arrivals per minute by hour of week at each resource group, times mean service
  struct Load {
    std::string name;
    std::array<double, 168> work{};      // offered erlangs by hour
    std::array<double, 168> capacity{};  // staff on duty by hour
  };
  std::vector<Load> loads;
  auto group = [&](const std::string& name) -> Load& {
    for (auto& l : loads)
      if (l.name == name) return l;
    loads.push_back({name, {}, {}});
    return loads.back();
  };
  const bool zcc = c.mode == TriageMode::zcc && !c.zcc.locations.empty();
  const TriageRule& rule = zcc ? c.zcc_triage : c.fragmented_triage;
  // mean drive (km) from the nearest site of a kind, population-weighted over own areas
  auto mean_km = [&](SiteKind kind) {
    double km = 0, pop = 0;
    for (std::size_t a = 0; a < c.areas.size(); ++a) {
      if (!c.regions[c.areas[a].region].own || geo.nearest(kind, a).empty()) continue;
      km += c.areas[a].population * geo.km_site_area(geo.nearest(kind, a).front(), a);
      pop += c.areas[a].population;
    }
    return pop > 0 ? km / pop : 0.0;
  };
  const double drive_hap = mean_km(SiteKind::hap) / c.road.speed_kmh * 60;
  const double drive_amb = mean_km(SiteKind::ambulance_station) / c.road.urgent_speed_kmh * 60;
  const double drive_ed = mean_km(SiteKind::ed) / c.road.speed_kmh * 60;
  const double drive_ggz = mean_km(SiteKind::ggz_crisis) / c.road.speed_kmh * 60;
  auto service_of = [&](std::size_t need, std::size_t a) -> double {
    const auto r = static_cast<Response>(a);
    const double s = c.responses[a].service.mean();
    switch (r) {
      case Response::gp_home_visit:
      case Response::district_nursing:
        return 2 * drive_hap + s;
      case Response::ggz_crisis:
        return 2 * drive_ggz + s;
      case Response::ambulance:
        return c.ambulance.dispatch_delay.mean() + 2 * drive_amb + c.ambulance.on_scene.mean() +
               transport_share(c.ambulance, static_cast<Response>(need)) * (drive_ed + c.ambulance.handover.mean());
      default:
        return s;
    }
  };
  const double ed_los = c.ed.admission_share * c.ed.los_admitted.mean() +
                        (1 - c.ed.admission_share) * c.ed.los_discharged.mean();
  for (std::size_t s = 0; s < stream_count; ++s) {
    const double vol = yearly_volume(c, s);
    if (vol <= 0) continue;
    const StreamFlow f = flow_of(c, s);
    for (std::size_t h = 0; h < 168; ++h) {
      const double rate = vol / minutes_per_year * c.streams[s].profile[h];  // per minute
      // office hours of a plain week (hour 0 = Monday 00:00): a consult or a
      // home visit is the patient's own GP's (Router), not the HAP's
      const bool office = office_hour(h / 24, static_cast<long>(h % 24));
      for (std::size_t d = 0; d < discipline_count; ++d)
        group(std::string(zcc ? "zcc triage " : "fragmented triage ") + std::string(discipline_names[d])).work[h] +=
            rate * f.line[d] * rule.time[d].mean();
      group("112 dispatch").work[h] += rate * f.dispatch * c.dispatch_triage.time[1].mean();
      if (f.planned > 0)
        group("ambulances").work[h] += rate * f.planned *
                                       (c.ambulance.dispatch_delay.mean() + 2 * drive_amb +
                                        c.ambulance.on_scene.mean() + drive_ed + c.ambulance.handover.mean());
      for (std::size_t ch = 0; ch < channel_count; ++ch)
        for (std::size_t n = 0; n < response_count; ++n)
          for (std::size_t a = 0; a < response_count; ++a) {
            const double x = rate * f.joint[ch][n][a];
            if (x <= 0) continue;
            switch (static_cast<Response>(a)) {
              case Response::hap_consult:
                if (!office) group("HAP GPs").work[h] += x * service_of(n, a);
                break;
              case Response::gp_home_visit:
                if (!office) group("home-visit cars").work[h] += x * service_of(n, a);
                break;
              case Response::district_nursing:
                group("nursing teams").work[h] += x * service_of(n, a);
                break;
              case Response::ggz_crisis:
                group("GGZ crisis teams").work[h] += x * service_of(n, a);
                break;
              case Response::ambulance:
                group("ambulances").work[h] += x * service_of(n, a);
                group("ED places").work[h] += x * ed_transport_share(c.ambulance, static_cast<Response>(n)) * ed_los;
                break;
              case Response::ed:
                group("ED places").work[h] += x * ed_los;
                break;
              case Response::vvt_bed:
                for (std::size_t t = 0; t < bed_type_count; ++t)
                  if (c.beds.types[t].share > 0)
                    group("short-stay beds " + std::string(bed_type_names[t])).work[h] +=
                        x * c.beds.types[t].share * c.beds.types[t].length_of_stay_days.mean() * 1440;
                break;
              default:
                break;
            }
          }
    }
  }
  // capacities
  for (std::size_t h = 0; h < 168; ++h) {
    for (std::size_t d = 0; d < discipline_count; ++d) {
      double cap = 0;
      if (zcc)
        for (const auto& loc : c.zcc.locations) cap += loc.rosters[d][h];
      else
        for (std::size_t r = 0; r < c.regions.size(); ++r)
          cap += c.regions[r].own ? c.fragmented_roster_of(r, d)[h] : 0;
      group(std::string(zcc ? "zcc triage " : "fragmented triage ") + std::string(discipline_names[d])).capacity[h] =
          cap;
    }
    for (std::size_t r = 0; r < c.regions.size(); ++r) {
      if (!c.regions[r].own) continue;
      group("112 dispatch").capacity[h] += c.dispatchers_of(r)[h];
      group("home-visit cars").capacity[h] += c.home_visit_cars_of(r)[h];
      group("nursing teams").capacity[h] += c.nursing_teams_of(r)[h];
    }
    double hap = 0, amb = 0, ggz = 0, ed = 0;
    std::array<double, bed_type_count> beds{};
    for (const Site& s : c.sites) {
      if (!c.regions[s.region].own) continue;
      switch (s.kind) {
        case SiteKind::hap:
          hap += s.staff[h];
          break;
        case SiteKind::ambulance_station:
          amb += s.staff[h];
          break;
        case SiteKind::ggz_crisis:
          ggz += s.staff[h];
          break;
        case SiteKind::ed:
          ed += s.places;
          break;
        case SiteKind::vvt:
          for (std::size_t t = 0; t < bed_type_count; ++t) beds[t] += s.beds[t];
          break;
        default:
          break;
      }
    }
    group("HAP GPs").capacity[h] = hap;
    group("ambulances").capacity[h] = amb;
    group("GGZ crisis teams").capacity[h] = ggz;
    group("ED places").capacity[h] = ed;
    for (std::size_t t = 0; t < bed_type_count; ++t)
      if (beds[t] > 0 || c.beds.types[t].share > 0)
        group("short-stay beds " + std::string(bed_type_names[t])).capacity[h] = beds[t];
  }
  std::ostringstream os;
  char buf[160];
  std::snprintf(buf, sizeof buf, "%-28s %10s %10s %10s %s\n", "resource", "mean load", "peak load", "hours>=1",
                "(offered work / staffed capacity, by hour of week)");
  os << buf;
  for (const Load& l : loads) {
    double work = 0, cap = 0, peak = 0;
    int over = 0;
    for (std::size_t h = 0; h < 168; ++h) {
      work += l.work[h];
      cap += l.capacity[h];
      if (l.work[h] > 0) {
        const double x = l.capacity[h] > 0 ? l.work[h] / l.capacity[h] : std::numeric_limits<double>::infinity();
        peak = std::max(peak, x);
        over += x >= 1.0;
      }
    }
    if (work <= 0 && cap <= 0) continue;
    const double mean = cap > 0 ? work / cap : std::numeric_limits<double>::infinity();
    const bool flag = mean >= 1.0 || over > 0;
    overloaded = overloaded || flag;
    std::snprintf(buf, sizeof buf, "%-28s %10.3f %10.3f %10d%s\n", l.name.c_str(), mean, peak, over,
                  flag ? "   <-- load >= 1" : "");
    os << buf;
  }
  os << "(steady-state estimate: no queueing, transfers or re-contacts; stays in the ED include those"
        " brought by ambulance)\n";
  return os.str();
}

WarmupAdvice warmup_advice(const AcuteConfig& cfg, const std::vector<DailyBusy>& daily) {
  WarmupAdvice a;
  a.configured_days = cfg.warmup / 1440.0;
  std::map<std::string, const std::vector<double>*> by_kind;  // in the order of the kinds' names
  for (const DailyBusy& d : daily) by_kind[d.kind] = &d.busy;
  std::ostringstream os;
  os << "warm-up (MSER-5 on daily busy servers, replication 0):";
  for (const auto& [kind, series] : by_kind) {
    const sim::WarmupSuggestion w = sim::mser(*series);
    const auto days = static_cast<double>(w.truncate);
    a.suggested_days = std::max(a.suggested_days, days);
    a.reliable = a.reliable && w.reliable;
    os << " " << kind << " " << days << (w.reliable ? "" : "?") << " d;";
  }
  a.too_short = a.suggested_days > a.configured_days;
  os << " suggested " << a.suggested_days << " days, configured " << a.configured_days << " days";
  if (a.too_short)
    os << "\nwarning: the configured warm-up looks too short; consider warmup_days: " << a.suggested_days;
  if (!a.reliable) os << "\nnote: '?' marks a series still drifting at the end of the run (run longer to judge)";
  a.report = os.str() + "\n";
  return a;
}

std::string care_chain_dot(const AcuteConfig& c) {
  std::ostringstream os;
  os << "digraph care_chain {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n";
  os << "  label=\"" << (c.name.empty() ? "acute scenario" : c.name) << " - expected contacts per year\";\n";
  const auto edges = expected_flows(c);
  std::vector<std::string> seen;
  auto node = [&](const std::string& n, const char* shape) {
    if (std::find(seen.begin(), seen.end(), n) != seen.end()) return;
    seen.push_back(n);
    os << "  \"" << n << "\" [shape=" << shape << "];\n";
  };
  for (std::size_t s = 0; s < stream_count; ++s)
    if (yearly_volume(c, s) > 0) node(std::string(stream_names[s]), "box");
  for (const char* ch : channel_names) node(ch, "ellipse");
  for (auto r : response_names) node(std::string(r), "box, style=rounded");
  std::map<std::string, double> out;
  for (const auto& e : edges) out[e.from] += e.per_year;
  char buf[64];
  for (const auto& e : edges) {
    if (!(e.per_year > 0)) continue;
    const double share = out[e.from] > 0 ? e.per_year / out[e.from] : 0;
    std::snprintf(buf, sizeof buf, "%.0f/yr (%.1f%%)", e.per_year, 100 * share);
    os << "  \"" << e.from << "\" -> \"" << e.to << "\" [label=\"" << buf << "\"];\n";
  }
  os << "}\n";
  return os.str();
}

}  // namespace zccsim::models::acute
