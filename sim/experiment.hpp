// SPDX-License-Identifier: MIT
// Replications and their summary. Each replication is a pure function of its
// index (its random streams depend only on seed, replication, component and
// purpose), so results are identical for any thread count.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace zccsim::sim {

struct Summary {
  double mean;  // over replications with a defined value (NaN if none)
  double ci95;  // half-width of the 95 % Student-t interval (NaN if n < 2)
  std::size_t n;
};

// Mean and Student-t half-width at `level` of the non-NaN values.
Summary summarize(std::span<const double> values, double level = 0.95);

// Student-t quantile t_{p, dof} (Boost.Math).
double student_t_quantile(double p, double dof);

// One row of named metrics per replication.
using Metrics = std::vector<double>;
using ReplicationFn = std::function<Metrics(std::uint64_t replication)>;

// Runs replications first..first+count-1 on `threads` threads (0: all cores).
// Row i of the result belongs to replication first+i.
std::vector<Metrics> run_replications(std::uint64_t first, std::uint64_t count, unsigned threads,
                                      const ReplicationFn& fn);

}  // namespace zccsim::sim
