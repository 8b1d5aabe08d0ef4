// SPDX-License-Identifier: MIT
#include "network_model.hpp"

#include "sim/resource.hpp"
#include "sim/simulation.hpp"
#include "sim/slot_pool.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <memory>

namespace zccsim::models::network {

namespace {

constexpr const char* node_metrics[] = {"arrivals",          "served",         "blocked_fraction", "abandoned_fraction",
                                        "utilization",       "p_wait",         "mean_wait",        "mean_sojourn",
                                        "mean_queue_length", "mean_in_system", "throughput",       "wait_p90"};
constexpr const char* class_metrics[] = {"arrivals", "mean_wait", "p_wait"};

double ratio(double a, double b) { return b > 0.0 ? a / b : std::numeric_limits<double>::quiet_NaN(); }

class NetworkModel final : public sim::ResourceClient, public sim::ArrivalSink, private sim::EventHandler {
 public:
  NetworkModel(const NetworkConfig& cfg, sim::Simulation& sim, const AnswerWithin& answer_within) : cfg_(cfg) {
    const auto classes = static_cast<std::uint32_t>(cfg.classes.size());
    nodes_.reserve(cfg.nodes.size());
    for (std::size_t i = 0; i < cfg.nodes.size(); ++i) {
      const NodeConfig& nc = cfg.nodes[i];
      sim::ResourceSpec spec{nc.name, nc.servers,  nc.queue_capacity, nc.discipline,
                             classes, nc.schedule, cfg.hour_length};
      auto& n =
          nodes_.emplace_back(std::make_unique<Node>(Node{std::make_unique<sim::Resource>(sim, std::move(spec), *this),
                                                          {},
                                                          sim.stream(nc.name, "patience"),
                                                          sim.stream(nc.name, "routing"),
                                                          {},
                                                          {}}));
      n->resource_index = i;
      for (const auto& c : cfg.classes) n->service_rng.push_back(sim.stream(nc.name, "service/" + c));
      for (std::uint32_t c = 0; c < classes; ++c) {
        if (!nc.arrivals[c]) continue;
        generators_.push_back(std::make_unique<sim::ArrivalGenerator>(
            *nc.arrivals[c], sim.stream(nc.name, "arrivals/" + cfg.classes[c]), *this,
            static_cast<std::uint32_t>(i * classes + c), cfg.warmup + cfg.horizon));
      }
    }
    for (const auto& entry : answer_within) {
      const auto it = std::find_if(cfg.nodes.begin(), cfg.nodes.end(),
                                   [&](const NodeConfig& n) { return n.name == entry.resource; });
      if (it == cfg.nodes.end()) throw std::invalid_argument("answer_within: no node '" + entry.resource + "'");
      nodes_[static_cast<std::size_t>(it - cfg.nodes.begin())]->states.push_back(states_.size());
      states_.push_back({entry, {}, {}, {}});
    }
    for (auto& g : generators_) g->start(sim);
  }

  std::vector<sim::ArrivalStates> take_states() { return std::move(states_); }

  void on_arrival(sim::Simulation& sim, std::uint32_t source) override {
    const auto classes = static_cast<std::uint32_t>(cfg_.classes.size());
    const std::uint32_t id = new_entity(source % classes);
    enter(sim, source / classes, id);
  }

  void on_service_start(sim::Simulation& sim, sim::Resource&, std::uint64_t entity, std::uint32_t server) override {
    start_service(sim, static_cast<std::uint32_t>(entity), server);
  }

  void on_abandon(sim::Simulation& sim, sim::Resource&, std::uint64_t entity) override {
    record(sim, entities_[static_cast<std::uint32_t>(entity)], false);
    free_entity(static_cast<std::uint32_t>(entity));
  }

  std::size_t in_system() const noexcept { return entities_.live(); }
  // Customers created and ended over the whole run (warm-up included).
  sim::Conservation conservation() const noexcept { return {created_, ended_, entities_.live()}; }

  sim::Metrics metrics(double now) {
    sim::Metrics m;
    const double horizon = cfg_.horizon;
    for (auto& n : nodes_) {
      const sim::ResourceStats& s = n->resource->stats(now);
      const auto arrivals = static_cast<double>(s.arrivals);
      const auto joined = static_cast<double>(s.arrivals - s.blocked);
      m.insert(m.end(), {arrivals, static_cast<double>(s.completed), ratio(static_cast<double>(s.blocked), arrivals),
                         ratio(static_cast<double>(s.abandoned), arrivals), n->resource->utilization(now),
                         ratio(static_cast<double>(s.queued), joined), s.wait.mean(), s.sojourn.mean(),
                         s.queue_length.mean(now), s.queue_length.mean(now) + s.busy.mean(now),
                         static_cast<double>(s.completed) / horizon, s.wait_quantiles.quantile(0.9)});
      for (const auto& c : s.by_class) {
        const auto ca = static_cast<double>(c.arrivals);
        m.insert(m.end(), {ca, c.wait.mean(), ratio(static_cast<double>(c.queued), ca)});
      }
    }
    return m;
  }

