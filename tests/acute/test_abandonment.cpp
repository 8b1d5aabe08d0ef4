// SPDX-License-Identifier: MIT
// No patient vanishes: callers who hang up (abandonment: redial, then 112,
// an ED walk-in, the own GP or home), the ledger's end states and lost
// records, safety events (late care, under-triage), office hours and closed
// zcc locations (who takes over their calls), each alone on the component
// rig (component_rig.hpp).
#include "component_rig.hpp"
#include "models/acute/coupling.hpp"
#include "models/acute/office_hours.hpp"

#include <string>

using namespace zccsim;
using namespace zccsim::models::acute;
using namespace zccsim::models::acute::test;

namespace {

constexpr double monday_17h = 17 * 60.0;
constexpr std::size_t ix(GaveUp g) { return static_cast<std::size_t>(g); }

// The rig's config with every caller who gives up taking `path`, never redialling.
AcuteConfig gives_up_to(GaveUp path) {
  AcuteConfig cfg = small();
  cfg.phone.redial_probability = 0;
  cfg.phone.gave_up_urgent = {};
  cfg.phone.gave_up_urgent[ix(path)] = 1;
  cfg.phone.gave_up_other = cfg.phone.gave_up_urgent;
  return cfg;
}

// The whole chain, coupled as the model does, on the rig.
struct Chain : Coupling {
  explicit Chain(Rig& r) : Coupling(r.ctx) { make_resources(); }
};

}  // namespace

TEST_CASE("office hours: the own GP is reached at the next weekday 08:00", "[components]") {
  const double day = 1440.0, week = 7 * day;
  const Calendar cal;                                     // no public holidays (tests/acute/test_calendar.cpp has them)
  CHECK(next_office_opening(7 * 60.0, cal) == 8 * 60.0);  // Monday 07:00
  CHECK(next_office_opening(10 * 60.0, cal) == 10 * 60.0);                  // Monday 10:00: open now
  CHECK(next_office_opening(18 * 60.0, cal) == day + 8 * 60.0);             // Monday 18:00: Tuesday
  CHECK(next_office_opening(4 * day + 17 * 60.0, cal) == week + 8 * 60.0);  // Friday 17:00: next Monday
  CHECK(next_office_opening(5 * day + 12 * 60.0, cal) == week + 8 * 60.0);  // Saturday
  CHECK(next_office_opening(week + 6 * 60.0, cal) == week + 8 * 60.0);      // a week later
  CHECK(next_office_opening(2 * week - 1.0, cal) == 2 * week + 8 * 60.0);   // Sunday 23:59
  CHECK(out_of_hours(5 * day + 12 * 60.0, cal));
  CHECK_FALSE(out_of_hours(2 * day + 9 * 60.0, cal));
}

TEST_CASE("the ledger counts a record that ends without care and without a counted path as lost", "[components]") {
  Rig rig(small());  // care norms: U0 and U1 15 min, U2 60 min
  const PatientId cared = rig.patient(1, Response::gp_phone, 1);
  rig.patients.care_start(cared, 20.0);  // U1 after 20 min: late
  rig.patients.end(cared, End::after_care);
  const PatientId u2 = rig.patient(1, Response::gp_phone, 2);
  rig.patients.care_start(u2, 20.0);  // U2 after 20 min: in time
  rig.patients.end(u2, End::after_care);
  CHECK(rig.c.late_care[1] == 1);
  CHECK(rig.c.late_care[2] == 0);
  CHECK(rig.c.lost == 0);
  rig.patients.end(rig.patient(1, Response::gp_phone, 4), End::own_gp);
  rig.patients.end(rig.patient(1, Response::gp_phone, 4), End::stayed_home);
  CHECK(rig.c.lost == 0);
  rig.patients.end(rig.patient(1, Response::gp_phone, 4), End::after_care);  // no care was given
  CHECK(rig.c.lost == 1);
  CHECK(rig.patients.ended() == 5);
}

