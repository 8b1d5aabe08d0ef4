// SPDX-License-Identifier: MIT
#include "router.hpp"

#include "ambulance_service.hpp"
#include "call_centre.hpp"
#include "demand.hpp"
#include "emergency_department.hpp"
#include "office_hours.hpp"
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
  // (a consult or home visit out of hours decides at its end: the GP may
  // refer the patient on first, see PrimaryCare)
  const bool gp_decides = (r == Response::hap_consult || r == Response::gp_home_visit) &&
                          out_of_hours(ctx_.sim.now(), cfg.calendar) && cfg.responses[ri].refer_on > 0;
  if (assigned_level < need_level && !gp_decides && !p.recontact && p.rng.uniform() < cfg.recontact.probability)
    links_.demand->recontact_later(id, cfg.recontact.delay.sample(p.rng));
  Patient& pp = ctx_.patients[id];  // the re-contact's record may have moved the pool
  if ((r == Response::hap_consult || r == Response::gp_home_visit) && !out_of_hours(ctx_.sim.now(), cfg.calendar)) {
    // office hours: the patient's own GP sees them (daytime practice
    // capacity, outside the model), not the HAP post that opens at 17:00
    ++c_.daytime_gp;
    charge(pp, Price::own_gp_contact, cfg.costs.own_gp_contact);
    return ctx_.patients.end(id, End::own_gp);
  }
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
    case Response::ed: {  // by own transport; a line's or dispatcher's referral may be steered
      const std::size_t site = links_.ed->choose(pp, cfg.road.speed_kmh, pp.line_referral);
      if (pp.line_referral)
        c_.ed_travel.add(ctx_.geo.minutes(ctx_.geo.km_site_area(site, pp.area), cfg.road.speed_kmh, ctx_.sim.now()));
      return links_.ed->enter(id, site);
    }
    case Response::ggz_crisis:
      return links_.primary_care->crisis_visit(id);
    case Response::vvt_bed:
      pp.phase = Phase::none;
      return links_.placement->start_search(id);
  }
}

void Router::refer_on(PatientId id) {
  Patient& p = ctx_.patients[id];
  ++c_.referred_on;
  if (p.stream == static_cast<std::uint8_t>(StreamKind::hap_calls) ||
      p.stream == static_cast<std::uint8_t>(StreamKind::self_triage)) {
    c_.hap_referred += p.need == Response::ed || p.need == Response::ambulance;
    c_.hap_referred_ed += p.need == Response::ed;
  }
  if (p.need == Response::ambulance && links_.call_centre) return links_.call_centre->book_ride(id);
  assign(id, p.need);
}

}  // namespace zccsim::models::acute
