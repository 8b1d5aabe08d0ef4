// SPDX-License-Identifier: MIT
// The acute scenario loader: exact values from a small complete fixture, the
// extends merge, the resolved text, and broken scenarios with their exact
// "file:line:column: message" (including errors in the base of a chain).
#include "models/acute/acute_loader.hpp"
#include "io/yaml_reader.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <optional>
#include <numeric>
#include <sstream>

using namespace zccsim;
using namespace zccsim::models::acute;
using models::ScenarioError;
using models::YamlReader;

namespace {

const std::string dir = ZCCSIM_ACUTE_FIXTURES;

std::string fixture(const std::string& name) { return dir + "/" + name; }

constexpr std::size_t ix(Response r) { return static_cast<std::size_t>(r); }
constexpr std::size_t ix(Discipline d) { return static_cast<std::size_t>(d); }
constexpr std::size_t ix(StreamKind s) { return static_cast<std::size_t>(s); }
constexpr std::size_t ix(Price p) { return static_cast<std::size_t>(p); }

std::uint64_t total(const Roster& r) { return std::accumulate(r.begin(), r.end(), std::uint64_t{0}); }
bool constant(const Roster& r, std::uint32_t v) {
  return std::all_of(r.begin(), r.end(), [v](std::uint32_t x) { return x == v; });
}
bool identity_row(const TriageRule& rule, Response need) {
  for (std::size_t j = 0; j < response_count; ++j)
    if (rule.accuracy[ix(need)][j] != (j == ix(need) ? 1.0 : 0.0)) return false;
  return true;
}

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "(no error)";
}

constexpr int hour(int day, int h) { return day * 24 + h; }  // day 0 = Monday

}  // namespace

