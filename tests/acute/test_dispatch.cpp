// SPDX-License-Identifier: MIT
// The 112 dispatch room and need drawn with urgency, each alone on the
// component rig (component_rig.hpp): the dispatcher's assessment decides an
// ambulance, the ED or a hand-over; only non-time-critical ambulance calls
// are warm-transferred to the zcc; rides other lines ask for are booked
// through the dispatch room unless the zcc books them; a stream's need
// follows the patient's urgency.
#include "component_rig.hpp"
#include "models/acute/coupling.hpp"

#include <string>

using namespace zccsim;
using namespace zccsim::models::acute;
using namespace zccsim::models::acute::test;

namespace {

constexpr double monday_17h = 17 * 60.0;  // out of hours: the zcc is open for patients
constexpr std::size_t ix(Response r) { return static_cast<std::size_t>(r); }

// Every triage rule right (identity), fixed times, no transfers, no re-contacts.
AcuteConfig exact() {
  AcuteConfig cfg = small();
  cfg.recontact.probability = 0;
  for (TriageRule* rule : {&cfg.zcc_triage, &cfg.fragmented_triage, &cfg.dispatch_triage}) {
    for (std::size_t i = 0; i < response_count; ++i) {
      rule->accuracy[i] = {};
      rule->accuracy[i][i] = 1;
    }
    rule->transfer_probability = 0;
    rule->time.fill(sim::Distribution::deterministic(3));
  }
  cfg.dispatch.request_time = sim::Distribution::deterministic(2);
  cfg.dispatch.urgency_over_triage = 0;
  cfg.dispatchers.fill(3);  // no 112 call waits in these tests
  return cfg;
}

// The whole chain, coupled as the model does, on the rig; Monday 17:00.
struct Chain : Coupling {
  Rig& rig;
  explicit Chain(Rig& r) : Coupling(r.ctx), rig(r) {
    make_resources();
    rig.sim.run_until(monday_17h);
  }
  std::string line_of(PatientId id) const { return call_centre.line(rig.patients[id].line).res->name(); }
};

}  // namespace

TEST_CASE("the dispatcher sends an ambulance, the ED or hands over, by its assessment", "[components]") {
  AcuteConfig cfg = exact();
  cfg.dispatch.warm_transfer_share = 0;
  Rig rig(std::move(cfg));
  Chain chain(rig);
  const PatientId a1 = rig.patient(1, Response::ambulance, 1), ed = rig.patient(1, Response::ed, 2),
                  gp = rig.patient(1, Response::gp_home_visit, 2);
  for (PatientId id : {a1, ed, gp}) chain.call_centre.emergency_call(id);
  CHECK(rig.c.calls_112 == 3);
  rig.sim.run_until(monday_17h + 3.5);  // the dispatchers' 3-minute triage is over
  CHECK(rig.c.rides == 1);
  CHECK(rig.c.rides_class[0] == 1);  // U1: A1
  CHECK(rig.c.ed_visits == 1);       // by own transport
  CHECK(rig.patients[ed].assigned == Response::ed);
  CHECK(rig.c.dispatch_handovers == 1);  // a home-visit need: to the zcc's GP line (open)
  CHECK(chain.line_of(gp) == "zcc/home/gp");
  CHECK(rig.c.warm_transfers == 0);
  CHECK(rig.c.ride_requests == 0);  // the dispatcher's own ride is no request
}

TEST_CASE("only non-time-critical ambulance calls are warm-transferred to the zcc", "[components]") {
  AcuteConfig cfg = exact();
  cfg.dispatch.warm_transfer_share = 1;
  cfg.dispatch.warm_transfer_from = 2;  // U2 and less urgent
  Rig rig(std::move(cfg));
  Chain chain(rig);
  const PatientId u1 = rig.patient(1, Response::ambulance, 1), u2 = rig.patient(1, Response::ambulance, 2),
                  u3 = rig.patient(1, Response::ambulance, 3);
  for (PatientId id : {u1, u2, u3}) chain.call_centre.emergency_call(id);
  rig.sim.run_until(monday_17h + 3.5);
  CHECK(rig.c.rides == 1);  // U1 went at once
  CHECK(rig.c.warm_transfers == 2);
  CHECK(chain.line_of(u2) == "zcc/home/ambulance");
  CHECK(chain.line_of(u3) == "zcc/home/ambulance");
  // the zcc's one ambulance triagist assigns the ambulance (3 min each, one
  // after the other): booked back through the dispatch room (2 min each)
  rig.sim.run_until(monday_17h + 3 + 3 + 3 + 2 + 0.5);
  CHECK(rig.c.ride_requests == 2);
  CHECK(rig.c.rides == 3);
}

