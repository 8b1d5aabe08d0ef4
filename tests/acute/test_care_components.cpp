// SPDX-License-Identifier: MIT
// The acute model's care components alone (component_rig.hpp): placement,
// the ambulance service, the call centre, the ED and primary care.
#include "component_rig.hpp"
#include "models/acute/abandonment.hpp"
#include "models/acute/ambulance_service.hpp"
#include "models/acute/call_centre.hpp"
#include "models/acute/emergency_department.hpp"
#include "models/acute/placement.hpp"
#include "models/acute/primary_care.hpp"
#include "models/acute/router.hpp"

#include <string>

using namespace zccsim;
using namespace zccsim::models::acute;
using namespace zccsim::models::acute::test;

namespace {

// The small region's bed pool with beds of one type only (`beds` of them),
// which every patient needs, admitting around the clock, every provider
// accepting: the search alone.
AcuteConfig one_type(AcuteConfig cfg, BedType type = BedType::elv_low, std::uint32_t beds = 30) {
  for (std::size_t t = 0; t < bed_type_count; ++t) {
    cfg.beds.types[t].share = t == static_cast<std::size_t>(type) ? 1.0 : 0.0;
    cfg.beds.types[t].admission = AdmissionHours{};
    cfg.beds.types[t].acceptance = 1.0;
  }
  for (Site& s : cfg.sites) {
    if (s.kind != SiteKind::vvt) continue;
    s.beds = {};
    s.beds[static_cast<std::size_t>(type)] = beds;
    s.places = beds;
  }
  return cfg;
}

void fill(sim::Simulation& sim, sim::Resource& r, std::uint64_t& other) {
  while (r.free_count() > 0) REQUIRE(r.seize(sim, other++).result == sim::SeizeResult::served);
}

}  // namespace

TEST_CASE("placement with capacity insight takes the provider with most free beds", "[components]") {
  Rig rig(one_type(small()));  // vvt_pool: 30 beds over 5 providers of 6
  Placement placement(rig.ctx);
  placement.add_site(site_index(rig.cfg, "vvt_pool"));
  const auto& prov = placement.providers(BedType::elv_low, 0);
  REQUIRE(prov.size() == 5);
  const std::uint32_t busy[5] = {6, 4, 1, 3, 5};  // free: 0, 2, 5, 3, 1
  std::uint64_t other = 1000;
  for (std::size_t i = 0; i < 5; ++i)
    for (std::uint32_t b = 0; b < busy[i]; ++b)
      REQUIRE(prov[i]->seize(rig.sim, other++).result == sim::SeizeResult::served);
  const PatientId id = rig.patient(1, Response::vvt_bed, 3);
  placement.start_search(id);
  rig.sim.run_until(rig.cfg.beds.lookup_minutes - 1e-9);
  CHECK(prov[2]->busy_count() == 1);
  rig.sim.run_until(rig.cfg.beds.lookup_minutes);
  CHECK(prov[2]->busy_count() == 2);
  CHECK(rig.patients[id].held == prov[2].get());
  CHECK(rig.c.placed_in == 1);
  CHECK(rig.c.rejections == 0);
  CHECK(rig.c.search.mean() == rig.cfg.beds.lookup_minutes);
  CHECK(rig.c.time_to_care[3].mean() == rig.cfg.beds.lookup_minutes);
  const auto log = rig.observation.take_log();
  REQUIRE(log.size() == 3);
  CHECK(log_event_names[log[0].event] == "bed_search");
  CHECK(log_event_names[log[1].event] == "placed");
  CHECK(log[1].detail == 1);  // in the region
  CHECK(log_event_names[log[2].event] == "care_start");
}

TEST_CASE("placement without insight phones the providers one by one", "[components]") {
  AcuteConfig cfg = one_type(small());
  cfg.capacity_insight = false;
  Rig rig(std::move(cfg));
  Placement placement(rig.ctx);
  placement.add_site(site_index(rig.cfg, "vvt_pool"));
  const auto& prov = placement.providers(BedType::elv_low, 0);
  std::uint64_t other = 1000;
  for (std::size_t i = 0; i < 5; ++i)  // only provider 3 has a bed
    for (std::uint32_t b = 0; b < (i == 3 ? 5u : 6u); ++b)
      REQUIRE(prov[i]->seize(rig.sim, other++).result == sim::SeizeResult::served);
  const PatientId id = rig.patient(1, Response::vvt_bed, 3);
  placement.start_search(id);
  const std::uint32_t first = rig.patients[id].search_offset;
  const std::uint32_t calls = (3 + 5 - first) % 5 + 1;  // up to and including provider 3
  rig.sim.run_until(1000.0);
  CHECK(prov[3]->busy_count() == 6);
  CHECK(rig.c.placed_in == 1);
  CHECK(rig.c.rejections == calls - 1);
  CHECK(rig.c.search.mean() == calls * rig.cfg.beds.attempt_minutes);
}

