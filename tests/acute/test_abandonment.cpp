// SPDX-License-Identifier: MIT
// No patient vanishes: callers who hang up (abandonment: redial, then 112,
// an ED walk-in, the own GP or home), the ledger's end states and lost
// records, safety events (late care, under-triage) and office hours, each
// alone on the component rig (component_rig.hpp).
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
  CHECK(next_office_opening(7 * 60.0) == 8 * 60.0);                    // Monday 07:00
  CHECK(next_office_opening(10 * 60.0) == 10 * 60.0);                  // Monday 10:00: open now
  CHECK(next_office_opening(18 * 60.0) == day + 8 * 60.0);             // Monday 18:00: Tuesday
  CHECK(next_office_opening(4 * day + 17 * 60.0) == week + 8 * 60.0);  // Friday 17:00: next Monday
  CHECK(next_office_opening(5 * day + 12 * 60.0) == week + 8 * 60.0);  // Saturday
  CHECK(next_office_opening(week + 6 * 60.0) == week + 8 * 60.0);      // a week later
  CHECK(next_office_opening(2 * week - 1.0) == 2 * week + 8 * 60.0);   // Sunday 23:59
  CHECK(out_of_hours(5 * day + 12 * 60.0));
  CHECK_FALSE(out_of_hours(2 * day + 9 * 60.0));
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
