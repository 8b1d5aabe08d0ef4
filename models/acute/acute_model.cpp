// SPDX-License-Identifier: MIT
// The acute-care chain on the engine. One patient record per contact chain
// (a re-contact gets a new record); resources are sim::Resource with rosters.
//
// Flow: arrival (stream) -> phone line (zcc or fragmented; patience, redial,
// overflow between zcc locations) -> triage (time, transfer to the need's
// discipline, accuracy matrix: need -> assigned response) -> response:
// advice / HAP consult / home visit / district nursing / ambulance (nearest
// free vehicle, on scene, transport to the nearest ED or not) / ED (place,
// length of stay, admission, waiting for a bed in the place) / GGZ crisis
// team / short-stay bed (placement search with or without capacity insight).
// Under-triage may cause a re-contact after a delay.
#include "acute_model.hpp"

#include "sim/arrivals.hpp"
#include "sim/resource.hpp"
#include "sim/simulation.hpp"
#include "sim/slot_pool.hpp"
#include "sim/stats.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <map>
#include <memory>
#include <optional>

namespace zccsim::models::acute {

const std::vector<std::string> log_event_names{
    "arrival", "line_join", "answered", "hung_up", "triaged", "care_start", "ambulance_on_scene",
    "ed_arrival", "ed_place", "bed_search", "placed", "end"};

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();
constexpr double minutes_per_year = 365.0 * 1440.0;
constexpr std::size_t none = std::numeric_limits<std::size_t>::max();

constexpr std::uint64_t patient_stream = sim::stable_hash("acute/patient");
constexpr std::uint64_t recontact_stream = sim::stable_hash("acute/recontact");

enum LogEvent : std::uint8_t {
  ev_arrival, ev_line_join, ev_answered, ev_hung_up, ev_triaged, ev_care_start, ev_on_scene,
  ev_ed_arrival, ev_ed_place, ev_bed_search, ev_placed, ev_end
};

enum Phase : std::uint8_t { ph_line, ph_hap, ph_visit, ph_nursing, ph_ggz, ph_ed, ph_bed, ph_station, ph_none };

enum Tag : std::uint32_t {
  t_service_done, t_travel_done, t_on_scene, t_scene_done, t_at_ed, t_handover_done, t_vehicle_back,
  t_search, t_recontact, t_redial, t_hourly
};

// Resource groups for utilisation KPIs and hourly series.
enum Group : std::uint8_t {
  g_line_gp, g_line_ambulance, g_line_ggz, g_line_vvt, g_dispatch, g_hap, g_cars, g_nursing, g_ggz, g_ed,
  g_station, g_beds, group_count
};
constexpr const char* group_kind[group_count] = {"triage_line", "triage_line", "triage_line", "triage_line",
                                                 "dispatch", "hap", "cars", "nursing", "ggz", "ed",
                                                 "station", "beds"};

const std::vector<std::string> kpi_list = [] {
  std::vector<std::string> k{
      "patients_per_1000", "hap_contacts_per_1000", "hap_phone_advice_share", "hap_consult_share",
      "hap_home_visit_share", "hap_referred_share", "daytime_gp_share",
      "ed_visits_per_1000", "ed_wait_minutes_mean", "ed_los_minutes_mean", "ed_admitted_share", "ed_occupancy",
      "ambulance_rides_per_1000", "ambulance_no_transport_share", "a1_response_minutes_mean",
      "a1_response_minutes_p95", "a1_within_15min_share", "a2_within_30min_share", "b_within_norm_share",
      "answered_within_30s_share", "answered_within_2min_share", "phone_abandoned_share",
      "answer_seconds_mean", "triage_minutes_mean", "transfer_share",
      "first_time_right_share", "recontact_24h_share", "recontacts_per_1000", "lost_share"};
  for (auto u : urgency_names) k.push_back("time_to_care_minutes_" + std::string(u));
  for (auto r : response_names) k.push_back("destination_share_" + std::string(r));
  for (const char* s : {"placement_search_minutes_mean", "placements_outside_region_share", "bed_rejections_per_1000",
                        "bed_occupancy", "wrong_bed_hours", "ggz_crisis_per_1000"})
    k.push_back(s);
  for (const char* s : {"utilization_triage_gp", "utilization_triage_ambulance", "utilization_triage_ggz",
                        "utilization_triage_vvt", "utilization_dispatch", "utilization_hap_gp",
                        "utilization_home_visit_cars", "utilization_nursing", "utilization_ggz_teams",
                        "utilization_ambulances"})
    k.push_back(s);
  for (const char* s : {"cost_per_patient", "cost_total_meur_per_year", "cost_activities_meur_per_year",
                        "cost_staff_meur_per_year", "patients_in_system_at_end"})
    k.push_back(s);
  return k;
}();

double ratio(double a, double b) { return b > 0 ? a / b : std::numeric_limits<double>::quiet_NaN(); }

std::vector<std::uint32_t> schedule_of(const Roster& r) { return {r.begin(), r.end()}; }

bool out_of_hours(double now) {
  const auto h = static_cast<long>(std::floor(now / 60.0)) % 168;
  const long day = h / 24, hour = h % 24;
  return day >= 5 || hour < 8 || hour >= 17;
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

struct Line {
  std::unique_ptr<sim::Resource> res;
  const TriageRule* rule;
  bool zcc;
  std::size_t region, location;  // location: zcc location index or none
  Discipline discipline;
};

struct Patient {
  // Every patient draws from a stream of its own, keyed by (arrival stream,
  // arrival number): a patient meets the same random numbers in every variant
  // whatever else changes, so paired comparisons stay sharp.
  sim::RandomStream rng{0, 0, std::uint64_t{0}, std::uint64_t{0}};
  std::uint64_t key = 0;
  double first_contact = 0, line_join = 0, deadline = 0, request = 0, ed_arrival = 0, search_start = 0,
         wrong_bed_start = 0, cost = 0;
  sim::Resource* held = nullptr;
  std::uint32_t server = 0, area = 0, region = 0, line = 0, site = 0, station = 0;
  std::uint32_t search_offset = 0, search_tries = 0;
  Response need = Response::self_care, assigned = Response::self_care;
  std::uint8_t stream = 0, urgency = 0, amb_class = 0, redials = 0;
  Phase phase = ph_none;
  bool first_assigned = false, self_triage = false, patient_line = false, overflowed = false,
       admitted = false, recontact = false, transported = false;
};

struct Counters {
  std::uint64_t patients = 0, hap_contacts = 0, hap_referred = 0, daytime_gp = 0;
  std::array<std::uint64_t, 3> hap_outcome{};
  std::uint64_t ed_visits = 0, ed_admitted = 0;
  sim::Tally ed_wait, ed_los;
  std::uint64_t rides = 0, no_transport = 0;
  std::array<std::uint64_t, 3> rides_class{}, within_norm{};
  sim::Tally a1_response;
  sim::QuantileSketch a1_quantiles;
  std::uint64_t calls = 0, answered_30s = 0, answered_2min = 0, hung_up = 0;
  sim::Tally answer_wait, triage_time;
  std::uint64_t triages = 0, transfers = 0;
  std::uint64_t first_assigned = 0, first_right = 0, recontacts = 0, recontact_24h = 0, lost = 0;
  std::array<sim::Tally, urgency_count> time_to_care;
  std::array<std::uint64_t, response_count> first_response{};
  sim::Tally search;
  std::uint64_t placed_in = 0, placed_out = 0, rejections = 0, ggz = 0;
  double wrong_bed_minutes = 0, activity_cost = 0;
};

class AcuteModel final : public sim::ResourceClient, public sim::ArrivalSink, private sim::EventHandler,
                         private sim::Recorder {
 public:
  AcuteModel(const AcuteConfig& cfg, const Geography& geo, sim::Simulation& sim, const RunOptions& opt)
      : cfg_(cfg), geo_(geo), sim_(sim), opt_(opt) {
    // the loader guarantees accuracy rows that are probabilities summing to 1
    build_resources();
    build_arrivals();
    sim.add_recorder(*this);
    if (opt_.hourly) sim.schedule_at(60.0, *this, t_hourly, 1, sim::Priority::observe);
  }

  // ---- arrivals -------------------------------------------------------------
  void on_arrival(sim::Simulation& sim, std::uint32_t source) override {
    const auto kind = static_cast<StreamKind>(source);
    const Stream& st = cfg_.streams[source];
    const std::uint32_t id = new_patient();
    Patient& p = pat_[id];
    p.key = (static_cast<std::uint64_t>(source) << 48) | arrivals_[source]++;
    p.rng = sim::RandomStream(sim.seed(), sim.replication(), patient_stream, p.key);
    const auto area = static_cast<std::uint32_t>(
        std::lower_bound(area_cum_.begin(), area_cum_.end(), p.rng.uniform() * area_cum_.back()) - area_cum_.begin());
    p.area = own_areas_[std::min<std::size_t>(area, own_areas_.size() - 1)];
    p.region = static_cast<std::uint32_t>(cfg_.areas[p.area].region);
    p.stream = static_cast<std::uint8_t>(source);
    p.need = static_cast<Response>(draw(st.need, p.rng));
    p.urgency = static_cast<std::uint8_t>(draw(st.urgency, p.rng));
    p.first_contact = sim.now();
    ++c_.patients;
    log(id, ev_arrival, static_cast<std::uint8_t>(source), static_cast<std::uint16_t>(p.area));
    switch (kind) {
      case StreamKind::hap_calls:
        patient_call(id, Discipline::gp);
        return;
      case StreamKind::self_triage:
        if (p.rng.uniform() < st.self_care_share) return assign(id, Response::self_care);
        pat_[id].self_triage = true;
        patient_call(id, Discipline::gp);
        return;
      case StreamKind::calls_112:
        join_line(id, dispatch_[p.region], inf);
        return;
      case StreamKind::provider_calls: {
        const Discipline d = discipline_of(p.need);
        if (has_zcc(p)) {
          join_line(id, zcc_line(p, d), inf);
        } else if (d == Discipline::vvt) {
          assign(id, p.need);  // the calling provider searches for room itself
        } else {
          join_line(id, frag_[p.region][static_cast<std::size_t>(d)], inf);
        }
        return;
      }
      case StreamKind::ed_walk_ins:
        return assign(id, Response::ed);
      case StreamKind::gp_referrals:
        return assign(id, p.need);  // the GP has decided
    }
  }

  // ---- resources ------------------------------------------------------------
  void on_service_start(sim::Simulation&, sim::Resource& res, std::uint64_t entity, std::uint32_t server) override {
    started(static_cast<std::uint32_t>(entity), res, server);
  }

  void on_abandon(sim::Simulation& sim, sim::Resource&, std::uint64_t entity) override {
    const auto id = static_cast<std::uint32_t>(entity);
    Patient& p = pat_[id];
    const Line& line = lines_[p.line];
    // The overflow timer of a per-sub-region zcc call (not its patience): the
    // call moves to the least busy other location with somebody on duty if
    // that one is less busy than its own (any is, when nobody is on duty at
    // its own); else it stays. Either way it waits for the rest of its
    // patience without a further overflow; staying re-queues it at the back
    // of its urgency class (sim::Resource cannot extend a patience).
    if (!p.overflowed && line.location != none && sim.now() < p.deadline - 1e-9) {
      p.overflowed = true;
      const long bar = line.res->on_duty_count() > 0 ? busy_score(line) : std::numeric_limits<long>::max();
      const std::size_t to = least_busy(line.region, line.discipline, p.line, bar);
      seize_line(id, static_cast<std::uint32_t>(to != none ? to : p.line), p.deadline - sim.now());
      return;
    }
    // the patience ran out: the caller hangs up
    ++c_.hung_up;
    log(id, ev_hung_up, 0, 0);
    if (p.redials < 3 && p.rng.uniform() < cfg_.phone.redial_probability) {
      ++p.redials;
      sim.schedule_in(cfg_.phone.redial_delay.sample(p.rng), *this, t_redial, id);
    } else {
      ++c_.lost;
      end(id);
    }
  }

  // ---- events ---------------------------------------------------------------
  void handle(sim::Simulation& sim, std::uint32_t tag, std::uint64_t arg) override {
    if (tag == t_hourly) return hourly_tick(arg);
    if (tag == t_vehicle_back) {
      stations_[arg >> 32]->release(sim, static_cast<std::uint32_t>(arg & 0xffffffffu));
      return dispatch_pending();
    }
    const auto id = static_cast<std::uint32_t>(arg);
    Patient& p = pat_[id];
    switch (tag) {
      case t_service_done: return service_done(id);
      case t_travel_done: return seize(id, *hap_[p.site], ph_hap);
      case t_on_scene: return on_scene(id);
      case t_scene_done: return scene_done(id);
      case t_at_ed:
        sim.schedule_in(cfg_.ambulance.handover.sample(p.rng), *this, t_handover_done, id);
        return;
      case t_handover_done: {
        const auto back = geo_.minutes(geo_.km_site_site(p.site, p.station), cfg_.road.speed_kmh, sim.now());
        sim.schedule_in(back, *this, t_vehicle_back, vehicle_key(p));
        p.held = nullptr;
        return ed_enter(id, p.site);
      }
      case t_search: return search_step(id);
      case t_recontact: return recontact(id);
      case t_redial: return redial(id);
      default: throw std::logic_error("acute model: unknown event");
    }
  }

  // ---- results ----------------------------------------------------------------
  // Warm-up end (after the resources have reset their statistics).
  void reset(double now) override {
    c_ = Counters{};
    warm_ = now;
    for (auto& l : last_integrals_) l = {0.0, 0.0, 0.0};
  }

  AcuteResult result() {
    const double now = sim_.now();
    const double years = (now - warm_) / minutes_per_year;
    const double per_1000 = 1000.0 / cfg_.own_population() / years;
    AcuteResult r;
    auto& k = r.kpis;
    const auto d = [](std::uint64_t x) { return static_cast<double>(x); };
    const double hap_out = d(c_.hap_outcome[0] + c_.hap_outcome[1] + c_.hap_outcome[2]);
    k = {d(c_.patients) * per_1000, d(c_.hap_contacts) * per_1000, ratio(d(c_.hap_outcome[0]), hap_out),
         ratio(d(c_.hap_outcome[1]), hap_out), ratio(d(c_.hap_outcome[2]), hap_out),
         ratio(d(c_.hap_referred), d(c_.hap_contacts)), ratio(d(c_.daytime_gp), d(c_.patients)),
         d(c_.ed_visits) * per_1000, c_.ed_wait.mean(), c_.ed_los.mean(), ratio(d(c_.ed_admitted), d(c_.ed_visits)),
         group_utilization(g_ed, now), d(c_.rides) * per_1000, ratio(d(c_.no_transport), d(c_.rides)),
         c_.a1_response.mean(), c_.a1_quantiles.quantile(0.95), ratio(d(c_.within_norm[0]), d(c_.rides_class[0])),
         ratio(d(c_.within_norm[1]), d(c_.rides_class[1])), ratio(d(c_.within_norm[2]), d(c_.rides_class[2])),
         ratio(d(c_.answered_30s), d(c_.calls)), ratio(d(c_.answered_2min), d(c_.calls)),
         ratio(d(c_.hung_up), d(c_.calls)), c_.answer_wait.mean() * 60.0, c_.triage_time.mean(),
         ratio(d(c_.transfers), d(c_.triages)), ratio(d(c_.first_right), d(c_.first_assigned)),
         ratio(d(c_.recontact_24h), d(c_.first_assigned)), d(c_.recontacts) * per_1000,
         ratio(d(c_.lost), d(c_.patients))};
    for (const auto& t : c_.time_to_care) k.push_back(t.mean());
    for (auto n : c_.first_response) k.push_back(ratio(d(n), d(c_.first_assigned)));
    const double placed = d(c_.placed_in + c_.placed_out);
    k.insert(k.end(), {c_.search.mean(), ratio(d(c_.placed_out), placed), d(c_.rejections) * per_1000,
                       group_utilization(g_beds, now), c_.wrong_bed_minutes / 60.0 / years, d(c_.ggz) * per_1000});
    for (Group g : {g_line_gp, g_line_ambulance, g_line_ggz, g_line_vvt, g_dispatch, g_hap, g_cars, g_nursing, g_ggz,
                    g_station})
      k.push_back(group_utilization(g, now));
    const double staff = staff_cost(now);
    const double total = staff + c_.activity_cost;
    k.insert(k.end(), {ratio(total, d(c_.patients)), total / 1e6 / years, c_.activity_cost / 1e6 / years,
                       staff / 1e6 / years, d(created_ - ended_)});
    if (k.size() != kpi_list.size()) throw std::logic_error("acute model: KPI list out of step");
    r.conservation = {created_, ended_, created_ - ended_};
    if (pat_.live() != created_ - ended_) throw std::logic_error("acute model: patient records not conserved");
    if (opt_.hourly) r.hourly = std::move(series_);
    r.log = std::move(log_);
    return r;
  }

 private:
  struct Tracked {
    sim::Resource* res;
    Group group;
    double hourly_cost;
    std::string name;
  };

  // ---- construction ---------------------------------------------------------
  std::unique_ptr<sim::Resource> make(const std::string& name, const std::vector<std::uint32_t>& schedule,
                                      std::uint32_t servers, std::optional<std::size_t> queue_capacity, Group g,
                                      double hourly_cost, std::uint32_t classes = 1) {
    sim::ResourceSpec spec{name, servers, queue_capacity,
                           classes > 1 ? sim::QueueDiscipline::priority : sim::QueueDiscipline::fifo, classes,
                           schedule, 60.0};
    auto r = std::make_unique<sim::Resource>(sim_, std::move(spec), *this);
    tracked_.push_back({r.get(), g, hourly_cost, name});
    return r;
  }

  std::size_t add_line(const std::string& name, const Roster& roster, const TriageRule& rule, bool zcc,
                       std::size_t region, std::size_t location, Discipline d, Group g, double hourly) {
    lines_.push_back({make(name, schedule_of(roster), 0, std::nullopt, g, hourly, urgency_count), &rule, zcc, region,
                      location, d});
    return lines_.size() - 1;
  }

  void build_resources() {
    const std::size_t nreg = cfg_.regions.size();
    const auto& costs = cfg_.costs;
    frag_.assign(nreg, {});
    zcc_loc_lines_.assign(nreg, {});
    dispatch_.assign(nreg, none);
    for (std::size_t r = 0; r < nreg; ++r) {
      const std::string& rn = cfg_.regions[r].name;
      if (!cfg_.regions[r].own) continue;
      for (std::size_t d = 0; d < discipline_count; ++d)
        frag_[r][d] = add_line("line/" + rn + "/" + std::string(discipline_names[d]), cfg_.fragmented_rosters[d],
                               cfg_.fragmented_triage, false, r, none, static_cast<Discipline>(d),
                               static_cast<Group>(g_line_gp + d), costs.triagist_hourly[d]);
      dispatch_[r] = add_line("dispatch/" + rn, cfg_.dispatchers, cfg_.dispatch_triage, false, r, none,
                              Discipline::ambulance, g_dispatch, costs.dispatcher_hourly);
      cars_.push_back(make("cars/" + rn, schedule_of(cfg_.home_visit_cars), 0, std::nullopt, g_cars, costs.gp_hourly,
                           urgency_count));
      nursing_.push_back(make("nursing/" + rn, schedule_of(cfg_.nursing_teams), 0, std::nullopt, g_nursing, 0.0,
                              urgency_count));
    }
    region_slot_.assign(nreg, none);
    for (std::size_t r = 0, slot = 0; r < nreg; ++r)
      if (cfg_.regions[r].own) region_slot_[r] = slot++;
    // zcc: only in zcc mode (in fragmented mode its locations get no line,
    // no staff cost and no utilisation)
    std::vector<std::vector<const ZccLocation*>> per_region(nreg);
    if (cfg_.mode == TriageMode::zcc)
      for (const ZccLocation& loc : cfg_.zcc.locations) per_region[cfg_.sites[loc.site].region].push_back(&loc);
    // per region: the pooled lines or the first location's; per region and
    // subregion: the lines of the (last) location listing it
    std::vector<std::array<std::size_t, discipline_count>> region_lines(nreg, {none, none, none, none});
    std::vector<std::map<std::string, std::array<std::size_t, discipline_count>>> subregion_lines(nreg);
    for (std::size_t r = 0; r < nreg; ++r) {
      if (per_region[r].empty() || !cfg_.regions[r].own) continue;
      const std::string& rn = cfg_.regions[r].name;
      if (cfg_.zcc.pooling == Pooling::pooled) {
        for (std::size_t d = 0; d < discipline_count; ++d) {
          Roster sum{};
          for (const ZccLocation* loc : per_region[r])
            for (std::size_t h = 0; h < 168; ++h) sum[h] += loc->rosters[d][h];
          region_lines[r][d] = add_line("zcc/" + rn + "/" + std::string(discipline_names[d]), sum, cfg_.zcc_triage,
                                        true, r, none, static_cast<Discipline>(d), static_cast<Group>(g_line_gp + d),
                                        costs.triagist_hourly[d]);
        }
      } else {
        for (std::size_t i = 0; i < per_region[r].size(); ++i) {
          const ZccLocation& loc = *per_region[r][i];
          for (std::size_t d = 0; d < discipline_count; ++d) {
            const auto l = add_line("zcc/" + loc.name + "/" + std::string(discipline_names[d]), loc.rosters[d],
                                    cfg_.zcc_triage, true, r, i, static_cast<Discipline>(d),
                                    static_cast<Group>(g_line_gp + d), costs.triagist_hourly[d]);
            zcc_loc_lines_[r][d].push_back(l);
            if (i == 0) region_lines[r][d] = l;
            for (const auto& sub : loc.subregions) subregion_lines[r][sub][d] = l;
          }
        }
      }
    }
    // each area's own zcc lines (none without a zcc), and its nearest HAP post
    const std::size_t na = cfg_.areas.size();
    zcc_own_.assign(na, {none, none, none, none});
    hap_base_.assign(na, none);
    hap_km_.assign(na, 0.0);
    for (std::size_t a = 0; a < na; ++a) {
      const std::size_t r = cfg_.areas[a].region;
      const auto it = subregion_lines[r].find(cfg_.areas[a].subregion);
      zcc_own_[a] = it != subregion_lines[r].end() ? it->second : region_lines[r];
      if (const auto& near = geo_.nearest(SiteKind::hap, a); !near.empty()) {
        hap_base_[a] = near.front();
        hap_km_[a] = geo_.km_site_area(near.front(), a);
      }
    }
    // sites
    const std::size_t ns = cfg_.sites.size();
    hap_.resize(ns);
    ggz_.resize(ns);
    ed_.resize(ns);
    stations_.resize(ns);
    bed_providers_.clear();
    bed_providers_.resize(nreg);
    for (std::size_t s = 0; s < ns; ++s) {
      const Site& site = cfg_.sites[s];
      switch (site.kind) {
        case SiteKind::hap:
          hap_[s] = make("hap/" + site.id, schedule_of(site.staff), 0, std::nullopt, g_hap, costs.gp_hourly);
          break;
        case SiteKind::ggz_crisis:
          ggz_[s] = make("ggz/" + site.id, schedule_of(site.staff), 0, std::nullopt, g_ggz, 0.0, urgency_count);
          break;
        case SiteKind::ed:
          ed_[s] = make("ed/" + site.id, {}, site.places, std::nullopt, g_ed, 0.0, urgency_count);
          break;
        case SiteKind::ambulance_station:
          stations_[s] = make("station/" + site.id, schedule_of(site.staff), 0, 0, g_station, 0.0);
          break;
        case SiteKind::vvt: {
          const std::uint32_t n = std::max(1u, std::min(cfg_.beds.providers_per_site, std::max(1u, site.places)));
          for (std::uint32_t k = 0; k < n; ++k) {
            const std::uint32_t beds = site.places / n + (k < site.places % n ? 1 : 0);
            bed_providers_[site.region].push_back(
                make("beds/" + site.id + "/" + std::to_string(k), {}, beds, 0, g_beds, 0.0));
          }
          break;
        }
        case SiteKind::zcc:
          break;
      }
    }
    if (opt_.hourly)
      for (const Tracked& t : tracked_) {
        series_.push_back({t.name, group_kind[t.group], {}, {}, {}});
        last_integrals_.push_back({0.0, 0.0, 0.0});
      }
  }

  void build_arrivals() {
    double cum = 0;
    for (std::size_t a = 0; a < cfg_.areas.size(); ++a) {
      if (!cfg_.regions[cfg_.areas[a].region].own) continue;
      own_areas_.push_back(static_cast<std::uint32_t>(a));
      area_cum_.push_back(cum += cfg_.areas[a].population);
    }
    if (own_areas_.empty()) throw std::invalid_argument("no area in an own region");
    const double pop = cfg_.own_population();
    for (std::size_t s = 0; s < stream_count; ++s) {
      const Stream& st = cfg_.streams[s];
      if (!st.enabled || st.per_1000_per_year <= 0) continue;
      sim::RateProfile prof;
      prof.hour_length = 60.0;
      const double base = st.per_1000_per_year * pop / 1000.0 / minutes_per_year;
      for (std::size_t h = 0; h < 168; ++h) prof.hourly[h] = base * st.profile[h];
      for (const Surge& sg : cfg_.surges)
        if (sg.streams[s]) prof.surges.push_back({sg.begin, sg.end, sg.factor});
      gens_.push_back(std::make_unique<sim::ArrivalGenerator>(
          sim::ArrivalProcess::nhpp(std::move(prof)), sim_.stream(stream_names[s], "arrivals"), *this,
          static_cast<std::uint32_t>(s)));
      gens_.back()->start(sim_);
    }
  }

  // ---- patients -------------------------------------------------------------
  std::uint32_t new_patient() {
    const std::uint32_t id = pat_.acquire();
    ++created_;
    return id;
  }

  void end(std::uint32_t id) {
    Patient& p = pat_[id];
    c_.activity_cost += p.cost;
    ++ended_;
    log(id, ev_end, static_cast<std::uint8_t>(p.assigned), 0);
    pat_.release(id);
  }

  void log(std::uint32_t id, LogEvent e, std::uint8_t detail, std::uint16_t place) {
    if (opt_.event_log) log_.push_back({sim_.now(), id, e, detail, place});
  }

  // The patient's region has a zcc in use (zcc mode and a location there).
  bool has_zcc(const Patient& p) const { return zcc_own_[p.area][0] != none; }

  // The one place that chooses a zcc line of discipline d for a call about
  // patient p (patients' calls, providers' calls, transfers, 112 warm
  // transfers): pooled, the region's line; per subregion, the line of the
  // location of the patient's subregion if somebody is on duty there now,
  // else the least busy line of the region's locations with somebody on
  // duty, else (nobody on duty anywhere) the subregion's own.
  std::size_t zcc_line(const Patient& p, Discipline d) const {
    const std::size_t own = zcc_own_[p.area][static_cast<std::size_t>(d)];
    const Line& l = lines_[own];
    if (l.location == none || l.res->on_duty_count() > 0) return own;
    const std::size_t other = least_busy(l.region, d, own, std::numeric_limits<long>::max());
    return other != none ? other : own;
  }

  // How busy a line is: callers waiting minus free triagists.
  static long busy_score(const Line& l) {
    return static_cast<long>(l.res->queue_length()) - static_cast<long>(l.res->free_count());
  }

  // The least busy zcc location line of region r and discipline d with
  // somebody on duty, other than `except`, and less busy than `bar`; none if
  // there is no such line (ties: the first location).
  std::size_t least_busy(std::size_t r, Discipline d, std::size_t except, long bar) const {
    std::size_t best = none;
    for (std::size_t l : zcc_loc_lines_[r][static_cast<std::size_t>(d)]) {
      if (l == except || lines_[l].res->on_duty_count() == 0) continue;
      if (const long score = busy_score(lines_[l]); score < bar) bar = score, best = l;
    }
    return best;
  }

  // A line with anybody on its roster at some hour of the week.
  bool staffed(std::size_t line) const { return lines_[line].res->server_count() > 0; }

  bool zcc_open_for_patients(double now) const {
    return cfg_.zcc.patient_hours == PatientHours::always || out_of_hours(now);
  }

  // A patient phoning the GP line: the zcc when it is open for patients,
  // else today's HAP line; if that is closed too, the daytime GP takes it.
  void patient_call(std::uint32_t id, Discipline d) {
    Patient& p = pat_[id];
    const std::size_t line = has_zcc(p) && zcc_open_for_patients(sim_.now())
                                 ? zcc_line(p, d)
                                 : frag_[p.region][static_cast<std::size_t>(d)];
    if (lines_[line].res->on_duty_count() == 0) {
      ++c_.daytime_gp;
      return end(id);
    }
    p.patient_line = true;
    join_line(id, line, cfg_.phone.patience.sample(p.rng));
  }

  void join_line(std::uint32_t id, std::size_t line, double patience) {
    Patient& p = pat_[id];
    p.line_join = sim_.now();
    p.deadline = p.line_join + patience;
    p.overflowed = false;
    log(id, ev_line_join, static_cast<std::uint8_t>(lines_[line].discipline), static_cast<std::uint16_t>(line));
    if (p.patient_line) ++c_.calls;
    const double wait = lines_[line].location != none ? std::min(patience, cfg_.zcc.overflow_after) : patience;
    seize_line(id, static_cast<std::uint32_t>(line), wait);
  }

  void seize_line(std::uint32_t id, std::uint32_t line, double patience) {
    Patient& p = pat_[id];
    p.line = line;
    p.phase = ph_line;
    const auto out = lines_[line].res->seize(sim_, id, urgency_class(p), patience);
    if (out.result == sim::SeizeResult::served) started(id, *lines_[line].res, out.server);
  }

  std::uint32_t urgency_class(const Patient& p) const { return p.urgency; }

  void seize(std::uint32_t id, sim::Resource& res, Phase phase) {
    Patient& p = pat_[id];
    p.phase = phase;
    const auto out = res.seize(sim_, id, res.spec().classes > 1 ? urgency_class(p) : 0);
    if (out.result == sim::SeizeResult::served) started(id, res, out.server);
    else if (out.result == sim::SeizeResult::rejected) throw std::logic_error("acute model: unexpected rejection");
  }

  void care_start(std::uint32_t id, double at) {
    Patient& p = pat_[id];
    c_.time_to_care[p.urgency].add(at - p.first_contact);
    log(id, ev_care_start, static_cast<std::uint8_t>(p.assigned), 0);
  }

  void started(std::uint32_t id, sim::Resource& res, std::uint32_t server) {
    Patient& p = pat_[id];
    p.held = &res;
    p.server = server;
    const double now = sim_.now();
    double service = 0;
    switch (p.phase) {
      case ph_line: {
        const Line& line = lines_[p.line];
        if (p.patient_line) {  // answer time counts from joining, across an overflow
          const double w = now - p.line_join;
          c_.answer_wait.add(w);
          c_.answered_30s += w <= 0.5;
          c_.answered_2min += w <= 2.0;
        }
        p.patient_line = false;  // answered: later transfers are internal
        log(id, ev_answered, static_cast<std::uint8_t>(line.discipline), 0);
        service = line.rule->time[static_cast<std::size_t>(line.discipline)].sample(p.rng);
        if (p.self_triage) service *= line.rule->self_triage_time_factor;
        c_.triage_time.add(service);
        break;
      }
      case ph_hap:
        care_start(id, now);
        service = cfg_.responses[static_cast<std::size_t>(Response::hap_consult)].service.sample(p.rng);
        break;
      case ph_visit:
      case ph_nursing: {
        // from the nearest HAP post and back
        const double drive = hap_base_[p.area] == none ? 0.0 : geo_.minutes(hap_km_[p.area], cfg_.road.speed_kmh, now);
        care_start(id, now + drive);
        service = 2 * drive + cfg_.responses[static_cast<std::size_t>(p.assigned)].service.sample(p.rng);
        break;
      }
      case ph_ggz: {
        const double drive = geo_.minutes(geo_.km_site_area(p.site, p.area), cfg_.road.speed_kmh, now);
        care_start(id, now + drive);
        ++c_.ggz;
        service = 2 * drive + cfg_.responses[static_cast<std::size_t>(Response::ggz_crisis)].service.sample(p.rng);
        break;
      }
      case ph_ed: {
        c_.ed_wait.add(now - p.ed_arrival);
        log(id, ev_ed_place, 0, static_cast<std::uint16_t>(p.site));
        if (p.assigned == Response::ed && !p.transported) care_start(id, now);
        p.admitted = p.rng.uniform() < cfg_.ed.admission_share;
        c_.ed_admitted += p.admitted;
        service = (p.admitted ? cfg_.ed.los_admitted : cfg_.ed.los_discharged).sample(p.rng);
        break;
      }
      case ph_bed:
        service = cfg_.beds.length_of_stay_days.sample(p.rng) * 1440.0;
        p.cost += cfg_.costs.bed_day * service / 1440.0;
        break;
      default:
        throw std::logic_error("acute model: service start in an unexpected phase");
    }
    sim_.schedule_in(service, *this, t_service_done, id, sim::Priority::release);
  }

  void release_held(std::uint32_t id) {
    Patient& p = pat_[id];
    if (p.held) p.held->release(sim_, p.server);
    p.held = nullptr;
  }

  void service_done(std::uint32_t id) {
    Patient& p = pat_[id];
    switch (p.phase) {
      case ph_line: return triage_done(id);
      case ph_ed: {
        c_.ed_los.add(sim_.now() - p.ed_arrival);
        if (!p.admitted && (p.need == Response::vvt_bed || p.rng.uniform() < cfg_.ed.vvt_after_ed_share)) {
          p.wrong_bed_start = sim_.now();
          return start_search(id);  // keeps the ED place while searching
        }
        release_held(id);
        return end(id);
      }
      default:
        release_held(id);
        return end(id);
    }
  }

  void triage_done(std::uint32_t id) {
    Patient& p = pat_[id];
    const Line& line = lines_[p.line];
    release_held(id);
    ++c_.triages;
    if (p.line == dispatch_[p.region]) {
      // 112: the dispatcher keeps life-threatening calls and may warm-transfer
      // the rest to the zcc; it does not hand calls to other lines
      const Stream& st = cfg_.streams[static_cast<std::size_t>(StreamKind::calls_112)];
      if (p.rng.uniform() < st.life_threatening_share) {
        p.need = Response::ambulance;
        p.urgency = std::min<std::uint8_t>(p.urgency, 1);
        log(id, ev_triaged, static_cast<std::uint8_t>(Response::ambulance), 0);
        return assign(id, Response::ambulance);
      }
      if (has_zcc(p) && zcc_open_for_patients(sim_.now()) && p.rng.uniform() < st.warm_transfer_share) {
        const std::size_t to = zcc_line(p, Discipline::ambulance);
        if (staffed(to)) return join_line(id, to, inf);
      }
    } else {
      const Discipline need_d = discipline_of(p.need);
      if (need_d != line.discipline && p.rng.uniform() < line.rule->transfer_probability) {
        // hand over to a triagist of the need's discipline: in the zcc as
        // zcc_line chooses (overflowing like any call), else today's line
        const std::size_t to = line.zcc ? zcc_line(p, need_d) : frag_[line.region][static_cast<std::size_t>(need_d)];
        if (staffed(to)) {
          ++c_.transfers;
          return join_line(id, to, inf);
        }
      }
    }
    const auto assigned = static_cast<Response>(draw(line.rule->accuracy[static_cast<std::size_t>(p.need)], p.rng));
    log(id, ev_triaged, static_cast<std::uint8_t>(assigned), 0);
    if (line.discipline == Discipline::gp && p.line != dispatch_[p.region] &&
        (p.stream == static_cast<std::uint8_t>(StreamKind::hap_calls) ||
         p.stream == static_cast<std::uint8_t>(StreamKind::self_triage))) {
      ++c_.hap_contacts;
      if (assigned == Response::gp_phone) ++c_.hap_outcome[0];
      else if (assigned == Response::hap_consult) ++c_.hap_outcome[1];
      else if (assigned == Response::gp_home_visit) ++c_.hap_outcome[2];
      else if (assigned == Response::ed || assigned == Response::ambulance) ++c_.hap_referred;
    }
    assign(id, assigned);
  }

  // ---- care responses ---------------------------------------------------------
  void assign(std::uint32_t id, Response r) {
    Patient& p = pat_[id];
    p.assigned = r;
    const auto ri = static_cast<std::size_t>(r);
    if (!p.first_assigned) {
      p.first_assigned = true;
      if (!p.recontact) {
        ++c_.first_assigned;
        c_.first_right += r == p.need;
        ++c_.first_response[ri];
      }
    }
    const int assigned_level = cfg_.responses[ri].level;
    const int need_level = cfg_.responses[static_cast<std::size_t>(p.need)].level;
    if (assigned_level < need_level && !p.recontact && p.rng.uniform() < cfg_.recontact.probability) {
      const double delay = cfg_.recontact.delay.sample(p.rng);
      // the patient will call again; a new record carries the same need
      const std::uint32_t again = new_patient();
      Patient& q = pat_[again];
      const Patient& orig = pat_[id];
      q.area = orig.area;
      q.region = orig.region;
      q.need = orig.need;
      q.urgency = orig.urgency;
      q.stream = orig.stream;
      q.first_contact = orig.first_contact;
      q.recontact = true;
      q.key = orig.key;
      q.rng = sim::RandomStream(sim_.seed(), sim_.replication(), recontact_stream, orig.key);
      sim_.schedule_in(delay, *this, t_recontact, again);
    }
    Patient& pp = pat_[id];
    pp.cost += cfg_.costs.tariff[ri];
    switch (r) {
      case Response::self_care:
      case Response::pharmacy:
      case Response::gp_phone:
        care_start(id, sim_.now());
        return end(id);
      case Response::hap_consult: {
        if (hap_base_[pp.area] == none) throw std::invalid_argument("no hap site for a consult");
        pp.site = static_cast<std::uint32_t>(hap_base_[pp.area]);
        const double travel = geo_.minutes(hap_km_[pp.area], cfg_.road.speed_kmh, sim_.now());
        sim_.schedule_in(travel, *this, t_travel_done, id);
        return;
      }
      case Response::gp_home_visit:
        return seize(id, *cars_[region_slot_[pp.region]], ph_visit);
      case Response::district_nursing:
        return seize(id, *nursing_[region_slot_[pp.region]], ph_nursing);
      case Response::ambulance:
        pp.cost -= cfg_.costs.tariff[ri];  // charged by ride kind in scene_done
        return request_ambulance(id);
      case Response::ed: {
        const auto& near = geo_.nearest(SiteKind::ed, pp.area);
        if (near.empty()) throw std::invalid_argument("no ed site");
        return ed_enter(id, near.front());
      }
      case Response::ggz_crisis: {
        const auto& near = geo_.nearest(SiteKind::ggz_crisis, pp.area);
        if (near.empty()) throw std::invalid_argument("no ggz_crisis site");
        pp.site = static_cast<std::uint32_t>(near.front());
        return seize(id, *ggz_[pp.site], ph_ggz);
      }
      case Response::vvt_bed:
        pp.phase = ph_none;
        return start_search(id);
    }
  }

  void recontact(std::uint32_t id) {
    Patient& p = pat_[id];
    ++c_.recontacts;
    if (sim_.now() - p.first_contact <= 1440.0) ++c_.recontact_24h;
    if (p.need == Response::ambulance || p.urgency <= 1) return join_line(id, dispatch_[p.region], inf);
    patient_call(id, Discipline::gp);
  }

  // A caller who hung up calls again. Only patients' calls have a finite
  // patience (patient_call), so this is a new patient call of the same
  // discipline, routed as any: zcc or today's line by the hour, the daytime
  // GP when nobody is on duty.
  void redial(std::uint32_t id) { patient_call(id, lines_[pat_[id].line].discipline); }

  // Ambulances: the nearest station with a free vehicle; else wait, A1 first.
  void request_ambulance(std::uint32_t id) {
    Patient& p = pat_[id];
    p.request = sim_.now();
    p.amb_class = cfg_.ambulance.urgency_class[p.urgency];
    ++c_.rides;
    ++c_.rides_class[p.amb_class];
    if (!try_dispatch(id)) pending_[p.amb_class].push_back(id);
  }

  bool try_dispatch(std::uint32_t id) {
    Patient& p = pat_[id];
    for (std::size_t s : geo_.nearest(SiteKind::ambulance_station, p.area)) {
      // a region's own fleet, helped by neighbouring (not simulated) regions
      const std::size_t r = cfg_.sites[s].region;
      if (r != p.region && cfg_.regions[r].own) continue;
      sim::Resource& st = *stations_[s];
      if (st.free_count() == 0) continue;
      const auto out = st.seize(sim_, id);
      if (out.result != sim::SeizeResult::served) continue;
      p.held = &st;
      p.server = out.server;
      p.phase = ph_station;
      p.station = static_cast<std::uint32_t>(s);
      const double speed = p.amb_class < 2 ? cfg_.road.urgent_speed_kmh : cfg_.road.speed_kmh;
      const double delay = cfg_.ambulance.dispatch_delay.sample(p.rng);
      const double drive = geo_.minutes(geo_.km_site_area(s, p.area), speed, sim_.now());
      sim_.schedule_in(delay + drive, *this, t_on_scene, id);
      return true;
    }
    return false;
  }

  void dispatch_pending() {
    for (auto& q : pending_) {
      while (!q.empty() && try_dispatch(q.front())) q.pop_front();
      if (!q.empty()) return;  // keep A1 ahead of A2 ahead of B
    }
  }

  void on_scene(std::uint32_t id) {
    Patient& p = pat_[id];
    const double response = sim_.now() - p.request;
    log(id, ev_on_scene, p.amb_class, static_cast<std::uint16_t>(p.area));
    if (p.amb_class == 0) {
      c_.a1_response.add(response);
      c_.a1_quantiles.add(response);
    }
    c_.within_norm[p.amb_class] += response <= cfg_.ambulance.norm_minutes[p.amb_class];
    care_start(id, sim_.now());
    sim_.schedule_in(cfg_.ambulance.on_scene.sample(p.rng), *this, t_scene_done, id);
  }

  static std::uint64_t vehicle_key(const Patient& p) {
    return (static_cast<std::uint64_t>(p.station) << 32) | p.server;
  }

  void scene_done(std::uint32_t id) {
    Patient& p = pat_[id];
    const double share = transport_share(cfg_.ambulance, p.need);
    const std::size_t station = p.station;
    if (p.rng.uniform() < share) {
      const auto& near = geo_.nearest(SiteKind::ed, p.area);
      if (near.empty()) throw std::invalid_argument("no ed site");
      const std::size_t ed = near.front();
      const double km = geo_.km_site_area(ed, p.area);
      p.cost += (p.amb_class < 2 ? cfg_.costs.tariff[static_cast<std::size_t>(Response::ambulance)]
                                 : cfg_.costs.ambulance_b) +
                cfg_.costs.ambulance_per_km * km;
      p.transported = true;
      p.site = static_cast<std::uint32_t>(ed);
      const double speed = p.amb_class == 0 ? cfg_.road.urgent_speed_kmh : cfg_.road.speed_kmh;
      sim_.schedule_in(geo_.minutes(km, speed, sim_.now()), *this, t_at_ed, id);
      return;
    }
    ++c_.no_transport;
    p.cost += cfg_.costs.ambulance_no_transport;
    const double back = geo_.minutes(geo_.km_site_area(station, p.area), cfg_.road.speed_kmh, sim_.now());
    sim_.schedule_in(back, *this, t_vehicle_back, vehicle_key(p));
    p.held = nullptr;
    end(id);
  }

  void ed_enter(std::uint32_t id, std::size_t site) {
    Patient& p = pat_[id];
    p.site = static_cast<std::uint32_t>(site);
    p.ed_arrival = sim_.now();
    ++c_.ed_visits;
    if (p.assigned != Response::ed) p.cost += cfg_.costs.tariff[static_cast<std::size_t>(Response::ed)];
    log(id, ev_ed_arrival, 0, static_cast<std::uint16_t>(site));
    seize(id, *ed_[site], ph_ed);
  }

  // Short-stay beds: with capacity insight the coordinator sees free beds at
  // once; without it, the caller phones providers one by one.
  void start_search(std::uint32_t id) {
    Patient& p = pat_[id];
    p.search_start = sim_.now();
    p.search_tries = 0;
    log(id, ev_bed_search, 0, 0);
    const auto& prov = bed_providers_[p.region];
    p.search_offset = prov.empty() ? 0 : static_cast<std::uint32_t>(p.rng.below(prov.size()));
    sim_.schedule_in(cfg_.capacity_insight ? cfg_.beds.lookup_minutes : cfg_.beds.attempt_minutes, *this, t_search,
                     id);
  }

  void search_step(std::uint32_t id) {
    Patient& p = pat_[id];
    const auto& prov = bed_providers_[p.region];
    const double neighbour = cfg_.beds.neighbour_free_probability;
    if (cfg_.capacity_insight) {
      sim::Resource* best = nullptr;
      for (const auto& r : prov)
        if (r->free_count() > 0 && (!best || r->free_count() > best->free_count())) best = r.get();
      if (best) return place(id, best);
      ++c_.rejections;
      if (p.rng.uniform() < neighbour) return place(id, nullptr);
      sim_.schedule_in(cfg_.beds.retry_after, *this, t_search, id);
      return;
    }
    if (p.search_tries < prov.size()) {
      sim::Resource& r = *prov[(p.search_offset + p.search_tries) % prov.size()];
      ++p.search_tries;
      if (r.free_count() > 0) return place(id, &r);
      ++c_.rejections;
      sim_.schedule_in(cfg_.beds.attempt_minutes, *this, t_search, id);
      return;
    }
    // every provider in the region said no: one call to a neighbouring region
    p.search_tries = 0;
    if (p.rng.uniform() < neighbour) return place(id, nullptr);
    ++c_.rejections;
    sim_.schedule_in(cfg_.beds.retry_after, *this, t_search, id);
  }

  void place(std::uint32_t id, sim::Resource* bed) {
    Patient& p = pat_[id];
    c_.search.add(sim_.now() - p.search_start);
    log(id, ev_placed, bed ? 1 : 0, 0);
    if (p.phase == ph_ed) {
      c_.wrong_bed_minutes += sim_.now() - p.wrong_bed_start;
      release_held(id);
    } else {
      care_start(id, sim_.now());
    }
    if (!bed) {
      ++c_.placed_out;
      return end(id);
    }
    ++c_.placed_in;
    seize(id, *bed, ph_bed);
  }

  // ---- accounting -------------------------------------------------------------
  double group_utilization(Group g, double now) {
    double busy = 0, avail = 0;
    for (const Tracked& t : tracked_) {
      if (t.group != g) continue;
      const auto& s = t.res->stats(now);
      busy += s.busy.integral(now);
      avail += s.on_duty.integral(now);
    }
    return ratio(busy, avail);
  }

  double staff_cost(double now) {
    double cost = 0;
    for (const Tracked& t : tracked_)
      if (t.hourly_cost > 0) cost += t.hourly_cost * t.res->stats(now).on_duty.integral(now) / 60.0;
    return cost;
  }

  void hourly_tick(std::uint64_t hour) {
    const double now = sim_.now();
    for (std::size_t i = 0; i < tracked_.size(); ++i) {
      const auto& s = tracked_[i].res->stats(now);
      const std::array<double, 3> cur{s.busy.integral(now), s.on_duty.integral(now), s.queue_length.integral(now)};
      auto& last = last_integrals_[i];
      // the integrals restart at the warm-up reset (which runs after this observer at equal times)
      const double span = now - std::max(now - 60.0, warm_);
      for (std::size_t k = 0; k < 3; ++k) {
        const double v = span > 0 ? (cur[k] - last[k]) / span : 0.0;
        (k == 0 ? series_[i].busy : k == 1 ? series_[i].on_duty : series_[i].queue).push_back(static_cast<float>(v));
      }
      last = cur;
    }
    sim_.schedule_at(static_cast<double>(hour + 1) * 60.0, *this, t_hourly, hour + 1, sim::Priority::observe);
  }

  const AcuteConfig& cfg_;
  const Geography& geo_;
  sim::Simulation& sim_;
  RunOptions opt_;
  std::array<std::uint64_t, stream_count> arrivals_{};  // arrival numbers, per stream

  std::vector<Line> lines_;
  std::vector<std::array<std::size_t, discipline_count>> frag_;  // per region: today's lines
  // per area: the zcc line of each discipline its calls go to first (the
  // region's pooled line or its subregion's location line; none without a
  // zcc in use); per region: the location lines of each discipline
  // (per_subregion only)
  std::vector<std::array<std::size_t, discipline_count>> zcc_own_;
  std::vector<std::array<std::vector<std::size_t>, discipline_count>> zcc_loc_lines_;
  // per area: the nearest HAP post (none if there is none) and its road km
  std::vector<std::size_t> hap_base_;
  std::vector<double> hap_km_;
  std::vector<std::size_t> dispatch_, region_slot_;
  std::vector<std::unique_ptr<sim::Resource>> cars_, nursing_, hap_, ggz_, ed_, stations_;
  std::vector<std::vector<std::unique_ptr<sim::Resource>>> bed_providers_;
  std::vector<Tracked> tracked_;
  std::vector<std::unique_ptr<sim::ArrivalGenerator>> gens_;
  std::vector<std::uint32_t> own_areas_;
  std::vector<double> area_cum_;
  std::array<std::deque<std::uint32_t>, 3> pending_;

  sim::SlotPool<Patient> pat_;
  std::uint64_t created_ = 0, ended_ = 0;
  Counters c_;
  double warm_ = 0;
  std::vector<HourlySeries> series_;
  std::vector<std::array<double, 3>> last_integrals_;
  std::vector<LogRecord> log_;
};

}  // namespace

const std::vector<std::string>& kpi_names() { return kpi_list; }

AcuteResult run_replication(const AcuteConfig& cfg, const Geography& geo, std::uint64_t seed,
                            std::uint64_t replication, const RunOptions& options) {
  sim::Simulation sim(seed, replication);
  AcuteModel model(cfg, geo, sim, options);
  sim.set_warmup(cfg.warmup);
  sim.run_until(cfg.warmup + cfg.horizon);
  AcuteResult r = model.result();
  r.events = sim.events_processed();
  return r;
}

}  // namespace zccsim::models::acute