// A triage line for the search tests: one triagist; a bed search queued on
// it for its next round is answered by placement (as CallCentre does).
struct SearchLine final : sim::ResourceClient {
  Patients& patients;
  Placement& placement;
  SearchLine(Patients& pts, Placement& pl) : patients(pts), placement(pl) {}
  void on_service_start(sim::Simulation&, sim::Resource&, std::uint64_t entity, std::uint32_t server) override {
    const auto id = static_cast<PatientId>(entity);
    if (patients[id].search_callback) placement.line_answered(id, server);
  }
  void on_abandon(sim::Simulation&, sim::Resource&, std::uint64_t) override {}
};

TEST_CASE("a bed search a triage line started holds its triagist while it works, round by round", "[components]") {
  AcuteConfig cfg = one_type(small());
  cfg.capacity_insight = false;             // five phone calls of 10 minutes a round
  cfg.beds.neighbour_free_probability = 0;  // no bed in a neighbouring region either
  Rig rig(std::move(cfg));
  Placement placement(rig.ctx);
  placement.add_site(site_index(rig.cfg, "vvt_pool"));
  SearchLine client(rig.patients, placement);
  auto line = rig.accounting.make_resource(
      {.name = "line/home/vvt", .servers = 1, .group = Group::line_vvt, .classes = urgency_count}, client);
  const auto& prov = placement.providers(BedType::elv_low, 0);
  std::uint64_t other = 1000;
  for (std::size_t i = 0; i < 5; ++i)  // every provider full
    for (std::uint32_t b = 0; b < 6; ++b) REQUIRE(prov[i]->seize(rig.sim, other++).result == sim::SeizeResult::served);
  // the triage is done: its triagist stays on the search
  const PatientId id = rig.patient(1, Response::vvt_bed, 3);
  REQUIRE(line->seize(rig.sim, id, 3).result == sim::SeizeResult::served);
  Patients::hold(rig.patients[id], *line, 0);
  Patients::keep_for_search(rig.patients[id]);
  CHECK(rig.patients[id].held == nullptr);
  placement.start_search(id);
  const double a = rig.cfg.beds.attempt_minutes, retry = rig.cfg.beds.retry_after;
  // round 1: five calls, all full; the line is busy the whole round, then free
  rig.sim.run_until(5 * a - 1e-9);
  CHECK(line->busy_count() == 1);
  rig.sim.run_until(5 * a);
  CHECK(line->busy_count() == 0);
  CHECK(rig.c.rejections == 6);  // five providers and the neighbouring region
  // another caller takes the triagist before round 2 is due: the search waits on the line
  rig.sim.run_until(5 * a + retry - 5);
  REQUIRE(line->seize(rig.sim, 77, 0).result == sim::SeizeResult::served);
  rig.sim.run_until(5 * a + retry + 20);
  CHECK(line->queue_length() == 1);
  CHECK(rig.patients[id].search_callback);
  CHECK(rig.c.search_work_minutes == 5 * a);  // nothing worked while waiting
  // a bed comes free at the provider the round calls first; the caller hangs up
  const std::uint32_t first = rig.patients[id].search_offset;
  prov[first]->release(rig.sim, 0);
  line->release(rig.sim, 0);
  const double answered = 5 * a + retry + 20;
  rig.sim.run_until(answered + a - 1e-9);
  CHECK(line->busy_count() == 1);  // the triagist of round 2 makes the first call
  CHECK(prov[first]->busy_count() == 5);
  rig.sim.run_until(answered + a);
  CHECK(line->busy_count() == 0);  // placed: the triagist is free
  CHECK(prov[first]->busy_count() == 6);
  CHECK(rig.c.placed_in == 1);
  CHECK(rig.c.search_work_minutes == 6 * a);
  CHECK(rig.c.search.mean() == answered + a);
  CHECK_FALSE(rig.patients[id].search_holding);
}

TEST_CASE("a bed search from the ED holds no triagist", "[components]") {
  Rig rig(one_type(small()));
  Placement placement(rig.ctx);
  placement.add_site(site_index(rig.cfg, "vvt_pool"));
  const PatientId id = rig.patient(1, Response::vvt_bed, 3);
  placement.start_search(id);  // no line kept: Patients::keep_for_search was not called
  CHECK(rig.patients[id].search_line == nullptr);
  rig.sim.run_until(rig.cfg.beds.lookup_minutes);
  CHECK(rig.c.placed_in == 1);
  CHECK_FALSE(rig.patients[id].search_holding);
}

