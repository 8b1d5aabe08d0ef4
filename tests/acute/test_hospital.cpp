// SPDX-License-Identifier: MIT
// Hospital beds alone (component_rig.hpp; three_hospitals.yaml): an admitted
// patient takes a bed of its own hospital, else the nearest free one of its
// region, then of a neighbouring region, then (LCPS) of any region, else
// boards in its ED place for the first bed of its own hospital.
#include "component_rig.hpp"
#include "models/acute/hospital.hpp"

#include <algorithm>
#include <memory>
#include <string>

using namespace zccsim;
using namespace zccsim::models::acute;
using namespace zccsim::models::acute::test;

namespace {

// three_hospitals.yaml with few beds (A 3, C 2, B 2) and a stay of exactly two days.
struct Hospitals {
  Rig rig;
  Hospital hospital{rig.ctx};
  std::size_t a, b, c;

  // c_own = false: region C is a neighbour (own: false) whose hospital keeps
  // beds for the own regions' patients (a one-region scenario's border ED)
  static AcuteConfig config(bool c_own) {
    AcuteConfig cfg = small("three_hospitals.yaml");
    cfg.hospital.los_days = sim::Distribution::deterministic(2);
    for (Site& s : cfg.sites)
      if (s.kind == SiteKind::ed) s.hospital_beds = s.id == "ed_a" ? 3u : 2u;
    for (Region& r : cfg.regions)
      if (r.name == "C") r.own = c_own;
    return cfg;
  }
  NoClient client;
  std::unique_ptr<sim::Resource> place;  // ED places (10) for the patients the test puts in one

  explicit Hospitals(bool c_own = true) : rig(config(c_own)) {
    sim::ResourceSpec spec;
    spec.name = "place";
    spec.servers = 10;
    place = std::make_unique<sim::Resource>(rig.sim, spec, client);
    for (std::size_t s = 0; s < rig.cfg.sites.size(); ++s)
      if (rig.cfg.sites[s].kind == SiteKind::ed) hospital.add_site(s);
    a = site_index(rig.cfg, "ed_a");
    b = site_index(rig.cfg, "ed_b");
    c = site_index(rig.cfg, "ed_c");
  }
  // A patient of area 0 (A) admitted at the hospital of ED site `site`, in care, holding an ED place if asked.
  PatientId admit(std::size_t site, bool in_place = false) {
    const PatientId id = rig.patient(0, Response::ambulance, 1);
    Patient& p = rig.patients[id];
    p.site = static_cast<std::uint32_t>(site);
    p.cared = true;
    if (in_place) {
      const auto out = place->seize(rig.sim, id);
      REQUIRE(out.result == sim::SeizeResult::served);
      Patients::hold(p, *place, out.server);
    }
    REQUIRE(hospital.admit(id));
    return id;
  }
  sim::Resource& beds(std::size_t site) const { return *hospital.beds(site); }
  std::uint64_t sent(TransferKind k) const { return rig.c.transfers_sent[static_cast<std::size_t>(k)]; }
  void occupancy_within_beds() const {
    for (const std::size_t s : {a, b, c}) CHECK(beds(s).busy_count() <= *rig.cfg.sites[s].hospital_beds);
  }
};

}  // namespace

