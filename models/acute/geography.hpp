// SPDX-License-Identifier: MIT
// Travel times along a road graph (Boost Graph). Places are the areas
// followed by the sites; each place links to its k nearest places, plus the
// edges of a minimum spanning tree so the graph is always connected. Edge
// length = straight-line km x detour factor; shortest paths by Dijkstra.
#pragma once

#include "acute_config.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace zccsim::models::acute {

class Geography {
 public:
  explicit Geography(const AcuteConfig& cfg);

  // Road km from a site to an area / to another site (an area's distances
  // to all sites lie together: a search over the sites near an area reads
  // one row). An area with radius_km > 0: the mean over its inhabitants,
  // the road km to its centroid + (mean_km_to_disc - the straight km to the
  // centroid) x detour factor.
  double km_site_area(std::size_t site, std::size_t area) const noexcept { return area_km_[area * sites_ + site]; }
  double km_site_site(std::size_t a, std::size_t b) const noexcept { return site_km_[a * sites_ + b]; }
  // Minutes for km at the given speed and time of day (model minutes).
  double minutes(double km, double speed_kmh, double now) const noexcept;

  // Sites of `kind` sorted by road distance from an area (all regions).
  const std::vector<std::size_t>& nearest(SiteKind kind, std::size_t area) const noexcept {
    return nearest_[static_cast<std::size_t>(kind)][area];
  }

 private:
  std::size_t areas_, sites_, places_;
  std::vector<double> area_km_;                                 // areas x sites
  std::vector<double> site_km_;                                 // sites x sites
  std::vector<std::vector<std::vector<std::size_t>>> nearest_;  // kind -> area -> sites
  std::array<double, 24> hourly_factor_;
};

// The nearest site of `kind` to `area` for which open(site) holds (an ED
// with limited hours is closed part of the day), or `near.front()` when
// none is open. `kind` must have a site.
template <class Open>
std::size_t nearest_open(const Geography& geo, SiteKind kind, std::size_t area, Open open) {
  const auto& near = geo.nearest(kind, area);
  for (const std::size_t s : near)
    if (open(s)) return s;
  return near.front();
}

// A site chosen for a patient, and the nearest open one (they differ when
// capacity insight sent the patient further).
struct Chosen {
  std::size_t site, nearest;
};

// The site of `kind` a coordinator with capacity insight sends a patient in
// `area` to: the least loaded (score(site), lower is better; ties: the
// nearer) of the open sites (open(site)) whose travel time at speed_kmh now
// is at most the nearest open one's + extra_minutes; the nearest open one
// when extra_minutes <= 0. O(sites within the bound). `kind` must have a
// site.
template <class Open, class Score>
Chosen least_loaded_nearby(const Geography& geo, SiteKind kind, std::size_t area, double speed_kmh, double now,
                           double extra_minutes, Open open, Score score) {
  const std::size_t nearest = nearest_open(geo, kind, area, open);
  Chosen best{nearest, nearest};
  if (extra_minutes <= 0) return best;
  const double bound = geo.minutes(geo.km_site_area(nearest, area), speed_kmh, now) + extra_minutes;
  double best_score = score(nearest);
  for (const std::size_t s : geo.nearest(kind, area)) {
    if (geo.minutes(geo.km_site_area(s, area), speed_kmh, now) > bound) break;  // sorted by distance
    if (s == nearest || !open(s)) continue;
    if (const double sc = score(s); sc < best_score) best.site = s, best_score = sc;
  }
  return best;
}

// The nearest of the sites offered (km, ties: the lower site index): the
// search for a free bed over several lists (a region's hospitals, its
// neighbours', a neighbour's short-stay providers).
struct NearestSite {
  static constexpr std::size_t none = static_cast<std::size_t>(-1);
  std::size_t site = none;
  double km = 0;
  bool found() const noexcept { return site != none; }
  // True when `s` at `s_km` is the nearest so far (it is kept).
  bool offer(std::size_t s, double s_km) noexcept {
    if (found() && !(s_km < km || (s_km == km && s < site))) return false;
    site = s;
    km = s_km;
    return true;
  }
};

// For least_loaded_nearby's `open` where every site is open all week.
inline bool always_open(std::size_t) noexcept { return true; }

// The sub-region each site of an own region counts under in the
// per-sub-region KPIs (help given by a station, transfers received by a
// hospital): its region's nearest own area's (by road), else the nearest
// own area's; no_subregion for the sites of other (own: false) regions and of
// other kinds than `kind`: they count under no own sub-region.
inline constexpr std::uint8_t no_subregion = 255;  // the loader allows at most 255 sub-regions (0-254)
std::vector<std::uint8_t> site_subregions(const AcuteConfig& cfg, const Geography& geo, SiteKind kind);

// The mean straight-line distance (km) from a point `d` km from the centre
// of a disc of radius `r` km to a point drawn uniformly over the disc: a
// fixed quadrature (12 rings of equal area x 12 equally spaced angles, odd
// rings turned half a step), exact in the far field up to O(r^4/d^3) (the
// angles average cos to 0 and sin^2 to 1/2; the rings' mean r^2 is r^2/2),
// within 0.2 % of r near the centre (2r/3 at d = 0). d, r >= 0.
double mean_km_to_disc(double d, double r) noexcept;

// Great-circle distance in km.
double haversine_km(double lat1, double lon1, double lat2, double lon2) noexcept;

}  // namespace zccsim::models::acute
