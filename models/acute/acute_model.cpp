// SPDX-License-Identifier: MIT
// The acute-care chain on the engine: a thin coupling of components, each
// with one responsibility (the way Cadmium couples atomic models). One
// patient record per contact chain (a re-contact gets a new record);
// resources are sim::Resource with rosters.
//
// Flow: demand (arrival streams, area, need, urgency) -> call centre (phone
// line, zcc or fragmented; patience, overflow between zcc locations;
// triage: time, transfer to the need's discipline, accuracy matrix; a
// caller who hangs up goes to abandonment: redial, or after the last
// attempt 112, an ED walk-in, the own GP or home) -> router (the assigned response; under-triage may cause a
// re-contact after a delay) -> primary care (advice, HAP consult, home
// visit, district nursing, GGZ crisis team) / ambulance service (nearest
// free vehicle, on scene, transport to the nearest ED or not) / ED (place,
// length of stay, admission) / placement (short-stay bed search with or
// without capacity insight; from the ED, waiting in the place).
// Accounting keeps counters, the book of resources, KPIs and costs;
// observation the hourly series and the event log.
//
// Components hold plain pointers to the neighbours they call (non-virtual
// calls); each is the event handler of its own events and the client of its
// own resources. Results depend on the order resources are made (their
// roster events are scheduled on creation), so the coupling makes them in
// one fixed order: per own region its lines and teams, then the zcc lines,
// then the sites in file order.
#include "acute_model.hpp"

#include "abandonment.hpp"
#include "accounting.hpp"
#include "ambulance_service.hpp"
#include "call_centre.hpp"
#include "demand.hpp"
#include "emergency_department.hpp"
#include "kpis.hpp"
#include "observation.hpp"
#include "patient.hpp"
#include "placement.hpp"
#include "primary_care.hpp"
#include "router.hpp"

#include <stdexcept>

namespace zccsim::models::acute {

namespace {

class AcuteModel {
 public:
  AcuteModel(const AcuteConfig& cfg, const Geography& geo, sim::Simulation& sim, const RunOptions& options)
      : accounting_(cfg, sim),
        observation_(sim, options),
        patients_(cfg, sim, accounting_.counters(), observation_),
        ctx_{cfg, geo, sim, accounting_, observation_, patients_},
        demand_(ctx_),
        call_centre_(ctx_),
        abandonment_(ctx_),
        router_(ctx_),
        primary_care_(ctx_),
        ambulance_(ctx_),
        ed_(ctx_),
        placement_(ctx_) {
    // the loader guarantees accuracy rows that are probabilities summing to 1
    demand_.connect(call_centre_, router_);
    call_centre_.connect(router_, abandonment_);
    call_centre_.serve_searches(placement_);
    abandonment_.connect(call_centre_, router_, demand_);
    router_.connect({.demand = &demand_,
                     .primary_care = &primary_care_,
                     .ambulance = &ambulance_,
                     .ed = &ed_,
                     .placement = &placement_});
    ambulance_.connect(ed_);
    ed_.connect(placement_);
    make_resources();
    demand_.start();
    accounting_.start();
    observation_.start(accounting_.tracked());
  }

  AcuteResult result() {
    const std::uint64_t created = patients_.created(), ended = patients_.ended();
    AcuteResult r;
    r.kpis = accounting_.kpis(created - ended);
    r.conservation = {created, ended, created - ended};
    if (patients_.live() != created - ended) throw std::logic_error("acute model: patient records not conserved");
    r.hourly = observation_.take_hourly();
    r.daily_busy = observation_.take_daily_busy();
    r.log = observation_.take_log();
    return r;
  }

 private:
  void make_resources() {
    const AcuteConfig& cfg = ctx_.cfg;
    for (std::size_t r = 0; r < cfg.regions.size(); ++r) {
      if (!cfg.regions[r].own) continue;
      call_centre_.add_region_lines(r);
      primary_care_.add_region_teams(r);
    }
    call_centre_.add_zcc_lines();
    for (std::size_t s = 0; s < cfg.sites.size(); ++s) {
      switch (cfg.sites[s].kind) {
        case SiteKind::hap:
          primary_care_.add_post(s);
          break;
        case SiteKind::ggz_crisis:
          primary_care_.add_crisis_team(s);
          break;
        case SiteKind::ed:
          ed_.add_site(s);
          break;
        case SiteKind::ambulance_station:
          ambulance_.add_station(s);
          break;
        case SiteKind::vvt:
          placement_.add_site(s);
          break;
        case SiteKind::zcc:
          break;
      }
    }
  }

  Accounting accounting_;
  Observation observation_;
  Patients patients_;
  Context ctx_;
  Demand demand_;
  CallCentre call_centre_;
  Abandonment abandonment_;
  Router router_;
  PrimaryCare primary_care_;
  AmbulanceService ambulance_;
  EmergencyDepartment ed_;
  Placement placement_;
};

}  // namespace

AcuteResult run_replication(const AcuteConfig& cfg, const Geography& geo, std::uint64_t seed, std::uint64_t replication,
                            const RunOptions& options) {
  sim::Simulation sim(seed, replication);
  AcuteModel model(cfg, geo, sim, options);
  sim.set_warmup(cfg.warmup);
  sim.run_until(cfg.warmup + cfg.horizon);
  AcuteResult r = model.result();
  r.events = sim.events_processed();
  return r;
}

}  // namespace zccsim::models::acute