TEST_CASE("acute loader: the valid acute fixture loads with the expected values", "[acute_loader]") {
  const AcuteConfig c = load_acute_file(fixture("valid.yaml"));

  CHECK(c.name == "loader test");
  CHECK(c.start_date == "2025-01-06");
  CHECK(c.horizon == 28 * 1440.0);
  CHECK(c.warmup == 3.5 * 1440.0);

  REQUIRE(c.regions.size() == 2);
  CHECK(c.regions[0].name == "Utrecht");
  CHECK(c.regions[0].own);
  CHECK(c.regions[1].name == "Gooi");
  CHECK_FALSE(c.regions[1].own);

  REQUIRE(c.areas.size() == 3);
  CHECK(c.areas[0].name == "Utrecht-stad");
  CHECK(c.areas[0].population == 300000);
  CHECK(c.areas[0].lat == 52.09);
  CHECK(c.areas[0].lon == 5.12);
  CHECK(c.areas[0].region == 0);
  CHECK(c.areas[0].subregion == "stad");
  CHECK(c.areas[1].subregion == "oost");
  CHECK(c.areas[2].region == 1);
  CHECK(c.areas[2].subregion.empty());
  CHECK(c.own_population() == 400000);

  REQUIRE(c.sites.size() == 7);
  const Site& hap = c.sites[0];
  CHECK(hap.id == "hap_utrecht");
  CHECK(hap.name == "HAP Utrecht");
  CHECK(hap.kind == SiteKind::hap);
  CHECK(hap.lat == 52.09);
  CHECK(hap.lon == 5.11);
  // Shifts add up: weekdays 0-8 x1 and 17-24 x2, weekend all day x3, Fri and Sat 18-23 +1.
  CHECK(hap.staff[hour(0, 0)] == 1);
  CHECK(hap.staff[hour(0, 7)] == 1);
  CHECK(hap.staff[hour(0, 8)] == 0);
  CHECK(hap.staff[hour(0, 16)] == 0);
  CHECK(hap.staff[hour(0, 17)] == 2);
  CHECK(hap.staff[hour(0, 23)] == 2);
  CHECK(hap.staff[hour(3, 18)] == 2);
  CHECK(hap.staff[hour(4, 18)] == 3);
  CHECK(hap.staff[hour(4, 22)] == 3);
  CHECK(hap.staff[hour(4, 23)] == 2);
  CHECK(hap.staff[hour(5, 12)] == 3);
  CHECK(hap.staff[hour(5, 18)] == 4);
  CHECK(hap.staff[hour(6, 18)] == 3);
  CHECK(total(hap.staff) == 5 * (8 * 1 + 7 * 2) + 5 + 2 * 24 * 3 + 5);
  CHECK(c.sites[1].id == "ed_umc");
  CHECK(c.sites[1].name == "ed_umc");  // name defaults to the id
  CHECK(c.sites[1].kind == SiteKind::ed);
  CHECK(c.sites[1].places == 24);
  CHECK(c.sites[2].kind == SiteKind::ambulance_station);
  CHECK(constant(c.sites[2].staff, 6));
  CHECK(c.sites[3].kind == SiteKind::ggz_crisis);
  CHECK(constant(c.sites[3].staff, 2));
  // vvt sites without lat/lon sit at their region's population-weighted centroid.
  CHECK(c.sites[4].kind == SiteKind::vvt);
  CHECK(c.sites[4].places == 12);
  CHECK(c.sites[4].lat == Approx((300000 * 52.09 + 100000 * 52.15) / 400000).epsilon(1e-12));
  CHECK(c.sites[4].lon == Approx(5.1875).epsilon(1e-12));
  CHECK(c.sites[5].region == 1);
  CHECK(c.sites[5].places == 4);
  CHECK(c.sites[5].lat == Approx(52.22).epsilon(1e-12));
  CHECK(c.sites[5].lon == Approx(5.18).epsilon(1e-12));
  CHECK(c.sites[6].kind == SiteKind::zcc);
  CHECK(c.sites[6].name == "ZCC Zeist");
  CHECK(total(c.sites[6].staff) == 0);

  CHECK(c.road.speed_kmh == 45);
  CHECK(c.road.urgent_speed_kmh == 75);
  CHECK(c.road.detour_factor == 1.25);
  CHECK(c.road.links_per_node == 4);
  CHECK(c.road.hourly_speed_factor[0] == 1);
  CHECK(c.road.hourly_speed_factor[7] == 0.8);
  CHECK(c.road.hourly_speed_factor[8] == 0.7);
  CHECK(c.road.hourly_speed_factor[23] == 1);

  const Stream& hap_calls = c.streams[ix(StreamKind::hap_calls)];
  CHECK(hap_calls.enabled);
  CHECK(hap_calls.per_1000_per_year == 250);
  // weekday sums to 42, weekend to 72: the week to 5*42 + 2*72 = 354.
  CHECK(hap_calls.profile[hour(0, 0)] == Approx(2 * 168.0 / 354).epsilon(1e-12));
  CHECK(hap_calls.profile[hour(2, 8)] == 0);
  CHECK(hap_calls.profile[hour(4, 17)] == Approx(4 * 168.0 / 354).epsilon(1e-12));
  CHECK(hap_calls.profile[hour(6, 3)] == Approx(3 * 168.0 / 354).epsilon(1e-12));
  CHECK(std::accumulate(hap_calls.profile.begin(), hap_calls.profile.end(), 0.0) == Approx(168).epsilon(1e-12));
  CHECK(hap_calls.need[ix(Response::self_care)] == 0.1);
  CHECK(hap_calls.need[ix(Response::gp_phone)] == 0.4);
  CHECK(hap_calls.need[ix(Response::hap_consult)] == 0.35);
  CHECK(hap_calls.need[ix(Response::ambulance)] == 0.05);
  CHECK(hap_calls.need[ix(Response::ed)] == 0);
  CHECK(hap_calls.urgency == std::array<double, urgency_count>{0, 0, 0.1, 0.3, 0.6, 0});
  // a flat need is every urgency's row
  CHECK(hap_calls.need_by_urgency[4] == hap_calls.need);
  const Stream& calls_112 = c.streams[ix(StreamKind::calls_112)];
  CHECK(calls_112.enabled);
  CHECK(calls_112.profile[0] == 0);  // hour_of_week already sums to 168
  CHECK(calls_112.profile[1] == 1);
  CHECK(calls_112.profile[167] == 2);
  CHECK(calls_112.urgency == std::array<double, urgency_count>{0.05, 0.25, 0.3, 0.4, 0, 0});
  // need per urgency: the rows, and the marginal mix they make
  CHECK(calls_112.need_by_urgency[0][ix(Response::ambulance)] == 1);
  CHECK(calls_112.need_by_urgency[3][ix(Response::self_care)] == 0.25);
  CHECK(calls_112.need[ix(Response::ambulance)] == Approx(0.05 + 0.25 * 0.8 + 0.3 * 0.5 + 0.4 * 0.25));
  CHECK(calls_112.need[ix(Response::gp_home_visit)] == Approx(0.3 * 0.3 + 0.4 * 0.25));
  CHECK(c.dispatch.urgency_over_triage == 0.25);
  CHECK(c.dispatch.warm_transfer_from == 3);
  CHECK(c.dispatch.warm_transfer_share == 0.2);
  CHECK(c.dispatch_triage.accuracy[ix(Response::gp_home_visit)][ix(Response::ambulance)] == 0.5);
  const Stream& self_triage = c.streams[ix(StreamKind::self_triage)];
  CHECK(self_triage.enabled);
  CHECK(self_triage.self_care_share == 0.6);
  CHECK(self_triage.profile[100] == 1);
  CHECK_FALSE(c.streams[ix(StreamKind::provider_calls)].enabled);
  CHECK_FALSE(c.streams[ix(StreamKind::ed_walk_ins)].enabled);
  CHECK_FALSE(c.streams[ix(StreamKind::gp_referrals)].enabled);

  REQUIRE(c.surges.size() == 2);
  CHECK(c.surges[0].begin == 7 * 1440.0);
  CHECK(c.surges[0].end == 14 * 1440.0);
  CHECK(c.surges[0].factor == 1.5);
  CHECK(c.surges[0].streams == std::array<bool, stream_count>{true, true, false, false, false, false});
  CHECK(c.surges[1].begin == 21 * 1440.0);
  CHECK(c.surges[1].end == 28 * 1440.0);
  CHECK(c.surges[1].factor == 0.8);
  CHECK(c.surges[1].streams == std::array<bool, stream_count>{true, true, true, true, true, true, true});

  CHECK(c.mode == TriageMode::zcc);
  const TriageRule& z = c.zcc_triage;
  CHECK(z.time[ix(Discipline::gp)].kind() == sim::DistKind::lognormal);
  CHECK(z.time[ix(Discipline::gp)].mean() == Approx(6));
  CHECK(z.time[ix(Discipline::ambulance)].kind() == sim::DistKind::exponential);
  CHECK(z.time[ix(Discipline::ggz)].mean() == 15);
  CHECK(z.time[ix(Discipline::vvt)].mean() == 10);
  CHECK(z.transfer_probability == 0.1);
  CHECK(z.self_triage_time_factor == 0.8);
  CHECK(z.accuracy[ix(Response::gp_phone)][ix(Response::gp_phone)] == 0.8);
  CHECK(z.accuracy[ix(Response::gp_phone)][ix(Response::self_care)] == 0.1);
  CHECK(z.accuracy[ix(Response::gp_phone)][ix(Response::hap_consult)] == 0.1);
  CHECK(z.accuracy[ix(Response::gp_phone)][ix(Response::ed)] == 0);
  CHECK(z.accuracy[ix(Response::ed)][ix(Response::ed)] == 0.9);
  CHECK(z.accuracy[ix(Response::ed)][ix(Response::ambulance)] == 0.1);
  for (Response r : {Response::self_care, Response::pharmacy, Response::hap_consult, Response::gp_home_visit,
                     Response::district_nursing, Response::ambulance, Response::ggz_crisis, Response::vvt_bed})
    CHECK(identity_row(z, r));
  const TriageRule& f = c.fragmented_triage;
  CHECK(f.time[ix(Discipline::vvt)].mean() == 30);
  CHECK(f.transfer_probability == 0.2);
  CHECK(f.self_triage_time_factor == 1);
  for (std::size_t r = 0; r < response_count; ++r) CHECK(identity_row(f, static_cast<Response>(r)));
  CHECK(c.recontact.probability == 0.3);
  CHECK(c.recontact.delay.mean() == Approx(240));
  CHECK(c.phone.patience.mean() == Approx(8));
  CHECK(c.phone.redial_probability == 0.7);
  CHECK(c.phone.redial_delay.mean() == 3);
  // the paths after the last attempt; a path not given has share 0
  CHECK(c.phone.gave_up_urgent == std::array<double, gave_up_count>{0.5, 0.3, 0.2, 0.0});
  CHECK(c.phone.gave_up_other == std::array<double, gave_up_count>{0.0, 0.1, 0.6, 0.3});
  // the given norms replace the defaults: U0 has none here
  CHECK_FALSE(c.safety.care_norm[0].has_value());
  CHECK(c.safety.care_norm[1] == 10.0);
  CHECK(c.safety.care_norm[2] == 45.0);
  CHECK_FALSE(c.safety.care_norm[3].has_value());

  CHECK(c.zcc.pooling == Pooling::pooled);
  CHECK(c.zcc.overflow_after == 3);
  CHECK(c.zcc.patient_hours == PatientHours::always);
  REQUIRE(c.zcc.locations.size() == 1);
  const ZccLocation& zeist = c.zcc.locations[0];
  CHECK(zeist.name == "zeist");
  CHECK(zeist.site == 6);
  CHECK(zeist.subregions == std::vector<std::string>{"stad"});
  CHECK(constant(zeist.rosters[ix(Discipline::gp)], 2));
  CHECK(constant(zeist.rosters[ix(Discipline::ambulance)], 3));
  CHECK(constant(zeist.rosters[ix(Discipline::ggz)], 1));
  CHECK(constant(zeist.rosters[ix(Discipline::vvt)], 0));

  CHECK(constant(c.fragmented_rosters[ix(Discipline::gp)], 4));
  CHECK(constant(c.fragmented_rosters[ix(Discipline::ambulance)], 0));
  CHECK(constant(c.fragmented_rosters[ix(Discipline::ggz)], 1));
  CHECK(constant(c.fragmented_rosters[ix(Discipline::vvt)], 0));
  CHECK(constant(c.dispatchers, 5));
  for (std::size_t h = 0; h < 168; ++h) CHECK(c.home_visit_cars[h] == h % 3);
  CHECK(c.nursing_teams[hour(0, 8)] == 1);
  CHECK(c.nursing_teams[hour(0, 15)] == 1);
  CHECK(c.nursing_teams[hour(0, 16)] == 0);
  CHECK(c.nursing_teams[hour(1, 8)] == 0);
  CHECK(c.nursing_teams[hour(2, 8)] == 1);
  CHECK(total(c.nursing_teams) == 16);
  CHECK_FALSE(c.capacity_insight);

  const int levels[response_count] = {0, 1, 2, 3, 4, 4, 6, 6, 5, 5};  // in Response order
  for (std::size_t r = 0; r < response_count; ++r) CHECK(c.responses[r].level == levels[r]);
  CHECK(c.responses[ix(Response::ed)].service.mean() == Approx(180));
  CHECK(c.responses[ix(Response::self_care)].service.mean() == 0);

  CHECK(c.ambulance.urgency_class == std::array<std::uint8_t, urgency_count>{0, 0, 0, 2, 2, 1});
  CHECK(c.ambulance.dispatch_delay.mean() == 2);
  CHECK(c.ambulance.on_scene.mean() == Approx(20));
  CHECK(c.ambulance.handover.mean() == 15);
  CHECK(c.ambulance.transport_when_needed == 0.85);
  CHECK(c.ambulance.transport_when_not_needed == 0.1);
  CHECK(c.ambulance.norm_minutes == std::array<double, 3>{15, 25, 120});
  CHECK(c.ed.los_discharged.mean() == Approx(150));
  CHECK(c.ed.los_admitted.mean() == Approx(240));
  CHECK(c.ed.admission_share == 0.3);
  CHECK(c.ed.vvt_after_ed_share == 0.02);
  const auto& types = c.beds.types;
  const auto bt = [](BedType t) { return static_cast<std::size_t>(t); };
  CHECK(types[bt(BedType::elv_low)].share == 0.5);
  CHECK(types[bt(BedType::elv_low)].length_of_stay_days.kind() == sim::DistKind::gamma);
  CHECK(types[bt(BedType::elv_low)].length_of_stay_days.mean() == Approx(6));  // days, not converted
  CHECK(types[bt(BedType::elv_low)].admission.always());                       // default: around the clock
  CHECK(types[bt(BedType::elv_low)].acceptance == 1);                          // default: every provider accepts
  CHECK(types[bt(BedType::elv_high)].admission.from == 8);
  CHECK(types[bt(BedType::elv_high)].admission.to == 22);
  CHECK_FALSE(types[bt(BedType::elv_high)].admission.weekdays_only);
  CHECK(types[bt(BedType::elv_high)].acceptance == 0.8);
  CHECK(types[bt(BedType::grz)].admission.weekdays_only);
  CHECK(types[bt(BedType::grz)].acceptance == 0.75);
  CHECK(types[bt(BedType::crisis)].share == 0);  // left out: no patient needs it
  // admission hours: 9-17 on weekdays (minute 0 = Monday 00:00)
  const AdmissionHours& grz = types[bt(BedType::grz)].admission;
  CHECK(grz.next_opening(8 * 60.0) == 9 * 60.0);                             // Monday 08:00 -> 09:00
  CHECK(grz.next_opening(10 * 60.0) == 10 * 60.0);                           // open
  CHECK(grz.next_opening(17 * 60.0) == 1440.0 + 9 * 60.0);                   // Monday 17:00 -> Tuesday 09:00
  CHECK(grz.next_opening(4 * 1440.0 + 18 * 60.0) == 7 * 1440.0 + 9 * 60.0);  // Friday evening -> Monday
  CHECK(grz.next_opening(5 * 1440.0 + 10 * 60.0) == 7 * 1440.0 + 9 * 60.0);  // Saturday -> Monday
  // sites: beds by type, a type left out has none
  for (const Site& s : c.sites) {
    if (s.id == "vvt_zuilen") {
      CHECK(s.beds == std::array<std::uint32_t, bed_type_count>{5, 4, 2, 1});
      CHECK(s.places == 12);
    }
    if (s.id == "vvt_gooi") CHECK(s.beds == std::array<std::uint32_t, bed_type_count>{0, 4, 0, 0});
  }
  CHECK(c.beds.attempt_minutes == 12);
  CHECK(c.beds.lookup_minutes == 2);
  CHECK(c.beds.retry_after == 90);
  CHECK(c.beds.neighbour_free_probability == 0.5);
  CHECK(c.beds.providers_per_site == 3);

  CHECK(c.costs.tariff[ix(Response::ambulance)] == 800);
  CHECK(c.costs.tariff[ix(Response::ed)] == 300);
  CHECK(c.costs.tariff[ix(Response::vvt_bed)] == 150);
  CHECK(c.costs.tariff[ix(Response::gp_phone)] == 0);
  CHECK(c.costs.ambulance_b == 500);
  CHECK(c.costs.ambulance_no_transport == 250);
  CHECK(c.costs.ambulance_per_km == 2.5);
  CHECK(c.costs.bed_day == std::array<double, bed_type_count>{200, 250, 300, 0});
  CHECK(price(c.costs, Price::bed_day_grz) == 300);
  CHECK(c.costs.resources.triagist_hourly == std::array<double, discipline_count>{120, 80, 90, 60});
  CHECK(c.costs.resources.dispatcher_hourly == 70);
  CHECK(c.costs.resources.gp_hourly == 110);
  CHECK(c.costs.resources.car_hourly == 30);
  CHECK(c.costs.resources.ambulance_hourly == 150);
  CHECK(c.costs.resources.ed_place_hourly == 90);
  CHECK(c.costs.resources.ggz_team_hourly == 140);
  CHECK(c.costs.resources.nursing_team_hourly == 55);
  CHECK(c.costs.resources.bed_day == 170);
  CHECK(c.costs.own_gp_contact == 12);
  CHECK(c.costs.payer[ix(Price::ed)] == Payer::zvw);
  CHECK(c.costs.payer[ix(Price::bed_day_elv_low)] == Payer::wlz);
  CHECK(c.costs.payer[ix(Price::bed_day_elv_high)] == Payer::zvw);
  CHECK(c.costs.payer[ix(Price::wrong_bed_hour)] == Payer::wmo);
  CHECK(c.costs.payer[ix(Price::gp_phone)] == Payer::zvw);  // not priced: not needed, zvw
  CHECK(price(c.costs, Price::ambulance_per_km) == 2.5);
  CHECK(price(c.costs, Price::vvt_bed) == 150);
  CHECK(c.costs.zcc.it == 200000);
  CHECK(c.costs.zcc.capacity_platform == 40000);
  CHECK(c.costs.zcc.premises == 100000);
  CHECK(c.costs.zcc.management == 300000);
  REQUIRE(c.budget);
  CHECK(c.budget->years() == 3);
  CHECK(c.budget->ramp_up == std::vector<double>{0.5, 1, 1});
  CHECK(c.budget->one_off == std::vector<double>{1.25, 0.5, 0});  // project + training (none) + it_setup
  CHECK(c.budget->training == std::vector<double>{0, 0, 0});
  CHECK(c.budget->discount_rate == 0.04);
}