TEST_CASE("placement by bed type: a patient needing GRZ is never placed in an ELV bed", "[components]") {
  AcuteConfig cfg = one_type(small(), BedType::grz, 5);  // GRZ: 5 providers of 1 bed
  for (Site& s : cfg.sites)
    if (s.kind == SiteKind::vvt) s.beds[static_cast<std::size_t>(BedType::elv_low)] = 30;
  cfg.beds.neighbour_free_probability = 0;
  Rig rig(std::move(cfg));
  Placement placement(rig.ctx);
  placement.add_site(site_index(rig.cfg, "vvt_pool"));
  const auto& grz = placement.providers(BedType::grz, 0);
  const auto& elv = placement.providers(BedType::elv_low, 0);
  REQUIRE(grz.size() == 5);
  REQUIRE(elv.size() == 5);
  std::uint64_t other = 1000;
  for (const auto& r : grz) fill(rig.sim, *r, other);  // every GRZ bed taken, every ELV bed free
  const PatientId id = rig.patient(1, Response::vvt_bed, 3);
  placement.start_search(id);
  CHECK(rig.patients[id].bed_type == BedType::grz);
  const double retry = rig.cfg.beds.retry_after, lookup = rig.cfg.beds.lookup_minutes;
  rig.sim.run_until(lookup + retry / 2);
  for (const auto& r : elv) CHECK(r->busy_count() == 0);  // the free ELV beds are not offered
  CHECK(rig.c.placed_in == 0);
  CHECK(rig.c.rejections == 2);  // the lookup and the neighbouring region
  // a GRZ bed comes free: the next round's lookup takes it
  grz[3]->release(rig.sim, 0);
  rig.sim.run_until(lookup + retry + lookup);
  CHECK(rig.c.placed_in == 1);
  CHECK(rig.patients[id].held == grz[3].get());
  CHECK(rig.c.placed_type[static_cast<std::size_t>(BedType::grz)] == 1);
  CHECK(rig.c.placed_type[static_cast<std::size_t>(BedType::elv_low)] == 0);
  for (const auto& r : elv) CHECK(r->busy_count() == 0);
}

TEST_CASE("a search outside the bed type's admission hours waits for the opening", "[components]") {
  AcuteConfig cfg = one_type(small());
  cfg.beds.types[0].admission = AdmissionHours{.from = 8, .to = 22};
  Rig rig(std::move(cfg));
  Placement placement(rig.ctx);
  placement.add_site(site_index(rig.cfg, "vvt_pool"));
  const auto& prov = placement.providers(BedType::elv_low, 0);
  // minute 0 is Monday 00:00: a patient at home needs a bed at 03:00
  rig.sim.run_until(3 * 60.0);
  const PatientId id = rig.patient(1, Response::vvt_bed, 3);
  placement.start_search(id);
  rig.sim.run_until(8 * 60.0 + rig.cfg.beds.lookup_minutes - 1e-9);
  for (const auto& r : prov) CHECK(r->busy_count() == 0);           // waits, although every bed is free
  CHECK(rig.c.search_work_minutes == rig.cfg.beds.lookup_minutes);  // the lookup from 08:00 only
  rig.sim.run_until(8 * 60.0 + rig.cfg.beds.lookup_minutes);
  CHECK(rig.c.placed_in == 1);
  CHECK(rig.c.admission_waits[0] == 1);
  CHECK(rig.c.admission_wait_minutes == 5 * 60.0);
  CHECK(rig.c.search.mean() == 5 * 60.0 + rig.cfg.beds.lookup_minutes);
  // at home meanwhile: one district-nursing visit, costed
  CHECK(rig.patients[id].cost[static_cast<std::size_t>(Price::district_nursing)] ==
        rig.cfg.costs.tariff[static_cast<std::size_t>(Response::district_nursing)]);
  // a second patient inside the hours does not wait
  const PatientId next = rig.patient(1, Response::vvt_bed, 3);
  placement.start_search(next);
  rig.sim.run_until(8 * 60.0 + 2 * rig.cfg.beds.lookup_minutes);
  CHECK(rig.c.placed_in == 2);
  CHECK(rig.c.admission_waits[0] == 1);
}

