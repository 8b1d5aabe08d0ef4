// SPDX-License-Identifier: MIT
// Geography's area x site table with inhabitants spread over a disc around
// their area's centroid (Area::radius_km): the mean distance to a disc, the
// extra km in the table, the nearest-site orderings that follow from it.
#include "component_rig.hpp"
#include "models/acute/acute_report.hpp"
#include "models/acute/geography.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

using namespace zccsim;
using namespace zccsim::models::acute;
using namespace zccsim::models::acute::test;

TEST_CASE("the mean distance to a uniform disc: 2r/3 from its centre, d + r^2/(8d) from far", "[components]") {
  CHECK(mean_km_to_disc(5.0, 0.0) == 5.0);
  CHECK(mean_km_to_disc(0.0, 3.0) == Approx(2.0).margin(0.002 * 3.0));  // 2r/3 within the quadrature's error
  for (const double d : {10.0, 20.0, 40.0}) {
    INFO(d);
    const double r = 2.0;
    CHECK(mean_km_to_disc(d, r) - d == Approx(r * r / (8 * d)).epsilon(0.02));
  }
  // never nearer than the centre (the distance is convex), and growing with d
  double last = 0;
  for (double d = 0; d < 10; d += 0.25) {
    const double m = mean_km_to_disc(d, 2.5);
    CHECK(m >= d);
    CHECK(m > last);
    last = m;
  }
}

TEST_CASE("the mean distance to a disc, many at a time: bit for bit one at a time", "[components]") {
  // (the geography table computes them with Eigen's vector instructions;
  // each must be the scalar rule's double)
  std::vector<double> d;
  for (double x = 0; x < 400; x = x * 1.37 + 0.0123) d.push_back(x);
  d.push_back(1e-300);
  d.push_back(std::numeric_limits<double>::quiet_NaN());
  d.push_back(7.0);
  REQUIRE(d.size() % 4 != 0);                // a remainder past the last full vector too
  REQUIRE(d.size() - 2 < d.size() / 4 * 4);  // and the NaN inside a full vector
  std::size_t checked = 0;
  for (const double r : {0.0, 0.01, 0.7, 2.5, 3.0, 11.3, 40.0}) {
    std::vector<double> out(d.size(), -1.0);
    mean_km_to_disc(d, r, out);
    for (std::size_t i = 0; i < d.size(); ++i) {
      INFO("d " << d[i] << " r " << r);
      CHECK(std::bit_cast<std::uint64_t>(out[i]) == std::bit_cast<std::uint64_t>(mean_km_to_disc(d[i], r)));
      ++checked;
    }
  }
  CHECK(checked > 200);
}

TEST_CASE("an area with a radius: the table adds the mean extra km to its inhabitants", "[components]") {
  AcuteConfig cfg = small();
  const std::size_t centre = 1, north = 0;
  REQUIRE(cfg.areas[centre].name == "centre");
  REQUIRE(cfg.areas[north].name == "north");
  // an ambulance post at the centre's centroid
  const std::size_t post = site_index(cfg, "amb_south"), far_post = site_index(cfg, "amb_north");
  cfg.sites[post].lat = cfg.areas[centre].lat;
  cfg.sites[post].lon = cfg.areas[centre].lon;
  const Geography at_point(cfg);
  REQUIRE(at_point.km_site_area(post, centre) == 0.0);
  const double detour = cfg.road.detour_factor;

  SECTION("radius 0 written out: the identical table") {
    for (Area& a : cfg.areas) a.radius_km = 0;
    const Geography zero(cfg);
    for (std::size_t a = 0; a < cfg.areas.size(); ++a) {
      for (std::size_t s = 0; s < cfg.sites.size(); ++s) CHECK(zero.km_site_area(s, a) == at_point.km_site_area(s, a));
      for (const SiteKind k : {SiteKind::ed, SiteKind::ambulance_station, SiteKind::hap})
        CHECK(std::ranges::equal(zero.nearest(k, a), at_point.nearest(k, a)));
    }
  }
  SECTION("a site at the centroid: 2R/3 x detour; a far site: R^2/(8D) x detour; other areas unchanged") {
    const double r = 3.0;
    cfg.areas[centre].radius_km = r;
    const Geography spread(cfg);
    CHECK(spread.km_site_area(post, centre) == Approx(2 * r / 3 * detour).margin(0.002 * r * detour));
    const double d =
        haversine_km(cfg.sites[far_post].lat, cfg.sites[far_post].lon, cfg.areas[centre].lat, cfg.areas[centre].lon);
    REQUIRE(d > 3 * r);
    CHECK(spread.km_site_area(far_post, centre) - at_point.km_site_area(far_post, centre) ==
          Approx(r * r / (8 * d) * detour).epsilon(0.05));
    for (std::size_t s = 0; s < cfg.sites.size(); ++s) {
      CHECK(spread.km_site_area(s, centre) > at_point.km_site_area(s, centre));
      CHECK(spread.km_site_area(s, north) == at_point.km_site_area(s, north));
    }
  }
  SECTION("the nearest sites stay sorted by the table") {
    for (Area& a : cfg.areas) a.radius_km = 4.0;
    const Geography spread(cfg);
    for (std::size_t a = 0; a < cfg.areas.size(); ++a)
      for (const SiteKind k : {SiteKind::ed, SiteKind::ambulance_station, SiteKind::hap}) {
        const auto near = spread.nearest(k, a);
        const auto km = spread.nearest_km(k, a);
        REQUIRE(km.size() == near.size());
        std::vector<std::size_t> of_kind, listed(near.begin(), near.end());  // every site of the kind once
        for (std::size_t s = 0; s < cfg.sites.size(); ++s)
          if (cfg.sites[s].kind == k) of_kind.push_back(s);
        std::ranges::sort(listed);
        CHECK(listed == of_kind);
        for (std::size_t i = 0; i < near.size(); ++i) {
          CHECK(km[i] == spread.km_site_area(near[i], a));  // the km beside each site
          if (i > 0) CHECK(spread.km_site_area(near[i - 1], a) <= spread.km_site_area(near[i], a));
        }
      }
  }
}

TEST_CASE("catchments_csv: each area's nearest ED and post by the table, one line per area", "[components]") {
  AcuteConfig cfg = small();
  cfg.areas[0].name = "north, \"old\" town";  // a name CSV must quote
  const Geography geo(cfg);
  std::string want = "area,population,ed,hap\n";
  for (std::size_t a = 0; a < cfg.areas.size(); ++a) {
    const std::string name = a == 0 ? "\"north, \"\"old\"\" town\"" : cfg.areas[a].name;
    want += name + "," + std::to_string(std::llround(cfg.areas[a].population)) + "," +
            cfg.sites[geo.nearest(SiteKind::ed, a)[0]].id + "," + cfg.sites[geo.nearest(SiteKind::hap, a)[0]].id + "\n";
  }
  CHECK(catchments_csv(cfg, geo) == want);
}
