// SPDX-License-Identifier: MIT
// The rig the acute components are tested on: the small test region, the
// engine, the book of resources and counters, observation (event log on)
// and the patient ledger; a component is built alone on it, with only the
// neighbours it calls, and patients are put in by hand.
#pragma once

#include "models/acute/accounting.hpp"
#include "models/acute/acute_loader.hpp"
#include "models/acute/observation.hpp"
#include "models/acute/patient.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace zccsim::models::acute::test {

const std::string dir = ZCCSIM_ACUTE_TEST_DIR;

inline AcuteConfig small(const std::string& file = "small_region.yaml") { return load_acute_file(dir + "/" + file); }

inline std::size_t site_index(const AcuteConfig& cfg, const std::string& id) {
  for (std::size_t s = 0; s < cfg.sites.size(); ++s)
    if (cfg.sites[s].id == id) return s;
  FAIL("no site " << id);
  return 0;
}

// A component's surroundings: engine, book and counters, observation
// (event log on), the patient ledger.
struct Rig {
  AcuteConfig cfg;
  Geography geo;
  sim::Simulation sim{7, 0};
  RunOptions options;
  Accounting accounting{cfg, sim};
  Observation observation{sim, options};
  Patients patients{cfg, sim, accounting.counters(), observation};
  Context ctx{cfg, geo, sim, accounting, observation, patients};
  Counters& c = accounting.counters();

  explicit Rig(AcuteConfig config, RunOptions opt = {.hourly = false, .event_log = true})
      : cfg(std::move(config)), geo(cfg), options(opt) {}

  PatientId patient(std::uint32_t area, Response need, std::uint8_t urgency) {
    const PatientId id = patients.create();
    Patient& p = patients[id];
    p.rng = sim::RandomStream(7, 0, std::uint64_t{99}, std::uint64_t{id});
    p.area = area;
    p.region = static_cast<std::uint32_t>(cfg.areas[area].region);
    p.need = need;
    p.urgency = urgency;
    p.assessed_urgency = urgency;
    p.first_contact = sim.now();
    return id;
  }
};

// A resource client for resources the test holds itself.
struct NoClient final : sim::ResourceClient {
  void on_service_start(sim::Simulation&, sim::Resource&, std::uint64_t, std::uint32_t) override {}
  void on_abandon(sim::Simulation&, sim::Resource&, std::uint64_t) override {}
};
}  // namespace zccsim::models::acute::test
