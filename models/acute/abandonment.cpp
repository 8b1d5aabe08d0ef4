// SPDX-License-Identifier: MIT
#include "abandonment.hpp"

#include "call_centre.hpp"
#include "demand.hpp"
#include "office_hours.hpp"
#include "router.hpp"

namespace zccsim::models::acute {

void Abandonment::hung_up(PatientId id) {
  Patient& p = ctx_.patients[id];
  const Phone& phone = ctx_.cfg.phone;
  if (p.redials < max_redials && p.rng.uniform() < phone.redial_probability) {
    ++p.redials;
    ctx_.sim.schedule_in(phone.redial_delay.sample(p.rng), *this, 0, id);
    return;
  }
  give_up(id);
}

void Abandonment::handle(sim::Simulation&, std::uint32_t, std::uint64_t arg) {
  call_centre_->redial(static_cast<PatientId>(arg));
}

void Abandonment::give_up(PatientId id) {
  Patient& p = ctx_.patients[id];
  const Phone& phone = ctx_.cfg.phone;
  const auto path = static_cast<GaveUp>(draw(urgent(p.urgency) ? phone.gave_up_urgent : phone.gave_up_other, p.rng));
  p.gave_up = true;
  p.patient_line = false;  // what follows is not a call to the line
  ++c_.gave_up[static_cast<std::size_t>(path)];
  ctx_.observation.log(id, LogEvent::gave_up, static_cast<std::uint8_t>(path), 0);
  switch (path) {
    case GaveUp::calls_112:
      return call_centre_->emergency_call(id);
    case GaveUp::ed:
      return router_->assign(id, Response::ed);  // as a self-referred walk-in
    case GaveUp::own_gp:
      // seen in the next office hours, outside the model: late for an urgency with a shorter norm
      ctx_.patients.count_if_late(p, next_office_opening(ctx_.sim.now(), ctx_.cfg.calendar));
      charge(p, Price::own_gp_contact, ctx_.cfg.costs.own_gp_contact);
      return ctx_.patients.end(id, End::own_gp);
    case GaveUp::stays_home:
      return stay_home(id);
  }
}

// No care now. A patient who needed more than self care may call again
// later, as after under-triage (triage.recontact, once per patient).
void Abandonment::stay_home(PatientId id) {
  const AcuteConfig& cfg = ctx_.cfg;
  Patient& p = ctx_.patients[id];
  ++c_.stayed_home[p.urgency];
  ++c_.sub[p.subregion].safety[p.urgency];
  const bool needed_care = cfg.responses[static_cast<std::size_t>(p.need)].level >
                           cfg.responses[static_cast<std::size_t>(Response::self_care)].level;
  if (needed_care && !p.recontact && p.rng.uniform() < cfg.recontact.probability)
    demand_->recontact_later(id, cfg.recontact.delay.sample(p.rng));  // p may move: not used after this
  ctx_.patients.end(id, End::stayed_home);
}

}  // namespace zccsim::models::acute