TEST_CASE("a caller who hangs up redials at most three times, then takes a path", "[components]") {
  AcuteConfig cfg = gives_up_to(GaveUp::own_gp);
  cfg.phone.redial_probability = 1;
  cfg.phone.patience = sim::Distribution::deterministic(1);
  cfg.phone.redial_delay = sim::Distribution::deterministic(5);
  cfg.zcc_triage.time[0] = sim::Distribution::deterministic(60);  // the three GP triagists stay busy
  Rig rig(std::move(cfg));
  Chain chain(rig);
  rig.sim.run_until(monday_17h);
  PatientId ids[4];
  for (auto& id : ids) {
    id = rig.patient(1, Response::gp_phone, 4);
    chain.call_centre.patient_call(id, Discipline::gp);
  }
  rig.sim.run_until(monday_17h + 50);
  CHECK(rig.c.hung_up == 4);  // the first attempt and three redials
  CHECK(rig.c.calls == 4 + 3);
  CHECK(rig.c.gave_up == std::array<std::uint64_t, gave_up_count>{0, 0, 1, 0});
  CHECK(rig.patients.ended() == 1);
  CHECK(rig.c.lost == 0);
  CHECK(rig.c.activity_cost == rig.cfg.costs.own_gp_contact);
  CHECK(rig.c.gave_up_cost == rig.cfg.costs.own_gp_contact);
  CHECK(rig.c.late_care[4] == 0);  // U4 has no norm
}

TEST_CASE("a caller who gives up calls 112: the dispatch line, not the GP line", "[components]") {
  Rig rig(gives_up_to(GaveUp::calls_112));
  Chain chain(rig);
  const PatientId id = rig.patient(1, Response::gp_home_visit, 2);
  rig.patients[id].patient_line = true;  // hung up on the GP line
  chain.abandonment.hung_up(id);
  const Patient& p = rig.patients[id];
  CHECK(p.gave_up);
  CHECK_FALSE(p.patient_line);
  CHECK(chain.call_centre.line(p.line).res->name() == "dispatch/home");
  CHECK(rig.c.calls_112 == 1);
  CHECK(rig.c.calls == 0);
  CHECK(rig.c.gave_up[ix(GaveUp::calls_112)] == 1);
  CHECK(rig.patients.live() == 1);
}

TEST_CASE("a caller who gives up walks into the nearest ED and pays its tariff", "[components]") {
  Rig rig(gives_up_to(GaveUp::ed));
  Chain chain(rig);
  const PatientId id = rig.patient(1, Response::hap_consult, 3);
  chain.abandonment.hung_up(id);
  const Patient& p = rig.patients[id];
  CHECK(rig.c.ed_visits == 1);
  CHECK(p.phase == Phase::ed);
  CHECK(p.assigned == Response::ed);
  CHECK(p.cost[static_cast<std::size_t>(Price::ed)] == rig.cfg.costs.tariff[static_cast<std::size_t>(Response::ed)]);
  CHECK(rig.c.gave_up[ix(GaveUp::ed)] == 1);
  rig.sim.run_until(2 * 1440.0);  // treated and gone
  CHECK(rig.patients.live() == 0);
  CHECK(rig.c.lost == 0);
  CHECK(rig.c.gave_up_cost == rig.cfg.costs.tariff[static_cast<std::size_t>(Response::ed)]);
}

TEST_CASE("a caller who gives up for the own GP is costed, and late when urgent", "[components]") {
  Rig rig(gives_up_to(GaveUp::own_gp));
  Chain chain(rig);
  rig.sim.run_until(7.5 * 60);                                          // Monday 07:30
  chain.abandonment.hung_up(rig.patient(1, Response::hap_consult, 2));  // seen at 08:00: within U2's hour
  rig.sim.run_until(18 * 60.0);                                         // Monday 18:00
  chain.abandonment.hung_up(rig.patient(1, Response::hap_consult, 1));  // seen Tuesday 08:00: late
  chain.abandonment.hung_up(rig.patient(1, Response::gp_phone, 4));     // no norm
  CHECK(rig.c.late_care == std::array<std::uint64_t, urgency_count>{0, 1, 0, 0, 0, 0});
  CHECK(rig.c.gave_up[ix(GaveUp::own_gp)] == 3);
  CHECK(rig.patients.ended() == 3);
  CHECK(rig.c.lost == 0);
  CHECK(rig.c.activity_cost == 3 * rig.cfg.costs.own_gp_contact);
}