TEST_CASE("a full hospital's admissions go to a neighbouring region before a nearer region that is not one",
          "[components]") {
  Hospitals h;
  // C's hospital is nearer A's than B's is; B is A's neighbour, C is not
  REQUIRE(h.rig.geo.km_site_site(h.a, h.c) < h.rig.geo.km_site_site(h.a, h.b));
  for (int i = 0; i < 3; ++i) h.admit(h.a);  // A's own beds
  CHECK(h.beds(h.a).busy_count() == 3);
  CHECK(h.rig.c.hospital_admissions == 3);
  CHECK(h.sent(TransferKind::neighbour) + h.sent(TransferKind::lcps) + h.sent(TransferKind::region) == 0);
  // A full: B (the neighbour) while it has a free bed
  for (int i = 0; i < 2; ++i) {
    h.admit(h.a);
    CHECK(h.beds(h.c).busy_count() == 0);
  }
  CHECK(h.beds(h.b).busy_count() == 2);
  CHECK(h.sent(TransferKind::neighbour) == 2);
  CHECK(h.sent(TransferKind::lcps) == 0);
  // B full too: C, by the spreading centre
  for (int i = 0; i < 2; ++i) h.admit(h.a);
  CHECK(h.beds(h.c).busy_count() == 2);
  CHECK(h.sent(TransferKind::lcps) == 2);
  CHECK(h.rig.c.transfers_received == h.rig.c.transfers_sent);
  CHECK(h.rig.c.sub[2].transfers_received == 2);  // c's hospital (sub-regions a, b, c)
  CHECK(h.rig.c.sub[1].transfers_received == 2);  // b's
  CHECK(h.rig.c.sub[0].transfers_sent == 4);      // all of A's patients
  // all full: boarding at the own hospital, never above its beds
  const PatientId boarder = h.admit(h.a);
  CHECK(h.rig.c.boarded == 1);
  CHECK(h.beds(h.a).queue_length() == 1);
  h.occupancy_within_beds();
  CHECK(h.rig.c.transfer_minutes.count() == 4);
  // a record ends when its bed is taken (the hospital holds the bed for the
  // stay); a transfer's when it leaves the ED place: the boarder and four transfers are left
  CHECK(h.rig.patients.live() == 5);
  CHECK(h.rig.patients.ended() == 3);
  h.rig.sim.run_until(h.rig.cfg.hospital.transfer_prep_minutes + 1);
  CHECK(h.rig.patients.live() == 1);
  CHECK(h.rig.patients[boarder].phase == Phase::bed);  // waiting for its bed, in the queue
  // the first stays end after two days: the boarder takes one of A's beds
  h.rig.sim.run_until(2 * 1440.0 + 1);
  CHECK(h.rig.c.boarding.count() == 1);
  CHECK(h.rig.c.boarding.mean() == Approx(2 * 1440.0));
  CHECK(h.beds(h.a).queue_length() == 0);
  CHECK(h.beds(h.a).busy_count() == 1);
  h.occupancy_within_beds();
  CHECK(h.rig.patients.live() == 0);
  // every stay ends: every bed free again
  h.rig.sim.run_until(6 * 1440.0);
  for (const std::size_t s : {h.a, h.b, h.c}) CHECK(h.beds(s).busy_count() == 0);
  CHECK(h.rig.patients.ended() == 8);
  CHECK(h.rig.c.lost == 0);
  CHECK(h.rig.c.hospital_admissions == 8);
}

TEST_CASE("a transfer into a neighbouring (not own) region's hospital counts nationally, under no own sub-region",
          "[components]") {
  Hospitals h(false);
  for (int i = 0; i < 7; ++i) h.admit(h.a);  // A's 3 beds, B's 2 (neighbour), C's 2 (LCPS)
  CHECK(h.beds(h.c).busy_count() == 2);
  CHECK(h.sent(TransferKind::lcps) == 2);
  CHECK(h.rig.c.transfers_received == h.rig.c.transfers_sent);
  CHECK(h.rig.c.sub[1].transfers_received == 2);  // B's hospital
  // C's hospital is no own sub-region's (site_subregions: no_subregion):
  // nothing credited to A's (sub-region 0) or C's
  CHECK(h.rig.c.sub[0].transfers_received == 0);
  CHECK(h.rig.c.sub[2].transfers_received == 0);
  CHECK(h.rig.c.sub[0].transfers_sent == 4);
}

TEST_CASE("a transfer keeps the ED place while it is arranged, then holds the remote bed for the stay",
          "[components]") {
  Hospitals h;
  sim::Resource& place = *h.place;
  for (int i = 0; i < 3; ++i) h.admit(h.a, true);
  CHECK(place.busy_count() == 0);  // a bed at once: the ED place is left
  h.admit(h.a, true);
  CHECK(h.beds(h.b).busy_count() == 1);  // reserved from the decision
  CHECK(place.busy_count() == 1);
  const double prep = h.rig.cfg.hospital.transfer_prep_minutes;
  const double drive = h.rig.geo.minutes(h.rig.geo.km_site_site(h.a, h.b), h.rig.cfg.road.speed_kmh, prep);
  CHECK(h.rig.c.transfer_minutes.mean() == Approx(prep + drive));
  h.rig.sim.run_until(prep - 1);
  CHECK(place.busy_count() == 1);
  h.rig.sim.run_until(prep + 1);
  CHECK(place.busy_count() == 0);
  CHECK(h.rig.patients.live() == 0);  // the record ended when it left the ED place: costed, counted
  CHECK(h.rig.c.paid[static_cast<std::size_t>(Price::hospital_bed_day)] ==
        Approx(4 * 2 * h.rig.cfg.costs.hospital_bed_day));
  CHECK(h.rig.c.paid[static_cast<std::size_t>(Price::hospital_transfer)] == Approx(h.rig.cfg.costs.hospital_transfer));
  // the bed is held for the stay after the drive
  h.rig.sim.run_until(prep + drive + 2 * 1440.0 - 1);
  CHECK(h.beds(h.b).busy_count() == 1);
  h.rig.sim.run_until(prep + drive + 2 * 1440.0 + 1);
  CHECK(h.beds(h.b).busy_count() == 0);
}