namespace {

// variant.yaml = valid.yaml + a few changes.
void check_variant(const AcuteConfig& c) {
  CHECK(c.name == "variant");
  CHECK(c.horizon == 28 * 1440.0);  // from the base
  CHECK(c.sites.size() == 7);
  CHECK(c.mode == TriageMode::fragmented);
  // triage.zcc merged key by key: transfer_probability replaced, the rest kept.
  CHECK(c.zcc_triage.transfer_probability == 0.25);
  CHECK(c.zcc_triage.time[ix(Discipline::gp)].mean() == Approx(6));
  CHECK(c.zcc_triage.self_triage_time_factor == 0.8);
  CHECK(c.zcc_triage.accuracy[ix(Response::gp_phone)][ix(Response::gp_phone)] == 0.8);
  CHECK(c.fragmented_triage.transfer_probability == 0.2);
  // zcc: pooling replaced, overflow and patient_hours kept, the locations list replaced.
  CHECK(c.zcc.pooling == Pooling::per_subregion);
  CHECK(c.zcc.overflow_after == 3);
  CHECK(c.zcc.patient_hours == PatientHours::always);
  REQUIRE(c.zcc.locations.size() == 2);
  CHECK(c.zcc.locations[0].name == "zeist");
  CHECK(c.zcc.locations[0].subregions == std::vector<std::string>{"stad", "oost"});
  CHECK(constant(c.zcc.locations[0].rosters[ix(Discipline::gp)], 1));
  CHECK(constant(c.zcc.locations[0].rosters[ix(Discipline::ambulance)], 0));
  CHECK(c.zcc.locations[1].name == "nieuwegein");
  CHECK(c.zcc.locations[1].site == 6);
  CHECK(constant(c.zcc.locations[1].rosters[ix(Discipline::ggz)], 2));
  // A mix is a map, so it merges too: two shares replaced, the others kept.
  const Stream& hap_calls = c.streams[ix(StreamKind::hap_calls)];
  CHECK(hap_calls.need[ix(Response::self_care)] == 0.2);
  CHECK(hap_calls.need[ix(Response::gp_phone)] == 0.3);
  CHECK(hap_calls.need[ix(Response::hap_consult)] == 0.35);
  CHECK(hap_calls.need[ix(Response::gp_home_visit)] == 0.1);
  CHECK(hap_calls.per_1000_per_year == 250);
  const Stream& calls_112 = c.streams[ix(StreamKind::calls_112)];
  CHECK(calls_112.per_1000_per_year == 100);
  CHECK(calls_112.need_by_urgency[1][ix(Response::ed)] == 0.2);
  CHECK(calls_112.profile[167] == 2);
  CHECK(c.surges.empty());  // a list replaces, even with []
  CHECK(constant(c.dispatchers, 5));
  CHECK(c.costs.resources.gp_hourly == 110);
}

}  // namespace

TEST_CASE("acute loader: extends merges maps key by key and replaces scalars and lists", "[acute_loader]") {
  check_variant(load_acute_file(fixture("variant.yaml")));
  // The CLI path: a reader that still has `extends:` is resolved by load_acute.
  check_variant(load_acute(YamlReader::load_file(fixture("variant.yaml"))));
}

TEST_CASE("acute loader: the resolved scenario text is the merged YAML, deterministic", "[acute_loader]") {
  const std::string text = resolved_scenario_text(fixture("variant.yaml"));
  CHECK(text == resolved_scenario_text(fixture("variant.yaml")));
  CHECK(text.find("extends") == std::string::npos);
  // Keys in the base's order, the variant's values in place.
  CHECK(text.rfind("model: acute\nname: variant\ndescription: fixture\nstart_date: 2025-01-06\n", 0) == 0);
  CHECK(text.find("surges: []\ntriage:\n  mode: fragmented\n") != std::string::npos);
  // Loading the text alone gives the same scenario.
  check_variant(load_acute(YamlReader::load_string(text, "resolved.yaml")));
  // Without extends: the file as written.
  CHECK(resolved_scenario_text(fixture("valid.yaml")) == read(fixture("valid.yaml")));
}

