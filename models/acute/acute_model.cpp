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
// free vehicle, on scene, transport by need to the ED, past it, to the
// crisis team or a bed search, or none; planned rides) / ED (place,
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

#include "accounting.hpp"
#include "coupling.hpp"
#include "kpis.hpp"
#include "observation.hpp"
#include "patient.hpp"

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
        chain_(ctx_) {
    chain_.make_resources();
    if (!options.answer_within.empty()) {
      std::vector<std::string> lines;
      for (std::size_t l = 0; l < chain_.call_centre.line_count(); ++l)
        lines.push_back(chain_.call_centre.line(static_cast<CallCentre::LineId>(l)).res->name());
      observation_.watch_lines(lines, cfg.calendar, cfg.warmup);
    }
    chain_.demand.start();
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
    r.arrival_states = observation_.take_line_states();
    return r;
  }

 private:
  Accounting accounting_;
  Observation observation_;
  Patients patients_;
  Context ctx_;
  Coupling chain_;
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
