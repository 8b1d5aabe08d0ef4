// SPDX-License-Identifier: MIT
#include "coupling.hpp"

namespace zccsim::models::acute {

Coupling::Coupling(const Context& c)
    : ctx(c),
      demand(ctx),
      call_centre(ctx),
      abandonment(ctx),
      router(ctx),
      primary_care(ctx),
      ambulance(ctx),
      ed(ctx),
      hospital(ctx),
      placement(ctx) {
  // the loader guarantees accuracy rows that are probabilities summing to 1
  demand.connect(call_centre, router);
  call_centre.connect(router, abandonment);
  call_centre.serve_searches(placement);
  abandonment.connect(call_centre, router, demand);
  router.connect({.demand = &demand,
                  .primary_care = &primary_care,
                  .ambulance = &ambulance,
                  .ed = &ed,
                  .placement = &placement,
                  .call_centre = &call_centre});
  primary_care.connect(router, demand);
  demand.connect(ambulance);
  ambulance.connect({.ed = &ed,
                     .primary_care = &primary_care,
                     .placement = &placement,
                     .demand = &demand,
                     .hospital = ctx.cfg.hospital_beds ? &hospital : nullptr});
  ed.connect(placement);
  if (ctx.cfg.hospital_beds) ed.connect(hospital);
}

void Coupling::make_resources() {
  const AcuteConfig& cfg = ctx.cfg;
  for (std::size_t r = 0; r < cfg.regions.size(); ++r) {
    if (!cfg.regions[r].own) continue;
    call_centre.add_region_lines(r);
    primary_care.add_region_teams(r);
  }
  call_centre.add_zcc_lines();
  for (std::size_t s = 0; s < cfg.sites.size(); ++s) {
    switch (cfg.sites[s].kind) {
      case SiteKind::hap:
        primary_care.add_post(s);
        break;
      case SiteKind::ggz_crisis:
        primary_care.add_crisis_team(s);
        break;
      case SiteKind::ed:
        ed.add_site(s);
        hospital.add_site(s);  // its hospital's beds, after its places
        break;
      case SiteKind::ambulance_station:
        ambulance.add_station(s);
        break;
      case SiteKind::vvt:
        placement.add_site(s);
        break;
      case SiteKind::zcc:
        break;
    }
  }
}

}  // namespace zccsim::models::acute