TEST_CASE("acute loader: nodes of an extends chain keep their file", "[acute_loader]") {
  const YamlReader r = YamlReader::load_file(fixture("variant.yaml")).extended();
  CHECK(r.file() == fixture("variant.yaml"));
  CHECK(r.file_of(r.root()["triage"]["mode"]) == fixture("variant.yaml"));
  CHECK(r.file_of(r.root()["triage"]["recontact"]) == fixture("valid.yaml"));
  CHECK(r.file_of(r.root()["costs"]) == fixture("valid.yaml"));
  CHECK(r.root()["triage"]["recontact"].Mark().line + 1 == 98);
  CHECK(r.file_of(r.root()["triage"]) == fixture("variant.yaml"));  // a merged map is the variant's
}

TEST_CASE("acute loader: an error about a key names the file the key was written in", "[acute_loader]") {
  const YamlReader r = YamlReader::load_file(fixture("variant.yaml")).extended();
  const YAML::Node triage = r.root()["triage"];  // merged: the variant's map, recontact from the base
  CHECK(error_of([&] { r.fail(r.key_node(triage, "recontact"), "about recontact"); }) ==
        fixture("valid.yaml") + ":98:3: about recontact");
  CHECK(error_of([&] { r.fail(r.key_node(triage, "mode"), "about mode"); }) ==
        fixture("variant.yaml") + ":7:3: about mode");
  CHECK(r.key_node(triage, "absent").is(triage));
}

TEST_CASE("acute loader: loading leaves the scenario's tree as it was", "[acute_loader]") {
  // closures.yaml's periods are out of order: sorting them once assigned
  // yaml-cpp Nodes, which wrote one period over another in the tree (a second
  // load of it failed, and the merged text, emitted on first use, changed)
  const YamlReader r = YamlReader::load_file(fixture("closures.yaml")).extended();
  const std::string before = zccsim::models::flow(r.root());
  (void)load_acute(r);
  CHECK(zccsim::models::flow(r.root()) == before);
  CHECK_NOTHROW(load_acute(r));  // an override's reload reads this tree again
  CHECK(r.text() == resolved_scenario_text(fixture("closures.yaml")));
}

TEST_CASE("acute loader: closed zcc locations, takeover and staff limits", "[acute_loader]") {
  const AcuteConfig c = load_acute_file(fixture("closures.yaml"));
  CHECK_FALSE(c.zcc.takeover);
  CHECK(c.zcc.max_staff_per_location == 6u);
  REQUIRE(c.zcc.locations.size() == 2);
  // minutes since start_date 2025-01-06 00:00, sorted; a DATE is 00:00, the
  // periods by name (zcc.closed) join the location's own
  const auto& closed = c.zcc.locations[0].closed;
  REQUIRE(closed.size() == 3);
  CHECK(closed[0].from == -2880.0);
  CHECK(closed[0].to == -1050.0);
  CHECK(closed[1].from == 2775.0);
  CHECK(closed[1].to == 2880.0);
  CHECK(closed[2].from == 7680.0);
  CHECK(closed[2].to == 8640.0);
  CHECK(c.zcc.locations[0].max_staff == 6u);  // zcc.max_staff_per_location
  CHECK(c.zcc.locations[1].max_staff == 1u);  // its own
  CHECK(c.zcc.locations[1].closed.empty());
  CHECK(closed_at(closed, 2775.0));
  CHECK_FALSE(closed_at(closed, 2880.0));
  const AcuteConfig v = load_acute_file(fixture("valid.yaml"));
  CHECK(v.zcc.takeover);
  CHECK_FALSE(v.zcc.max_staff_per_location.has_value());
  CHECK_FALSE(v.zcc.locations[0].max_staff.has_value());
}

TEST_CASE("acute loader: the calendar's public holidays become a per-day table of the day of week", "[acute_loader]") {
  // valid.yaml has no calendar: every day is itself, no table
  const AcuteConfig plain = load_acute_file(fixture("valid.yaml"));
  CHECK(plain.calendar.public_holidays.empty());
  CHECK(plain.calendar.day_of_week.empty());
  CHECK(plain.calendar.weekday(12) == 5);
  // from Monday 14 April 2025: Good Friday 18 April (day 4), Easter Monday 21
  // April (day 7), King's Day Saturday 26 April (day 12, already a Saturday)
  const AcuteConfig c = load_acute_file(fixture("calendar.yaml"));
  CHECK(c.calendar.public_holidays ==
        std::vector<Holiday>{Holiday::easter_monday, Holiday::kings_day, Holiday::good_friday});
  CHECK(c.calendar.holiday_as == 5);
  REQUIRE(c.calendar.day_of_week.size() == 28 + 4 + 7);  // horizon 28 days, warm-up 3.5 (rounded up), a week more
  for (std::size_t d = 0; d < c.calendar.day_of_week.size(); ++d) {
    INFO("day " << d);
    CHECK(c.calendar.day_of_week[d] == (d == 4 || d == 7 ? 5 : d % 7));
  }
}