TEST_CASE("urgency over-triage raises a ride's class, never lowers it", "[components]") {
  AcuteConfig cfg = exact();
  cfg.dispatch.urgency_over_triage = 1;
  Rig rig(std::move(cfg));
  Chain chain(rig);
  const PatientId u0 = rig.patient(1, Response::ambulance, 0), u2 = rig.patient(1, Response::ambulance, 2),
                  u3 = rig.patient(1, Response::ambulance, 3);
  for (PatientId id : {u0, u2, u3}) chain.call_centre.emergency_call(id);
  rig.sim.run_until(monday_17h + 3.5);
  CHECK(rig.c.rides == 3);
  CHECK(rig.patients[u0].assessed_urgency == 0);
  CHECK(rig.patients[u2].assessed_urgency == 1);  // A2 -> A1
  CHECK(rig.patients[u3].assessed_urgency == 2);  // B -> A2
  CHECK(rig.c.rides_class == std::array<std::uint64_t, 3>{2, 1, 0});
  CHECK(rig.patients[u2].urgency == 2);  // the true urgency stays
}

TEST_CASE("a ride another line asks for is booked through the dispatch room, unless the zcc books it", "[components]") {
  for (const bool zcc_books : {false, true}) {
    DYNAMIC_SECTION("zcc books its rides: " << zcc_books) {
      AcuteConfig cfg = exact();
      cfg.zcc.books_ambulance_rides = zcc_books;
      Rig rig(std::move(cfg));
      Chain chain(rig);
      chain.call_centre.patient_call(rig.patient(1, Response::ambulance, 2), Discipline::gp);  // the zcc GP line
      rig.sim.run_until(monday_17h + 3.5);                                                     // triaged: ambulance
      CHECK(rig.c.ride_requests == (zcc_books ? 0U : 1U));
      CHECK(rig.c.rides == (zcc_books ? 1U : 0U));
      rig.sim.run_until(monday_17h + 3.5 + 2);  // the dispatcher's 2 minutes
      CHECK(rig.c.rides == 1);
    }
  }
}

TEST_CASE("demand draws the need from the row of the patient's urgency", "[components]") {
  AcuteConfig cfg = small();
  Stream& st = cfg.streams[static_cast<std::size_t>(StreamKind::ed_walk_ins)];
  st.urgency = {0, 0.5, 0, 0, 0, 0.5};
  st.need_by_urgency = {};
  st.need_by_urgency[1][ix(Response::ambulance)] = 1;  // U1: ambulance
  st.need_by_urgency[5][ix(Response::self_care)] = 1;  // U5: self-care
  Rig rig(std::move(cfg));
  Chain chain(rig);
  const auto walk_in = static_cast<std::uint32_t>(StreamKind::ed_walk_ins);
  int u1 = 0, u5 = 0;
  for (int i = 0; i < 200; ++i) {
    chain.demand.on_arrival(rig.sim, walk_in);
    const Patient& p = rig.patients[static_cast<PatientId>(i)];
    u1 += p.urgency == 1;
    u5 += p.urgency == 5;
    CHECK(p.need == (p.urgency == 1 ? Response::ambulance : Response::self_care));
    CHECK(p.assessed_urgency == p.urgency);
  }
  CHECK(u1 + u5 == 200);
  CHECK(u1 > 70);  // both rows drawn (binomial(200, 0.5): 70 is 4.2 sd below)
  CHECK(u5 > 70);
}

TEST_CASE("after a consult the GP refers a need above it on, or the patient goes home", "[components]") {
  for (const double refer : {0.0, 1.0}) {
    DYNAMIC_SECTION("refer_on " << refer) {
      AcuteConfig cfg = exact();
      cfg.responses[ix(Response::hap_consult)].refer_on = refer;
      cfg.responses[ix(Response::hap_consult)].service = sim::Distribution::deterministic(10);
      Rig rig(std::move(cfg));
      Chain chain(rig);
      // an ED need and a consult need, both given a consult
      const PatientId ed_need = rig.patient(1, Response::ed, 2),
                      consult_need = rig.patient(1, Response::hap_consult, 3);
      for (PatientId id : {ed_need, consult_need}) chain.router.assign(id, Response::hap_consult);
      rig.sim.run_until(monday_17h + 60);  // drive, two 10-minute consults
      CHECK(rig.c.referred_on == (refer > 0 ? 1U : 0U));
      CHECK(rig.c.ed_visits == (refer > 0 ? 1U : 0U));       // by own transport
      CHECK(rig.patients.ended() == (refer > 0 ? 1U : 2U));  // the referred one is still at the ED
    }
  }
}
