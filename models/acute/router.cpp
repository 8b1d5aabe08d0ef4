// SPDX-License-Identifier: MIT
#include "router.hpp"

#include "ambulance_service.hpp"
#include "demand.hpp"
#include "emergency_department.hpp"
#include "placement.hpp"
#include "primary_care.hpp"

namespace zccsim::models::acute {

void Router::assign(PatientId id, Response r) {
  const AcuteConfig& cfg = ctx_.cfg;
  Patient& p = ctx_.patients[id];
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
  const int assigned_level = cfg.responses[ri].level;
  const int need_level = cfg.responses[static_cast<std::size_t>(p.need)].level;
  if (assigned_level < need_level && !p.recontact && p.rng.uniform() < cfg.recontact.probability)
    links_.demand->recontact_later(id, cfg.recontact.delay.sample(p.rng));
  Patient& pp = ctx_.patients[id];  // the re-contact's record may have moved the pool
  // an ambulance is charged by ride kind when it leaves the scene
  if (r != Response::ambulance) charge(pp, price_of(r), cfg.costs.tariff[ri]);
  switch (r) {
    case Response::self_care:
    case Response::pharmacy:
    case Response::gp_phone:
      ctx_.patients.care_start(id, ctx_.sim.now());
      return ctx_.patients.end(id, End::after_care);
    case Response::hap_consult:
      return links_.primary_care->consult(id);
    case Response::gp_home_visit:
      return links_.primary_care->home_visit(id);
    case Response::district_nursing:
      return links_.primary_care->nursing_visit(id);
    case Response::ambulance:
      return links_.ambulance->request(id);
    case Response::ed: {
      const auto& near = ctx_.geo.nearest(SiteKind::ed, pp.area);
      if (near.empty()) throw std::invalid_argument("no ed site");
      return links_.ed->enter(id, near.front());
    }
    case Response::ggz_crisis:
      return links_.primary_care->crisis_visit(id);
    case Response::vvt_bed:
      pp.phase = Phase::none;
      return links_.placement->start_search(id);
  }
}

}  // namespace zccsim::models::acute