TEST_CASE("acute loader: broken acute scenarios give file:line:column and the allowed values", "[acute_loader]") {
  // case (bad/CASE.yaml) | expected message; {dir} is the fixture folder.
  struct Case {
    const char* name;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"unknown_key",
       "bad/unknown_key.yaml:3:23: unknown key 'sped' in road; allowed: speed_kmh, urgent_speed_kmh, detour_factor, "
       "links_per_node, hourly_speed_factor"},
      {"wrong_type", "bad/wrong_type.yaml:3:15: horizon_days must be a number, not 'lots'"},
      {"wrong_model", "bad/wrong_model.yaml:3:8: unknown model 'network'; allowed: acute"},
      {"missing_key", "bad/missing_key.yaml:2:1: the scenario needs the key 'areas'"},
      {"mix_sum", "bad/mix_sum.yaml:5:11: demand hap_calls need sums to 0.97, not 1"},
      {"mix_unknown",
       "bad/mix_unknown.yaml:5:12: unknown response 'dentist' in demand hap_calls need; allowed: self_care, pharmacy, "
       "gp_phone, hap_consult, gp_home_visit, district_nursing, ambulance, ed, ggz_crisis, vvt_bed"},
      {"accuracy_row", "bad/accuracy_row.yaml:6:17: triage zcc accuracy gp_phone sums to 0.9, not 1"},
      {"unknown_zcc_site", "bad/unknown_zcc_site.yaml:5:27: unknown zcc site 'zcc_utrecht'; zcc sites: zcc_zeist"},
      {"capacity_key",
       "bad/capacity_key.yaml:5:85: 'beds' is not a key of a hap site; allowed: id, name, kind, lat, lon, region, gps"},
      {"duplicate_site", "bad/duplicate_site.yaml:5:10: site id 'zcc_zeist' is used twice"},
      // EDs with limited hours and closed sites
      {"ed_never_open",
       "bad/ed_never_open.yaml:6:76: site 'ed_umc' places has no place in any hour of the week; an ED needs at least "
       "1 place when open (to close an ED in a variant, list its id under closed_sites)"},
      {"ed_hours_gap",
       "bad/ed_hours_gap.yaml:3:15: no ED is open on Monday 00:00-01:00; at least one ED must be open in every hour "
       "of the week"},
      {"closed_unknown",
       "bad/closed_unknown.yaml:3:26: unknown closed site 'ed_zeist'; allowed: hap_utrecht, ed_umc, ed_hilversum, "
       "amb_utrecht, ggz_utrecht, vvt_zuilen, vvt_gooi, zcc_zeist"},
      {"closed_every_ed", "bad/closed_every_ed.yaml:3:15: closed_sites closes every ed site; keep at least one open"},
      {"closed_zcc",
       "bad/closed_zcc.yaml:3:16: closed site 'zcc_zeist' is a zcc site; a zcc location closes for a period with "
       "zcc.closed, or is left out of zcc.locations"},
      {"closed_twice", "bad/closed_twice.yaml:3:26: closed site 'vvt_gooi' is listed twice"},
      {"duplicate_region", "bad/duplicate_region.yaml:5:12: region 'Utrecht' is listed twice"},
      {"neighbour_unknown",
       "bad/neighbour_unknown.yaml:4:34: unknown region 'Utrecht' neighbour 'Flevoland'; allowed: Gooi"},
      {"neighbour_itself",
       "bad/neighbour_itself.yaml:4:40: region 'Utrecht' neighbour 'Utrecht' is the region itself; allowed: Gooi"},
      {"neighbour_twice", "bad/neighbour_twice.yaml:5:52: region 'Gooi' neighbour 'Utrecht' is listed twice"},
      {"neighbours_scalar",
       "bad/neighbours_scalar.yaml:4:33: region 'Utrecht' neighbours must be a list of other region names; allowed: "
       "Gooi"},
      {"region_roster",
       "bad/region_roster.yaml:4:60: region 'Utrecht' dispatchers shift 'to' (8) must be after 'from' (8); a shift "
       "over midnight is two shifts"},
      {"region_fragmented_discipline",
       "bad/region_fragmented_discipline.yaml:4:49: unknown key 'dentist' in region 'Utrecht' fragmented_rosters; "
       "allowed: gp, ambulance, ggz, vvt"},
      {"region_fragmented_roster",
       "bad/region_fragmented_roster.yaml:6:39: region 'Utrecht' fragmented_rosters ggz shift 'to' (6) must be after "
       "'from' (22); a shift over midnight is two shifts"},
      {"region_fragmented_scalar",
       "bad/region_fragmented_scalar.yaml:4:41: region 'Utrecht' fragmented_rosters must be a map of keys to values"},
      {"duplicate_area", "bad/duplicate_area.yaml:5:12: area 'Utrecht-stad' is listed twice"},
      {"duplicate_location", "bad/duplicate_location.yaml:6:14: zcc location 'zeist' is listed twice"},
      {"shift_order",
       "bad/shift_order.yaml:5:31: dispatchers shift 'to' (8) must be after 'from' (17); a shift over midnight is "
       "two shifts"},
      {"not_monday", "bad/not_monday.yaml:3:13: start_date 2025-01-07 is a Tuesday; it must be a Monday"},
      {"bad_date", "bad/bad_date.yaml:4:12: surge from must be an ISO date YYYY-MM-DD, not '2025-02-30'"},
      {"surge_order", "bad/surge_order.yaml:4:28: surge 'to' (2025-03-03) must be after 'from' (2025-03-10)"},
      // closed zcc locations and staff limits
      {"closed_order",
       "bad/closed_order.yaml:4:52: zcc closed 'to' (2025-02-28T23:00) must be after 'from' (2025-03-01)"},
      {"closed_time", "bad/closed_time.yaml:4:36: zcc closed from must be an ISO date YYYY-MM-DD or date and time "
                      "YYYY-MM-DDTHH:MM, not '2025-03-01T24:00'"},
      {"closed_overlap",
       "bad/closed_overlap.yaml:6:7: zcc location 'zeist' closed periods overlap; join them into one period"},
      {"closed_location", "bad/closed_location.yaml:4:23: unknown zcc closed location 'utrecht'; allowed: zeist"},
      {"unknown_holiday",
       "bad/unknown_holiday.yaml:3:45: unknown public holiday 'sinterklaas'; allowed: new_years_day, good_friday, "
       "easter_monday, kings_day, liberation_day, ascension_day, whit_monday, christmas_day, boxing_day"},
      {"holiday_twice", "bad/holiday_twice.yaml:4:44: public holiday 'kings_day' is listed twice"},
      {"max_staff",
       "valid.yaml:116:9: zcc location 'zeist' rosters put 6 triagists on duty on Monday 00:00, more than the 5 it "
       "can recruit (max_staff); lower its rosters or raise max_staff"},
      {"area_radius",
       "bad/area_radius.yaml:5:78: area 'Amersfoort' radius_km must be in [0, 30] (km, the disc its inhabitants are "
       "spread over), not -2"},
      {"area_outside", "bad/area_outside.yaml:5:46: area 'Parijs' lat 48.86 is outside the Netherlands (50.5 to 53.7)"},
      {"site_outside", "bad/site_outside.yaml:4:49: site 'zcc_zeist' lon 8.5 is outside the Netherlands (3.2 to 7.3)"},
      {"unknown_region",
       "bad/unknown_region.yaml:5:71: unknown area 'Almere' region 'Flevoland'; allowed: Utrecht, Gooi"},
      {"uncovered_subregion",
       "bad/uncovered_subregion.yaml:4:12: zcc pooling per_subregion: subregion 'oost' of own areas is served by no "
       "zcc location; add it to a location's subregions"},
      {"profile_zero",
       "bad/profile_zero.yaml:6:7: demand hap_calls profile is all zero; give at least one positive weight"},
      {"probability_range",
       "bad/probability_range.yaml:3:29: phone redial_probability must be a probability in [0, 1], not 1.5"},
      {"stream_key",
       "bad/stream_key.yaml:5:5: 'self_care_share' is not a key of the hap_calls stream; allowed: per_1000_per_year, "
       "profile, need, urgency"},
      {"urgency_class", "bad/urgency_class.yaml:4:23: unknown ambulance urgency_class U2 'C'; allowed: A1, A2, B"},
      {"planned_need",
       "bad/planned_need.yaml:7:5: 'need' is not a key of the planned_rides stream; allowed: per_1000_per_year, "
       "profile"},
      {"direct_admission",
       "bad/direct_admission.yaml:4:27: ambulance direct_admission_share must be a probability in [0, 1], not 1.2"},
      {"help_after", "bad/help_after.yaml:4:23: ambulance help_after_minutes must be >= 0, not -5"},
      {"help_max", "bad/help_max.yaml:4:21: ambulance help_max_minutes must be a number, not 'none'"},
      {"unknown_rav", "bad/unknown_rav.yaml:4:91: unknown area 'Utrecht-stad' rav 'VR99'; allowed: VR09, VR14"},
      {"rav_undeclared",
       "bad/rav_undeclared.yaml:4:91: unknown area 'Utrecht-stad' rav 'VR09': the scenario lists no ravs; list the "
       "RAV areas under ravs: [NAME, ...]"},
      {"rav_twice", "bad/rav_twice.yaml:3:20: rav 'VR09' is listed twice"},
      {"rav_name", "bad/rav_name.yaml:3:14: rav name 'VR 14' may hold only letters, digits, '_' and '-'"},
      {"rav_site_kind", "bad/rav_site_kind.yaml:4:68: 'rav' is not a key of an ed site; allowed: id, name, kind, lat, "
                        "lon, region, places, hospital_beds"},
      // hospital beds (issue #13)
      {"hospital_beds_partial",
       "bad/hospital_beds_partial.yaml:5:5: site 'ed_amersfoort' has no hospital_beds while ED 'ed_umc' of region "
       "'Utrecht' has; give every ED of a region hospital_beds, or none (then admitted patients end at admission, as "
       "without hospital beds)"},
      {"hospital_beds_hap",
       "bad/hospital_beds_hap.yaml:5:80: 'hospital_beds' is not a key of a hap site; allowed: id, name, kind, lat, "
       "lon, region, gps"},
      {"hospital_beds_zero", "bad/hospital_beds_zero.yaml:4:95: site 'ed_umc' hospital_beds must be >= 1, not 0"},
      {"hospital_missing",
       "bad/hospital_missing.yaml:2:1: the scenario (an ED has hospital_beds) needs the key 'hospital'"},
      {"hospital_los",
       "bad/hospital_los.yaml:4:20: unknown hospital los_days dist 'normal'; allowed: deterministic, uniform, "
       "exponential, erlang, gamma, lognormal, weibull, triangular, empirical, piecewise_linear"},
      {"hospital_prep", "bad/hospital_prep.yaml:4:26: hospital transfer_prep_minutes must be >= 0, not -10"},
      {"hospital_key",
       "bad/hospital_key.yaml:4:3: unknown key 'beds_per_1000' in hospital; allowed: los_days, transfer_prep_minutes"},
      {"hospital_payer",
       "bad/hospital_payer.yaml:4:22: costs hospital_transfer is priced (800 euro) but costs payer names no payer for "
       "it; add 'hospital_transfer' to costs payer with one of: zvw, wlz, wmo"},
      {"hospital_cost_missing", "valid.yaml:157:3: costs needs the key 'hospital_bed_day'"},
      {"station_rav", "bad/station_rav.yaml:4:91: unknown site 'amb_utrecht' rav 'Utrecht'; allowed: VR09, VR14"},
      // dispatch centres
      {"centre_key",
       "bad/centre_key.yaml:4:59: unknown key 'rooms' in a dispatch centre; allowed: id, name, lat, lon, ravs"},
      {"centre_rav_missing",
       "bad/centre_rav_missing.yaml:4:3: every RAV must be in exactly one dispatch centre; in none: VR14"},
      {"centre_rav_twice",
       "bad/centre_rav_twice.yaml:5:46: rav 'VR14' is in dispatch centre 'mk_a' already: every RAV is in exactly "
       "one dispatch centre"},
      {"centre_rav_unknown",
       "bad/centre_rav_unknown.yaml:4:52: unknown dispatch centre 'mk_a' rav 'VR99'; allowed: VR09, VR14"},
      {"centre_ravs_empty",
       "bad/centre_ravs_empty.yaml:4:45: dispatch centre 'mk_a' ravs must be a non-empty list of RAV names; "
       "allowed: VR09, VR14"},
      {"centre_twice", "bad/centre_twice.yaml:5:10: dispatch centre 'mk_a' is listed twice"},
      {"centres_without_ravs",
       "bad/centres_without_ravs.yaml:4:3: dispatch_centres need RAV areas: list them under ravs: [NAME, ...] and "
       "name them in each centre's ravs"},
      {"request_negative", "bad/request_negative.yaml:4:25: ambulance help_request_minutes must be >= 0, not -1"},
      {"request_without_centres",
       "bad/request_without_centres.yaml:4:3: ambulance help_request_minutes needs dispatch_centres (help across "
       "dispatch centres); list them under dispatch_centres: [{id, name, lat, lon, ravs}, ...]"},
      {"gave_up_path",
       "bad/gave_up_path.yaml:5:26: unknown path 'home' in phone gave_up other; allowed: calls_112, ed, own_gp, "
       "stays_home"},
      {"gave_up_sum", "bad/gave_up_sum.yaml:5:13: phone gave_up urgent sums to 1.1, not 1"},  // merged: own_gp 0.2
      {"gave_up_missing", "bad/gave_up_missing.yaml:4:13: 'other' in phone gave_up has no value"},
      {"care_norm", "bad/care_norm.yaml:3:38: unknown key 'U6' in safety care_norm_minutes; allowed: U0, U1, U2, U3, "
                    "U4, U5"},
      {"care_norm_zero", "bad/care_norm_zero.yaml:3:34: safety care_norm_minutes U1 must be > 0, not 0"},
      // need and urgency drawn together (NTS)
      {"need_u1",
       "bad/need_u1.yaml:5:16: demand calls_112 need: a U1 patient needs the ambulance or the ED (NTS: immediate); "
       "give this stream's need per urgency with only ambulance and ed in its U1 row"},
      {"need_u5",
       "valid.yaml:45:11: demand hap_calls need: a U5 patient (NTS: advice, next working day) never needs the "
       "ambulance or the ED; give this stream's need per urgency without them in its U5 row"},
      {"need_row_missing",
       "valid.yaml:52:7: demand calls_112 need has no row for U4, which the stream's urgency mix gives"},
      {"warm_transfer_from",
       "bad/warm_transfer_from.yaml:4:34: unknown triage dispatch warm_transfer_from 'U9'; allowed: U0, U1, U2, U3, "
       "U4, U5"},
      {"payer_unknown", "bad/payer_unknown.yaml:3:21: unknown costs payer ed 'insurer'; allowed: zvw, wlz, wmo"},
      {"payer_missing",
       "bad/payer_missing.yaml:3:29: costs tariffs pharmacy is priced (20 euro) but costs payer names no payer for "
       "it; add 'pharmacy' to costs payer with one of: zvw, wlz, wmo"},
      {"budget_years", "bad/budget_years.yaml:3:19: budget ramp_up must be a list of 3 values (one per budget year)"},
      {"budget_ramp", "bad/budget_ramp.yaml:3:25: budget ramp_up must be a probability in [0, 1], not 1.5"},
      // beds by type
      {"site_beds_scalar",
       "bad/site_beds_scalar.yaml:5:60: site 'vvt_x' beds must be a map of bed type to number of beds, e.g. "
       "{elv_low: 40, elv_high: 45, grz: 25, crisis: 20}; bed types: elv_low, elv_high, grz, crisis"},
      {"site_bed_type",
       "bad/site_bed_type.yaml:5:64: unknown key 'ggz' in site 'vvt_x' beds; allowed: elv_low, elv_high, grz, "
       "crisis"},
      {"bed_type_unknown",
       "bad/bed_type_unknown.yaml:3:16: unknown key 'hospice' in beds types; allowed: elv_low, elv_high, grz, "
       "crisis"},
      {"bed_type_shares", "bad/bed_type_shares.yaml:3:15: beds types shares sum to 1.1, not 1"},
      {"admission_hours",
       "bad/admission_hours.yaml:3:39: unknown beds types grz admission_hours (always, or {from, to, days}) "
       "'office'; allowed: always"},
      {"admission_order",
       "bad/admission_order.yaml:3:54: beds types grz admission_hours 'to' (9) must be after 'from' (17)"},
      {"admission_days",
       "bad/admission_days.yaml:3:63: unknown beds types grz admission_hours days 'weekend'; allowed: all, "
       "weekdays"},
      {"acceptance_range",
       "bad/acceptance_range.yaml:3:34: beds types grz acceptance must be a probability in [0, 1], not 1.2"},
      {"bed_day_scalar",
       "bad/bed_day_scalar.yaml:3:18: costs bed_day must be a map of bed type to euro per day; bed types: "
       "elv_low, elv_high, grz, crisis"},
      {"bed_day_payer",
       "bad/bed_day_payer.yaml:3:27: costs bed_day_crisis is priced (220 euro) but costs payer names no payer for "
       "it; add 'bed_day_crisis' to costs payer with one of: zvw, wlz, wmo"},
      {"resources_old_key",
       "bad/resources_old_key.yaml:3:9: unknown key 'gp_hourly' in costs; allowed: tariffs, ambulance_b, "
       "ambulance_no_transport, ambulance_per_km, bed_day, own_gp_contact, wrong_bed_hour, hospital_bed_day, "
       "hospital_transfer, payer, resources, zcc_per_location"},
      // a region's own demand and demand growth
      {"region_demand_neighbour",
       "bad/region_demand_neighbour.yaml:5:38: region 'Gooi' demand: a neighbouring region (own: false) has no "
       "demand of its own"},
      {"region_demand_stream",
       "bad/region_demand_stream.yaml:4:30: region 'Utrecht' demand planned_rides: the scenario's demand has no "
       "planned_rides stream (its urgency and need mix come from there)"},
      {"region_demand_key",
       "bad/region_demand_key.yaml:4:65: unknown key 'urgency' in region 'Utrecht' demand hap_calls; allowed: "
       "per_1000_per_year, profile"},
      {"demand_growth_range",
       "bad/demand_growth_range.yaml:3:27: demand_growth per_year must be in [-0.5, 0.5] (a share per year), not 0.9"},
      // extends itself.
      {"missing_base", "bad/missing_base.yaml:3:10: extends: cannot open 'nowhere.yaml': No such file or directory"},
      {"cycle_a", "bad/cycle_b.yaml:2:10: extends: cycle: {dir}/bad/cycle_a.yaml -> {dir}/bad/cycle_b.yaml -> "
                  "{dir}/bad/cycle_a.yaml"},
      {"bad_yaml_base", "bad/broken_syntax.yaml:4:1: invalid YAML: end of sequence flow not found"},
      // Errors written in a base file, found through a variant.
      {"broken_variant", "bad/broken_base.yaml:4:14: warmup_days must be >= 0, not -1"},
      {"no_zcc_section", "valid.yaml:66:9: triage mode zcc needs a zcc section with at least one location"},
      {"zcc_site_removed", "valid.yaml:113:13: unknown zcc site 'zcc_zeist'; zcc sites: (none)"},
  };
  REQUIRE(cases.size() >= 12);
  for (const Case& c : cases) {
    std::string expected = dir + "/" + c.expected;
    for (std::size_t at; (at = expected.find("{dir}")) != std::string::npos;) expected.replace(at, 5, dir);
    const std::string path = fixture(std::string("bad/") + c.name + ".yaml");
    DYNAMIC_SECTION(c.name) {
      CHECK(error_of([&] { load_acute_file(path); }) == expected);
      CHECK(error_of([&] { load_acute(YamlReader::load_file(path)); }) == expected);
    }
  }
}

