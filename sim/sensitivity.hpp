// SPDX-License-Identifier: MIT
// Designs and estimators of global sensitivity analysis, domain-free: points
// in the unit hypercube [0, 1)^k, and the indices computed from a model's
// outputs at those points. Every function is a pure function of its
// arguments (designs and bootstrap resamples are seeded), so results are the
// same whatever runs the model evaluations.
//
// Methods:
//   Latin hypercube (McKay, Beckman & Conover 1979), Sobol' sequence
//   (Boost.Random's sobol engine, Joe & Kuo directions);
//   Morris elementary effects (Morris 1991) with mu* (Campolongo, Cariboni &
//   Saltelli 2007) and sigma, trajectories on a p-level grid;
//   Sobol' first-order and total indices by Saltelli sampling (Saltelli et
//   al. 2010: A, B and the k matrices AB_i), first order by Saltelli 2010
//   (eq. b), total by Jansen 1999; bootstrap percentile intervals.
//
// Conventions (sensitivity.cpp): seeded randomness comes from
// sim::RandomStream (Philox), so designs and intervals are the same on every
// platform; intervals are percentiles of the bootstrap replicates (linear
// interpolation, Hyndman & Fan type 7), NaN when bootstrap = 0. Invalid
// arguments throw std::invalid_argument. Checked against Ishigami, the
// g-function and a linear function in tests/unit/test_sensitivity.cpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace zccsim::sim::sensitivity {

// Rows of points, each of k coordinates in [0, 1).
using Points = std::vector<std::vector<double>>;

// n points of a Latin hypercube in k dimensions (one point in each of the n
// strata of every coordinate, uniform within it), seeded.
Points latin_hypercube(std::size_t n, std::size_t k, std::uint64_t seed);

// Points skip .. skip + n - 1 of the k-dimensional Sobol' sequence (k <= the
// engine's maximum dimension; throws std::invalid_argument otherwise).
Points sobol_sequence(std::size_t n, std::size_t k, std::uint64_t skip = 1);

// Morris: r trajectories of k + 1 points on the grid {0, 1/(p-1), ..., 1}
// (p even), each moving one factor at a time by +-delta, delta = p / (2 (p - 1)).
// The grid includes 1: Morris points lie in the closed cube [0, 1]^k.
struct MorrisDesign {
  std::size_t k = 0, r = 0, levels = 4;
  Points points;                    // r * (k + 1) rows, trajectory t = rows t(k+1) .. t(k+1)+k
  std::vector<std::size_t> factor;  // per row: the factor changed from the previous row (row 0 of a trajectory: k)
  std::vector<double> step;         // per row: the signed change of that factor (0 on a trajectory's row 0)
};
MorrisDesign morris_design(std::size_t k, std::size_t r, std::size_t levels, std::uint64_t seed);

struct Interval {
  double estimate = 0.0, low = 0.0, high = 0.0;  // bootstrap percentile interval
};

struct MorrisIndex {
  double mu = 0.0;     // mean elementary effect (per unit of the factor's [0, 1) scale)
  Interval mu_star;    // mean absolute elementary effect, with its bootstrap interval over trajectories
  double sigma = 0.0;  // standard deviation of the elementary effects
};
// y: the model's output at every row of d.points (same order). NaN outputs
// are not allowed (std::invalid_argument). sigma is NaN when r < 2. The
// bootstrap resamples whole trajectories (the same ones for every factor).
std::vector<MorrisIndex> morris_indices(const MorrisDesign& d, const std::vector<double>& y,
                                        std::size_t bootstrap = 1000, double confidence = 0.95, std::uint64_t seed = 1);

// Saltelli sampling: rows A (n), B (n), then AB_1 .. AB_k (n each: A with
// column i from B); n (k + 2) rows in all. A and B are the two halves of
// a 2k-dimensional Sobol' sequence (points skip .. skip + n - 1).
struct SaltelliDesign {
  std::size_t n = 0, k = 0;
  Points points;
};
SaltelliDesign saltelli_design(std::size_t n, std::size_t k, std::uint64_t skip = 1);

struct SobolIndex {
  Interval first;  // S_i
  Interval total;  // S_Ti
};
// V, the output variance, is that of the 2n values f(A), f(B) (denominator
// 2n); a constant output (V = 0) gives NaN indices. The bootstrap resamples
// the n rows, the same rows of A, B and every AB_i.
std::vector<SobolIndex> sobol_indices(const SaltelliDesign& d, const std::vector<double>& y,
                                      std::size_t bootstrap = 1000, double confidence = 0.95, std::uint64_t seed = 1);

}  // namespace zccsim::sim::sensitivity