TEST_CASE("a triage line's search waiting for admission hours frees the triagist until the opening", "[components]") {
  AcuteConfig cfg = one_type(small());
  cfg.beds.types[0].admission = AdmissionHours{.from = 8, .to = 22};
  Rig rig(std::move(cfg));
  Placement placement(rig.ctx);
  placement.add_site(site_index(rig.cfg, "vvt_pool"));
  SearchLine client(rig.patients, placement);
  auto line = rig.accounting.make_resource(
      {.name = "line/home/vvt", .servers = 1, .group = Group::line_vvt, .classes = urgency_count}, client);
  rig.sim.run_until(23 * 60.0);  // Monday 23:00
  const PatientId id = rig.patient(1, Response::vvt_bed, 3);
  REQUIRE(line->seize(rig.sim, id, 3).result == sim::SeizeResult::served);
  Patients::hold(rig.patients[id], *line, 0);
  Patients::keep_for_search(rig.patients[id]);
  placement.start_search(id);
  CHECK(line->busy_count() == 0);  // free for other calls at night
  CHECK(rig.c.search_work_minutes == 0);
  const double opening = 1440.0 + 8 * 60.0;  // Tuesday 08:00: the search queues on the line as a call-back
  rig.sim.run_until(opening + rig.cfg.beds.lookup_minutes - 1e-9);
  CHECK(line->busy_count() == 1);
  rig.sim.run_until(opening + rig.cfg.beds.lookup_minutes);
  CHECK(line->busy_count() == 0);
  CHECK(rig.c.placed_in == 1);
  CHECK(rig.c.admission_wait_minutes == 9 * 60.0);
}

TEST_CASE("a provider that refuses is skipped: each refusal costs a call, then the next provider", "[components]") {
  AcuteConfig cfg = one_type(small());
  cfg.beds.types[0].acceptance = 0;  // every provider with a free bed refuses
  cfg.beds.neighbour_free_probability = 0;
  Rig rig(std::move(cfg));
  Placement placement(rig.ctx);
  placement.add_site(site_index(rig.cfg, "vvt_pool"));
  const PatientId id = rig.patient(1, Response::vvt_bed, 3);
  placement.start_search(id);
  const double lookup = rig.cfg.beds.lookup_minutes, a = rig.cfg.beds.attempt_minutes;
  // the lookup asks the provider with most free beds; each of the other four is phoned once
  rig.sim.run_until(lookup + 4 * a + 1);
  CHECK(rig.c.refusals[0] == 5);
  CHECK(rig.c.placed_in == 0);
  CHECK(rig.c.search_work_minutes == lookup + 4 * a);
  CHECK(rig.c.rejections == 1);  // the neighbouring region
  // acceptance 1: the next round's lookup places the patient at once
  rig.cfg.beds.types[0].acceptance = 1;
  rig.sim.run_until(lookup + 4 * a + rig.cfg.beds.retry_after + lookup);
  CHECK(rig.c.placed_in == 1);
  CHECK(rig.c.refusals[0] == 5);
}

// Two simulated regions A (home) and B (next, made own), neighbours of each
// other, one bed type: A's vvt_pool (5 providers of 6 beds) and two B sites
// of one bed each, the far one listed first.
AcuteConfig two_regions(bool neighbours) {
  AcuteConfig cfg = one_type(small());
  REQUIRE(cfg.regions.size() == 2);
  cfg.regions[1].own = true;
  if (neighbours) cfg.regions[0].neighbours = {1}, cfg.regions[1].neighbours = {0};
  Site far = cfg.sites[site_index(cfg, "vvt_pool")];
  far.region = 1, far.places = 1, far.beds = {}, far.beds[0] = 1;
  Site near = far;
  far.id = "vvt_next_far", far.lat = 51.95, far.lon = 5.40;      // at ed_next
  near.id = "vvt_next_near", near.lat = 52.12, near.lon = 5.16;  // by the centre
  cfg.sites.push_back(far);
  cfg.sites.push_back(near);
  return cfg;
}

struct TwoRegions {
  Rig rig;
  Placement placement{rig.ctx};
  explicit TwoRegions(AcuteConfig cfg) : rig(std::move(cfg)) {
    for (const char* s : {"vvt_pool", "vvt_next_far", "vvt_next_near"}) placement.add_site(site_index(rig.cfg, s));
  }
  const std::vector<std::unique_ptr<sim::Resource>>& a() const { return placement.providers(BedType::elv_low, 0); }
  const std::vector<std::unique_ptr<sim::Resource>>& b() const { return placement.providers(BedType::elv_low, 1); }
};

