// SPDX-License-Identifier: MIT
#include "kpi.hpp"

namespace zccsim::sim {

std::string_view better_name(Better b) noexcept {
  switch (b) {
    case Better::higher:
      return "higher";
    case Better::lower:
      return "lower";
    case Better::neither:
      break;
  }
  return "neither";
}

bool meets(const KpiSpec& kpi, const Norm& norm, double value) noexcept {
  if (kpi.better == Better::higher) return value >= norm.target;  // false for NaN
  if (kpi.better == Better::lower) return value <= norm.target;
  return false;
}

namespace {

template <class Fn>
void for_each_column(const KpiTable& t, Fn&& fn) {
  for (std::size_t k = 0; k < t.kpis.size(); ++k) {
    std::vector<std::string> names{t.kpis[k].name};
    for (const std::size_t d : t.kpis[k].dimensions) {
      std::vector<std::string> next;
      for (const auto& n : names)
        for (const auto& label : t.dimensions.at(d).labels) next.push_back(n + "_" + label);
      names = std::move(next);
    }
    for (auto& n : names) fn(k, std::move(n));
  }
}

}  // namespace

std::vector<std::string> KpiTable::columns() const {
  std::vector<std::string> out;
  for_each_column(*this, [&](std::size_t, std::string n) { out.push_back(std::move(n)); });
  return out;
}

std::vector<std::size_t> KpiTable::column_kpi() const {
  std::vector<std::size_t> out;
  for_each_column(*this, [&](std::size_t k, const std::string&) { out.push_back(k); });
  return out;
}

}  // namespace zccsim::sim
