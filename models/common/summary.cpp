// SPDX-License-Identifier: MIT
#include "summary.hpp"

namespace zccsim::models {

std::vector<double> column(const std::vector<sim::Metrics>& rows, std::size_t k) {
  std::vector<double> c;
  c.reserve(rows.size());
  for (const auto& r : rows) c.push_back(r.at(k));
  return c;
}

Json summary_object(const std::vector<std::string>& names, const std::vector<sim::Metrics>& rows) {
  Json obj = Json::object();
  for (std::size_t k = 0; k < names.size(); ++k) {
    const sim::Summary s = sim::summarize(column(rows, k));
    Json& m = obj.at_path(names[k]);
    m["mean"] = s.mean;
    m["ci95"] = s.ci95;
  }
  return obj;
}

Json summary_document(const std::string& model, std::uint64_t seed, const std::string& key,
                      const std::vector<std::string>& names, const std::vector<sim::Metrics>& rows) {
  Json j = Json::object();
  j["model"] = model;
  j["replications"] = static_cast<std::uint64_t>(rows.size());
  j["seed"] = seed;
  j[key] = summary_object(names, rows);
  return j;
}

}  // namespace zccsim::models