TEST_CASE("a simulated neighbour's free bed nearest the patient takes them, without the coin", "[components]") {
  AcuteConfig cfg = two_regions(true);
  cfg.beds.neighbour_free_probability = 0;  // the coin would never place outside
  TwoRegions t(std::move(cfg));
  REQUIRE(t.a().size() == 5);
  REQUIRE(t.b().size() == 2);
  std::uint64_t other = 1000;
  for (const auto& r : t.a()) fill(t.rig.sim, *r, other);       // A full
  const PatientId id = t.rig.patient(1, Response::vvt_bed, 3);  // centre, in A
  t.placement.start_search(id);
  const double lookup = t.rig.cfg.beds.lookup_minutes;
  t.rig.sim.run_until(lookup);
  CHECK(t.b()[1]->busy_count() == 1);  // the near B site
  CHECK(t.b()[0]->busy_count() == 0);
  CHECK(t.rig.patients[id].held == t.b()[1].get());
  CHECK(t.rig.c.placed_out == 1);
  CHECK(t.rig.c.placed_in == 0);
  CHECK(t.rig.c.rejections == 1);  // A's lookup
  const auto log = t.rig.observation.take_log();
  REQUIRE(log.size() == 3);
  CHECK(log_event_names[log[1].event] == "placed");
  CHECK(log[1].detail == 0);  // outside the region
  // the bed is held for the stay, then freed
  const double stay = t.rig.patients[id].stay_days * 1440.0;
  t.rig.sim.run_until(lookup + stay - 1e-6);
  CHECK(t.b()[1]->busy_count() == 1);
  t.rig.sim.run_until(lookup + stay + 1e-6);
  CHECK(t.b()[1]->busy_count() == 0);
  // the near bed taken: the next A patient gets the far one
  fill(t.rig.sim, *t.b()[1], other);
  const PatientId second = t.rig.patient(1, Response::vvt_bed, 3);
  t.placement.start_search(second);
  t.rig.sim.run_until(t.rig.sim.now() + lookup);
  CHECK(t.rig.patients[second].held == t.b()[0].get());
  CHECK(t.rig.c.placed_out == 2);
}

TEST_CASE("every simulated neighbour full: a rejection and a new round, no coin", "[components]") {
  AcuteConfig cfg = two_regions(true);
  cfg.beds.neighbour_free_probability = 1;  // the coin would always place outside
  TwoRegions t(std::move(cfg));
  std::uint64_t other = 1000;
  for (const auto& r : t.a()) fill(t.rig.sim, *r, other);
  for (const auto& r : t.b()) fill(t.rig.sim, *r, other);
  const PatientId id = t.rig.patient(1, Response::vvt_bed, 3);
  t.placement.start_search(id);
  const double lookup = t.rig.cfg.beds.lookup_minutes, retry = t.rig.cfg.beds.retry_after;
  t.rig.sim.run_until(lookup + retry / 2);
  CHECK(t.rig.c.placed_out == 0);
  CHECK(t.rig.c.placed_in == 0);
  CHECK(t.rig.c.rejections == 2);  // A's lookup and B
  // B's far bed comes free: the next round places the patient there
  t.b()[0]->release(t.rig.sim, 0);
  t.rig.sim.run_until(lookup + retry + lookup);
  CHECK(t.rig.c.placed_out == 1);
  CHECK(t.rig.patients[id].held == t.b()[0].get());
  CHECK(t.rig.c.rejections == 3);  // A's second lookup
}

TEST_CASE("without neighbours, or with only neighbours not simulated, the coin decides as before", "[components]") {
  for (const bool listed : {false, true}) {
    DYNAMIC_SECTION("neighbours listed: " << listed) {
      AcuteConfig cfg = two_regions(listed);
      if (listed) cfg.regions[1].own = false;  // listed, but not simulated
      cfg.beds.neighbour_free_probability = 1;
      TwoRegions t(std::move(cfg));
      std::uint64_t other = 1000;
      for (const auto& r : t.a()) fill(t.rig.sim, *r, other);
      const PatientId id = t.rig.patient(1, Response::vvt_bed, 3);
      t.placement.start_search(id);
      t.rig.sim.run_until(t.rig.cfg.beds.lookup_minutes);
      CHECK(t.rig.c.placed_out == 1);                           // heads: placed outside, the record ends
      for (const auto& r : t.b()) CHECK(r->busy_count() == 0);  // B's free beds untouched
      CHECK(t.rig.patients[id].held == nullptr);
    }
  }
  AcuteConfig cfg = two_regions(false);
  cfg.beds.neighbour_free_probability = 0;
  TwoRegions t(std::move(cfg));
  std::uint64_t other = 1000;
  for (const auto& r : t.a()) fill(t.rig.sim, *r, other);
  t.placement.start_search(t.rig.patient(1, Response::vvt_bed, 3));
  t.rig.sim.run_until(t.rig.cfg.beds.lookup_minutes + 1);
  CHECK(t.rig.c.placed_out == 0);  // tails: a rejection
  CHECK(t.rig.c.rejections == 2);
}

