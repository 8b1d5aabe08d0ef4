// SPDX-License-Identifier: MIT
// The call centre's lines, made in the coupling model's order: per own
// region the fragmented lines and the 112 line; then the zcc lines (pooled
// per region, or per location) and each area's first zcc lines.
#include "call_centre.hpp"

#include <map>
#include <string>

namespace zccsim::models::acute {

CallCentre::CallCentre(const Context& ctx) : ctx_(ctx), c_(ctx.accounting.counters()) {
  const std::size_t nreg = ctx_.cfg.regions.size();
  region_lines_.assign(nreg, std::nullopt);
  zcc_loc_lines_.assign(nreg, {});
  zcc_region_closed_.assign(nreg, {});
}

CallCentre::LineId CallCentre::add_line(const LineSpec& spec) {
  auto res = ctx_.accounting.make_resource({.name = spec.name,
                                            .schedule = schedule_of(spec.roster),
                                            .servers = 0,
                                            .queue_capacity = std::nullopt,
                                            .group = spec.group,
                                            .classes = urgency_count,
                                            .absences = spec.absences},
                                           *this);
  lines_.push_back({std::move(res), spec.rule, spec.kind, spec.region, spec.location, spec.discipline, spec.closed});
  return static_cast<LineId>(lines_.size() - 1);
}

void CallCentre::add_region_lines(std::size_t r) {
  const AcuteConfig& cfg = ctx_.cfg;
  const std::string& rn = cfg.regions[r].name;
  RegionLines lines{};
  for (std::size_t d = 0; d < discipline_count; ++d)
    lines.fragmented[d] = add_line({.name = "line/" + rn + "/" + std::string(discipline_names[d]),
                                    .roster = cfg.fragmented_roster_of(r, d),
                                    .rule = &cfg.fragmented_triage,
                                    .kind = LineKind::fragmented,
                                    .region = r,
                                    .discipline = static_cast<Discipline>(d),
                                    .group = line_group(static_cast<Discipline>(d))});
  lines.dispatch = add_line({.name = "dispatch/" + rn,
                             .roster = cfg.dispatchers_of(r),
                             .rule = &cfg.dispatch_triage,
                             .kind = LineKind::dispatch,
                             .region = r,
                             .discipline = Discipline::ambulance,
                             .group = Group::dispatch});
  region_lines_[r] = lines;
}

void CallCentre::add_zcc_lines() {
  const AcuteConfig& cfg = ctx_.cfg;
  const std::size_t nreg = cfg.regions.size();
  // zcc: only in zcc mode (in fragmented mode its locations get no line,
  // no resource cost and no utilisation)
  std::vector<std::vector<const ZccLocation*>> per_region(nreg);
  if (cfg.mode == TriageMode::zcc)
    for (const ZccLocation& loc : cfg.zcc.locations) per_region[cfg.sites[loc.site].region].push_back(&loc);
  // per region: the pooled lines or the first location's; per region and
  // subregion: the lines of the (last) location listing it
  using Lines = std::array<LineId, discipline_count>;
  std::vector<std::optional<Lines>> region_lines(nreg);
  std::vector<std::map<std::string, Lines>> subregion_lines(nreg);
  // a closed location's roster of discipline d is off duty while it is closed
  const auto closures = [](const std::vector<const ZccLocation*>& locs, std::size_t d, LineSpec& spec) {
    for (const ZccLocation* loc : locs)
      for (const Closure& c : loc->closed) {
        spec.absences.push_back({c.from, c.to, schedule_of(loc->rosters[d])});
        spec.closed.push_back(c);
      }
  };
  const auto zcc_line_spec = [&](std::string name, const Roster& roster, std::size_t r,
                                 std::optional<std::size_t> location, std::size_t d) {
    return LineSpec{.name = std::move(name),
                    .roster = roster,
                    .rule = &cfg.zcc_triage,
                    .kind = LineKind::zcc,
                    .region = r,
                    .location = location,
                    .discipline = static_cast<Discipline>(d),
                    .group = line_group(static_cast<Discipline>(d))};
  };
  for (std::size_t r = 0; r < nreg; ++r) {
    if (per_region[r].empty() || !cfg.regions[r].own) continue;
    const std::string& rn = cfg.regions[r].name;
    for (const ZccLocation* loc : per_region[r])
      zcc_region_closed_[r].insert(zcc_region_closed_[r].end(), loc->closed.begin(), loc->closed.end());
    if (cfg.zcc.pooling == Pooling::pooled) {
      Lines lines{};
      for (std::size_t d = 0; d < discipline_count; ++d) {
        Roster sum{};
        for (const ZccLocation* loc : per_region[r])
          for (std::size_t h = 0; h < 168; ++h) sum[h] += loc->rosters[d][h];
        LineSpec spec = zcc_line_spec("zcc/" + rn + "/" + std::string(discipline_names[d]), sum, r, {}, d);
        closures(per_region[r], d, spec);
        lines[d] = add_line(spec);
      }
      region_lines[r] = lines;
    } else {
      for (std::size_t i = 0; i < per_region[r].size(); ++i) {
        const ZccLocation& loc = *per_region[r][i];
        Lines lines{};
        for (std::size_t d = 0; d < discipline_count; ++d) {
          const std::string name = "zcc/" + loc.name + "/" + std::string(discipline_names[d]);
          LineSpec spec = zcc_line_spec(name, loc.rosters[d], r, i, d);
          closures({&loc}, d, spec);
          lines[d] = add_line(spec);
          zcc_loc_lines_[r][d].push_back(lines[d]);
        }
        if (i == 0) region_lines[r] = lines;
        for (const auto& sub : loc.subregions) subregion_lines[r][sub] = lines;
      }
    }
  }
  // each area's own zcc lines (none without a zcc)
  const std::size_t na = cfg.areas.size();
  zcc_own_.assign(na, std::nullopt);
  for (std::size_t a = 0; a < na; ++a) {
    const std::size_t r = cfg.areas[a].region;
    const auto it = subregion_lines[r].find(cfg.areas[a].subregion);
    zcc_own_[a] = it != subregion_lines[r].end() ? std::optional<Lines>(it->second) : region_lines[r];
  }
}

}  // namespace zccsim::models::acute
