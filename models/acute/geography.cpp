// SPDX-License-Identifier: MIT
#include "geography.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>
#include <span>
#include <utility>

#include <Eigen/Core>

namespace zccsim::models::acute {

namespace {
constexpr double rad = std::numbers::pi / 180.0;
// haversine_km with the cosines of the two latitudes given (cos(lat * rad)):
// the table of every two places computes each place's once
double haversine_km(double lat1, double lon1, double cos1, double lat2, double lon2, double cos2) noexcept {
  constexpr double r = 6371.0088;
  const double dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
  const double a = std::sin(dlat / 2) * std::sin(dlat / 2) + cos1 * cos2 * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2.0 * r * std::asin(std::min(1.0, std::sqrt(a)));
}
}  // namespace

double haversine_km(double lat1, double lon1, double lat2, double lon2) noexcept {
  return haversine_km(lat1, lon1, std::cos(lat1 * rad), lat2, lon2, std::cos(lat2 * rad));
}

namespace {
// The quadrature's nodes: ring k at radius r * sqrt((k + 0.5) / rings) (rings
// of equal area), angle 2 pi (m + turn) / angles, every other ring turned by
// half a step. Computed once: the geography table evaluates the rule for
// every area x site pair (~26 M cosines for the national scenario otherwise).
constexpr int disc_rings = 12, disc_angles = 12;
struct DiscNodes {
  std::array<double, disc_rings> ring{};                    // sqrt((k + 0.5) / rings)
  std::array<std::array<double, disc_angles>, 2> cosine{};  // cos(t), turn 0 and turn 0.5
};
const DiscNodes& disc_nodes() {
  static const DiscNodes nodes = [] {
    DiscNodes n;
    for (int k = 0; k < disc_rings; ++k) n.ring[static_cast<std::size_t>(k)] = std::sqrt((k + 0.5) / disc_rings);
    for (int turn = 0; turn < 2; ++turn)
      for (int m = 0; m < disc_angles; ++m)
        n.cosine[static_cast<std::size_t>(turn)][static_cast<std::size_t>(m)] =
            std::cos(2.0 * std::numbers::pi * (m + (turn == 0 ? 0.0 : 0.5)) / disc_angles);
    return n;
  }();
  return nodes;
}
}  // namespace

double mean_km_to_disc(double d, double r) noexcept {
  if (r <= 0) return d;
  const DiscNodes& nodes = disc_nodes();
  double sum = 0;
  for (std::size_t k = 0; k < disc_rings; ++k) {
    const double rk = r * nodes.ring[k];
    for (const double c : nodes.cosine[k % 2]) sum += std::sqrt(std::max(0.0, d * d - 2.0 * d * rk * c + rk * rk));
  }
  return sum / (disc_rings * disc_angles);
}

void mean_km_to_disc(std::span<const double> d, double r, std::span<double> out) noexcept {
  std::size_t i = 0;
  if (r > 0) {
    // four distances at a time in Eigen's vectors, their sums in registers
    // through all the nodes; each element the scalar rule's operations in
    // its order (IEEE, so bit for bit the same). Eigen's max(a, b) is
    // std::max's (b only where a < b), so max(0, x) gives 0 for NaN as the
    // scalar std::max(0.0, x) does (tests/acute/test_geography.cpp checks).
    using Four = Eigen::Array<double, 4, 1>;
    const DiscNodes& nodes = disc_nodes();
    for (; i + 4 <= d.size(); i += 4) {
      const Four dist = Four::Map(&d[i]);
      const Four dd = dist * dist, twod = 2.0 * dist;
      Four sum = Four::Zero();
      for (std::size_t k = 0; k < disc_rings; ++k) {
        const double rk = r * nodes.ring[k], rr = rk * rk;
        const Four b = twod * rk;
        for (const double c : nodes.cosine[k % 2]) sum += Four::Zero().max(dd - b * c + rr).sqrt();
      }
      Four::Map(&out[i]) = sum / (disc_rings * disc_angles);
    }
  }
  for (; i < d.size(); ++i) out[i] = mean_km_to_disc(d[i], r);
}

Geography::Geography(const AcuteConfig& cfg)
    : areas_(cfg.areas.size()),
      sites_(cfg.sites.size()),
      places_(cfg.areas.size() + cfg.sites.size()),
      hourly_factor_(cfg.road.hourly_speed_factor) {
  std::vector<std::pair<double, double>> pos;
  for (const Area& a : cfg.areas) pos.emplace_back(a.lat, a.lon);
  for (const Site& s : cfg.sites) pos.emplace_back(s.lat, s.lon);
  const std::size_t n = places_;
  // straight-line km between every two places, computed once for both the
  // links and the spanning tree
  std::vector<double> line(n * n, 0.0);
  std::vector<double> cos_lat(n);
  for (std::size_t i = 0; i < n; ++i) cos_lat[i] = std::cos(pos[i].first * rad);
  // (haversine_km is symmetric bit for bit: sin(-x) = -sin(x) is squared)
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j)
      line[i * n + j] = line[j * n + i] =
          haversine_km(pos[i].first, pos[i].second, cos_lat[i], pos[j].first, pos[j].second, cos_lat[j]);
  auto straight = [&](std::size_t i, std::size_t j) { return line[i * n + j]; };

  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, boost::no_property,
                                      boost::property<boost::edge_weight_t, double>>;
  Graph g(n);
  const double detour = cfg.road.detour_factor;
  // k nearest neighbours
  std::vector<std::pair<double, std::size_t>> d(n);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) d[j] = {i == j ? std::numeric_limits<double>::infinity() : straight(i, j), j};
    const std::size_t k = std::min<std::size_t>(cfg.road.links_per_node, n - 1);
    std::partial_sort(d.begin(), d.begin() + static_cast<std::ptrdiff_t>(k), d.end());
    for (std::size_t m = 0; m < k; ++m) boost::add_edge(i, d[m].second, d[m].first * detour, g);
  }
  // minimum spanning tree over straight-line distances (Prim, O(n^2)): connectivity
  std::vector<double> best(n, std::numeric_limits<double>::infinity());
  std::vector<std::size_t> from(n, 0);
  std::vector<bool> in(n, false);
  if (n > 0) best[0] = 0;
  for (std::size_t it = 0; it < n; ++it) {
    std::size_t u = n;
    for (std::size_t v = 0; v < n; ++v)
      if (!in[v] && (u == n || best[v] < best[u])) u = v;
    in[u] = true;
    if (it > 0) boost::add_edge(from[u], u, best[u] * detour, g);
    for (std::size_t v = 0; v < n; ++v) {
      if (in[v]) continue;
      const double w = straight(u, v);
      if (w < best[v]) best[v] = w, from[v] = u;
    }
  }
  // shortest paths from every site
  area_km_.assign(areas_ * sites_, 0.0);
  site_km_.assign(sites_ * sites_, 0.0);
  std::vector<double> dist(n);
  for (std::size_t s = 0; s < sites_; ++s) {
    boost::dijkstra_shortest_paths(g, areas_ + s, boost::distance_map(dist.data()));
    for (std::size_t a = 0; a < areas_; ++a) area_km_[a * sites_ + s] = dist[a];
    std::copy(dist.begin() + static_cast<std::ptrdiff_t>(areas_), dist.end(),
              site_km_.begin() + static_cast<std::ptrdiff_t>(s * sites_));
  }
  // inhabitants spread over a disc: the mean extra km over the centroid's
  // (in the table, so no cost per drive; nearest_ below sorts by it)
  std::vector<double> mean(sites_);
  for (std::size_t a = 0; a < areas_; ++a) {
    const double r = cfg.areas[a].radius_km;
    if (r <= 0) continue;
    const std::span<const double> line_km(&line[a * n + areas_], sites_);  // straight(a, areas_ + s)
    mean_km_to_disc(line_km, r, mean);
    for (std::size_t s = 0; s < sites_; ++s) area_km_[a * sites_ + s] += (mean[s] - line_km[s]) * detour;
  }
  // nearest sites of each kind per area (ties: the lower site index), with their km
  std::array<std::vector<std::uint32_t>, site_kind_count> of_kind;
  for (std::size_t s = 0; s < sites_; ++s)
    of_kind[static_cast<std::size_t>(cfg.sites[s].kind)].push_back(static_cast<std::uint32_t>(s));
  std::size_t start = 0;
  for (std::size_t k = 0; k < site_kind_count; ++k) {
    near_start_[k] = start;
    near_count_[k] = of_kind[k].size();
    start += areas_ * of_kind[k].size();
  }
  near_site_.resize(start);
  near_km_.resize(start);
  for (std::size_t k = 0; k < site_kind_count; ++k)
    for (std::size_t a = 0; a < areas_; ++a) {
      const auto first = near_site_.begin() + static_cast<std::ptrdiff_t>(near_start_[k] + a * near_count_[k]);
      std::copy(of_kind[k].begin(), of_kind[k].end(), first);
      const auto last = first + static_cast<std::ptrdiff_t>(near_count_[k]);
      std::stable_sort(first, last,
                       [&](std::uint32_t x, std::uint32_t y) { return km_site_area(x, a) < km_site_area(y, a); });
      for (auto it = first; it != last; ++it)
        near_km_[static_cast<std::size_t>(it - near_site_.begin())] = km_site_area(*it, a);
    }
}

