// SPDX-License-Identifier: MIT
// Travel times along a road graph (Boost Graph). Places are the areas
// followed by the sites; each place links to its k nearest places, plus the
// edges of a minimum spanning tree so the graph is always connected. Edge
// length = straight-line km x detour factor; shortest paths by Dijkstra.
#pragma once

#include "acute_config.hpp"

#include <cstddef>
#include <array>
#include <cstdint>
#include <span>
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

  // Sites of `kind` sorted by road distance from an area (all regions), and
  // beside them their km: nearest_km(kind, area)[i] ==
  // km_site_area(nearest(kind, area)[i], area). A search reads the two lists
  // in order instead of a row of the matrix per site (a national area's row
  // is 4 KiB).
  std::span<const std::uint32_t> nearest(SiteKind kind, std::size_t area) const noexcept {
    const auto k = static_cast<std::size_t>(kind);
    return {near_site_.data() + near_start_[k] + area * near_count_[k], near_count_[k]};
  }
  std::span<const double> nearest_km(SiteKind kind, std::size_t area) const noexcept {
    const auto k = static_cast<std::size_t>(kind);
    return {near_km_.data() + near_start_[k] + area * near_count_[k], near_count_[k]};
  }

 private:
  std::size_t areas_, sites_, places_;
  std::vector<double> area_km_;  // areas x sites
  std::vector<double> site_km_;  // sites x sites
  // the nearest lists of every kind and area in one array (kind, then area),
  // each of the kind's near_count_ sites; the km in a parallel one
  std::vector<std::uint32_t> near_site_;
  std::vector<double> near_km_;
  std::array<std::size_t, site_kind_count> near_start_{}, near_count_{};
  std::array<double, 24> hourly_factor_;
};

// The place in `sites` (a nearest list, not empty) of the first open site,
// else 0: the nearest (every site closed).
template <class Open>
std::size_t nearest_open_place(std::span<const std::uint32_t> sites, Open open) {
  for (std::size_t i = 0; i < sites.size(); ++i)
    if (open(sites[i])) return i;
  return 0;
}

// The nearest site of `kind` to `area` for which open(site) holds (an ED
// with limited hours is closed part of the day), or the nearest when none
// is open. `kind` must have a site.
template <class Open>
std::size_t nearest_open(const Geography& geo, SiteKind kind, std::size_t area, Open open) {
  const auto near = geo.nearest(kind, area);
  return near[nearest_open_place(near, open)];
}

// A site chosen for a patient, its road km from the patient's area, and the
// nearest open one (they differ when capacity insight sent the patient
// further).
struct Chosen {
  std::size_t site;
  double km;
  std::size_t nearest;
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
  const auto sites = geo.nearest(kind, area);
  const auto km = geo.nearest_km(kind, area);
  const std::size_t first = nearest_open_place(sites, open);
  Chosen best{sites[first], km[first], sites[first]};
  if (extra_minutes <= 0) return best;
  const double bound = geo.minutes(km[first], speed_kmh, now) + extra_minutes;
  double best_score = score(best.site);
  for (std::size_t i = 0; i < sites.size(); ++i) {
    if (geo.minutes(km[i], speed_kmh, now) > bound) break;  // sorted by distance
    if (i == first || !open(sites[i])) continue;
    if (const double sc = score(sites[i]); sc < best_score) best.site = sites[i], best.km = km[i], best_score = sc;
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
// mean_km_to_disc(d[i], r) into out[i] for every i, bit for bit (vectorised
// by Eigen: the geography table's ~200 k area x site pairs). out.size() >= d.size().
void mean_km_to_disc(std::span<const double> d, double r, std::span<double> out) noexcept;

// Great-circle distance in km.
double haversine_km(double lat1, double lon1, double lat2, double lon2) noexcept;

}  // namespace zccsim::models::acute