TEST_CASE("a caller who gives up and stays home is counted and may call again later", "[components]") {
  AcuteConfig cfg = gives_up_to(GaveUp::stays_home);
  cfg.recontact.probability = 1;
  cfg.recontact.delay = sim::Distribution::deterministic(100);
  Rig rig(std::move(cfg));
  Chain chain(rig);
  rig.sim.run_until(monday_17h);
  chain.abandonment.hung_up(rig.patient(1, Response::hap_consult, 2));  // needed care
  chain.abandonment.hung_up(rig.patient(1, Response::self_care, 5));    // did not
  CHECK(rig.c.stayed_home == std::array<std::uint64_t, urgency_count>{0, 0, 1, 0, 0, 1});
  CHECK(rig.c.gave_up[ix(GaveUp::stays_home)] == 2);
  CHECK(rig.patients.ended() == 2);
  CHECK(rig.patients.live() == 1);  // the re-contact of the one who needed care
  CHECK(rig.c.lost == 0);
  rig.sim.run_until(monday_17h + 100);
  CHECK(rig.c.recontacts == 1);
  CHECK(rig.c.calls == 1);  // the re-contact phones the GP line
}

TEST_CASE("triage below the need's level counts as under-triage by urgency", "[components]") {
  AcuteConfig cfg = small();
  cfg.recontact.probability = 0;
  cfg.zcc_triage.time[0] = sim::Distribution::deterministic(5);
  auto& row = cfg.zcc_triage.accuracy[static_cast<std::size_t>(Response::hap_consult)];
  row = {};
  row[static_cast<std::size_t>(Response::gp_phone)] = 1;  // every consult need gets phone advice
  Rig rig(std::move(cfg));
  Chain chain(rig);
  rig.sim.run_until(monday_17h);
  chain.call_centre.patient_call(rig.patient(1, Response::hap_consult, 2), Discipline::gp);
  chain.call_centre.patient_call(rig.patient(1, Response::gp_phone, 2), Discipline::gp);  // triaged right
  rig.sim.run_until(monday_17h + 10);
  CHECK(rig.c.triages == 2);
  CHECK(rig.c.under_triage == std::array<std::uint64_t, urgency_count>{0, 0, 1, 0, 0, 0});
  CHECK(rig.patients.ended() == 2);
}

namespace {

// The line named `name` of the chain's call centre.
CallCentre::LineId line_named(const CallCentre& cc, const std::string& name) {
  for (CallCentre::LineId l = 0; l < cc.line_count(); ++l)
    if (cc.line(l).res->name() == name) return l;
  FAIL("no line " << name);
  return 0;
}

// Callers who hang up after exactly 30 minutes and stay home; triage takes
// an hour (nobody is answered twice in these tests).
AcuteConfig closure_config(const std::string& file) {
  AcuteConfig cfg = small(file);
  cfg.phone.redial_probability = 0;
  cfg.phone.gave_up_urgent = {};
  cfg.phone.gave_up_urgent[ix(GaveUp::stays_home)] = 1;
  cfg.phone.gave_up_other = cfg.phone.gave_up_urgent;
  cfg.phone.patience = sim::Distribution::deterministic(30);
  cfg.zcc_triage.time[0] = sim::Distribution::deterministic(60);
  return cfg;
}

}  // namespace