TEST_CASE("acute loader: a scenario read from a string reports its name", "[acute_loader]") {
  std::string bad = read(fixture("valid.yaml"));
  bad.replace(bad.find("capacity_insight: false"), 23, "capacity_insight: maybe");
  CHECK(error_of([&] { load_acute(YamlReader::load_string(bad, "inline.yaml")); }) ==
        "inline.yaml:123:19: capacity_insight must be true or false, not 'maybe'");
}

TEST_CASE("acute loader: an area's radius_km, 0 (at its centroid) when absent", "[acute_loader]") {
  const AcuteConfig c = load_acute_file(fixture("valid.yaml"));
  for (const Area& a : c.areas) CHECK(a.radius_km == 0.0);
  std::string text = read(fixture("valid.yaml"));
  text.replace(text.find("subregion: stad}"), 16, "subregion: stad, radius_km: 2.5}");
  const AcuteConfig spread = load_acute(YamlReader::load_string(text, "inline.yaml"));
  CHECK(spread.areas[0].radius_km == 2.5);
  CHECK(spread.areas[1].radius_km == 0.0);
  text.replace(text.find("radius_km: 2.5"), 14, "radius_km: far");
  CHECK(error_of([&] { load_acute(YamlReader::load_string(text, "inline.yaml")); }) ==
        "inline.yaml:14:114: area 'Utrecht-stad' radius_km must be a number, not 'far'");
}

