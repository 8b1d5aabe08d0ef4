// SPDX-License-Identifier: MIT
#include "primary_care.hpp"

#include "demand.hpp"
#include "router.hpp"

#include <stdexcept>

namespace zccsim::models::acute {

PrimaryCare::PrimaryCare(const Context& ctx) : ctx_(ctx) {
  const std::size_t na = ctx_.cfg.areas.size(), ns = ctx_.cfg.sites.size(), nreg = ctx_.cfg.regions.size();
  hap_base_.assign(na, std::nullopt);
  hap_km_.assign(na, 0.0);
  for (std::size_t a = 0; a < na; ++a)
    if (const auto near = ctx_.geo.nearest(SiteKind::hap, a); !near.empty()) {
      hap_base_[a] = near.front();
      hap_km_[a] = ctx_.geo.nearest_km(SiteKind::hap, a).front();
    }
  cars_.resize(nreg);
  nursing_.resize(nreg);
  posts_.resize(ns);
  crisis_.resize(ns);
}

void PrimaryCare::add_region_teams(std::size_t r) {
  const AcuteConfig& cfg = ctx_.cfg;
  const std::string& rn = cfg.regions[r].name;
  cars_[r] = ctx_.accounting.make_resource({.name = "cars/" + rn,
                                            .schedule = schedule_of(cfg.home_visit_cars_of(r)),
                                            .group = Group::cars,
                                            .classes = urgency_count},
                                           *this);
  nursing_[r] = ctx_.accounting.make_resource({.name = "nursing/" + rn,
                                               .schedule = schedule_of(cfg.nursing_teams_of(r)),
                                               .group = Group::nursing,
                                               .classes = urgency_count},
                                              *this);
}

void PrimaryCare::add_post(std::size_t s) {
  const Site& site = ctx_.cfg.sites[s];
  posts_[s] = ctx_.accounting.make_resource({.name = "hap/" + site.id,
                                             .schedule = schedule_of(site.staff),
                                             .group = Group::hap,
                                             .own = ctx_.cfg.regions[site.region].own},
                                            *this);
}

void PrimaryCare::add_crisis_team(std::size_t s) {
  const Site& site = ctx_.cfg.sites[s];
  crisis_[s] = ctx_.accounting.make_resource({.name = "ggz/" + site.id,
                                              .schedule = schedule_of(site.staff),
                                              .group = Group::ggz,
                                              .own = ctx_.cfg.regions[site.region].own,
                                              .classes = urgency_count},
                                             *this);
}

// The nearest post; with capacity insight, for a patient a triage line
// sends, the least loaded post within hap_choice.max_extra_minutes more.
void PrimaryCare::consult(PatientId id) {
  const AcuteConfig& cfg = ctx_.cfg;
  Patient& p = ctx_.patients[id];
  if (!hap_base_[p.area]) throw std::invalid_argument("no hap site for a consult");
  const double now = ctx_.sim.now();
  const double extra = p.line_referral && cfg.capacity_insight ? cfg.hap_choice.max_extra_minutes : 0.0;
  std::size_t post = *hap_base_[p.area];
  double km = hap_km_[p.area];
  if (extra > 0) {
    const Chosen c = least_loaded_nearby(ctx_.geo, SiteKind::hap, p.area, cfg.road.speed_kmh, now, extra, always_open,
                                         [this](std::size_t s) { return crowding(*posts_[s]); });
    post = c.site;
    km = c.km;
  }
  auto& c = ctx_.accounting.counters();
  ++c.hap_consults;
  c.hap_redirected += post != *hap_base_[p.area];
  p.site = static_cast<std::uint32_t>(post);
  ctx_.sim.schedule_in(ctx_.geo.minutes(km, cfg.road.speed_kmh, now), *this, t_at_post, id);
}

void PrimaryCare::home_visit(PatientId id) { seize(id, *cars_[ctx_.patients[id].region], Phase::visit); }

void PrimaryCare::nursing_visit(PatientId id) { seize(id, *nursing_[ctx_.patients[id].region], Phase::nursing); }

// The nearest crisis team; with capacity insight, for a patient a triage
// line or dispatcher sends, the least loaded team within
// ggz_choice.max_extra_minutes more (it drives further to the patient).
void PrimaryCare::crisis_visit(PatientId id) {
  const AcuteConfig& cfg = ctx_.cfg;
  Patient& p = ctx_.patients[id];
  const auto near = ctx_.geo.nearest(SiteKind::ggz_crisis, p.area);
  if (near.empty()) throw std::invalid_argument("no ggz_crisis site");
  // a patient an ambulance brought to a crisis site is seen by its team
  const double extra = !p.transported && p.line_referral && cfg.capacity_insight ? cfg.ggz_choice.max_extra_minutes
                                                                                 : 0.0;
  const std::size_t team = p.transported ? p.site
                                         : least_loaded_nearby(ctx_.geo, SiteKind::ggz_crisis, p.area,
                                                               cfg.road.speed_kmh, ctx_.sim.now(), extra, always_open,
                                                               [this](std::size_t s) { return crowding(*crisis_[s]); })
                                               .site;
  auto& c = ctx_.accounting.counters();
  ++c.ggz_sent;
  c.ggz_redirected += !p.transported && team != near.front();
  p.site = static_cast<std::uint32_t>(team);
  p.post_arrival = ctx_.sim.now();
  seize(id, *crisis_[p.site], Phase::ggz);
}

void PrimaryCare::seize(PatientId id, sim::Resource& res, Phase phase) {
  if (const auto server = ctx_.patients.seize(id, res, phase)) started(id, res, *server);
}

void PrimaryCare::on_service_start(sim::Simulation&, sim::Resource& res, std::uint64_t entity, std::uint32_t server) {
  started(static_cast<PatientId>(entity), res, server);
}

void PrimaryCare::on_abandon(sim::Simulation&, sim::Resource&, std::uint64_t) {
  throw std::logic_error("acute model: primary care has no patience");
}

void PrimaryCare::handle(sim::Simulation&, std::uint32_t tag, std::uint64_t arg) {
  const auto id = static_cast<PatientId>(arg);
  if (tag == t_at_post) {
    ctx_.patients[id].post_arrival = ctx_.sim.now();
    return seize(id, *posts_[ctx_.patients[id].site], Phase::hap);
  }
  ctx_.patients.release_held(id);
  done(id);
}

// After a consult or home visit whose need lies above it, the GP refers the
// patient on (responses.*.refer_on), or the patient goes home and may call
// again (triage.recontact, drawn here rather than at the triage).
void PrimaryCare::done(PatientId id) {
  const AcuteConfig& cfg = ctx_.cfg;
  Patient& p = ctx_.patients[id];
  const ResponseRule& given = cfg.responses[static_cast<std::size_t>(p.assigned)];
  if ((p.phase == Phase::hap || p.phase == Phase::visit) && given.refer_on > 0 &&
      cfg.responses[static_cast<std::size_t>(p.need)].level > given.level) {
    if (p.rng.uniform() < given.refer_on) return router_->refer_on(id);
    if (!p.recontact && p.rng.uniform() < cfg.recontact.probability)
      demand_->recontact_later(id, cfg.recontact.delay.sample(p.rng));
  }
  ctx_.patients.end(id, End::after_care);
}

void PrimaryCare::started(PatientId id, sim::Resource& res, std::uint32_t server) {
  const AcuteConfig& cfg = ctx_.cfg;
  Patient& p = ctx_.patients[id];
  Patients::hold(p, res, server);
  const double now = ctx_.sim.now();
  double service = 0;
  switch (p.phase) {
    case Phase::hap:
      ctx_.accounting.counters().hap_wait.add(now - p.post_arrival);
      ctx_.patients.care_start(id, now);
      service = cfg.responses[static_cast<std::size_t>(Response::hap_consult)].service.sample(p.rng);
      break;
    case Phase::visit:
    case Phase::nursing: {
      // from the nearest HAP post and back
      const double drive = !hap_base_[p.area] ? 0.0 : ctx_.geo.minutes(hap_km_[p.area], cfg.road.speed_kmh, now);
      ctx_.patients.care_start(id, now + drive);
      service = 2 * drive + cfg.responses[static_cast<std::size_t>(p.assigned)].service.sample(p.rng);
      break;
    }
    case Phase::ggz: {
      // a patient the ambulance brought to the crisis site is seen there
      const double drive =
          p.transported ? 0.0 : ctx_.geo.minutes(ctx_.geo.km_site_area(p.site, p.area), cfg.road.speed_kmh, now);
      if (!p.transported) ctx_.patients.care_start(id, now + drive);
      ++ctx_.accounting.counters().ggz;
      ctx_.accounting.counters().ggz_wait.add(now - p.post_arrival);
      service = 2 * drive + cfg.responses[static_cast<std::size_t>(Response::ggz_crisis)].service.sample(p.rng);
      break;
    }
    default:
      throw std::logic_error("acute model: primary care service in an unexpected phase");
  }
  ctx_.sim.schedule_in(service, *this, t_done, id, sim::Priority::release);
}

}  // namespace zccsim::models::acute
