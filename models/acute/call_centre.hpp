// SPDX-License-Identifier: MIT
// The call centre: phone lines (zcc lines, pooled per region or per
// location; today's fragmented lines per discipline; 112 dispatch lines),
// callers' patience, overflow between zcc locations, triage (time, transfer
// to the need's discipline, accuracy matrix). A triaged call goes to the
// router; a caller who hangs up to Abandonment (redial or another path).
#pragma once

#include "patient.hpp"

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace zccsim::models::acute {

class Abandonment;
class Placement;
class Router;

enum class LineKind : std::uint8_t { fragmented, dispatch, zcc };

// A phone line to make (add_line).
struct LineSpec {
  std::string name{};
  Roster roster{};
  const TriageRule* rule = nullptr;
  LineKind kind = LineKind::fragmented;
  std::size_t region = 0;
  std::optional<std::size_t> location{};  // zcc location index (per-subregion zcc lines only)
  Discipline discipline = Discipline::gp;
  Group group = Group::count;            // and its unit cost (Accounting)
  std::vector<sim::Absence> absences{};  // the roster off duty while a location is closed
  std::vector<Closure> closed{};         // the periods in which one of its locations is closed
};

class CallCentre final : public sim::ResourceClient, private sim::EventHandler {
 public:
  using LineId = std::uint32_t;
  struct Line {
    std::unique_ptr<sim::Resource> res;
    const TriageRule* rule;
    LineKind kind;
    std::size_t region;
    std::optional<std::size_t> location;
    Discipline discipline;
    std::vector<Closure> closed;  // zcc: periods in which (one of) its location(s) is closed
  };

  explicit CallCentre(const Context& ctx);
  void connect(Router& router, Abandonment& abandonment) {
    router_ = &router;
    abandonment_ = &abandonment;
  }
  // A bed search queued on a line for its next round is answered by Placement.
  void serve_searches(Placement& placement) { placement_ = &placement; }

  // Construction, in the coupling model's order: per own region its
  // fragmented lines and 112 dispatch line; then the zcc lines.
  LineId add_line(const LineSpec& spec);
  void add_region_lines(std::size_t region);
  void add_zcc_lines();

  // Calls. A patient phoning the GP line (the zcc when open for patients,
  // else today's line, else the daytime GP); a 112 call; a provider's call.
  void patient_call(PatientId id, Discipline d);
  void emergency_call(PatientId id) {
    ++c_.calls_112;
    join_line(id, region_lines_[ctx_.patients[id].region]->dispatch, inf);
  }
  void provider_call(PatientId id);
  // An ambulance asked for by a triage line or a GP: a dispatcher books the ride.
  void book_ride(PatientId id);
  // A caller who hung up calls again.
  void redial(PatientId id) { patient_call(id, lines_[ctx_.patients[id].line].discipline); }

  const Line& line(LineId l) const { return lines_[l]; }
  std::size_t line_count() const noexcept { return lines_.size(); }
  // The patient's region has a zcc in use (zcc mode and a location there).
  bool has_zcc(const Patient& p) const { return zcc_own_[p.area].has_value(); }
  // The zcc line of discipline d for a call about patient p.
  LineId zcc_line(const Patient& p, Discipline d) const;

  void on_service_start(sim::Simulation& sim, sim::Resource& res, std::uint64_t entity, std::uint32_t server) override;
  void on_abandon(sim::Simulation& sim, sim::Resource& res, std::uint64_t entity) override;

 private:
  enum Tag : std::uint32_t { t_triage_done };
  void handle(sim::Simulation& sim, std::uint32_t tag, std::uint64_t arg) override;

  static long busy_score(const Line& l) {
    return static_cast<long>(l.res->queue_length()) - static_cast<long>(l.res->free_count());
  }
  std::optional<LineId> least_busy(std::size_t region, Discipline d, LineId except, long bar) const;
  // A line to hand a call to: it has a roster and is not closed with nobody
  // on duty.
  bool staffed(LineId l) const { return lines_[l].res->server_count() > 0 && !shut(l); }
  // Nobody on duty because its location(s) are closed.
  bool shut(LineId l) const { return lines_[l].res->on_duty_count() == 0 && closed_now(lines_[l]); }
  bool closed_now(const Line& l) const { return closed_at(l.closed, ctx_.sim.now()); }
  bool zcc_open_for_patients(double now) const;
  void join_line(PatientId id, LineId line, double patience);
  void seize_line(PatientId id, LineId line, double patience);
  void started(PatientId id, sim::Resource& res, std::uint32_t server);
  void triage_done(PatientId id);
  void dispatched(PatientId id, Response assessed);

  Context ctx_;
  Counters& c_;
  Router* router_ = nullptr;
  Abandonment* abandonment_ = nullptr;
  Placement* placement_ = nullptr;
  std::vector<Line> lines_;
  struct RegionLines {
    std::array<LineId, discipline_count> fragmented;  // today's lines
    LineId dispatch;                                  // 112
  };
  std::vector<std::optional<RegionLines>> region_lines_;  // per region (own regions only)
  // per area: the zcc line of each discipline its calls go to first (the
  // region's pooled line or its subregion's location line; none without a
  // zcc in use); per region: the location lines of each discipline
  // (per_subregion only)
  std::vector<std::optional<std::array<LineId, discipline_count>>> zcc_own_;
  std::vector<std::array<std::vector<LineId>, discipline_count>> zcc_loc_lines_;
  std::vector<std::vector<Closure>> zcc_region_closed_;  // per region: the periods any of its locations is closed
};

}  // namespace zccsim::models::acute
