// SPDX-License-Identifier: MIT
// The call centre's calls: routing to a line, patience, overflow, redial,
// triage. Its lines are made in call_centre_lines.cpp.
#include "call_centre.hpp"

#include "abandonment.hpp"
#include "office_hours.hpp"
#include "placement.hpp"
#include "router.hpp"

#include <algorithm>
#include <limits>

namespace zccsim::models::acute {

// The one place that chooses a zcc line of discipline d for a call about
// patient p (patients' calls, providers' calls, transfers, 112 warm
// transfers): pooled, the region's line; per subregion, the line of the
// location of the patient's subregion if somebody is on duty there now,
// else the least busy line of the region's locations with somebody on
// duty, else (nobody on duty anywhere) the subregion's own.
CallCentre::LineId CallCentre::zcc_line(const Patient& p, Discipline d) const {
  const LineId own = (*zcc_own_[p.area])[static_cast<std::size_t>(d)];
  const Line& l = lines_[own];
  if (!l.location || l.res->on_duty_count() > 0) return own;
  return least_busy(l.region, d, own, std::numeric_limits<long>::max()).value_or(own);
}

// The least busy zcc location line of region r and discipline d with
// somebody on duty, other than `except`, and less busy than `bar`; none if
// there is no such line (ties: the first location).
std::optional<CallCentre::LineId> CallCentre::least_busy(std::size_t r, Discipline d, LineId except, long bar) const {
  std::optional<LineId> best;
  for (LineId l : zcc_loc_lines_[r][static_cast<std::size_t>(d)]) {
    if (l == except || lines_[l].res->on_duty_count() == 0) continue;
    if (const long score = busy_score(lines_[l]); score < bar) bar = score, best = l;
  }
  return best;
}

bool CallCentre::zcc_open_for_patients(double now) const {
  return ctx_.cfg.zcc.patient_hours == PatientHours::always || out_of_hours(now, ctx_.cfg.calendar);
}

// A closed zcc location's patients' calls: per sub-region the other
// locations take them over as when nobody is on duty there (zcc_line),
// unless zcc.takeover is false; then, as at a pooled line with nobody on
// duty because its locations are closed, the caller waits until the
// patience runs out (nobody is sent to the own GP for a closure).
void CallCentre::patient_call(PatientId id, Discipline d) {
  Patient& p = ctx_.patients[id];
  const double now = ctx_.sim.now();
  const bool zcc = has_zcc(p) && zcc_open_for_patients(now);
  LineId line = region_lines_[p.region]->fragmented[static_cast<std::size_t>(d)];
  p.closure_call = false;
  if (zcc) {
    const LineId own = (*zcc_own_[p.area])[static_cast<std::size_t>(d)];
    const bool kept = !ctx_.cfg.zcc.takeover && lines_[own].location && closed_now(lines_[own]);
    line = kept ? own : zcc_line(p, d);
    p.closure_call = closed_at(zcc_region_closed_[p.region], now);
  }
  if (lines_[line].res->on_duty_count() == 0 && !shut(line)) {  // office hours: the own GP
    ++c_.daytime_gp;
    charge(p, Price::own_gp_contact, ctx_.cfg.costs.own_gp_contact);
    return ctx_.patients.end(id, End::own_gp);
  }
  p.patient_line = true;
  join_line(id, line, ctx_.cfg.phone.patience.sample(p.rng));
}

void CallCentre::provider_call(PatientId id) {
  Patient& p = ctx_.patients[id];
  const Discipline d = discipline_of(p.need);
  if (has_zcc(p)) {
    const LineId line = zcc_line(p, d);
    // a provider does not wait for a closed zcc: it arranges the care itself
    // (ASSUMPTION, scenarios/README.md Zcc)
    if (shut(line)) return router_->assign(id, p.need);
    join_line(id, line, inf);
  } else if (d == Discipline::vvt) {
    router_->assign(id, p.need);  // the calling provider searches for room itself
  } else {
    join_line(id, region_lines_[p.region]->fragmented[static_cast<std::size_t>(d)], inf);
  }
}

void CallCentre::join_line(PatientId id, LineId line, double patience) {
  Patient& p = ctx_.patients[id];
  p.line_join = ctx_.sim.now();
  p.deadline = p.line_join + patience;
  p.overflowed = false;
  if (lines_[line].kind == LineKind::dispatch && p.dispatch_call < 0) p.dispatch_call = p.line_join;
  ctx_.observation.log(id, LogEvent::line_join, static_cast<std::uint8_t>(lines_[line].discipline),
                       static_cast<std::uint16_t>(line));
  if (p.patient_line) {
    p.joined_line = line;
    if (ctx_.observation.watched(line)) ctx_.observation.line_joined(line, *lines_[line].res, p.urgency);
    ++c_.calls;
    ++c_.sub[p.subregion].calls;
    c_.closure_calls += p.closure_call;
  }
  const double wait = lines_[line].location ? std::min(patience, ctx_.cfg.zcc.overflow_after) : patience;
  seize_line(id, line, wait);
}

void CallCentre::seize_line(PatientId id, LineId line, double patience) {
  Patient& p = ctx_.patients[id];
  p.line = line;
  p.phase = Phase::line;
  const auto out = lines_[line].res->seize(ctx_.sim, id, p.urgency, patience);
  if (out.result == sim::SeizeResult::served) started(id, *lines_[line].res, out.server);
}

void CallCentre::on_service_start(sim::Simulation&, sim::Resource& res, std::uint64_t entity, std::uint32_t server) {
  const auto id = static_cast<PatientId>(entity);
  if (ctx_.patients[id].search_callback) return placement_->line_answered(id, server);  // a bed search's next round
  started(id, res, server);
}

void CallCentre::on_abandon(sim::Simulation& sim, sim::Resource&, std::uint64_t entity) {
  const auto id = static_cast<PatientId>(entity);
  Patient& p = ctx_.patients[id];
  const Line& line = lines_[p.line];
  // The overflow timer of a per-sub-region zcc call (not its patience): the
  // call moves to the least busy other location with somebody on duty if
  // that one is less busy than its own (any is, when nobody is on duty at
  // its own); else it stays. Either way it waits for the rest of its
  // patience without a further overflow; staying re-queues it at the back
  // of its urgency class (sim::Resource cannot extend a patience).
  // A closed location's call that is not taken over (zcc.takeover false)
  // stays.
  if (!p.overflowed && line.location && sim.now() < p.deadline - 1e-9) {
    p.overflowed = true;
    const long bar = line.res->on_duty_count() > 0 ? busy_score(line) : std::numeric_limits<long>::max();
    const bool kept = !ctx_.cfg.zcc.takeover && closed_now(line);
    const LineId to = kept ? p.line : least_busy(line.region, line.discipline, p.line, bar).value_or(p.line);
    seize_line(id, to, p.deadline - sim.now());
    return;
  }
  // the patience ran out: the caller hangs up
  ++c_.hung_up;
  ++c_.sub[p.subregion].hung_up;
  c_.closure_hung_up += p.patient_line && p.closure_call;
  ctx_.observation.log(id, LogEvent::hung_up, 0, 0);
  abandonment_->hung_up(id);
}

void CallCentre::handle(sim::Simulation&, std::uint32_t, std::uint64_t arg) {
  triage_done(static_cast<PatientId>(arg));
}

void CallCentre::started(PatientId id, sim::Resource& res, std::uint32_t server) {
  Patient& p = ctx_.patients[id];
  Patients::hold(p, res, server);
  const Line& line = lines_[p.line];
  p.dispatch_answer = line.kind == LineKind::dispatch ? ctx_.sim.now() : -1.0;
  if (p.patient_line) {  // answer time counts from joining, across an overflow
    const double w = ctx_.sim.now() - p.line_join;
    c_.answer_wait.add(w);
    c_.answered_30s += w <= 0.5;
    c_.answered_2min += w <= 2.0;
    c_.closure_answered_2min += p.closure_call && w <= 2.0;
    if (ctx_.observation.watched(p.joined_line))
      ctx_.observation.line_answered(p.joined_line, p.line_join, p.urgency, w);
  }
  p.patient_line = false;  // answered: later transfers are internal
  ctx_.observation.log(id, LogEvent::answered, static_cast<std::uint8_t>(line.discipline), 0);
  double service = 0;
  if (p.ride_request) {
    service = ctx_.cfg.dispatch.request_time.sample(p.rng);
  } else {
    service = line.rule->time[static_cast<std::size_t>(line.discipline)].sample(p.rng);
    if (p.self_triage) service *= line.rule->self_triage_time_factor;
    c_.triage_time.add(service);
  }
  ctx_.sim.schedule_in(service, *this, t_triage_done, id, sim::Priority::release);
}

void CallCentre::triage_done(PatientId id) {
  Patient& p = ctx_.patients[id];
  const Line& line = lines_[p.line];
  // the triagist is released on every path but a bed search this triage
  // starts (released at each path's first event, so no tie order moves)
  const bool dispatch = line.kind == LineKind::dispatch;
  if (dispatch && p.ride_request) {  // a ride booked by another line: the dispatcher sends it
    ctx_.patients.release_held(id);
    p.ride_request = false;
    ctx_.observation.log(id, LogEvent::triaged, static_cast<std::uint8_t>(Response::ambulance), 0);
    return router_->assign(id, Response::ambulance);
  }
  ++c_.triages;
  if (!dispatch) {
    const Discipline need_d = discipline_of(p.need);
    if (need_d != line.discipline && p.rng.uniform() < line.rule->transfer_probability) {
      // hand over to a triagist of the need's discipline: in the zcc as
      // zcc_line chooses (overflowing like any call), else today's line
      const LineId to = line.kind == LineKind::zcc
                            ? zcc_line(p, need_d)
                            : region_lines_[line.region]->fragmented[static_cast<std::size_t>(need_d)];
      if (staffed(to)) {
        ctx_.patients.release_held(id);
        ++c_.transfers;
        return join_line(id, to, inf);
      }
    }
  }
  const auto assigned = static_cast<Response>(draw(line.rule->accuracy[static_cast<std::size_t>(p.need)], p.rng));
  ctx_.observation.log(id, LogEvent::triaged, static_cast<std::uint8_t>(assigned), 0);
  const auto& levels = ctx_.cfg.responses;
  if (levels[static_cast<std::size_t>(assigned)].level < levels[static_cast<std::size_t>(p.need)].level) {
    ++c_.under_triage[p.urgency];
    ++c_.sub[p.subregion].safety[p.urgency];
  }
  if (dispatch) {
    ctx_.patients.release_held(id);
    return dispatched(id, assigned);
  }
  if (line.discipline == Discipline::gp && (p.stream == static_cast<std::uint8_t>(StreamKind::hap_calls) ||
                                            p.stream == static_cast<std::uint8_t>(StreamKind::self_triage))) {
    ++c_.hap_contacts;
    ++c_.sub[p.subregion].hap_contacts;
    if (assigned == Response::gp_phone) ++c_.hap_outcome[0];
    else if (assigned == Response::hap_consult) ++c_.hap_outcome[1];
    else if (assigned == Response::gp_home_visit) ++c_.hap_outcome[2];
    else if (assigned == Response::ed || assigned == Response::ambulance) ++c_.hap_referred;
    c_.hap_referred_ed += assigned == Response::ed;
  }
  // an ambulance is booked through the dispatch room, unless the zcc books
  // its rides itself
  if (assigned == Response::vvt_bed) {
    Patients::keep_for_search(p);  // this triagist searches (Placement releases the line)
  } else {
    ctx_.patients.release_held(id);
  }
  if (assigned == Response::ambulance && !(line.kind == LineKind::zcc && ctx_.cfg.zcc.books_ambulance_rides))
    return book_ride(id);
  p.line_referral = true;
  router_->assign(id, assigned);
}

// The dispatcher's assessment decides: an ambulance (warm-transferred to the
// zcc first when not time-critical, with a zcc open), the ED by own
// transport, or a hand-over to the line of the need's discipline.
void CallCentre::dispatched(PatientId id, Response assessed) {
  Patient& p = ctx_.patients[id];
  const Dispatch& d = ctx_.cfg.dispatch;
  const bool zcc_open = has_zcc(p) && zcc_open_for_patients(ctx_.sim.now());
  if (assessed == Response::ambulance) {
    if (p.assessed_urgency > 0 && p.rng.uniform() < d.urgency_over_triage) --p.assessed_urgency;
    if (zcc_open && p.assessed_urgency >= d.warm_transfer_from && p.rng.uniform() < d.warm_transfer_share) {
      const LineId to = zcc_line(p, Discipline::ambulance);
      if (staffed(to)) {
        ++c_.warm_transfers;
        return join_line(id, to, inf);
      }
    }
    return router_->assign(id, Response::ambulance);
  }
  if (assessed == Response::ed) {
    p.line_referral = true;
    return router_->assign(id, Response::ed);
  }
  const auto disc = static_cast<std::size_t>(discipline_of(assessed));
  const LineId to = zcc_open ? zcc_line(p, static_cast<Discipline>(disc)) : region_lines_[p.region]->fragmented[disc];
  if (lines_[to].res->on_duty_count() > 0) {
    ++c_.dispatch_handovers;
    return join_line(id, to, inf);
  }
  router_->assign(id, assessed);  // nobody on that line now: the dispatcher's advice stands
}

void CallCentre::book_ride(PatientId id) {
  Patient& p = ctx_.patients[id];
  p.ride_request = true;
  ++c_.ride_requests;
  join_line(id, region_lines_[p.region]->dispatch, inf);
}

}  // namespace zccsim::models::acute