TEST_CASE("the ambulance service sends the nearest free vehicle and queues A1 before A2 before B", "[components]") {
  AcuteConfig cfg = small();
  cfg.ambulance.transport_when_needed = cfg.ambulance.transport_when_not_needed = 0;  // vehicles come back
  Rig rig(std::move(cfg));
  AmbulanceService amb(rig.ctx);
  const std::size_t north = site_index(rig.cfg, "amb_north"), south = site_index(rig.cfg, "amb_south");
  amb.add_station(north);
  amb.add_station(south);
  // area 0 (north): its own station first, then the other
  amb.request(rig.patient(0, Response::ambulance, 0));
  CHECK(amb.station(north)->busy_count() == 1);
  amb.request(rig.patient(0, Response::ambulance, 0));
  amb.request(rig.patient(0, Response::ambulance, 0));
  CHECK(amb.station(north)->busy_count() == 2);
  CHECK(amb.station(south)->busy_count() == 1);
  amb.request(rig.patient(0, Response::ambulance, 0));
  // every vehicle out: B, then A2, then A1 wait
  amb.request(rig.patient(0, Response::ambulance, 4));
  amb.request(rig.patient(0, Response::ambulance, 2));
  amb.request(rig.patient(0, Response::ambulance, 1));
  REQUIRE(amb.pending(0).size() == 1);
  REQUIRE(amb.pending(1).size() == 1);
  REQUIRE(amb.pending(2).size() == 1);
  const auto waiting = [&] { return amb.pending(0).size() + amb.pending(1).size() + amb.pending(2).size(); };
  while (waiting() == 3 && rig.sim.now() < 600) rig.sim.run_until(rig.sim.now() + 0.01);
  CHECK(amb.pending(0).empty());
  CHECK(amb.pending(1).size() == 1);
  CHECK(amb.pending(2).size() == 1);
  while (waiting() == 2 && rig.sim.now() < 600) rig.sim.run_until(rig.sim.now() + 0.01);
  CHECK(amb.pending(1).empty());
  CHECK(amb.pending(2).size() == 1);
  CHECK(rig.c.rides == 7);
  CHECK(rig.c.rides_class[0] == 5);
}

TEST_CASE("the call centre overflows a waiting zcc call to the less busy location", "[components]") {
  AcuteConfig cfg = small("variant_per_subregion.yaml");
  cfg.phone.patience = sim::Distribution::deterministic(30);
  cfg.zcc_triage.time[0] = sim::Distribution::deterministic(60);  // nobody finishes triage in the test
  Rig rig(std::move(cfg));
  CallCentre cc(rig.ctx);
  Router router(rig.ctx);
  Abandonment abandonment(rig.ctx);
  cc.connect(router, abandonment);
  cc.add_region_lines(0);
  cc.add_zcc_lines();
  const auto line_named = [&](const std::string& name) {
    for (CallCentre::LineId l = 0; l < cc.line_count(); ++l)
      if (cc.line(l).res->name() == name) return l;
    FAIL("no line " << name);
    return CallCentre::LineId{0};
  };
  const auto main_gp = line_named("zcc/main/gp"), south_gp = line_named("zcc/south/gp");
  rig.sim.run_until(17 * 60.0);  // Monday 17:00: main has 2 GPs on duty, south 1
  REQUIRE(cc.line(main_gp).res->on_duty_count() == 2);
  REQUIRE(cc.line(south_gp).res->on_duty_count() == 1);
  PatientId ids[3];
  for (auto& id : ids) {
    id = rig.patient(0, Response::gp_phone, 4);  // north: subregion a, location main
    cc.patient_call(id, Discipline::gp);
  }
  CHECK(cc.line(main_gp).res->busy_count() == 2);
  CHECK(cc.line(main_gp).res->queue_length() == 1);
  rig.sim.run_until(17 * 60.0 + rig.cfg.zcc.overflow_after);
  CHECK(cc.line(main_gp).res->queue_length() == 0);
  CHECK(cc.line(south_gp).res->busy_count() == 1);
  CHECK(rig.patients[ids[2]].line == south_gp);
  CHECK(rig.c.calls == 3);
  CHECK(rig.c.answered_30s == 2);
  CHECK(rig.c.answered_2min == 3);  // the answer time counts across the overflow
  CHECK(rig.c.hung_up == 0);
}

TEST_CASE("the ED takes patients in its places and queues the rest", "[components]") {
  Rig rig(small());  // ed_centre: 12 places
  EmergencyDepartment ed(rig.ctx);
  const std::size_t site = site_index(rig.cfg, "ed_centre");
  ed.add_site(site);
  for (int i = 0; i < 13; ++i) {
    const PatientId id = rig.patient(1, Response::ed, 3);
    rig.patients[id].assigned = i == 0 ? Response::ed : Response::ambulance;
    ed.enter(id, site);
  }
  CHECK(ed.places(site)->busy_count() == 12);
  CHECK(ed.places(site)->queue_length() == 1);
  CHECK(rig.c.ed_visits == 13);
  CHECK(rig.c.ed_wait.count() == 12);
  CHECK(rig.c.ed_wait.mean() == 0.0);
  CHECK(rig.c.time_to_care[3].count() == 1);  // only the one assigned to the ED starts care there
  // the ED tariff is charged on entry unless triage assigned the ED (the router charged it then)
  const auto ed_item = static_cast<std::size_t>(Price::ed);
  CHECK(rig.patients[0].cost[ed_item] == 0.0);
  CHECK(rig.patients[1].cost[ed_item] == rig.cfg.costs.tariff[static_cast<std::size_t>(Response::ed)]);
}