 private:
  struct Node {
    std::unique_ptr<sim::Resource> resource;
    std::vector<sim::RandomStream> service_rng;
    sim::RandomStream patience_rng, routing_rng;
    std::size_t resource_index;
    std::vector<std::size_t> states;  // indices into states_ (none: not recorded)
  };
  struct Entity {
    std::uint32_t cls = 0, node = 0, server = 0;
    std::uint32_t found = 0;  // entities at the node when it arrived there (recorded nodes only)
    double arrived = 0.0;     // when it arrived at the node
  };

  // The end of an entity's wait at a recorded node (service start, abandonment, blocking).
  void record(const sim::Simulation& sim, const Entity& e, bool served) {
    const Node& n = *nodes_[e.node];
    if (n.states.empty() || e.arrived < cfg_.warmup) return;
    const auto h = static_cast<std::size_t>(std::floor(e.arrived / cfg_.hour_length)) % 168;
    for (const std::size_t i : n.states) {
      sim::ArrivalStates& st = states_[i];
      if (!st.asked.counts(e.cls)) continue;
      ++st.arrivals[h];
      if (served && sim.now() - e.arrived <= st.asked.within) ++st.answered[h];
      auto& f = st.found[h];
      if (f.size() <= e.found) f.resize(e.found + 1, 0);
      ++f[e.found];
    }
  }

  std::uint32_t new_entity(std::uint32_t cls) {
    const std::uint32_t id = entities_.acquire();
    entities_[id].cls = cls;
    ++created_;
    return id;
  }
  void free_entity(std::uint32_t id) {
    entities_.release(id);
    ++ended_;
  }

  void enter(sim::Simulation& sim, std::uint32_t node, std::uint32_t id) {
    Entity& e = entities_[id];
    e.node = node;
    Node& n = *nodes_[node];
    const NodeConfig& nc = cfg_.nodes[node];
    if (!n.states.empty()) {
      e.arrived = sim.now();
      e.found = n.resource->busy_count() + static_cast<std::uint32_t>(n.resource->queue_length());
    }
    const double patience = nc.patience ? nc.patience->sample(n.patience_rng) : std::numeric_limits<double>::infinity();
    const sim::SeizeOutcome out = n.resource->seize(sim, id, e.cls, patience);
    if (out.result == sim::SeizeResult::served) {
      start_service(sim, id, out.server);
    } else if (out.result == sim::SeizeResult::rejected) {
      record(sim, e, false);
      free_entity(id);
    }
  }

  void start_service(sim::Simulation& sim, std::uint32_t id, std::uint32_t server) {
    Entity& e = entities_[id];
    e.server = server;
    record(sim, e, true);
    Node& n = *nodes_[e.node];
    const double s = cfg_.nodes[e.node].service[e.cls].sample(n.service_rng[e.cls]);
    sim.schedule_in(s, *this, 0, id, sim::Priority::release);
  }

  // Service completion.
  void handle(sim::Simulation& sim, std::uint32_t, std::uint64_t arg) override {
    const auto id = static_cast<std::uint32_t>(arg);
    const Entity e = entities_[id];
    Node& n = *nodes_[e.node];
    n.resource->release(sim, e.server);
    const auto& routing = cfg_.nodes[e.node].routing;
    if (!routing.empty()) {
      double u = n.routing_rng.uniform();
      for (const auto& [target, p] : routing) {
        if (u < p) {
          enter(sim, static_cast<std::uint32_t>(target), id);
          return;
        }
        u -= p;
      }
    }
    free_entity(id);
  }

  const NetworkConfig& cfg_;
  std::vector<std::unique_ptr<Node>> nodes_;
  std::vector<std::unique_ptr<sim::ArrivalGenerator>> generators_;
  sim::SlotPool<Entity> entities_;
  std::vector<sim::ArrivalStates> states_;
  std::uint64_t created_ = 0, ended_ = 0;
};

}  // namespace

std::vector<std::string> metric_names(const NetworkConfig& cfg) {
  std::vector<std::string> names;
  for (const auto& n : cfg.nodes) {
    for (const char* m : node_metrics) names.push_back(n.name + "." + m);
    for (const auto& c : cfg.classes)
      for (const char* m : class_metrics) names.push_back(n.name + ".by_class." + c + "." + m);
  }
  return names;
}

sim::Metrics run_replication(const NetworkConfig& cfg, std::uint64_t seed, std::uint64_t replication,
                             RunCounters* counters, const AnswerWithin& answer_within) {
  sim::Simulation sim(seed, replication);
  NetworkModel model(cfg, sim, answer_within);
  sim.set_warmup(cfg.warmup);
  const double end = cfg.warmup + cfg.horizon;
  sim.run_until(end);
  if (counters) {
    counters->events = sim.events_processed();
    counters->in_system_at_end = model.in_system();
    counters->conservation = model.conservation();
    counters->arrival_states = model.take_states();
  }
  return model.metrics(end);
}

}  // namespace zccsim::models::network
