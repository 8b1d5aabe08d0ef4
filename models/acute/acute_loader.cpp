// SPDX-License-Identifier: MIT
#include "acute_loader.hpp"

#include "io/yaml_reader.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <iomanip>
#include <limits>
#include <map>
#include <set>
#include <sstream>

namespace zccsim::models::acute {

namespace {

using Node = YAML::Node;

constexpr double minutes_per_day = 1440.0;
constexpr double mix_tolerance = 1e-6;
constexpr std::int64_t max_roster_value = 1'000'000;
constexpr double max_area_radius_km = 30.0;  // an area's radius_km: see Loader::areas

template <std::size_t N>
std::vector<std::string_view> names_of(const std::string_view (&a)[N]) {
  return {std::begin(a), std::end(a)};
}

std::string format_number(double v) {
  std::ostringstream os;
  os << std::setprecision(10) << v;
  return os.str();
}

std::string with_article(std::string_view word) {
  const bool vowel = !word.empty() && std::string_view("aeiou").find(word.front()) != std::string_view::npos;
  return (vowel ? "an " : "a ") + std::string(word);
}

std::string join_or_none(const std::vector<std::string_view>& names) {
  return names.empty() ? std::string("(none)") : join(names);
}

const std::vector<std::string_view> top_keys{"model",
                                             "extends",
                                             "name",
                                             "description",
                                             "start_date",
                                             "horizon_days",
                                             "warmup_days",
                                             "max_arrivals",
                                             "calendar",
                                             "regions",
                                             "ravs",
                                             "dispatch_centres",
                                             "areas",
                                             "sites",
                                             "closed_sites",
                                             "road",
                                             "demand",
                                             "surges",
                                             "demand_growth",
                                             "triage",
                                             "phone",
                                             "safety",
                                             "zcc",
                                             "fragmented_rosters",
                                             "dispatchers",
                                             "home_visit_cars",
                                             "nursing_teams",
                                             "capacity_insight",
                                             "responses",
                                             "ambulance",
                                             "ed",
                                             "ed_choice",
                                             "hap_choice",
                                             "ggz_choice",
                                             "beds",
                                             "hospital",
                                             "costs",
                                             "budget",
                                             "uncertain",
                                             "targets",  // zccsim staff (study/staffing.hpp reads and checks them)
                                             "shifts"};

// Roster shift days: all, weekdays, weekend, then mon..sun (day index 0..6).
const std::vector<std::string_view> day_names{"all", "weekdays", "weekend", "mon", "tue",
                                              "wed", "thu",      "fri",     "sat", "sun"};
constexpr const char* weekday_names[7] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

// The capacity key of each site kind (in SiteKind order; zcc has none).
constexpr std::string_view capacity_keys[site_kind_count] = {"gps", "places", "vehicles", "teams", "beds", ""};

// Keys every demand stream has, and the ones only some streams have.
const std::vector<std::string_view> stream_common_keys{"per_1000_per_year", "profile", "need", "urgency"};
struct StreamKey {
  StreamKind stream;
  std::string_view key;
};
constexpr StreamKey stream_specific_keys[] = {
    {StreamKind::self_triage, "self_care_share"},
};

class Loader {
 public:
  explicit Loader(const YamlReader& r) : r_(r) {}
  AcuteConfig load();

 private:
  // ---- small readers ----
  std::string text(const Node& n, const std::string& what) const;
  std::uint32_t count(const Node& n, const std::string& what) const;
  std::vector<double> numbers(const Node& n, std::size_t size, bool positive, const std::string& what) const;
  long date(const Node& n, const std::string& what) const;
  // A DATE (00:00) or DATETIME (YYYY-MM-DDTHH:MM) in minutes since start_date 00:00.
  double moment(const Node& n, const std::string& what) const;
  Roster roster(const Node& n, const std::string& what) const;
  template <std::size_t N>
  std::array<double, N> mix(const Node& n, const std::string_view (&names)[N], const std::string& what,
                            std::string_view item) const;
  WeekProfile profile(const Node& n, const std::string& what) const;
  double coordinate(const Node& n, double min, double max, const std::string& what) const;
  // The required lat and lon of `x` (an area or a site), inside the Netherlands.
  void position(const Node& x, const std::string& what, double& lat, double& lon) const;
  // Fails at `at` with "<label> '<name>' <twice>" if an item of `list` already has `name` as its `key`.
  template <class T>
  void unique(const Node& at, const std::string& name, const std::vector<T>& list, std::string T::*key,
              const std::string& label, std::string_view twice = "is listed twice") const;
  // Unknown keys fail; a key in `foreign` (it belongs to another kind) fails
  // with "'k' is not a key of <kind>".
  void check_kind_keys(const Node& n, const std::vector<std::string_view>& allowed,
                       const std::vector<std::string_view>& foreign, const std::string& kind,
                       const std::string& what) const;

  // ---- sections ----
  void regions(const Node& n);
  void ravs(const Node& n);
  void dispatch_centres(const Node& n);
  // The optional `rav` of an area or ambulance station (x): its index in ravs.
  std::optional<std::size_t> rav_of(const Node& x, const std::string& what) const;
  void areas(const Node& n);
  void sites(const Node& n);
  void closed_sites(const Node& n);
  void road(const Node& n);
  void calendar(const Node& n);
  void demand(const Node& n);
  void need(const Node& n, Stream& s, const std::string& what) const;
  void stream(const Node& n, std::size_t index);
  void surges(const Node& n);
  void region_demand(const Node& regions);
  void demand_growth(const Node& n);
  void zcc(const Node& n);
  // A closed period {from, to} of a zcc location.
  Closure closure(const Node& x, const std::string& what, const std::vector<std::string_view>& keys) const;
  void staff_limit(const Node& at, const ZccLocation& loc, const std::string& what) const;
  void triage(const Node& n);
  TriageRule triage_rule(const Node& n, const std::string& what,
                         const std::vector<std::string_view>& more_keys = {}) const;
  void dispatch(const Node& n);
  void phone(const Node& n);
  void safety(const Node& n);
  // out[d] = the roster of each discipline d the map n gives (Roster or std::optional<Roster>)
  template <class Out>
  void disciplines(const Node& n, std::array<Out, discipline_count>& out, const std::string& what) const;
  void responses(const Node& n);
  void ambulance(const Node& n);
  void ed(const Node& n);
  void nearby_choice(const Node& n, const std::string& key, NearbyChoice& c);
  void beds(const Node& n);
  AdmissionHours admission_hours(const Node& v, const std::string& type) const;
  void costs(const Node& n);
  void hospital(const Node& n);
  void hospital_beds_all_or_none(const Node& n);
  void budget(const Node& n);