TEST_CASE("a boarder leaves its ED place when its bed comes, charged as wrong-bed hours", "[components]") {
  Hospitals h;
  sim::Resource& place = *h.place;
  for (int i = 0; i < 7; ++i) h.admit(h.a);  // A, B and C full
  h.admit(h.a, true);
  CHECK(place.busy_count() == 1);
  h.rig.sim.run_until(2 * 1440.0 + 1);
  CHECK(place.busy_count() == 0);
  CHECK(h.rig.c.paid[static_cast<std::size_t>(Price::wrong_bed_hour)] == Approx(h.rig.cfg.costs.wrong_bed_hour * 48));
}

TEST_CASE("a hospital without beds admits nobody: the caller ends the record as before", "[components]") {
  Rig rig(small());
  Hospital hospital(rig.ctx);
  const std::size_t ed = site_index(rig.cfg, "ed_centre");
  hospital.add_site(ed);
  CHECK(hospital.beds(ed) == nullptr);
  const PatientId id = rig.patient(0, Response::ed, 3);
  rig.patients[id].site = static_cast<std::uint32_t>(ed);
  CHECK_FALSE(hospital.admit(id));
  CHECK(rig.c.hospital_admissions == 0);
}

// Beds released at the same instant go in the order they were booked, not by
// bed index: the first boarder gets the bed booked first. (No fingerprint
// would notice the other order: both are plausible, only one is the rule.)
TEST_CASE("beds released at the same instant go to the boarders in booking order", "[components]") {
  Hospitals h;
  auto los = [&](double minutes) { h.rig.cfg.hospital.los_days = sim::Distribution::deterministic(minutes / 1440.0); };
  los(1440);
  h.admit(h.a);  // p1: its bed free again at 1440
  los(2940);
  h.admit(h.a);  // p2: booked at 0, released at 2940
  los(7 * 1440);
  for (int i = 0; i < 5; ++i) h.admit(h.a);  // p3 fills A, then B and C, until day 7
  h.rig.sim.run_until(1500);
  // p1's bed: the one busy only until 1440 (the others since 0)
  const auto& at1500 = h.beds(h.a).stats(1500).server_busy_time;
  std::uint32_t p1_bed = 3;
  for (std::uint32_t s = 0; s < 3; ++s)
    if (at1500[s] == Approx(1440)) p1_bed = s;
  REQUIRE(p1_bed < 3);
  los(1440);
  h.admit(h.a);  // p4 takes p1's bed at 1500: booked after p2's, released at 2940 too
  REQUIRE(h.beds(h.a).free_count() == 0);
  los(1440);
  h.admit(h.a, true);  // b1 boards first, for one day
  los(3 * 1440);
  h.admit(h.a, true);  // b2, for three days
  REQUIRE(h.beds(h.a).queue_length() == 2);
  h.rig.sim.run_until(5000);
  CHECK(h.beds(h.a).queue_length() == 0);
  // booking order: b1 takes p2's bed (booked first), b2 p4's, busy since 2940;
  // the other order would give p4's bed b1's single day (1440 + 1440 + 1440)
  const auto& at5000 = h.beds(h.a).stats(5000).server_busy_time;
  CHECK(at5000[p1_bed] == Approx(1440 + 1440 + (5000 - 2940)));
  CHECK(std::count_if(at5000.begin(), at5000.end(), [](double t) { return t == Approx(2940 + 1440); }) == 1);
}
