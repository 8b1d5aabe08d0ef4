// SPDX-License-Identifier: MIT
#include "results.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <unordered_map>
#include <utility>

namespace zccsim::models::io {

std::span<const double> Results::row(std::size_t r) const {
  const std::size_t k = kpi_names.size();
  return std::span<const double>(values).subspan(r * k, k);
}

void Results::add_row(std::uint32_t p, std::uint64_t r, std::span<const double> metrics, const Conservation& c) {
  if (metrics.size() != kpi_names.size())
    throw std::logic_error("a result row has " + std::to_string(metrics.size()) + " values for " +
                           std::to_string(kpi_names.size()) + " KPIs");
  point.push_back(p);
  replication.push_back(r);
  values.insert(values.end(), metrics.begin(), metrics.end());
  conservation.push_back(c);
}

void Results::clear_rows() noexcept {
  point.clear();
  replication.clear();
  values.clear();
  conservation.clear();
}

void Results::take_rows(Results&& from) noexcept {
  point = std::move(from.point);
  replication = std::move(from.replication);
  values = std::move(from.values);
  conservation = std::move(from.conservation);
}

void normalize(Results& r) {
  if (r.point_labels.empty()) r.point_labels.emplace_back("run");
  r.point_settings.resize(r.point_labels.size(), "{}");
}

namespace {

// Keeps rows `order` (indices into r's rows), in that order.
void select_rows(Results& r, const std::vector<std::size_t>& order) {
  const std::size_t k = r.kpi_names.size();
  const bool conserved = r.conservation.size() == r.rows();
  Results out;
  out.kpi_names = r.kpi_names;
  out.values.reserve(order.size() * k);
  for (const std::size_t i : order)
    out.add_row(r.point[i], r.replication[i], r.row(i), conserved ? r.conservation[i] : Conservation{});
  if (!conserved) out.conservation.clear();
  r.take_rows(std::move(out));
}

}  // namespace

void sort_rows(Results& r) {
  std::vector<std::size_t> order(r.rows());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::pair(r.point[a], r.replication[a]) < std::pair(r.point[b], r.replication[b]);
  });
  if (!std::is_sorted(order.begin(), order.end())) select_rows(r, order);
}

void keep_complete_pairs(Results& r) {
  std::size_t points = r.point_labels.size();
  for (const auto p : r.point) points = std::max<std::size_t>(points, std::size_t{p} + 1);
  std::unordered_map<std::uint64_t, std::size_t> count;  // replication -> points that have it
  for (const auto rep : r.replication) ++count[rep];
  std::vector<std::size_t> keep;
  for (std::size_t i = 0; i < r.rows(); ++i)
    if (count[r.replication[i]] == points) keep.push_back(i);
  if (keep.size() != r.rows()) select_rows(r, keep);
}

std::vector<sim::Summary> point_summaries(const Results& r, std::uint32_t p) {
  const std::size_t k = r.kpi_names.size();
  std::vector<sim::RunningSummary> acc(k);
  for (std::size_t i = 0; i < r.rows(); ++i)
    if (r.point[i] == p)
      for (std::size_t j = 0; j < k; ++j) acc[j].add(r.values[i * k + j]);
  std::vector<sim::Summary> out;
  out.reserve(k);
  for (const auto& a : acc) out.push_back(a.summary());
  return out;
}

std::vector<sim::Summary> paired_differences(const Results& r, std::uint32_t p, std::uint32_t against) {
  const std::size_t k = r.kpi_names.size();
  std::unordered_map<std::uint64_t, std::size_t> first;  // replication -> its row of point `against`
  for (std::size_t i = 0; i < r.rows(); ++i)
    if (r.point[i] == against) first.emplace(r.replication[i], i);
  std::vector<sim::RunningSummary> acc(k);
  for (std::size_t i = 0; i < r.rows(); ++i) {
    if (r.point[i] != p) continue;
    const auto it = first.find(r.replication[i]);
    if (it == first.end()) continue;
    for (std::size_t j = 0; j < k; ++j) acc[j].add(r.values[i * k + j] - r.values[it->second * k + j]);
  }
  std::vector<sim::Summary> out;
  out.reserve(k);
  for (const auto& a : acc) out.push_back(a.summary());
  return out;
}

void ResultsSink::accept(std::size_t, const sim::Task& task, sim::TaskResult&& result) {
  into_.add_row(task.point, task.replication, result.metrics, result.conservation);
  into_.events += result.events;
  if (result.detail) {
    into_.detail = std::move(*result.detail);
    into_.detail_replication = task.replication;
  }
}

}  // namespace zccsim::models::io