double Geography::minutes(double km, double speed_kmh, double now) const noexcept {
  // the hour of day: floor(now / 60) mod 24 in integers (now >= 0), the
  // value std::fmod gave at a tenth of its cost (a drive is timed per event)
  const auto hour = static_cast<std::uint64_t>(now / 60.0) % 24;
  const double f = hourly_factor_[hour];
  return km / (speed_kmh * (f > 0 ? f : 1.0)) * 60.0;
}

std::vector<std::uint8_t> site_subregions(const AcuteConfig& cfg, const Geography& geo, SiteKind kind) {
  std::vector<std::uint8_t> sub(cfg.sites.size(), no_subregion);
  for (std::size_t s = 0; s < cfg.sites.size(); ++s) {
    if (cfg.sites[s].kind != kind || !cfg.regions[cfg.sites[s].region].own) continue;
    double best = std::numeric_limits<double>::infinity();
    bool same_region = false;
    for (std::size_t a = 0; a < cfg.areas.size(); ++a) {
      const Area& area = cfg.areas[a];
      if (!cfg.regions[area.region].own) continue;
      const bool same = area.region == cfg.sites[s].region;
      const double km = geo.km_site_area(s, a);
      if ((same && !same_region) || (same == same_region && km < best)) {
        best = km;
        same_region = same;
        sub[s] = area.subregion_index;
      }
    }
  }
  return sub;
}

}  // namespace zccsim::models::acute