TEST_CASE("acute loader: ISO dates", "[acute_loader]") {
  long d = 0;
  REQUIRE(parse_iso_date("1970-01-01", d));
  CHECK(d == 0);
  REQUIRE(parse_iso_date("2025-01-06", d));
  CHECK(d == 20094);
  CHECK(d % 7 == 4);  // 1970-01-01 was a Thursday, so Mondays are 4 mod 7
  REQUIRE(parse_iso_date("2024-02-29", d));
  REQUIRE(parse_iso_date("2000-02-29", d));
  CHECK_FALSE(parse_iso_date("2025-02-29", d));
  CHECK_FALSE(parse_iso_date("1900-02-29", d));
  CHECK_FALSE(parse_iso_date("2025-13-01", d));
  CHECK_FALSE(parse_iso_date("2025-04-31", d));
  CHECK_FALSE(parse_iso_date("2025-1-6", d));
  CHECK_FALSE(parse_iso_date("2025/01/06", d));
  CHECK_FALSE(parse_iso_date("06-01-2025", d));
}

TEST_CASE("acute loader: an ED's places by hour of week, and closed_sites", "[acute_loader]") {
  const AcuteConfig c = load_acute_file(fixture("ed_hours.yaml"));
  const auto site = [&](const std::string& id) -> const Site* {
    for (const Site& s : c.sites)
      if (s.id == id) return &s;
    return nullptr;
  };
  REQUIRE(site("ed_hilversum"));
  const Site& h = *site("ed_hilversum");
  CHECK(h.places == 6);
  for (std::size_t d = 0; d < 7; ++d) {
    CHECK(h.staff[d * 24 + 7] == 0);  // closed 23:00-08:00
    CHECK(h.staff[d * 24 + 8] == 6);
    CHECK(h.staff[d * 24 + 22] == 6);
    CHECK(h.staff[d * 24 + 23] == 0);
  }
  REQUIRE(site("ed_umc"));
  CHECK(site("ed_umc")->places == 24);
  CHECK(site("ed_umc")->staff[3] == 24);  // a plain number: open all week
  CHECK_FALSE(site("vvt_gooi"));          // closed_sites: left out
  CHECK(site("vvt_zuilen"));
  CHECK(c.sites.size() == 7);
}

TEST_CASE("acute loader: planned rides and the ambulance's destination, pre-alert and help keys", "[acute_loader]") {
  const AcuteConfig c = load_acute_file(fixture("ambulance_keys.yaml"));
  const Stream& planned = c.streams[static_cast<std::size_t>(StreamKind::planned_rides)];
  CHECK(planned.enabled);
  CHECK(planned.per_1000_per_year == 12);
  CHECK(planned.need[static_cast<std::size_t>(Response::ambulance)] == 1);  // set, not read
  CHECK(planned.urgency[4] == 1);
  CHECK(planned.profile[8] == Approx(168.0 / 45.0));  // weekdays 08-17: 45 hours of 168
  CHECK(c.ambulance.direct_admission_share == 0.6);
  CHECK(c.ambulance.prealert_minutes == 1.5);
  CHECK(c.ambulance.help_after_minutes == 10.0);
  // absent: none
  const AcuteConfig v = load_acute_file(fixture("valid.yaml"));
  CHECK_FALSE(v.streams[static_cast<std::size_t>(StreamKind::planned_rides)].enabled);
  CHECK(v.ambulance.direct_admission_share == 0.0);
  CHECK_FALSE(v.ambulance.prealert_minutes);
  CHECK_FALSE(v.ambulance.help_after_minutes);
}

TEST_CASE("acute loader: RAV areas on areas and ambulance stations, help_max_minutes", "[acute_loader]") {
  const AcuteConfig c = load_acute_file(fixture("ravs.yaml"));
  CHECK(c.ravs == std::vector<std::string>{"VR09", "VR14"});
  REQUIRE(c.areas.size() == 3);
  CHECK(c.areas[0].rav == std::optional<std::size_t>{0});
  CHECK_FALSE(c.areas[1].rav);  // none: its region is its ambulance area
  CHECK(c.areas[2].rav == std::optional<std::size_t>{1});
  // the ambulance area: a RAV's index, else the number of RAVs + the region's
  CHECK(c.ambulance_area(c.areas[0]) == 0);
  CHECK(c.ambulance_area(c.areas[1]) == 2 + 0);
  CHECK(c.ambulance_area(c.areas[2]) == 1);
  const auto site = [&](const std::string& id) {
    for (const Site& s : c.sites)
      if (s.id == id) return s;
    FAIL("no site " << id);
    return Site{};
  };
  CHECK(site("amb_utrecht").rav == std::optional<std::size_t>{0});
  CHECK_FALSE(site("amb_gooi").rav);
  CHECK(c.ambulance_area(site("amb_gooi")) == 2 + 1);
  CHECK(c.ambulance.help_max_minutes == 20.0);
  // absent: no RAVs, no bound
  const AcuteConfig v = load_acute_file(fixture("valid.yaml"));
  CHECK(v.ravs.empty());
  CHECK_FALSE(v.ambulance.help_max_minutes);
  for (const Area& a : v.areas) CHECK(v.ambulance_area(a) == a.region);
}

TEST_CASE("acute loader: dispatch centres, each RAV in one, help across them", "[acute_loader]") {
  const AcuteConfig c = load_acute_file(fixture("dispatch_centres.yaml"));
  REQUIRE(c.dispatch_centres.size() == 2);
  CHECK(c.dispatch_centres[0].id == "mk_utrecht");
  CHECK(c.dispatch_centres[0].name == "Meldkamer Utrecht");
  CHECK(c.dispatch_centres[1].lat == 52.22);
  CHECK(c.dispatch_centres[1].ravs == std::vector<std::size_t>{1});
  CHECK(c.rav_centre == std::vector<std::size_t>{0, 1});
  CHECK(c.ambulance.help_other_centre_after_minutes == 15.0);
  CHECK(c.ambulance.help_request_minutes == 2.0);
  // absent: no centres, no request delay
  const AcuteConfig v = load_acute_file(fixture("ravs.yaml"));
  CHECK(v.dispatch_centres.empty());
  CHECK(v.rav_centre.empty());
  CHECK_FALSE(v.ambulance.help_other_centre_after_minutes);
  CHECK(v.ambulance.help_request_minutes == 0.0);
}

