// SPDX-License-Identifier: MIT
// Primary care: HAP posts (consults after travelling there), GP home-visit
// cars and acute district nursing (per own region, from the nearest HAP
// post and back) and GGZ crisis teams (the nearest, to the patient and back).
#pragma once

#include "patient.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace zccsim::models::acute {

class Demand;
class Router;

class PrimaryCare final : public sim::ResourceClient, private sim::EventHandler {
 public:
  explicit PrimaryCare(const Context& ctx);
  // The GP's referrals after a consult or visit (responses.*.refer_on).
  void connect(Router& router, Demand& demand) {
    router_ = &router;
    demand_ = &demand;
  }

  // Construction, in the coupling model's order.
  void add_region_teams(std::size_t region);  // home-visit cars, nursing teams
  void add_post(std::size_t site);            // a HAP post
  void add_crisis_team(std::size_t site);     // a GGZ crisis site

  void consult(PatientId id);        // travel to the nearest HAP post, then a consult
  void home_visit(PatientId id);     // a car of the region
  void nursing_visit(PatientId id);  // a nursing team of the region
  void crisis_visit(PatientId id);   // the nearest GGZ crisis team

  sim::Resource* post(std::size_t site) const { return posts_[site].get(); }
  sim::Resource* cars(std::size_t region) const { return cars_[region].get(); }

  void on_service_start(sim::Simulation& sim, sim::Resource& res, std::uint64_t entity, std::uint32_t server) override;
  void on_abandon(sim::Simulation& sim, sim::Resource& res, std::uint64_t entity) override;

 private:
  enum Tag : std::uint32_t { t_at_post, t_done };
  void handle(sim::Simulation& sim, std::uint32_t tag, std::uint64_t arg) override;
  void seize(PatientId id, sim::Resource& res, Phase phase);
  void started(PatientId id, sim::Resource& res, std::uint32_t server);

  void done(PatientId id);

  Context ctx_;
  Router* router_ = nullptr;
  Demand* demand_ = nullptr;
  // per area: the nearest HAP post (none if there is none) and its road km
  std::vector<std::optional<std::size_t>> hap_base_;
  std::vector<double> hap_km_;
  std::vector<std::unique_ptr<sim::Resource>> cars_, nursing_;  // per region (own only)
  std::vector<std::unique_ptr<sim::Resource>> posts_, crisis_;  // per site
};

}  // namespace zccsim::models::acute