TEST_CASE("with capacity insight a coordinator sends an ED patient to a less crowded ED within the bound",
          "[components]") {
  AcuteConfig cfg = small();
  const std::size_t centre = site_index(cfg, "ed_centre"), next = site_index(cfg, "ed_next");
  Rig rig(std::move(cfg));
  EmergencyDepartment ed(rig.ctx);
  ed.add_site(centre);
  ed.add_site(next);
  const std::uint32_t north = 0;  // ed_centre is nearest to it, ed_next further
  REQUIRE(rig.geo.nearest(SiteKind::ed, north).front() == centre);
  const double speed = rig.cfg.road.speed_kmh;
  const double extra = rig.geo.minutes(rig.geo.km_site_area(next, north), speed, 0.0) -
                       rig.geo.minutes(rig.geo.km_site_area(centre, north), speed, 0.0);
  REQUIRE(extra > 0);
  for (std::uint64_t k = 0; k < 12; ++k)  // ed_centre's 12 places all busy, one waiting: crowding 13/12
    REQUIRE(ed.places(centre)->seize(rig.sim, 1000 + k).result == sim::SeizeResult::served);
  REQUIRE(ed.places(centre)->seize(rig.sim, 2000).result == sim::SeizeResult::queued);
  for (std::uint64_t k = 0; k < 7; ++k)  // ed_next 7 of 8 busy: crowding 7/8
    REQUIRE(ed.places(next)->seize(rig.sim, 3000 + k).result == sim::SeizeResult::served);
  const PatientId id = rig.patient(north, Response::ed, 3);
  Patient& p = rig.patients[id];
  // within the bound: the less crowded ED
  rig.cfg.ed_choice.max_extra_minutes = extra + 0.5;
  CHECK(ed.choose(p, speed, true) == next);
  CHECK(p.ed_redirected);
  // not steered (a walk-in), or without insight, or just outside the bound: the nearest
  CHECK(ed.choose(p, speed, false) == centre);
  CHECK_FALSE(p.ed_redirected);
  rig.cfg.capacity_insight = false;
  CHECK(ed.choose(p, speed, true) == centre);
  rig.cfg.capacity_insight = true;
  rig.cfg.ed_choice.max_extra_minutes = extra - 0.5;
  CHECK(ed.choose(p, speed, true) == centre);
  // the redirected arrival is counted
  rig.cfg.ed_choice.max_extra_minutes = extra + 0.5;
  CHECK(ed.choose(p, speed, true) == next);
  ed.enter(id, next);  // takes ed_next's last place: 8/8
  CHECK(rig.c.ed_visits == 1);
  CHECK(rig.c.ed_redirected == 1);
  // ed_next now more crowded than the nearest (8 busy + 1 waiting of 8 against 13 of 12): the nearest
  REQUIRE(ed.places(next)->seize(rig.sim, 3008).result == sim::SeizeResult::queued);
  const PatientId second = rig.patient(north, Response::ed, 3);
  CHECK(ed.choose(rig.patients[second], speed, true) == centre);
  CHECK_FALSE(rig.patients[second].ed_redirected);
}