TEST_CASE("a closed zcc location: the pooled line loses its staff for the period and gets them back", "[components]") {
  AcuteConfig cfg = closure_config("small_region.yaml");
  // main: Monday 17:30-19:00 and 20:00-22:00; south: 20:00-22:00
  cfg.zcc.locations[0].closed = {{monday_17h + 30, monday_17h + 120}, {monday_17h + 180, monday_17h + 300}};
  cfg.zcc.locations[1].closed = {{monday_17h + 180, monday_17h + 300}};
  Rig rig(std::move(cfg));
  Chain chain(rig);
  const auto gp = line_named(chain.call_centre, "zcc/home/gp");
  auto& res = *chain.call_centre.line(gp).res;
  std::vector<std::uint32_t> duty;
  for (double m : {10.0, 40.0, 110.0, 130.0}) {  // main 2 + south 1 on duty, main closed, open again
    rig.sim.run_until(monday_17h + m);
    duty.push_back(res.on_duty_count());
  }
  CHECK(duty == std::vector<std::uint32_t>{3, 1, 1, 3});
  // both closed from 20:00: a caller is not sent to the own GP but waits
  // for the patience and hangs up
  rig.sim.run_until(monday_17h + 190);
  CHECK(res.on_duty_count() == 0);
  const PatientId id = rig.patient(0, Response::gp_phone, 4);
  chain.call_centre.patient_call(id, Discipline::gp);
  CHECK(res.queue_length() == 1);
  rig.sim.run_until(monday_17h + 230);
  CHECK(rig.c.calls == 1);
  CHECK(rig.c.closure_calls == 1);
  CHECK(rig.c.hung_up == 1);
  CHECK(rig.c.closure_hung_up == 1);
  CHECK(rig.c.daytime_gp == 0);
  CHECK(rig.c.gave_up[ix(GaveUp::stays_home)] == 1);
  rig.sim.run_until(monday_17h + 310);
  CHECK(res.on_duty_count() == 3);
  // the closed staff is paid: on duty plus absent is the roster (Monday
  // 00:00-08:00 one, 17:00-22:10 three), absent 2 x 90 + 3 x 120 minutes
  const double now = rig.sim.now();
  const auto& s = res.stats(now);
  CHECK(s.absent.integral(now) == 540.0);
  CHECK(s.on_duty.integral(now) + s.absent.integral(now) == 8 * 60.0 + 3 * 310.0);
}

TEST_CASE("a closed zcc location per sub-region: the open location takes over its calls, or with takeover "
          "false they wait and hang up",
          "[components]") {
  for (const bool takeover : {true, false}) {
    INFO("takeover " << takeover);
    AcuteConfig cfg = closure_config("variant_per_subregion.yaml");
    cfg.zcc.takeover = takeover;
    cfg.zcc.locations[0].closed = {{monday_17h, monday_17h + 120}};  // main (subregion a): Monday 17:00-19:00
    Rig rig(std::move(cfg));
    Chain chain(rig);
    const auto main_gp = line_named(chain.call_centre, "zcc/main/gp"),
               south_gp = line_named(chain.call_centre, "zcc/south/gp");
    rig.sim.run_until(monday_17h + 30);
    REQUIRE(chain.call_centre.line(main_gp).res->on_duty_count() == 0);
    const PatientId north = rig.patient(0, Response::gp_phone, 4);  // subregion a: location main
    chain.call_centre.patient_call(north, Discipline::gp);
    CHECK(rig.patients[north].line == (takeover ? south_gp : main_gp));
    CHECK(chain.call_centre.line(main_gp).res->queue_length() == (takeover ? 0u : 1u));
    rig.sim.run_until(monday_17h + 30 + rig.cfg.zcc.overflow_after + 1);  // past the overflow timer
    CHECK(rig.patients[north].line == (takeover ? south_gp : main_gp));   // not taken over: it stays
    rig.sim.run_until(monday_17h + 61);
    CHECK(rig.c.calls == 1);
    CHECK(rig.c.closure_calls == 1);
    CHECK(rig.c.answered_2min == (takeover ? 1u : 0u));
    CHECK(rig.c.closure_answered_2min == (takeover ? 1u : 0u));
    CHECK(rig.c.hung_up == (takeover ? 0u : 1u));
    CHECK(rig.c.closure_hung_up == (takeover ? 0u : 1u));
    CHECK(rig.c.gave_up[ix(GaveUp::stays_home)] == (takeover ? 0u : 1u));
    // after the closure main answers its own subregion again
    rig.sim.run_until(monday_17h + 121);
    CHECK(chain.call_centre.line(main_gp).res->on_duty_count() == 2);
    const PatientId later = rig.patient(0, Response::gp_phone, 4);
    chain.call_centre.patient_call(later, Discipline::gp);
    CHECK(rig.patients[later].line == main_gp);
    CHECK(rig.c.closure_calls == 1);
  }
}
