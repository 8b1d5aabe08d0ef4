// SPDX-License-Identifier: MIT
#include "summary_json.hpp"

#include <cmath>
#include <cstdio>

namespace zccsim::models {

std::string kpi_line(const std::string& name, const sim::Summary& s) {
  char buf[160];
  if (std::isnan(s.ci95)) std::snprintf(buf, sizeof buf, "  %-34s %12.4g\n", name.c_str(), s.mean);
  else std::snprintf(buf, sizeof buf, "  %-34s %12.4g  +- %.3g\n", name.c_str(), s.mean, s.ci95);
  return buf;
}

void put_summary(Json& at, const sim::Summary& s) {
  at["mean"] = s.mean;
  at["ci95"] = s.ci95;
}

Json command_document(const std::string& command, const std::string& model, std::uint64_t seed, bool complete) {
  Json j = Json::object();
  j["command"] = command;
  j["model"] = model;
  j["seed"] = seed;
  if (!complete) j["complete"] = false;
  return j;
}

Json summary_object(const std::vector<std::string>& names, std::span<const sim::Summary> kpis) {
  Json obj = Json::object();
  for (std::size_t k = 0; k < names.size(); ++k) put_summary(at_path(obj, names[k]), kpis[k]);
  return obj;
}

Json summary_document(const std::string& model, std::uint64_t seed, const std::string& key,
                      const std::vector<std::string>& names, std::uint64_t replications,
                      std::span<const sim::Summary> kpis) {
  Json j = Json::object();
  j["model"] = model;
  j["replications"] = replications;
  j["seed"] = seed;
  j[key] = summary_object(names, kpis);
  return j;
}

}  // namespace zccsim::models
