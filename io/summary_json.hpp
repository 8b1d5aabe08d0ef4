// SPDX-License-Identifier: MIT
// KPI summaries -> {"name": {"mean": x, "ci95": h}} and terminal lines, shared
// by every model family's JSON output and terminal table.
#pragma once

#include "json.hpp"
#include "sim/summary.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace zccsim::models {

// "  name   mean  +- ci95\n" (the half-width left out when undefined): a line
// of the terminal summaries.
std::string kpi_line(const std::string& name, const sim::Summary& s);

// Sets at["mean"] and at["ci95"].
void put_summary(Json& at, const sim::Summary& s);

// {"command": C, "model": M, "seed": S}, and "complete": false for an
// interrupted run: the head of the compare and sweep documents.
Json command_document(const std::string& command, const std::string& model, std::uint64_t seed, bool complete);

// An object with one {"mean", "ci95"} member per name (kpis[k] of names[k]);
// dotted names nest.
Json summary_object(const std::vector<std::string>& names, std::span<const sim::Summary> kpis);

// {"model": M, "replications": R, "seed": S, KEY: summary_object(names, kpis)}
Json summary_document(const std::string& model, std::uint64_t seed, const std::string& key,
                      const std::vector<std::string>& names, std::uint64_t replications,
                      std::span<const sim::Summary> kpis);

}  // namespace zccsim::models