TEST_CASE("with capacity insight a triage line sends a consult to a less loaded HAP post within the bound",
          "[components]") {
  AcuteConfig cfg = small();
  const std::size_t centre = site_index(cfg, "hap_centre");
  Site south_post = cfg.sites[centre];  // a second post, in the south, with the same roster
  south_post.id = "hap_south";
  south_post.lat = 52.00;
  south_post.lon = 5.25;
  cfg.sites.push_back(south_post);
  const std::size_t south = cfg.sites.size() - 1;
  Rig rig(std::move(cfg));
  PrimaryCare pc(rig.ctx);
  pc.add_post(centre);
  pc.add_post(south);
  const std::uint32_t area = 1;  // centre: hap_centre nearest, hap_south further
  REQUIRE(rig.geo.nearest(SiteKind::hap, area).front() == centre);
  const double speed = rig.cfg.road.speed_kmh;
  const double to_south = rig.geo.minutes(rig.geo.km_site_area(south, area), speed, 0.0);
  const double extra = to_south - rig.geo.minutes(rig.geo.km_site_area(centre, area), speed, 0.0);
  REQUIRE(extra > 0);
  REQUIRE(pc.post(centre)->on_duty_count() == 1);  // Monday 00:00: one GP at each post
  REQUIRE(pc.post(centre)->seize(rig.sim, 1000).result == sim::SeizeResult::served);
  REQUIRE(pc.post(centre)->seize(rig.sim, 1001).result == sim::SeizeResult::queued);  // load 2 against 0
  rig.cfg.hap_choice.max_extra_minutes = extra + 0.5;
  // a walk-in's own choice (not a line's referral): the nearest
  const PatientId self = rig.patient(area, Response::hap_consult, 4);
  rig.patients[self].assigned = Response::hap_consult;
  pc.consult(self);
  CHECK(rig.patients[self].site == centre);
  // a line's referral: the less loaded post, a longer drive, no wait there
  const PatientId id = rig.patient(area, Response::hap_consult, 4);
  rig.patients[id].assigned = Response::hap_consult;
  rig.patients[id].line_referral = true;
  pc.consult(id);
  CHECK(rig.patients[id].site == south);
  CHECK(rig.c.hap_consults == 2);
  CHECK(rig.c.hap_redirected == 1);
  rig.sim.run_until(to_south);
  CHECK(pc.post(south)->busy_count() == 1);
  CHECK(rig.c.hap_wait.count() == 1);
  CHECK(rig.c.hap_wait.mean() == 0.0);
  // just outside the bound, or without insight: the nearest
  rig.cfg.hap_choice.max_extra_minutes = extra - 0.5;
  const PatientId near = rig.patient(area, Response::hap_consult, 4);
  rig.patients[near].line_referral = true;
  pc.consult(near);
  CHECK(rig.patients[near].site == centre);
  rig.cfg.hap_choice.max_extra_minutes = extra + 0.5;
  rig.cfg.capacity_insight = false;
  const PatientId blind = rig.patient(area, Response::hap_consult, 4);
  rig.patients[blind].line_referral = true;
  pc.consult(blind);
  CHECK(rig.patients[blind].site == centre);
  CHECK(rig.c.hap_redirected == 1);
}

TEST_CASE("primary care: a consult starts after the drive to the nearest HAP post", "[components]") {
  Rig rig(small());
  PrimaryCare pc(rig.ctx);
  const std::size_t post = site_index(rig.cfg, "hap_centre");
  pc.add_post(post);
  const PatientId id = rig.patient(0, Response::hap_consult, 3);
  rig.patients[id].assigned = Response::hap_consult;
  pc.consult(id);
  const double drive = rig.geo.minutes(rig.geo.km_site_area(post, 0), rig.cfg.road.speed_kmh, 0.0);
  REQUIRE(drive > 0);
  rig.sim.run_until(drive * 0.999);
  CHECK(pc.post(post)->busy_count() == 0);
  rig.sim.run_until(drive);
  CHECK(pc.post(post)->busy_count() == 1);
  CHECK(rig.c.time_to_care[3].mean() == drive);
}

TEST_CASE("an ED with limited hours is not chosen while closed, and patients inside at closing are treated",
          "[components]") {
  AcuteConfig cfg = small();
  const std::size_t centre = site_index(cfg, "ed_centre"), next = site_index(cfg, "ed_next");
  Roster hours{};  // ed_centre open 08:00-23:00 every day
  for (std::size_t d = 0; d < 7; ++d)
    for (std::size_t h = 8; h < 23; ++h) hours[d * 24 + h] = 12;
  cfg.sites[centre].staff = hours;
  Rig rig(std::move(cfg));
  EmergencyDepartment ed(rig.ctx);
  ed.add_site(centre);
  ed.add_site(next);
  const std::uint32_t north = 0;  // ed_centre is nearest to it
  REQUIRE(rig.geo.nearest(SiteKind::ed, north).front() == centre);
  const PatientId id = rig.patient(north, Response::ed, 3);
  Patient& p = rig.patients[id];
  // Monday 00:00: ed_centre closed, the next ED takes the patient (not a redirection by insight)
  CHECK_FALSE(ed.is_open(centre));
  CHECK(ed.is_open(next));
  CHECK(ed.choose(p, rig.cfg.road.speed_kmh, false) == next);
  CHECK(ed.choose(p, rig.cfg.road.speed_kmh, true) == next);
  CHECK_FALSE(p.ed_redirected);
  CHECK(ed.nearest_open_ed(north) == next);
  // 08:00: open, the nearest again
  rig.sim.run_until(8 * 60.0);
  CHECK(ed.is_open(centre));
  CHECK(ed.choose(p, rig.cfg.road.speed_kmh, false) == centre);
  CHECK(ed.nearest_open_ed(north) == centre);
  // a patient in a place at 23:00 keeps it; the ED takes no one new
  rig.sim.run_until(22 * 60.0 + 30);
  REQUIRE(ed.places(centre)->seize(rig.sim, 5000).result == sim::SeizeResult::served);
  rig.sim.run_until(23 * 60.0 + 1);
  CHECK_FALSE(ed.is_open(centre));
  CHECK(ed.places(centre)->busy_count() == 1);
  CHECK(ed.choose(p, rig.cfg.road.speed_kmh, false) == next);
}