TEST_CASE("acute loader: hospital beds, the hospital section and its prices", "[acute_loader]") {
  const AcuteConfig c = load_acute_file(fixture("hospital.yaml"));
  CHECK(c.hospital_beds);
  std::map<std::string, std::optional<std::uint32_t>> beds;
  for (const Site& s : c.sites)
    if (s.kind == SiteKind::ed) beds[s.id] = s.hospital_beds;
  CHECK(beds.at("ed_umc") == std::optional<std::uint32_t>{300});
  CHECK(beds.at("ed_amersfoort") == std::optional<std::uint32_t>{120});
  CHECK_FALSE(beds.at("ed_hilversum"));  // a neighbouring region's: not simulated
  CHECK(c.hospital.los_days.mean() == Approx(5.0));
  CHECK(c.hospital.transfer_prep_minutes == 45.0);
  CHECK(c.costs.hospital_bed_day == 550.0);
  CHECK(c.costs.hospital_transfer == 800.0);
  CHECK(c.costs.resources.hospital_bed_day == 450.0);
  CHECK(c.costs.payer[static_cast<std::size_t>(Price::hospital_transfer)] == Payer::zvw);
  // absent: no hospital beds, nothing required, the prices 0
  const AcuteConfig v = load_acute_file(fixture("valid.yaml"));
  CHECK_FALSE(v.hospital_beds);
  for (const Site& s : v.sites) CHECK_FALSE(s.hospital_beds);
  CHECK(v.costs.hospital_bed_day == 0.0);
  CHECK(v.costs.hospital_transfer == 0.0);
  CHECK(v.costs.resources.hospital_bed_day == 0.0);
}

TEST_CASE("acute loader: a region's own dispatchers, home-visit cars, nursing teams and today's lines",
          "[acute_loader]") {
  const AcuteConfig c = load_acute_file(fixture("region_rosters.yaml"));
  REQUIRE(c.regions.size() == 2);
  REQUIRE(c.regions[0].dispatchers);
  CHECK(constant(*c.regions[0].dispatchers, 3));
  CHECK(&c.dispatchers_of(0) == &*c.regions[0].dispatchers);
  // weekend 08-20: 2 x 12 hours x 2 days
  CHECK(total(c.home_visit_cars_of(0)) == 48);
  CHECK(c.home_visit_cars_of(0)[5 * 24 + 8] == 2);
  CHECK(c.home_visit_cars_of(0)[5 * 24 + 7] == 0);
  // every day 07-23 (16 x 7) and Monday around the clock (24)
  CHECK(total(c.nursing_teams_of(0)) == 16 * 7 + 24);
  // the region without its own: the scenario's
  CHECK_FALSE(c.regions[1].dispatchers);
  CHECK(&c.dispatchers_of(1) == &c.dispatchers);
  CHECK(&c.home_visit_cars_of(1) == &c.home_visit_cars);
  CHECK(&c.nursing_teams_of(1) == &c.nursing_teams);
  // today's lines: the disciplines it gives are its own (gp 2, vvt weekends
  // 08-20), the others the scenario's (ambulance 0, ggz 1)
  REQUIRE(c.regions[0].fragmented_rosters[ix(Discipline::gp)]);
  CHECK(constant(c.fragmented_roster_of(0, ix(Discipline::gp)), 2));
  CHECK(constant(c.fragmented_rosters[ix(Discipline::gp)], 4));
  CHECK(total(c.fragmented_roster_of(0, ix(Discipline::vvt))) == 24);
  CHECK(c.fragmented_roster_of(0, ix(Discipline::vvt))[6 * 24 + 19] == 1);
  CHECK_FALSE(c.regions[0].fragmented_rosters[ix(Discipline::ggz)]);
  CHECK(&c.fragmented_roster_of(0, ix(Discipline::ggz)) == &c.fragmented_rosters[ix(Discipline::ggz)]);
  CHECK(constant(c.fragmented_roster_of(0, ix(Discipline::ggz)), 1));
  CHECK(&c.fragmented_roster_of(0, ix(Discipline::ambulance)) == &c.fragmented_rosters[ix(Discipline::ambulance)]);
  for (std::size_t d = 0; d < discipline_count; ++d) CHECK(&c.fragmented_roster_of(1, d) == &c.fragmented_rosters[d]);
  const AcuteConfig v = load_acute_file(fixture("valid.yaml"));
  for (std::size_t d = 0; d < discipline_count; ++d) CHECK_FALSE(v.regions[0].fragmented_rosters[d]);
  CHECK_FALSE(v.regions[0].dispatchers);
  CHECK_FALSE(v.regions[0].home_visit_cars);
  CHECK_FALSE(v.regions[0].nursing_teams);
}

TEST_CASE("acute loader: a region's own demand and demand growth", "[acute_loader]") {
  const AcuteConfig c = load_acute_file(fixture("region_demand.yaml"));
  constexpr double per_minute = 1.0 / 1000.0 / (365.0 * 1440.0);
  const auto hap = ix(StreamKind::hap_calls), calls_112 = ix(StreamKind::calls_112);
  REQUIRE(c.regions.size() == 3);
  REQUIRE(c.regions[1].demand[hap]);
  CHECK(c.regions[1].demand[hap]->per_1000_per_year == 500);
  CHECK_FALSE(c.regions[0].demand[hap]);
  CHECK_FALSE(c.regions[1].demand[calls_112]);
  // the HAP calls: Utrecht at the scenario's volume and profile, Eemland at its own
  const auto groups = demand_groups(c, hap);
  REQUIRE(groups.size() == 2);
  CHECK_FALSE(groups[0].region);
  CHECK(groups[0].areas == std::vector<std::uint32_t>{0});
  for (std::size_t h : {std::size_t{0}, std::size_t{18}, std::size_t{150}})
    CHECK(groups[0].profile.hourly[h] == Approx(250 * 300000 * per_minute * c.streams[hap].profile[h]));
  REQUIRE(groups[1].region);
  CHECK(*groups[1].region == 1);
  CHECK(groups[1].areas == std::vector<std::uint32_t>{1});
  // all of a week's calls in the weekdays' first hour: 5 hours of 168
  for (std::size_t d = 0; d < 5; ++d)
    CHECK(groups[1].profile.hourly[d * 24] == Approx(500 * 100000 * per_minute * 168 / 5));
  CHECK(groups[1].profile.hourly[1] == 0);
  CHECK(groups[1].profile.hourly[5 * 24] == 0);
  // another stream: one group of every own area, none of the neighbour's
  const auto other = demand_groups(c, calls_112);
  REQUIRE(other.size() == 1);
  CHECK(other[0].areas == std::vector<std::uint32_t>{0, 1});
  CHECK(other[0].profile.hourly[3] ==
        Approx(c.streams[calls_112].per_1000_per_year * 400000 * per_minute * c.streams[calls_112].profile[3]));
  // growth: the run (2025-01-06, 31.5 days) lies in 2025: x 1.1 over the whole run
  REQUIRE(c.growth.size() == 1);
  CHECK(c.growth[0].begin == 0);
  CHECK(c.growth[0].end == c.warmup + c.horizon);
  CHECK(c.growth[0].factor == Approx(1.1));
  for (const DemandGroup& g : groups) REQUIRE(g.profile.surges.size() == c.surges.size() + 1);
}

TEST_CASE("acute loader: demand growth takes each calendar year's factor", "[acute_loader]") {
  // 2025-12-29 (a Monday) + 31.5 days: 3 days in 2025 (x 1.1), the rest in 2026 (x 1.21)
  const auto over = [](const std::string& extra) {
    return YamlReader::load_string("extends: valid.yaml\nstart_date: 2025-12-29\n" + extra, fixture("over.yaml"));
  };
  const AcuteConfig plain = load_acute(over(""));
  const AcuteConfig grown = load_acute(over("demand_growth: {per_year: 0.1, base_year: 2024}\n"));
  CHECK(plain.growth.empty());
  REQUIRE(grown.growth.size() == 2);
  CHECK(grown.growth[0].begin == 0);
  CHECK(grown.growth[0].end == 3 * 1440.0);
  CHECK(grown.growth[0].factor == Approx(1.1));
  CHECK(grown.growth[1].begin == 3 * 1440.0);
  CHECK(grown.growth[1].end == grown.warmup + grown.horizon);
  CHECK(grown.growth[1].factor == Approx(1.21));
  double expected = 0;
  for (std::size_t s = 0; s < stream_count; ++s)
    for (const DemandGroup& g : demand_groups(plain, s))
      expected += 1.1 * g.profile.integral(0, 3 * 1440.0) +
                  1.21 * g.profile.integral(3 * 1440.0, plain.warmup + plain.horizon);
  CHECK(expected_arrivals(grown) == Approx(expected).epsilon(1e-12));
  CHECK(expected_arrivals(grown) > 1.15 * expected_arrivals(plain));
}