  const YamlReader& r_;
  AcuteConfig cfg_;
  long start_day_ = 0;  // start_date in days since 1970-01-01
  std::vector<std::string_view> region_names_;
  std::vector<std::string_view> rav_names_;
};

// ---- small readers ----------------------------------------------------------

std::string Loader::text(const Node& n, const std::string& what) const {
  std::string s = r_.string(n, what);
  if (s.empty()) r_.fail(n, what + " must not be empty");
  return s;
}

std::uint32_t Loader::count(const Node& n, const std::string& what) const {
  return static_cast<std::uint32_t>(r_.integer(n, 0, max_roster_value, what));
}

std::vector<double> Loader::numbers(const Node& n, std::size_t size, bool positive, const std::string& what) const {
  if (!n.IsSequence() || n.size() != size)
    r_.fail(n, what + " must be a list of " + std::to_string(size) + " numbers" + (positive ? " > 0" : " >= 0"));
  std::vector<double> v;
  for (const auto& x : n) v.push_back(positive ? r_.positive(x, what) : r_.number_at_least(x, 0.0, what));
  return v;
}

long Loader::date(const Node& n, const std::string& what) const {
  const std::string s = r_.string(n, what);
  long days = 0;
  if (!parse_iso_date(s, days)) r_.fail(n, what + " must be an ISO date YYYY-MM-DD, not '" + s + "'");
  return days;
}

double Loader::moment(const Node& n, const std::string& what) const {
  const std::string s = r_.string(n, what);
  long days = 0;
  int hh = 0, mm = 0;
  const auto digits = [&](std::size_t at) {
    return std::isdigit(static_cast<unsigned char>(s[at])) && std::isdigit(static_cast<unsigned char>(s[at + 1]));
  };
  bool ok = s.size() >= 10 && parse_iso_date(s.substr(0, 10), days);
  if (ok && s.size() > 10) {
    ok = s.size() == 16 && (s[10] == 'T' || s[10] == ' ') && s[13] == ':' && digits(11) && digits(14);
    if (ok) hh = std::stoi(s.substr(11, 2)), mm = std::stoi(s.substr(14, 2));
    ok = ok && hh < 24 && mm < 60;
  }
  if (!ok) r_.fail(n, what + " must be an ISO date YYYY-MM-DD or date and time YYYY-MM-DDTHH:MM, not '" + s + "'");
  return static_cast<double>(days - start_day_) * minutes_per_day + hh * 60.0 + mm;
}

Roster Loader::roster(const Node& n, const std::string& what) const {
  Roster out{};
  if (n.IsScalar()) {
    out.fill(count(n, what));
    return out;
  }
  const std::string forms =
      " must be an integer >= 0, a list of 168 hourly values (Monday 00:00 first) or a list of shifts "
      "{days, from, to, staff}";
  if (!n.IsSequence() || n.size() == 0) r_.fail(n, what + forms);
  if (!(*n.begin()).IsMap()) {  // hourly values
    if (n.size() != 168)
      r_.fail(n, what + " has " + std::to_string(n.size()) +
                     " hourly values; a list of hourly values needs 168 (Monday 00:00 first)");
    std::size_t h = 0;
    for (const auto& x : n) {
      if (!x.IsScalar()) r_.fail(x, what + forms);
      out[h++] = count(x, what);
    }
    return out;
  }
  const std::string shift = what + " shift";
  for (const auto& x : n) {
    if (!x.IsMap()) r_.fail(x, what + " mixes shifts and other values; each shift is {days, from, to, staff}");
    r_.check_keys(x, {"days", "from", "to", "staff"}, shift);
    std::array<bool, 7> on{};
    auto add_day = [&](const Node& d) {
      const std::size_t i = r_.choice(d, day_names, shift + " days");
      if (i == 0) on.fill(true);
      else if (i == 1)
        for (std::size_t k = 0; k < 5; ++k) on[k] = true;
      else if (i == 2) on[5] = on[6] = true;
      else on[i - 3] = true;
    };
    const Node days = r_.required(x, "days", shift);
    if (days.IsSequence()) {
      if (days.size() == 0) r_.fail(days, shift + " days must name at least one day");
      for (const auto& d : days) add_day(d);
    } else {
      add_day(days);
    }
    const std::int64_t from = r_.integer(r_.required(x, "from", shift), 0, 24, shift + " from");
    const Node to_node = r_.required(x, "to", shift);
    const std::int64_t to = r_.integer(to_node, 0, 24, shift + " to");
    if (to <= from)
      r_.fail(to_node, shift + " 'to' (" + std::to_string(to) + ") must be after 'from' (" + std::to_string(from) +
                           "); a shift over midnight is two shifts");
    const std::uint32_t staff = count(r_.required(x, "staff", shift), shift + " staff");
    for (std::size_t d = 0; d < 7; ++d)
      if (on[d])
        for (auto h = static_cast<std::size_t>(from); h < static_cast<std::size_t>(to); ++h) out[d * 24 + h] += staff;
  }
  return out;
}

template <std::size_t N>
std::array<double, N> Loader::mix(const Node& n, const std::string_view (&names)[N], const std::string& what,
                                  std::string_view item) const {
  r_.require_map(n, what);
  std::array<double, N> out{};
  std::array<bool, N> seen{};
  double sum = 0;
  for (const auto& kv : n) {
    const std::string key = r_.string(kv.first, what + " " + std::string(item));
    const auto it = std::find(std::begin(names), std::end(names), key);
    if (it == std::end(names))
      r_.fail(kv.first,
              "unknown " + std::string(item) + " '" + key + "' in " + what + "; allowed: " + join(names_of(names)));
    const auto i = static_cast<std::size_t>(it - std::begin(names));
    if (seen[i]) r_.fail(kv.first, what + " gives '" + key + "' twice");
    seen[i] = true;
    out[i] = r_.probability(kv.second, what + " " + key);
    sum += out[i];
  }
  if (std::abs(sum - 1.0) > mix_tolerance) r_.fail(n, what + " sums to " + format_number(sum) + ", not 1");
  return out;
}

WeekProfile Loader::profile(const Node& n, const std::string& what) const {
  r_.check_keys(n, {"weekday", "weekend", "hour_of_week"}, what);
  const Node how = n["hour_of_week"], wd = n["weekday"], we = n["weekend"];
  WeekProfile p{};
  if (how.IsDefined()) {
    if (wd.IsDefined() || we.IsDefined())
      r_.fail(n, what + " gives hour_of_week and weekday/weekend; give one of the two forms");
    const auto v = numbers(how, 168, false, what + " hour_of_week");
    std::copy(v.begin(), v.end(), p.begin());
  } else {
    if (!wd.IsDefined() && !we.IsDefined())
      r_.fail(n, what + " needs either weekday and weekend (24 values each) or hour_of_week (168 values)");
    const auto day = numbers(r_.required(n, "weekday", what), 24, false, what + " weekday");
    const auto end = numbers(r_.required(n, "weekend", what), 24, false, what + " weekend");
    for (std::size_t d = 0; d < 7; ++d)
      for (std::size_t h = 0; h < 24; ++h) p[d * 24 + h] = d < 5 ? day[h] : end[h];
  }
  double sum = 0;
  for (double x : p) sum += x;
  if (!(sum > 0)) r_.fail(n, what + " is all zero; give at least one positive weight");
  for (double& x : p) x = x * 168.0 / sum;
  return p;
}

double Loader::coordinate(const Node& n, double min, double max, const std::string& what) const {
  const double v = r_.number(n, what);
  if (v < min || v > max)
    r_.fail(n, what + " " + n.Scalar() + " is outside the Netherlands (" + format_number(min) + " to " +
                   format_number(max) + ")");
  return v;
}

void Loader::position(const Node& x, const std::string& what, double& lat, double& lon) const {
  lat = coordinate(r_.required(x, "lat", what), 50.5, 53.7, what + " lat");
  lon = coordinate(r_.required(x, "lon", what), 3.2, 7.3, what + " lon");
}

template <class T>
void Loader::unique(const Node& at, const std::string& name, const std::vector<T>& list, std::string T::*key,
                    const std::string& label, std::string_view twice) const {
  for (const T& o : list)
    if (o.*key == name) r_.fail(at, label + " '" + name + "' " + std::string(twice));
}

void Loader::check_kind_keys(const Node& n, const std::vector<std::string_view>& allowed,
                             const std::vector<std::string_view>& foreign, const std::string& kind,
                             const std::string& what) const {
  r_.require_map(n, what);
  for (const auto& kv : n) {
    const std::string key = r_.string(kv.first, what + " key");
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    if (std::find(foreign.begin(), foreign.end(), key) != foreign.end())
      r_.fail(kv.first, "'" + key + "' is not a key of " + kind + "; allowed: " + join(allowed));
    r_.fail(kv.first, "unknown key '" + key + "' in " + what + "; allowed: " + join(allowed));
  }
}

// ---- sections ---------------------------------------------------------------

void Loader::regions(const Node& n) {
  if (!n.IsSequence() || n.size() == 0) r_.fail(n, "regions must be a non-empty list of {name, own}");
  for (const auto& x : n) {
    r_.check_keys(x,
                  {"name", "own", "neighbours", "dispatchers", "home_visit_cars", "nursing_teams", "fragmented_rosters",
                   "demand"},
                  "a region");
    Region reg;
    const Node name = r_.required(x, "name", "a region");
    reg.name = text(name, "region name");
    unique(name, reg.name, cfg_.regions, &Region::name, "region");
    if (const Node own = x["own"]; own.IsDefined()) reg.own = r_.boolean(own, "region '" + reg.name + "' own");
    for (auto [key, out] :
         {std::pair{"dispatchers", &reg.dispatchers}, std::pair{"home_visit_cars", &reg.home_visit_cars},
          std::pair{"nursing_teams", &reg.nursing_teams}})
      if (const Node v = x[key]; v.IsDefined()) *out = roster(v, "region '" + reg.name + "' " + key);
    if (const Node v = x["fragmented_rosters"]; v.IsDefined())
      disciplines(v, reg.fragmented_rosters, "region '" + reg.name + "' fragmented_rosters");
    cfg_.regions.push_back(std::move(reg));
  }
  for (const Region& reg : cfg_.regions) region_names_.push_back(reg.name);
  // neighbours: [NAME, ...]: other listed regions, each once
  for (std::size_t r = 0; r < cfg_.regions.size(); ++r) {
    const Node v = n[r]["neighbours"];
    if (!v.IsDefined()) continue;
    Region& reg = cfg_.regions[r];
    const std::string what = "region '" + reg.name + "' neighbour";
    std::vector<std::string_view> others;
    for (std::size_t o = 0; o < region_names_.size(); ++o)
      if (o != r) others.push_back(region_names_[o]);
    if (!v.IsSequence()) r_.fail(v, what + "s must be a list of other region names; allowed: " + join(others));
    for (const auto& x : v) {
      const std::string name = r_.string(x, what);
      const auto o =
          static_cast<std::size_t>(std::find(region_names_.begin(), region_names_.end(), name) - region_names_.begin());
      if (o == r) r_.fail(x, what + " '" + name + "' is the region itself; allowed: " + join(others));
      if (o == region_names_.size()) r_.fail(x, "unknown " + what + " '" + name + "'; allowed: " + join(others));
      if (std::find(reg.neighbours.begin(), reg.neighbours.end(), o) != reg.neighbours.end())
        r_.fail(x, what + " '" + name + "' is listed twice");
      reg.neighbours.push_back(o);
    }
  }
}

// ravs: [NAME, ...]: the RAV areas (ambulance care areas) that areas and
// ambulance stations may name with `rav`.
void Loader::ravs(const Node& n) {
  if (!n.IsSequence()) r_.fail(n, "ravs must be a list of RAV names, e.g. [VR09, VR14]");
  for (const auto& x : n) {
    std::string name = r_.identifier(x, "rav name");
    if (std::find(cfg_.ravs.begin(), cfg_.ravs.end(), name) != cfg_.ravs.end())
      r_.fail(x, "rav '" + name + "' is listed twice");
    cfg_.ravs.push_back(std::move(name));
  }
  for (const std::string& r : cfg_.ravs) rav_names_.push_back(r);
}

// dispatch_centres: [{id, name, lat, lon, ravs: [RAV, ...]}, ...]: the
// ambulance dispatch centres and the RAVs each dispatches for; every RAV in
// exactly one.
void Loader::dispatch_centres(const Node& n) {
  if (rav_names_.empty())
    r_.fail(n, "dispatch_centres need RAV areas: list them under ravs: [NAME, ...] and name them in each centre's "
               "ravs");
  if (!n.IsSequence() || n.size() == 0)
    r_.fail(n, "dispatch_centres must be a non-empty list of {id, name, lat, lon, ravs}");
  constexpr std::size_t none = std::numeric_limits<std::size_t>::max();
  cfg_.rav_centre.assign(cfg_.ravs.size(), none);
  for (const auto& x : n) {
    r_.check_keys(x, {"id", "name", "lat", "lon", "ravs"}, "a dispatch centre");
    DispatchCentre c;
    const Node id = r_.required(x, "id", "a dispatch centre");
    c.id = r_.identifier(id, "dispatch centre id");
    unique(id, c.id, cfg_.dispatch_centres, &DispatchCentre::id, "dispatch centre");
    const std::string what = "dispatch centre '" + c.id + "'";
    if (const Node v = x["name"]; v.IsDefined()) c.name = text(v, what + " name");
    position(x, what, c.lat, c.lon);
    const auto centre_name = [this](std::size_t i, const DispatchCentre& current) {
      return i < cfg_.dispatch_centres.size() ? cfg_.dispatch_centres[i].id : current.id;
    };
    const Node list = r_.required(x, "ravs", what);
    if (!list.IsSequence() || list.size() == 0)
      r_.fail(list, what + " ravs must be a non-empty list of RAV names; allowed: " + join(rav_names_));
    for (const auto& v : list) {
      const std::size_t r = r_.choice(v, rav_names_, what + " rav");
      if (cfg_.rav_centre[r] != none)
        r_.fail(v, "rav '" + cfg_.ravs[r] + "' is in dispatch centre '" + centre_name(cfg_.rav_centre[r], c) +
                       "' already: every RAV is in exactly one dispatch centre");
      cfg_.rav_centre[r] = cfg_.dispatch_centres.size();
      c.ravs.push_back(r);
    }
    cfg_.dispatch_centres.push_back(std::move(c));
  }
  std::vector<std::string_view> missing;
  for (std::size_t r = 0; r < cfg_.ravs.size(); ++r)
    if (cfg_.rav_centre[r] == none) missing.push_back(rav_names_[r]);
  if (!missing.empty()) r_.fail(n, "every RAV must be in exactly one dispatch centre; in none: " + join(missing));
}

std::optional<std::size_t> Loader::rav_of(const Node& x, const std::string& what) const {
  const Node v = x["rav"];
  if (!v.IsDefined()) return std::nullopt;
  if (rav_names_.empty())
    r_.fail(v, "unknown " + what + " rav '" + r_.string(v, what + " rav") +
                   "': the scenario lists no ravs; list the RAV areas under ravs: [NAME, ...]");
  return r_.choice(v, rav_names_, what + " rav");
}

void Loader::areas(const Node& n) {
  if (!n.IsSequence() || n.size() == 0)
    r_.fail(n, "areas must be a non-empty list of {name, population, lat, lon, radius_km, region, subregion, rav}");
  for (const auto& x : n) {
    r_.check_keys(x, {"name", "population", "lat", "lon", "radius_km", "region", "subregion", "rav"}, "an area");
    Area a;
    const Node name = r_.required(x, "name", "an area");
    a.name = text(name, "area name");
    unique(name, a.name, cfg_.areas, &Area::name, "area");
    const std::string what = "area '" + a.name + "'";
    a.population = r_.positive(r_.required(x, "population", what), what + " population");
    position(x, what, a.lat, a.lon);
    if (const Node v = x["radius_km"]; v.IsDefined()) {
      // a disc larger than any Dutch municipality's (Súdwest-Fryslân's, ~13 km) is a typo
      a.radius_km = r_.number(v, what + " radius_km");
      if (!(a.radius_km >= 0 && a.radius_km <= max_area_radius_km))
        r_.fail(v, what + " radius_km must be in [0, " + format_number(max_area_radius_km) +
                       "] (km, the disc its inhabitants are spread over), not " + format_number(a.radius_km));
    }
    a.region = r_.choice(r_.required(x, "region", what), region_names_, what + " region");
    if (const Node s = x["subregion"]; s.IsDefined()) a.subregion = r_.string(s, what + " subregion");
    a.rav = rav_of(x, what);
    cfg_.areas.push_back(std::move(a));
  }
  // the labels of the per-sub-region KPIs: the own areas' sub-regions, sorted;
  // "none" (last) for own areas without one when others have one
  std::set<std::string> own;
  bool without = false;
  for (const Area& a : cfg_.areas) {
    if (!cfg_.regions[a.region].own) continue;
    if (a.subregion.empty()) without = true;
    else own.insert(a.subregion);
  }
  if (own.empty()) return;
  cfg_.subregions.assign(own.begin(), own.end());
  if (without && !own.count("none")) cfg_.subregions.emplace_back("none");
  if (cfg_.subregions.size() > std::numeric_limits<std::uint8_t>::max())
    r_.fail(n, "areas: at most 255 sub-regions in own regions (the per-sub-region KPIs)");
  for (Area& a : cfg_.areas) {
    if (!cfg_.regions[a.region].own) continue;
    const std::string& label = a.subregion.empty() ? std::string("none") : a.subregion;
    a.subregion_index = static_cast<std::uint8_t>(std::find(cfg_.subregions.begin(), cfg_.subregions.end(), label) -
                                                  cfg_.subregions.begin());
  }
}

void Loader::sites(const Node& n) {
  if (!n.IsSequence() || n.size() == 0)
    r_.fail(n, "sites must be a non-empty list of {id, kind, lat, lon, region, ...}");
  const auto kinds = names_of(site_kind_names);
  for (const auto& x : n) {
    r_.require_map(x, "a site");
    Site s;
    const Node id = r_.required(x, "id", "a site");
    s.id = r_.identifier(id, "site id");
    unique(id, s.id, cfg_.sites, &Site::id, "site id", "is used twice");
    const std::string what = "site '" + s.id + "'";
    const std::size_t kind = r_.choice(r_.required(x, "kind", what), kinds, what + " kind");
    s.kind = static_cast<SiteKind>(kind);
    std::vector<std::string_view> allowed{"id", "name", "kind", "lat", "lon", "region"}, foreign;
    for (std::size_t k = 0; k < site_kind_count; ++k) {
      if (capacity_keys[k].empty()) continue;
      (k == kind ? allowed : foreign).push_back(capacity_keys[k]);
    }
    (s.kind == SiteKind::ambulance_station ? allowed : foreign).emplace_back("rav");
    (s.kind == SiteKind::ed ? allowed : foreign).emplace_back("hospital_beds");
    check_kind_keys(x, allowed, foreign, with_article(site_kind_names[kind]) + " site", what);
    s.name = s.id;
    if (const Node nm = x["name"]; nm.IsDefined()) s.name = text(nm, what + " name");
    s.region = r_.choice(r_.required(x, "region", what), region_names_, what + " region");
    s.rav = rav_of(x, what);
    const Node lat = x["lat"], lon = x["lon"];
    if (s.kind == SiteKind::vvt && !lat.IsDefined() && !lon.IsDefined()) {
      double pop = 0, plat = 0, plon = 0;
      for (const Area& a : cfg_.areas) {
        if (a.region != s.region) continue;
        pop += a.population;
        plat += a.population * a.lat;
        plon += a.population * a.lon;
      }
      if (!(pop > 0))
        r_.fail(x,
                what + " has no lat/lon and region '" + cfg_.regions[s.region].name + "' has no areas to place it at");
      s.lat = plat / pop;
      s.lon = plon / pop;
    } else {
      if (s.kind == SiteKind::vvt && lat.IsDefined() != lon.IsDefined())
        r_.fail(x, what + " gives only one of lat and lon; give both, or neither (then the region's "
                          "population-weighted centroid is used)");
      position(x, what, s.lat, s.lon);
    }
    const std::string cap(capacity_keys[kind]);
    switch (s.kind) {
      case SiteKind::hap:
      case SiteKind::ambulance_station:
      case SiteKind::ggz_crisis:
        s.staff = roster(r_.required(x, cap, what), what + " " + cap);
        break;
      case SiteKind::ed: {  // places by hour of week: an ED with limited hours has none while closed
        const Node v = r_.required(x, cap, what);
        s.staff = roster(v, what + " " + cap);
        s.places = *std::max_element(s.staff.begin(), s.staff.end());
        if (s.places == 0)
          r_.fail(v, what + " " + cap +
                         " has no place in any hour of the week; an ED needs at least 1 place when "
                         "open (to close an ED in a variant, list its id under closed_sites)");
        if (const Node hb = x["hospital_beds"]; hb.IsDefined()) {
          // a neighbouring (own: false) region's ED may have beds too: those its
          // hospital keeps for the own regions' patients admitted there
          s.hospital_beds = static_cast<std::uint32_t>(r_.integer(hb, 1, max_roster_value, what + " hospital_beds"));
        }
        break;
      }
      case SiteKind::vvt: {
        // beds by type: {elv_low: n, elv_high: n, grz: n, crisis: n}; a type left out has none
        const Node b = r_.required(x, cap, what);
        if (!b.IsMap())
          r_.fail(b, what + " " + cap +
                         " must be a map of bed type to number of beds, e.g. {elv_low: 40, elv_high: "
                         "45, grz: 25, crisis: 20}; bed types: " +
                         join(names_of(bed_type_names)));
        r_.check_keys(b, names_of(bed_type_names), what + " " + cap);
        for (std::size_t t = 0; t < bed_type_count; ++t) {
          const std::string type(bed_type_names[t]);
          if (const Node v = b[type]; v.IsDefined())
            s.beds[t] = static_cast<std::uint32_t>(r_.integer(v, 0, max_roster_value, what + " " + cap + " " + type));
          s.places += s.beds[t];
        }
        break;
      }
      case SiteKind::zcc:
        break;
    }
    cfg_.sites.push_back(std::move(s));
  }
  const Node closed = r_.root()["closed_sites"];
  const bool closing = closed.IsDefined() && !closed.IsNull();
  if (closing) closed_sites(closed);
  hospital_beds_all_or_none(n);
  // an ED must be open somewhere in every hour of the week
  if (std::any_of(cfg_.sites.begin(), cfg_.sites.end(), [](const Site& s) { return s.kind == SiteKind::ed; })) {
    for (std::size_t h = 0; h < 168; ++h) {
      const bool open = std::any_of(cfg_.sites.begin(), cfg_.sites.end(),
                                    [h](const Site& s) { return s.kind == SiteKind::ed && s.staff[h] > 0; });
      if (open) continue;
      const auto hh = [](std::size_t x) { return (x < 10 ? "0" : "") + std::to_string(x) + ":00"; };
      r_.fail(closing ? closed : n, std::string("no ED is open on ") + weekday_names[h / 24] + " " + hh(h % 24) + "-" +
                                        hh(h % 24 + 1) + "; at least one ED must be open in every hour of the week");
    }
  }
}

// hospital_beds: on every ED of a region or on none of them (a region's
// admitted patients would otherwise end at some hospitals and take beds at
// others); Hospital runs when some ED has them.
void Loader::hospital_beds_all_or_none(const Node& n) {
  const auto is_ed = [](const Site& s) { return s.kind == SiteKind::ed; };
  for (std::size_t r = 0; r < cfg_.regions.size(); ++r) {
    std::string with, without;
    for (const Site& s : cfg_.sites) {
      if (!is_ed(s) || s.region != r) continue;
      std::string& list = s.hospital_beds ? with : without;
      if (list.empty()) list = s.id;
    }
    if (with.empty() || without.empty()) continue;
    for (const auto& x : n)
      if (x["id"].Scalar() == without)
        r_.fail(x, "site '" + without + "' has no hospital_beds while ED '" + with + "' of region '" +
                       cfg_.regions[r].name +
                       "' has; give every ED of a region hospital_beds, or none (then admitted patients end at "
                       "admission, as without hospital beds)");
  }
  cfg_.hospital_beds = std::any_of(cfg_.sites.begin(), cfg_.sites.end(), [](const Site& s) { return s.hospital_beds; });
}

// closed_sites: [site id, ...]: those sites are left out, as if not listed
// (a variant that closes an ED or a post without restating all sites).
void Loader::closed_sites(const Node& n) {
  if (!n.IsSequence()) r_.fail(n, "closed_sites must be a list of site ids, e.g. [ed_zeist]");
  std::vector<std::string_view> ids;
  for (const Site& s : cfg_.sites) ids.push_back(s.id);
  std::vector<bool> closed(cfg_.sites.size(), false);
  for (const auto& x : n) {
    const std::size_t i = r_.choice(x, ids, "closed site");
    if (closed[i]) r_.fail(x, "closed site '" + cfg_.sites[i].id + "' is listed twice");
    if (cfg_.sites[i].kind == SiteKind::zcc)
      r_.fail(
          x,
          "closed site '" + cfg_.sites[i].id +
              "' is a zcc site; a zcc location closes for a period with zcc.closed, or is left out of zcc.locations");
    closed[i] = true;
  }
  std::array<std::size_t, site_kind_count> before{}, after{};
  std::vector<Site> kept;
  for (std::size_t i = 0; i < cfg_.sites.size(); ++i) {
    ++before[static_cast<std::size_t>(cfg_.sites[i].kind)];
    if (closed[i]) continue;
    ++after[static_cast<std::size_t>(cfg_.sites[i].kind)];
    kept.push_back(std::move(cfg_.sites[i]));
  }
  for (std::size_t k = 0; k < site_kind_count; ++k)
    if (before[k] > 0 && after[k] == 0)
      r_.fail(n, "closed_sites closes every " + std::string(site_kind_names[k]) + " site; keep at least one open");
  cfg_.sites = std::move(kept);
}

void Loader::road(const Node& n) {
  Road& road = cfg_.road;
  road.hourly_speed_factor.fill(1.0);
  if (!n.IsDefined()) return;
  r_.check_keys(n, {"speed_kmh", "urgent_speed_kmh", "detour_factor", "links_per_node", "hourly_speed_factor"}, "road");
  if (const Node v = n["speed_kmh"]; v.IsDefined()) road.speed_kmh = r_.positive(v, "road speed_kmh");
  if (const Node v = n["urgent_speed_kmh"]; v.IsDefined())
    road.urgent_speed_kmh = r_.positive(v, "road urgent_speed_kmh");
  if (const Node v = n["detour_factor"]; v.IsDefined())
    road.detour_factor = r_.number_at_least(v, 1.0, "road detour_factor");
  if (const Node v = n["links_per_node"]; v.IsDefined())
    road.links_per_node = static_cast<std::uint32_t>(r_.integer(v, 1, 1000, "road links_per_node"));
  if (const Node v = n["hourly_speed_factor"]; v.IsDefined()) {
    const auto f = numbers(v, 24, true, "road hourly_speed_factor");
    std::copy(f.begin(), f.end(), road.hourly_speed_factor.begin());
  }
}

void Loader::demand(const Node& n) {
  r_.check_keys(n, names_of(stream_names), "demand");
  for (std::size_t i = 0; i < stream_count; ++i)
    if (const Node s = n[std::string(stream_names[i])]; s.IsDefined()) stream(s, i);
}

void Loader::stream(const Node& n, std::size_t index) {
  const auto kind = static_cast<StreamKind>(index);
  const std::string name(stream_names[index]);
  const std::string what = "demand " + name;
  std::vector<std::string_view> allowed = stream_common_keys, foreign;
  if (kind == StreamKind::planned_rides) {
    // a planned ride is a B transport of a patient already in care: no need or urgency to draw
    allowed = {"per_1000_per_year", "profile"};
    foreign = {"need", "urgency"};
  }
  for (const StreamKey& k : stream_specific_keys) (k.stream == kind ? allowed : foreign).push_back(k.key);
  check_kind_keys(n, allowed, foreign, "the " + name + " stream", what);
  Stream& s = cfg_.streams[index];
  s.enabled = true;
  s.per_1000_per_year = r_.number_at_least(r_.required(n, "per_1000_per_year", what), 0.0, what + " per_1000_per_year");
  s.profile = profile(r_.required(n, "profile", what), what + " profile");
  if (kind == StreamKind::planned_rides) {
    s.need[static_cast<std::size_t>(Response::ambulance)] = 1;
    s.urgency[4] = 1;  // U4 (within 24 h); the ride is class B whatever ambulance.urgency_class says
    s.need_by_urgency[4] = s.need;
    return;
  }
  s.urgency = mix(r_.required(n, "urgency", what), urgency_names, what + " urgency", "urgency");
  need(r_.required(n, "need", what), s, what);
  if (const Node v = n["self_care_share"]; v.IsDefined())
    s.self_care_share = r_.probability(v, what + " self_care_share");
}

// A stream's need: one mix for every urgency, or a mix per urgency
// (`need: {U1: {...}, U2: {...}}`, every urgency the stream has). Need and
// urgency must agree (NTS): a U0 or U1 patient needs the ambulance or the
// ED; a U5 patient (advice, next working day) needs neither.
void Loader::need(const Node& n, Stream& s, const std::string& what) const {
  const std::string w = what + " need";
  r_.require_map(n, w);
  const auto is_urgency = [](const std::string& k) {
    return std::find(std::begin(urgency_names), std::end(urgency_names), k) != std::end(urgency_names);
  };
  const bool per_urgency = n.size() > 0 && is_urgency(r_.string(n.begin()->first, w));
  std::array<Node, urgency_count> at{};
  if (per_urgency) {
    r_.check_keys(n, names_of(urgency_names), w);
    for (std::size_t u = 0; u < urgency_count; ++u) {
      const std::string un(urgency_names[u]);
      const Node row = n[un];
      if (!row.IsDefined()) {
        if (s.urgency[u] > 0) r_.fail(n, w + " has no row for " + un + ", which the stream's urgency mix gives");
        continue;
      }
      s.need_by_urgency[u] = mix(row, response_names, w + " " + un, "response");
      at[u] = row;
    }
  } else {
    const auto row = mix(n, response_names, w, "response");
    s.need_by_urgency.fill(row);
    at.fill(n);
  }
  constexpr auto amb = static_cast<std::size_t>(Response::ambulance), ed = static_cast<std::size_t>(Response::ed);
  for (std::size_t u = 0; u < urgency_count; ++u) {
    if (s.urgency[u] <= 0) continue;
    const auto& row = s.need_by_urgency[u];
    const std::string un(urgency_names[u]);
    if (u <= 1 && row[amb] + row[ed] < 1.0 - mix_tolerance)
      r_.fail(at[u], w + ": a " + un +
                         " patient needs the ambulance or the ED (NTS: " + (u == 0 ? "resuscitation" : "immediate") +
                         "); give this stream's need per urgency with only ambulance and ed in its " + un + " row");
    if (u == urgency_count - 1 && row[amb] + row[ed] > 0)
      r_.fail(at[u], w + ": a U5 patient (NTS: advice, next working day) never needs the ambulance or the ED; give "
                         "this stream's need per urgency without them in its U5 row");
  }
  s.need.fill(0.0);
  for (std::size_t u = 0; u < urgency_count; ++u)
    for (std::size_t r = 0; r < response_count; ++r) s.need[r] += s.urgency[u] * s.need_by_urgency[u][r];
}

void Loader::surges(const Node& n) {
  if (!n.IsSequence()) r_.fail(n, "surges must be a list of {from, to, factor, streams}");
  for (const auto& x : n) {
    r_.check_keys(x, {"from", "to", "factor", "streams"}, "a surge");
    const Node from_node = r_.required(x, "from", "a surge"), to_node = r_.required(x, "to", "a surge");
    const long from = date(from_node, "surge from"), to = date(to_node, "surge to");
    if (to <= from)
      r_.fail(to_node, "surge 'to' (" + to_node.Scalar() + ") must be after 'from' (" + from_node.Scalar() + ")");
    Surge s;
    s.begin = static_cast<double>(from - start_day_) * minutes_per_day;
    s.end = static_cast<double>(to - start_day_) * minutes_per_day;
    s.factor = r_.number_at_least(r_.required(x, "factor", "a surge"), 0.0, "surge factor");
    if (const Node st = x["streams"]; st.IsDefined()) {
      if (!st.IsSequence() || st.size() == 0) r_.fail(st, "surge streams must be a non-empty list of stream names");
      for (const auto& name : st) s.streams[r_.choice(name, names_of(stream_names), "surge stream")] = true;
    } else {
      s.streams.fill(true);
    }
    cfg_.surges.push_back(s);
  }
}

// A region's own demand: {STREAM: {per_1000_per_year: x, profile: P}} for
// streams the scenario's demand has (their urgency and need mix apply).
void Loader::region_demand(const Node& regions) {
  for (std::size_t r = 0; r < cfg_.regions.size(); ++r) {
    const Node n = regions[r]["demand"];
    if (!n.IsDefined()) continue;
    Region& reg = cfg_.regions[r];
    const std::string what = "region '" + reg.name + "' demand";
    if (!reg.own) r_.fail(n, what + ": a neighbouring region (own: false) has no demand of its own");
    r_.check_keys(n, names_of(stream_names), what);
    for (const auto& kv : n) {
      const std::size_t s = r_.choice(kv.first, names_of(stream_names), what + " stream");
      const std::string w = what + " " + std::string(stream_names[s]);
      if (!cfg_.streams[s].enabled)
        r_.fail(kv.first, w + ": the scenario's demand has no " + std::string(stream_names[s]) +
                              " stream (its urgency and need mix come from there)");
      r_.check_keys(kv.second, {"per_1000_per_year", "profile"}, w);
      StreamVolume v;
      v.per_1000_per_year =
          r_.number_at_least(r_.required(kv.second, "per_1000_per_year", w), 0.0, w + " per_1000_per_year");
      if (const Node p = kv.second["profile"]; p.IsDefined()) v.profile = profile(p, w + " profile");
      reg.demand[s] = v;
    }
  }
}

// demand_growth: {per_year: g, base_year: Y}: the rates of every stream x
// (1 + g)^(y - Y) in calendar year y, one factor per year of the run.
void Loader::demand_growth(const Node& n) {
  r_.check_keys(n, {"per_year", "base_year"}, "demand_growth");
  const double g = r_.number(r_.required(n, "per_year", "demand_growth"), "demand_growth per_year");
  if (!(g >= -0.5 && g <= 0.5))
    r_.fail(n["per_year"], "demand_growth per_year must be in [-0.5, 0.5] (a share per year), not " + format_number(g));
  const long base = static_cast<long>(
      r_.integer(r_.required(n, "base_year", "demand_growth"), 1900, 2200, "demand_growth base_year"));
  const double end = cfg_.warmup + cfg_.horizon;
  for (long y = year_of(start_day_);; ++y) {
    const double from = std::max(0.0, static_cast<double>(days_from_civil(y, 1, 1) - start_day_) * minutes_per_day);
    if (from >= end) break;
    const double to = std::min(end, static_cast<double>(days_from_civil(y + 1, 1, 1) - start_day_) * minutes_per_day);
    Surge s;
    s.begin = from;
    s.end = to;
    s.factor = std::pow(1.0 + g, static_cast<double>(y - base));
    s.streams.fill(true);
    cfg_.growth.push_back(s);
  }
}

void Loader::zcc(const Node& n) {
  r_.check_keys(n,
                {"pooling", "overflow_after_minutes", "patient_hours", "books_ambulance_rides", "takeover",
                 "max_staff_per_location", "locations", "closed"},
                "zcc");
  Zcc& z = cfg_.zcc;
  const Node pooling = n["pooling"];
  if (pooling.IsDefined())
    z.pooling = r_.choice(pooling, {"pooled", "per_subregion"}, "zcc pooling") == 0 ? Pooling::pooled
                                                                                    : Pooling::per_subregion;
  if (const Node v = n["overflow_after_minutes"]; v.IsDefined())
    z.overflow_after = r_.number_at_least(v, 0.0, "zcc overflow_after_minutes");
  if (const Node v = n["patient_hours"]; v.IsDefined())
    z.patient_hours = r_.choice(v, {"out_of_hours", "always"}, "zcc patient_hours") == 0 ? PatientHours::out_of_hours
                                                                                         : PatientHours::always;
  if (const Node v = n["books_ambulance_rides"]; v.IsDefined())
    z.books_ambulance_rides = r_.boolean(v, "zcc books_ambulance_rides");
  if (const Node v = n["takeover"]; v.IsDefined()) z.takeover = r_.boolean(v, "zcc takeover");
  const Node max_staff = n["max_staff_per_location"];
  if (max_staff.IsDefined()) z.max_staff_per_location = count(max_staff, "zcc max_staff_per_location");
  const Node locations = r_.required(n, "locations", "zcc");
  if (!locations.IsSequence()) r_.fail(locations, "zcc locations must be a list of {name, site, subregions, rosters}");

  std::vector<std::string_view> zcc_sites;
  for (const Site& s : cfg_.sites)
    if (s.kind == SiteKind::zcc) zcc_sites.push_back(s.id);
  std::set<std::string> all_subregions;
  for (const Area& a : cfg_.areas)
    if (!a.subregion.empty()) all_subregions.insert(a.subregion);
  const std::vector<std::string_view> subregion_list(all_subregions.begin(), all_subregions.end());

  // each location's closed periods with the node that gave them (an index
  // into period_nodes: sorting must not assign Nodes, which would write
  // through them into the scenario's tree)
  std::vector<std::vector<std::pair<Closure, std::size_t>>> closed;
  std::vector<Node> period_nodes;
  for (const auto& x : locations) {
    r_.check_keys(x, {"name", "site", "subregions", "rosters", "closed", "max_staff"}, "a zcc location");
    ZccLocation loc;
    const Node name = r_.required(x, "name", "a zcc location");
    loc.name = text(name, "zcc location name");
    unique(name, loc.name, z.locations, &ZccLocation::name, "zcc location");
    const std::string what = "zcc location '" + loc.name + "'";
    const Node site = r_.required(x, "site", what);
    const std::string id = r_.string(site, what + " site");
    const auto it = std::find_if(cfg_.sites.begin(), cfg_.sites.end(), [&](const Site& s) { return s.id == id; });
    if (it == cfg_.sites.end()) r_.fail(site, "unknown zcc site '" + id + "'; zcc sites: " + join_or_none(zcc_sites));
    if (it->kind != SiteKind::zcc)
      r_.fail(site, "site '" + id + "' is " + with_article(site_kind_names[static_cast<std::size_t>(it->kind)]) +
                        " site, not a zcc site; zcc sites: " + join_or_none(zcc_sites));
    loc.site = static_cast<std::size_t>(it - cfg_.sites.begin());
    if (const Node subs = x["subregions"]; subs.IsDefined()) {
      if (!subs.IsSequence()) r_.fail(subs, what + " subregions must be a list of subregion names");
      for (const auto& sub : subs) {
        const std::string s = text(sub, what + " subregion");
        if (!all_subregions.count(s))
          r_.fail(sub, what + " subregion '" + s +
                           "' is not the subregion of any area; subregions: " + join_or_none(subregion_list));
        loc.subregions.push_back(s);
      }
    }
    const Node rosters = r_.required(x, "rosters", what);
    disciplines(rosters, loc.rosters, what + " rosters");
    closed.emplace_back();
    if (const Node v = x["closed"]; v.IsDefined()) {
      if (!v.IsSequence()) r_.fail(v, what + " closed must be a list of periods {from, to}");
      for (const auto& c : v) {
        closed.back().emplace_back(closure(c, what + " closed", {"from", "to"}), period_nodes.size());
        period_nodes.push_back(c);
      }
    }
    const Node own_max = x["max_staff"];
    loc.max_staff = own_max.IsDefined() ? count(own_max, what + " max_staff") : z.max_staff_per_location;
    staff_limit(rosters, loc, what);
    z.locations.push_back(std::move(loc));
  }
  // zcc.closed: periods by location name (a variant closes a location
  // without repeating its rosters)
  if (const Node v = n["closed"]; v.IsDefined()) {
    if (!v.IsSequence()) r_.fail(v, "zcc closed must be a list of periods {location, from, to}");
    std::vector<std::string_view> names;
    for (const ZccLocation& loc : z.locations) names.push_back(loc.name);
    for (const auto& c : v) {
      const std::size_t i = r_.choice(r_.required(c, "location", "a zcc closed period"), names, "zcc closed location");
      closed[i].emplace_back(closure(c, "zcc closed", {"location", "from", "to"}), period_nodes.size());
      period_nodes.push_back(c);
    }
  }
  for (std::size_t i = 0; i < closed.size(); ++i) {
    auto& periods = closed[i];
    std::stable_sort(periods.begin(), periods.end(),
                     [](const auto& a, const auto& b) { return a.first.from < b.first.from; });
    for (std::size_t k = 0; k < periods.size(); ++k) {
      if (k > 0 && periods[k].first.from < periods[k - 1].first.to)
        r_.fail(period_nodes[periods[k].second],
                "zcc location '" + z.locations[i].name + "' closed periods overlap; join them into one period");
      z.locations[i].closed.push_back(periods[k].first);
    }
  }

  if (z.pooling == Pooling::per_subregion) {
    std::set<std::string> own_subregions;
    for (const Area& a : cfg_.areas)
      if (cfg_.regions[a.region].own && !a.subregion.empty()) own_subregions.insert(a.subregion);
    for (const std::string& sub : own_subregions) {
      bool served = false;
      for (const ZccLocation& loc : z.locations)
        served = served || std::find(loc.subregions.begin(), loc.subregions.end(), sub) != loc.subregions.end();
      if (!served)
        r_.fail(pooling, "zcc pooling per_subregion: subregion '" + sub +
                             "' of own areas is served by no zcc location; add it to a location's subregions");
    }
  }
}

Closure Loader::closure(const Node& x, const std::string& what, const std::vector<std::string_view>& keys) const {
  r_.check_keys(x, keys, what);
  const Node from = r_.required(x, "from", what), to = r_.required(x, "to", what);
  const Closure c{moment(from, what + " from"), moment(to, what + " to")};
  if (c.to <= c.from) r_.fail(to, what + " 'to' (" + to.Scalar() + ") must be after 'from' (" + from.Scalar() + ")");
  return c;
}

// A location's rosters may not put more triagists (all disciplines) on duty
// at once than it can recruit; the error names the busiest hour.
void Loader::staff_limit(const Node& at, const ZccLocation& loc, const std::string& what) const {
  if (!loc.max_staff) return;
  std::size_t peak = 0;
  std::array<std::uint32_t, 168> on_duty{};
  for (std::size_t h = 0; h < 168; ++h) {
    for (const Roster& r : loc.rosters) on_duty[h] += r[h];
    if (on_duty[h] > on_duty[peak]) peak = h;
  }
  if (on_duty[peak] <= *loc.max_staff) return;
  const std::string hour = (peak % 24 < 10 ? "0" : "") + std::to_string(peak % 24) + ":00";
  r_.fail(at, what + " rosters put " + std::to_string(on_duty[peak]) + " triagists on duty on " +
                  weekday_names[peak / 24] + " " + hour + ", more than the " + std::to_string(*loc.max_staff) +
                  " it can recruit (max_staff); lower its rosters or raise max_staff");
}

template <class Out>
void Loader::disciplines(const Node& n, std::array<Out, discipline_count>& out, const std::string& what) const {
  r_.check_keys(n, names_of(discipline_names), what);
  for (std::size_t d = 0; d < discipline_count; ++d)
    if (const Node v = n[std::string(discipline_names[d])]; v.IsDefined())
      out[d] = roster(v, what + " " + std::string(discipline_names[d]));
}

TriageRule Loader::triage_rule(const Node& n, const std::string& what,
                               const std::vector<std::string_view>& more_keys) const {
  std::vector<std::string_view> keys{"time", "transfer_probability", "self_triage_time_factor", "accuracy"};
  keys.insert(keys.end(), more_keys.begin(), more_keys.end());
  r_.check_keys(n, keys, what);
  TriageRule rule;
  const Node time = r_.required(n, "time", what);
  r_.check_keys(time, names_of(discipline_names), what + " time");
  for (std::size_t d = 0; d < discipline_count; ++d) {
    const std::string disc(discipline_names[d]);
    rule.time[d] = r_.distribution(r_.required(time, disc, what + " time"), what + " time " + disc);
  }
  rule.transfer_probability =
      r_.probability(r_.required(n, "transfer_probability", what), what + " transfer_probability");
  if (const Node v = n["self_triage_time_factor"]; v.IsDefined())
    rule.self_triage_time_factor = r_.positive(v, what + " self_triage_time_factor");
  for (std::size_t i = 0; i < response_count; ++i) rule.accuracy[i][i] = 1.0;
  if (const Node acc = n["accuracy"]; acc.IsDefined()) {
    const std::string w = what + " accuracy";
    r_.require_map(acc, w);
    for (const auto& kv : acc) {
      const std::string need = r_.string(kv.first, w + " need");
      const auto it = std::find(std::begin(response_names), std::end(response_names), need);
      if (it == std::end(response_names))
        r_.fail(kv.first, "unknown need '" + need + "' in " + w + "; allowed: " + join(names_of(response_names)));
      const auto i = static_cast<std::size_t>(it - std::begin(response_names));
      rule.accuracy[i] = mix(kv.second, response_names, w + " " + need, "response");
    }
  }
  return rule;
}

// triage.dispatch: the dispatchers' triage rule and the dispatch room.
void Loader::dispatch(const Node& n) {
  const std::string what = "triage dispatch";
  cfg_.dispatch_triage =
      triage_rule(n, what, {"warm_transfer_from", "warm_transfer_share", "urgency_over_triage", "request_time"});
  Dispatch& d = cfg_.dispatch;
  d.request_time = r_.distribution(r_.required(n, "request_time", what), what + " request_time");
  if (const Node v = n["warm_transfer_from"]; v.IsDefined())
    d.warm_transfer_from =
        static_cast<std::uint8_t>(r_.choice(v, names_of(urgency_names), what + " warm_transfer_from"));
  if (const Node v = n["warm_transfer_share"]; v.IsDefined())
    d.warm_transfer_share = r_.probability(v, what + " warm_transfer_share");
  if (const Node v = n["urgency_over_triage"]; v.IsDefined())
    d.urgency_over_triage = r_.probability(v, what + " urgency_over_triage");
}

void Loader::triage(const Node& n) {
  r_.check_keys(n, {"mode", "zcc", "fragmented", "dispatch", "recontact"}, "triage");
  const Node mode = r_.required(n, "mode", "triage");
  cfg_.mode = r_.choice(mode, {"zcc", "fragmented"}, "triage mode") == 0 ? TriageMode::zcc : TriageMode::fragmented;
  if (cfg_.mode == TriageMode::zcc && cfg_.zcc.locations.empty())
    r_.fail(mode, "triage mode zcc needs a zcc section with at least one location");
  cfg_.zcc_triage = triage_rule(r_.required(n, "zcc", "triage"), "triage zcc");
  cfg_.fragmented_triage = triage_rule(r_.required(n, "fragmented", "triage"), "triage fragmented");
  // 112 dispatchers triage with their own rule (and the dispatch room's keys)
  dispatch(r_.required(n, "dispatch", "triage"));
  const Node rc = r_.required(n, "recontact", "triage");
  r_.check_keys(rc, {"probability", "delay"}, "triage recontact");
  cfg_.recontact.probability =
      r_.probability(r_.required(rc, "probability", "triage recontact"), "triage recontact probability");
  cfg_.recontact.delay = r_.distribution(r_.required(rc, "delay", "triage recontact"), "triage recontact delay");
}

void Loader::phone(const Node& n) {
  r_.check_keys(n, {"patience", "redial_probability", "redial_delay", "gave_up"}, "phone");
  cfg_.phone.patience = r_.distribution(r_.required(n, "patience", "phone"), "phone patience");
  cfg_.phone.redial_probability =
      r_.probability(r_.required(n, "redial_probability", "phone"), "phone redial_probability");
  cfg_.phone.redial_delay = r_.distribution(r_.required(n, "redial_delay", "phone"), "phone redial_delay");
  const Node g = r_.required(n, "gave_up", "phone");
  r_.check_keys(g, {"urgent", "other"}, "phone gave_up");
  cfg_.phone.gave_up_urgent =
      mix(r_.required(g, "urgent", "phone gave_up"), gave_up_names, "phone gave_up urgent", "path");
  cfg_.phone.gave_up_other =
      mix(r_.required(g, "other", "phone gave_up"), gave_up_names, "phone gave_up other", "path");
}

// Given, the norms replace the defaults: an urgency not listed has none.
void Loader::safety(const Node& n) {
  r_.check_keys(n, {"care_norm_minutes"}, "safety");
  const Node norms = r_.required(n, "care_norm_minutes", "safety");
  r_.check_keys(norms, names_of(urgency_names), "safety care_norm_minutes");
  for (std::size_t u = 0; u < urgency_count; ++u) {
    const Node v = norms[std::string(urgency_names[u])];
    cfg_.safety.care_norm[u] = v.IsDefined() ? std::optional<double>(r_.positive(
                                                   v, "safety care_norm_minutes " + std::string(urgency_names[u])))
                                             : std::nullopt;
  }
}

void Loader::responses(const Node& n) {
  r_.check_keys(n, names_of(response_names), "responses");
  for (std::size_t i = 0; i < response_count; ++i) {
    const std::string name(response_names[i]);
    const std::string what = "responses " + name;
    const Node v = r_.required(n, name, "responses");
    const bool gp_sees = i == static_cast<std::size_t>(Response::hap_consult) ||
                         i == static_cast<std::size_t>(Response::gp_home_visit);
    if (gp_sees) r_.check_keys(v, {"level", "service", "refer_on"}, what);
    else r_.check_keys(v, {"level", "service"}, what);
    cfg_.responses[i].level = static_cast<int>(r_.integer(r_.required(v, "level", what), 0, 100, what + " level"));
    cfg_.responses[i].service = r_.distribution(r_.required(v, "service", what), what + " service");
    if (const Node r = v["refer_on"]; gp_sees && r.IsDefined())
      cfg_.responses[i].refer_on = r_.probability(r, what + " refer_on");
  }
}

void Loader::ambulance(const Node& n) {
  r_.check_keys(n,
                {"urgency_class", "dispatch_delay", "on_scene", "handover", "transport_when_needed",
                 "transport_when_not_needed", "norm_minutes", "direct_admission_share", "prealert_minutes",
                 "help_after_minutes", "help_max_minutes", "help_other_centre_after_minutes", "help_request_minutes"},
                "ambulance");
  Ambulance& a = cfg_.ambulance;
  const std::vector<std::string_view> classes{"A1", "A2", "B"};
  if (const Node uc = n["urgency_class"]; uc.IsDefined()) {
    r_.check_keys(uc, names_of(urgency_names), "ambulance urgency_class");
    for (std::size_t u = 0; u < urgency_count; ++u)
      if (const Node v = uc[std::string(urgency_names[u])]; v.IsDefined())
        a.urgency_class[u] = static_cast<std::uint8_t>(
            r_.choice(v, classes, "ambulance urgency_class " + std::string(urgency_names[u])));
  }
  a.dispatch_delay = r_.distribution(r_.required(n, "dispatch_delay", "ambulance"), "ambulance dispatch_delay");
  a.on_scene = r_.distribution(r_.required(n, "on_scene", "ambulance"), "ambulance on_scene");
  a.handover = r_.distribution(r_.required(n, "handover", "ambulance"), "ambulance handover");
  if (const Node v = n["transport_when_needed"]; v.IsDefined())
    a.transport_when_needed = r_.probability(v, "ambulance transport_when_needed");
  if (const Node v = n["transport_when_not_needed"]; v.IsDefined())
    a.transport_when_not_needed = r_.probability(v, "ambulance transport_when_not_needed");
  if (const Node nm = n["norm_minutes"]; nm.IsDefined()) {
    r_.check_keys(nm, classes, "ambulance norm_minutes");
    for (std::size_t c = 0; c < classes.size(); ++c)
      if (const Node v = nm[std::string(classes[c])]; v.IsDefined())
        a.norm_minutes[c] = r_.positive(v, "ambulance norm_minutes " + std::string(classes[c]));
  }
  if (const Node v = n["direct_admission_share"]; v.IsDefined())
    a.direct_admission_share = r_.probability(v, "ambulance direct_admission_share");
  if (const Node v = n["prealert_minutes"]; v.IsDefined())
    a.prealert_minutes = r_.number_at_least(v, 0.0, "ambulance prealert_minutes");
  if (const Node v = n["help_after_minutes"]; v.IsDefined())
    a.help_after_minutes = r_.number_at_least(v, 0.0, "ambulance help_after_minutes");
  if (const Node v = n["help_max_minutes"]; v.IsDefined())
    a.help_max_minutes = r_.number_at_least(v, 0.0, "ambulance help_max_minutes");
  for (const char* key : {"help_other_centre_after_minutes", "help_request_minutes"}) {
    const Node v = n[key];
    if (!v.IsDefined()) continue;
    if (cfg_.dispatch_centres.empty())
      r_.fail(r_.key_node(n, key), std::string("ambulance ") + key +
                                       " needs dispatch_centres (help across dispatch centres); list them under "
                                       "dispatch_centres: [{id, name, lat, lon, ravs}, ...]");
    const double x = r_.number_at_least(v, 0.0, std::string("ambulance ") + key);
    if (std::string_view(key) == "help_request_minutes") a.help_request_minutes = x;
    else a.help_other_centre_after_minutes = x;
  }
}

void Loader::ed(const Node& n) {
  r_.check_keys(n, {"los_discharged", "los_admitted", "admission_share", "vvt_after_ed_share"}, "ed");
  Ed& e = cfg_.ed;
  e.los_discharged = r_.distribution(r_.required(n, "los_discharged", "ed"), "ed los_discharged");
  e.los_admitted = r_.distribution(r_.required(n, "los_admitted", "ed"), "ed los_admitted");
  if (const Node v = n["admission_share"]; v.IsDefined()) e.admission_share = r_.probability(v, "ed admission_share");
  if (const Node v = n["vvt_after_ed_share"]; v.IsDefined())
    e.vvt_after_ed_share = r_.probability(v, "ed vvt_after_ed_share");
}

// hospital: {los_days, transfer_prep_minutes}; required when an ED has
// hospital_beds, unused otherwise.
void Loader::hospital(const Node& n) {
  r_.check_keys(n, {"los_days", "transfer_prep_minutes"}, "hospital");
  HospitalRules& h = cfg_.hospital;
  h.los_days = r_.distribution(r_.required(n, "los_days", "hospital"), "hospital los_days");
  if (const Node v = n["transfer_prep_minutes"]; v.IsDefined())
    h.transfer_prep_minutes = r_.number_at_least(v, 0.0, "hospital transfer_prep_minutes");
}

void Loader::nearby_choice(const Node& n, const std::string& key, NearbyChoice& c) {
  r_.check_keys(n, {"max_extra_minutes"}, key);
  if (const Node v = n["max_extra_minutes"]; v.IsDefined())
    c.max_extra_minutes = r_.number_at_least(v, 0.0, key + " max_extra_minutes");
}

void Loader::beds(const Node& n) {
  r_.check_keys(n,
                {"types", "attempt_minutes", "lookup_minutes", "retry_after_minutes", "neighbour_free_probability",
                 "providers_per_site", "connected_share"},
                "beds");
  Beds& b = cfg_.beds;
  // types: {TYPE: {share, length_of_stay_days, admission_hours, acceptance}}; the shares sum to 1
  const Node types = r_.required(n, "types", "beds");
  r_.require_map(types, "beds types");
  r_.check_keys(types, names_of(bed_type_names), "beds types");
  double sum = 0;
  for (std::size_t t = 0; t < bed_type_count; ++t) {
    const std::string name(bed_type_names[t]);
    const Node x = types[name];
    if (!x.IsDefined()) continue;  // share 0: no patient needs it
    const std::string what = "beds types " + name;
    r_.check_keys(x, {"share", "length_of_stay_days", "admission_hours", "acceptance"}, what);
    BedTypeRule& rule = b.types[t];
    rule.share = r_.probability(r_.required(x, "share", what), what + " share");
    sum += rule.share;
    rule.length_of_stay_days =
        r_.distribution(r_.required(x, "length_of_stay_days", what), what + " length_of_stay_days");
    if (const Node v = x["acceptance"]; v.IsDefined()) rule.acceptance = r_.probability(v, what + " acceptance");
    if (const Node v = x["admission_hours"]; v.IsDefined()) rule.admission = admission_hours(v, what);
  }
  if (std::abs(sum - 1.0) > mix_tolerance) r_.fail(types, "beds types shares sum to " + format_number(sum) + ", not 1");
  if (const Node v = n["attempt_minutes"]; v.IsDefined()) b.attempt_minutes = r_.positive(v, "beds attempt_minutes");
  if (const Node v = n["lookup_minutes"]; v.IsDefined())
    b.lookup_minutes = r_.number_at_least(v, 0.0, "beds lookup_minutes");
  if (const Node v = n["retry_after_minutes"]; v.IsDefined())
    b.retry_after = r_.positive(v, "beds retry_after_minutes");
  if (const Node v = n["neighbour_free_probability"]; v.IsDefined())
    b.neighbour_free_probability = r_.probability(v, "beds neighbour_free_probability");
  if (const Node v = n["providers_per_site"]; v.IsDefined())
    b.providers_per_site = static_cast<std::uint32_t>(r_.integer(v, 1, 1000, "beds providers_per_site"));
  if (const Node v = n["connected_share"]; v.IsDefined()) b.connected_share = r_.probability(v, "beds connected_share");
}

// admission_hours: always (24/7), or {from, to, days} with hours 0-24 and
// days all (default) or weekdays.
AdmissionHours Loader::admission_hours(const Node& v, const std::string& type) const {
  const std::string what = type + " admission_hours";
  AdmissionHours h;
  if (v.IsScalar()) {
    r_.choice(v, {"always"}, what + " (always, or {from, to, days})");
    return h;
  }
  if (!v.IsMap()) r_.fail(v, what + " must be 'always' or a map {from, to, days}");
  r_.check_keys(v, {"from", "to", "days"}, what);
  const Node from = r_.required(v, "from", what), to = r_.required(v, "to", what);
  h.from = static_cast<std::uint32_t>(r_.integer(from, 0, 23, what + " from"));
  h.to = static_cast<std::uint32_t>(r_.integer(to, 1, 24, what + " to"));
  if (h.to <= h.from) r_.fail(to, what + " 'to' (" + to.Scalar() + ") must be after 'from' (" + from.Scalar() + ")");
  if (const Node d = v["days"]; d.IsDefined()) h.weekdays_only = r_.choice(d, {"all", "weekdays"}, what + " days") == 1;
  return h;
}

void Loader::costs(const Node& n) {
  r_.check_keys(n,
                {"tariffs", "ambulance_b", "ambulance_no_transport", "ambulance_per_km", "bed_day", "own_gp_contact",
                 "wrong_bed_hour", "hospital_bed_day", "hospital_transfer", "payer", "resources", "zcc_per_location"},
                "costs");
  Costs& c = cfg_.costs;
  auto euro = [&](const Node& map, const std::string& key, const std::string& what) {
    return r_.number_at_least(r_.required(map, key, what), 0.0, what + " " + key);
  };
  if (const Node t = n["tariffs"]; t.IsDefined()) {
    r_.check_keys(t, names_of(response_names), "costs tariffs");
    for (std::size_t i = 0; i < response_count; ++i)
      if (const Node v = t[std::string(response_names[i])]; v.IsDefined())
        c.tariff[i] = r_.number_at_least(v, 0.0, "costs tariffs " + std::string(response_names[i]));
  }
  c.ambulance_b = euro(n, "ambulance_b", "costs");
  c.ambulance_no_transport = euro(n, "ambulance_no_transport", "costs");
  c.ambulance_per_km = euro(n, "ambulance_per_km", "costs");
  {  // bed_day: {TYPE: euro}, every bed type
    const Node bd = r_.required(n, "bed_day", "costs");
    if (!bd.IsMap())
      r_.fail(bd,
              "costs bed_day must be a map of bed type to euro per day; bed types: " + join(names_of(bed_type_names)));
    r_.check_keys(bd, names_of(bed_type_names), "costs bed_day");
    for (std::size_t t = 0; t < bed_type_count; ++t)
      c.bed_day[t] = euro(bd, std::string(bed_type_names[t]), "costs bed_day");
  }
  c.own_gp_contact = euro(n, "own_gp_contact", "costs");
  c.wrong_bed_hour = euro(n, "wrong_bed_hour", "costs");
  // hospital beds: required when an ED has hospital_beds (every admitted patient is costed), else optional
  for (auto [key, out] :
       {std::pair{"hospital_bed_day", &c.hospital_bed_day}, std::pair{"hospital_transfer", &c.hospital_transfer}}) {
    if (const Node v = n[key]; v.IsDefined()) *out = r_.number_at_least(v, 0.0, std::string("costs ") + key);
    else if (cfg_.hospital_beds) *out = euro(n, key, "costs");  // fails: required
  }

  // who pays: every item with a price > 0 names its payer (an error points at the price)
  const Node payer = r_.required(n, "payer", "costs");
  r_.check_keys(payer, names_of(price_names), "costs payer");
  for (std::size_t i = 0; i < price_count; ++i) {
    const std::string item(price_names[i]);
    const double priced = price(c, static_cast<Price>(i));
    if (const Node v = payer[item]; v.IsDefined()) {
      c.payer[i] = static_cast<Payer>(r_.choice(v, names_of(payer_names), "costs payer " + item));
    } else if (priced > 0) {
      const bool bed_day = i >= static_cast<std::size_t>(Price::bed_day_elv_low) &&
                           i <= static_cast<std::size_t>(Price::bed_day_crisis);
      const Node at = i < response_count ? n["tariffs"][item]
                      : bed_day          ? n["bed_day"][item.substr(std::string("bed_day_").size())]
                                         : n[item];
      r_.fail(at, "costs " + std::string(i < response_count ? "tariffs " : "") + item + " is priced (" +
                      format_number(priced) + " euro) but costs payer names no payer for it; add '" + item +
                      "' to costs payer with one of: " + join(names_of(payer_names)));
    }
  }

  const Node res = r_.required(n, "resources", "costs");
  const std::string rw = "costs resources";
  r_.check_keys(res,
                {"triagist_hourly", "dispatcher_hourly", "gp_hourly", "car_hourly", "ambulance_hourly",
                 "ed_place_hourly", "ggz_team_hourly", "nursing_team_hourly", "bed_day", "hospital_bed_day"},
                rw);
  ResourceCosts& rc = c.resources;
  const Node th = r_.required(res, "triagist_hourly", rw);
  r_.check_keys(th, names_of(discipline_names), rw + " triagist_hourly");
  for (std::size_t d = 0; d < discipline_count; ++d)
    rc.triagist_hourly[d] = euro(th, std::string(discipline_names[d]), rw + " triagist_hourly");
  rc.dispatcher_hourly = euro(res, "dispatcher_hourly", rw);
  rc.gp_hourly = euro(res, "gp_hourly", rw);
  rc.car_hourly = euro(res, "car_hourly", rw);
  rc.ambulance_hourly = euro(res, "ambulance_hourly", rw);
  rc.ed_place_hourly = euro(res, "ed_place_hourly", rw);
  rc.ggz_team_hourly = euro(res, "ggz_team_hourly", rw);
  rc.nursing_team_hourly = euro(res, "nursing_team_hourly", rw);
  rc.bed_day = euro(res, "bed_day", rw);
  if (const Node v = res["hospital_bed_day"]; v.IsDefined())
    rc.hospital_bed_day = r_.number_at_least(v, 0.0, rw + " hospital_bed_day");
  else if (cfg_.hospital_beds) rc.hospital_bed_day = euro(res, "hospital_bed_day", rw);  // fails: required

  const Node z = r_.required(n, "zcc_per_location", "costs");
  const std::string zw = "costs zcc_per_location";
  r_.check_keys(z, {"it", "capacity_platform", "premises", "management"}, zw);
  c.zcc.it = euro(z, "it", zw);
  c.zcc.capacity_platform = euro(z, "capacity_platform", zw);
  c.zcc.premises = euro(z, "premises", zw);
  c.zcc.management = euro(z, "management", zw);
}

// budget: {years, ramp_up: [per year], one_off_meur: {project, training,
// it_setup: [per year]}, discount_rate}; every list has `years` values.
void Loader::budget(const Node& n) {
  r_.check_keys(n, {"years", "ramp_up", "one_off_meur", "discount_rate"}, "budget");
  Budget b;
  const auto years = static_cast<std::size_t>(r_.integer(r_.required(n, "years", "budget"), 1, 50, "budget years"));
  const auto per_year = [&](const Node& v, const std::string& what, bool share) {
    if (!v.IsSequence() || v.size() != years)
      r_.fail(v, what + " must be a list of " + std::to_string(years) + " values (one per budget year)");
    std::vector<double> out;
    for (const auto& x : v) out.push_back(share ? r_.probability(x, what) : r_.number_at_least(x, 0.0, what));
    return out;
  };
  b.ramp_up = per_year(r_.required(n, "ramp_up", "budget"), "budget ramp_up", true);
  const Node oo = r_.required(n, "one_off_meur", "budget");
  r_.check_keys(oo, {"project", "training", "it_setup"}, "budget one_off_meur");
  const auto part = [&](const char* key) {
    const Node v = oo[key];
    return v.IsDefined() ? per_year(v, std::string("budget one_off_meur ") + key, false)
                         : std::vector<double>(years, 0.0);
  };
  b.project = part("project");
  b.training = part("training");
  b.it_setup = part("it_setup");
  b.one_off.resize(years);
  for (std::size_t y = 0; y < years; ++y) b.one_off[y] = b.project[y] + b.training[y] + b.it_setup[y];
  const Node dr = r_.required(n, "discount_rate", "budget");
  b.discount_rate = r_.probability(dr, "budget discount_rate");
  if (b.discount_rate > 0.2) r_.fail(dr, "budget discount_rate must be <= 0.2 (a yearly rate), not " + dr.Scalar());
  cfg_.budget = std::move(b);
}

void Loader::calendar(const Node& n) {
  r_.check_keys(n, {"public_holidays", "holiday_as"}, "calendar");
  Calendar& c = cfg_.calendar;
  const Node list = r_.required(n, "public_holidays", "calendar");
  if (!list.IsSequence()) r_.fail(list, "calendar public_holidays must be a list of holiday names (or [])");
  for (const auto& x : list) {
    const auto h = static_cast<Holiday>(r_.choice(x, names_of(holiday_names), "public holiday"));
    if (std::find(c.public_holidays.begin(), c.public_holidays.end(), h) != c.public_holidays.end())
      r_.fail(x, "public holiday '" + x.Scalar() + "' is listed twice");
    c.public_holidays.push_back(h);
  }
  if (const Node v = n["holiday_as"]; v.IsDefined())
    c.holiday_as = static_cast<std::uint8_t>(
        r_.choice(v, {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}, "calendar holiday_as day"));
}

AcuteConfig Loader::load() {
  const Node& root = r_.root();
  r_.check_keys(root, top_keys, "an acute scenario");
  r_.choice(r_.required(root, "model", "the scenario"), {"acute"}, "model");
  if (const Node v = root["name"]; v.IsDefined()) cfg_.name = r_.string(v, "name");
  if (const Node v = root["start_date"]; v.IsDefined()) {
    start_day_ = date(v, "start_date");
    const int wd = weekday_of(start_day_);
    if (wd != 0) r_.fail(v, "start_date " + v.Scalar() + " is a " + weekday_names[wd] + "; it must be a Monday");
    cfg_.start_date = v.Scalar();
  } else {
    parse_iso_date(cfg_.start_date, start_day_);
  }
  const auto days = [&](const Node& v, const char* what) {
    const double d = r_.number(v, what);
    if (d > max_run_days) r_.fail(v, std::string(what) + " must be <= 36525 (100 years), not " + v.Scalar());
    return d * minutes_per_day;
  };
  if (const Node v = root["horizon_days"]; v.IsDefined()) {
    r_.positive(v, "horizon_days");
    cfg_.horizon = days(v, "horizon_days");
  }
  if (const Node v = root["warmup_days"]; v.IsDefined()) {
    r_.number_at_least(v, 0.0, "warmup_days");
    cfg_.warmup = days(v, "warmup_days");
  }
  if (const Node v = root["max_arrivals"]; v.IsDefined())
    cfg_.max_arrivals =
        static_cast<std::uint64_t>(r_.integer(v, 1, std::numeric_limits<std::int64_t>::max(), "max_arrivals"));

  if (const Node v = root["calendar"]; v.IsDefined() && !v.IsNull()) calendar(v);
  // the day of week whose hours apply, per day of the run and a week more
  // (next_office_opening looks ahead): one lookup per use in the model
  const auto run_days = static_cast<std::size_t>(std::ceil((cfg_.warmup + cfg_.horizon) / minutes_per_day)) + 7;
  cfg_.calendar.day_of_week =
      day_of_week_table(start_day_, run_days, cfg_.calendar.public_holidays, cfg_.calendar.holiday_as);

  regions(r_.required(root, "regions", "the scenario"));
  if (const Node v = root["ravs"]; v.IsDefined() && !v.IsNull()) ravs(v);
  if (const Node v = root["dispatch_centres"]; v.IsDefined() && !v.IsNull()) dispatch_centres(v);
  areas(r_.required(root, "areas", "the scenario"));
  sites(r_.required(root, "sites", "the scenario"));
  road(root["road"]);
  demand(r_.required(root, "demand", "the scenario"));
  region_demand(root["regions"]);
  if (const Node v = root["surges"]; v.IsDefined()) surges(v);
  if (const Node v = root["demand_growth"]; v.IsDefined() && !v.IsNull()) demand_growth(v);
  if (const Node v = root["zcc"]; v.IsDefined() && !v.IsNull()) zcc(v);
  triage(r_.required(root, "triage", "the scenario"));
  phone(r_.required(root, "phone", "the scenario"));
  if (const Node v = root["safety"]; v.IsDefined()) safety(v);
  if (const Node v = root["fragmented_rosters"]; v.IsDefined())
    disciplines(v, cfg_.fragmented_rosters, "fragmented_rosters");
  cfg_.dispatchers = roster(r_.required(root, "dispatchers", "the scenario"), "dispatchers");
  cfg_.home_visit_cars = roster(r_.required(root, "home_visit_cars", "the scenario"), "home_visit_cars");
  cfg_.nursing_teams = roster(r_.required(root, "nursing_teams", "the scenario"), "nursing_teams");
  if (const Node v = root["capacity_insight"]; v.IsDefined()) cfg_.capacity_insight = r_.boolean(v, "capacity_insight");
  responses(r_.required(root, "responses", "the scenario"));
  ambulance(r_.required(root, "ambulance", "the scenario"));
  ed(r_.required(root, "ed", "the scenario"));
  for (auto [key, choice] : {std::pair{"ed_choice", &cfg_.ed_choice}, std::pair{"hap_choice", &cfg_.hap_choice},
                             std::pair{"ggz_choice", &cfg_.ggz_choice}})
    if (const Node n = root[key]; n.IsDefined()) nearby_choice(n, key, *choice);
  beds(r_.required(root, "beds", "the scenario"));
  if (cfg_.hospital_beds) hospital(r_.required(root, "hospital", "the scenario (an ED has hospital_beds)"));
  else if (const Node v = root["hospital"]; v.IsDefined() && !v.IsNull()) hospital(v);
  costs(r_.required(root, "costs", "the scenario"));
  if (const Node v = root["budget"]; v.IsDefined() && !v.IsNull()) budget(v);
  const double expected = expected_arrivals(cfg_);
  if (expected > static_cast<double>(cfg_.max_arrivals)) {
    const Node at = root["max_arrivals"].IsDefined() ? root["max_arrivals"] : r_.key_node(root, "horizon_days");
    r_.fail(at, too_many_arrivals(expected, cfg_.max_arrivals));
  }
  return std::move(cfg_);
}

}  // namespace

bool parse_iso_date(const std::string& s, long& days_since_epoch) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (i != 4 && i != 7 && !std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  const long y = std::stol(s.substr(0, 4)), m = std::stol(s.substr(5, 2)), d = std::stol(s.substr(8, 2));
  if (m < 1 || m > 12 || d < 1) return false;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  constexpr long month_days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (d > month_days[m - 1] + (m == 2 && leap ? 1 : 0)) return false;
  days_since_epoch = days_from_civil(y, m, d);
  return true;
}

std::vector<DemandGroup> demand_groups(const AcuteConfig& cfg, std::size_t s) {
  const Stream& st = cfg.streams[s];
  std::vector<DemandGroup> groups;
  if (!st.enabled) return groups;
  // group 0: the own regions without their own volume of s; then one per region with it
  DemandGroup common;
  double common_pop = 0;
  for (std::size_t a = 0; a < cfg.areas.size(); ++a) {
    const Region& reg = cfg.regions[cfg.areas[a].region];
    if (reg.own && !reg.demand[s]) {
      common.areas.push_back(static_cast<std::uint32_t>(a));
      common_pop += cfg.areas[a].population;
    }
  }
  const auto profile = [&](double per_1000, double population, const WeekProfile& shape) {
    sim::RateProfile prof;
    prof.hour_length = 60.0;
    const double base = per_1000 * population / 1000.0 / (365.0 * minutes_per_day);
    for (std::size_t h = 0; h < 168; ++h) prof.hourly[h] = base * shape[h];
    prof.day_of_week = cfg.calendar.day_of_week;  // a public holiday has a Sunday's profile
    for (const Surge& sg : cfg.surges)
      if (sg.streams[s]) prof.surges.push_back({sg.begin, sg.end, sg.factor});
    for (const Surge& sg : cfg.growth) prof.surges.push_back({sg.begin, sg.end, sg.factor});
    return prof;
  };
  if (!common.areas.empty() && st.per_1000_per_year > 0) {
    common.profile = profile(st.per_1000_per_year, common_pop, st.profile);
    groups.push_back(std::move(common));
  }
  for (std::size_t r = 0; r < cfg.regions.size(); ++r) {
    const auto& own = cfg.regions[r].demand[s];
    if (!cfg.regions[r].own || !own || own->per_1000_per_year <= 0) continue;
    DemandGroup g;
    g.region = r;
    double pop = 0;
    for (std::size_t a = 0; a < cfg.areas.size(); ++a)
      if (cfg.areas[a].region == r) {
        g.areas.push_back(static_cast<std::uint32_t>(a));
        pop += cfg.areas[a].population;
      }
    if (g.areas.empty()) continue;
    g.profile = profile(own->per_1000_per_year, pop, own->profile ? *own->profile : st.profile);
    groups.push_back(std::move(g));
  }
  return groups;
}

double expected_arrivals(const AcuteConfig& cfg) {
  double sum = 0.0;
  for (std::size_t s = 0; s < stream_count; ++s)
    for (const DemandGroup& g : demand_groups(cfg, s)) sum += g.profile.integral(0.0, cfg.warmup + cfg.horizon);
  return sum;
}

AcuteConfig load_acute(const YamlReader& reader) {
  const YamlReader merged = reader.extended();
  return Loader(merged).load();
}

AcuteConfig load_acute_file(const std::string& path) { return load_acute(YamlReader::load_file(path)); }

std::string resolved_scenario_text(const std::string& path) { return YamlReader::load_file(path).extended().text(); }

}  // namespace zccsim::models::acute
