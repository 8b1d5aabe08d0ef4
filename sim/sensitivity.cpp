// SPDX-License-Identifier: MIT
// Designs and estimators of global sensitivity analysis (see sensitivity.hpp
// for the methods and their references).
#include "sensitivity.hpp"

#include "random.hpp"

#include <boost/random/sobol.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>

namespace zccsim::sim::sensitivity {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
// The largest double below 1: keeps (stratum + u) / n inside [0, 1).
constexpr double below_one = 0x1.fffffffffffffp-1;

// Stream "components" of this file: every design and every bootstrap draws
// from its own Philox stream (random.hpp), keyed on the caller's seed.
constexpr std::uint64_t lhs_component = stable_hash("sensitivity.latin_hypercube");
constexpr std::uint64_t morris_component = stable_hash("sensitivity.morris");
constexpr std::uint64_t bootstrap_component = stable_hash("sensitivity.bootstrap");

void check_outputs(const std::vector<double>& y, std::size_t rows, const char* what) {
  if (y.size() != rows)
    throw std::invalid_argument(std::string(what) + ": " + std::to_string(y.size()) + " outputs for a design of " +
                                std::to_string(rows) + " rows");
  for (std::size_t i = 0; i < y.size(); ++i)
    if (!std::isfinite(y[i]))
      throw std::invalid_argument(std::string(what) + ": output " + std::to_string(i) + " is not a finite number");
}

void check_confidence(double confidence, const char* what) {
  if (!(confidence > 0.0 && confidence < 1.0))
    throw std::invalid_argument(std::string(what) + ": the confidence level must lie in (0, 1)");
}

// Quantile p of sorted values by linear interpolation between order
// statistics (Hyndman & Fan 1996, definition 7: R's and NumPy's default).
double quantile_sorted(const std::vector<double>& v, double p) {
  const double h = (static_cast<double>(v.size()) - 1.0) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (h - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

// The bootstrap percentile interval (Efron & Tibshirani 1993, ch. 13) of
// the replicates, around the full-sample estimate. NaN when there are no
// replicates or a replicate is undefined (a resample without variance).
Interval percentile_interval(double estimate, std::vector<double>& replicates, double confidence) {
  Interval iv{estimate, nan, nan};
  if (replicates.empty() || std::any_of(replicates.begin(), replicates.end(), [](double x) { return std::isnan(x); }))
    return iv;
  std::sort(replicates.begin(), replicates.end());
  iv.low = quantile_sorted(replicates, (1.0 - confidence) / 2.0);
  iv.high = quantile_sorted(replicates, (1.0 + confidence) / 2.0);
  return iv;
}

}  // namespace

// McKay, Beckman & Conover (1979): coordinate j of point i is
// (pi_j(i) + U_ij) / n, with pi_j independent uniform random permutations of
// 0 .. n-1 (Fisher-Yates, Knuth's algorithm P) and U_ij uniform in (0, 1).
Points latin_hypercube(std::size_t n, std::size_t k, std::uint64_t seed) {
  Points x(n, std::vector<double>(k));
  std::vector<std::size_t> perm(n);
  for (std::size_t j = 0; j < k; ++j) {
    RandomStream rs(seed, j, lhs_component, 0);
    std::iota(perm.begin(), perm.end(), std::size_t{0});
    for (std::size_t i = n; i > 1; --i) std::swap(perm[i - 1], perm[rs.below(i)]);
    for (std::size_t i = 0; i < n; ++i)
      x[i][j] = std::min((static_cast<double>(perm[i]) + rs.uniform()) / static_cast<double>(n), below_one);
  }
  return x;
}

// Boost.Random's sobol engine (Bratley & Fox 1988, Antonov & Saleev 1980;
// Joe & Kuo 2008 direction numbers, Gray-code order) starts at point 1: its
// seed(m) positions it at point m + 1. Its values are integers of w = 64
// bits, v / 2^64 in [0, 1) (exact: point m uses only the top bits).
Points sobol_sequence(std::size_t n, std::size_t k, std::uint64_t skip) {
  using Engine = boost::random::sobol_engine<std::uint64_t, 64>;
  if (k == 0 || k > boost::random::default_sobol_table::max_dimension)
    throw std::invalid_argument("sobol_sequence: dimension " + std::to_string(k) + " outside 1 .. " +
                                std::to_string(boost::random::default_sobol_table::max_dimension));
  Points x;
  x.reserve(n);
  if (n == 0) return x;
  std::size_t first = 0;
  if (skip == 0) {  // point 0 is the origin, which the engine leaves out
    x.emplace_back(k, 0.0);
    first = 1;
  }
  Engine engine(k);
  try {
    if (skip > 1) engine.seed(skip - 1);
    for (std::size_t i = first; i < n; ++i) {
      std::vector<double>& row = x.emplace_back(k);
      for (double& v : row) v = std::min(std::ldexp(static_cast<double>(engine()), -64), below_one);
    }
  } catch (const std::range_error&) {
    throw std::invalid_argument("sobol_sequence: points beyond the end of the sequence");
  }
  return x;
}

// Morris (1991), section 3: a trajectory is the orientation matrix
//   B* = (J x* + (delta / 2) ((2 B - J) D* + J)) P*
// with B the (k+1) x k strictly lower triangular matrix of ones, J a matrix
// of ones, x* a random base point on the grid {0, 1/(p-1), .., 1 - delta},
// D* a diagonal of random signs +-1 and P* a random permutation of the
// factors. Row s + 1 differs from row s in factor P*(s) only, by
// D*(P*(s)) * delta; a factor with sign -1 starts at x* + delta.
MorrisDesign morris_design(std::size_t k, std::size_t r, std::size_t levels, std::uint64_t seed) {
  if (k == 0) throw std::invalid_argument("morris_design: no factors");
  if (levels < 2 || levels % 2 != 0)
    throw std::invalid_argument("morris_design: the number of levels must be even and >= 2, not " +
                                std::to_string(levels));
  MorrisDesign d;
  d.k = k;
  d.r = r;
  d.levels = levels;
  const double p1 = static_cast<double>(levels - 1);
  const double delta = static_cast<double>(levels) / (2.0 * p1);
  const std::size_t base_levels = levels / 2;  // 0, 1/(p-1), .., (p/2 - 1)/(p-1) = 1 - delta
  d.points.reserve(r * (k + 1));
  d.factor.reserve(r * (k + 1));
  d.step.reserve(r * (k + 1));
  std::vector<std::size_t> order(k);
  std::vector<double> sign(k), low(k), high(k);
  for (std::size_t t = 0; t < r; ++t) {
    RandomStream rs(seed, t, morris_component, 0);
    std::vector<double> x(k);
    for (std::size_t j = 0; j < k; ++j) {
      low[j] = static_cast<double>(rs.below(base_levels)) / p1;
      high[j] = low[j] + delta;  // <= 1 - delta + delta
      sign[j] = rs.below(2) == 0 ? 1.0 : -1.0;
      x[j] = sign[j] > 0.0 ? low[j] : high[j];
    }
    std::iota(order.begin(), order.end(), std::size_t{0});
    for (std::size_t i = k; i > 1; --i) std::swap(order[i - 1], order[rs.below(i)]);
    d.points.push_back(x);
    d.factor.push_back(k);
    d.step.push_back(0.0);
    for (std::size_t s = 0; s < k; ++s) {
      const std::size_t j = order[s];
      x[j] = sign[j] > 0.0 ? high[j] : low[j];
      d.points.push_back(x);
      d.factor.push_back(j);
      d.step.push_back(sign[j] * delta);
    }
  }
  return d;
}

// Elementary effects EE = (y_s - y_{s-1}) / step (Morris 1991); per factor
// mu = mean EE, mu* = mean |EE| (Campolongo, Cariboni & Saltelli 2007),
// sigma = standard deviation with denominator r - 1 (NaN when r < 2). The
// interval of mu* is the bootstrap percentile interval over trajectories
// (all factors share each resample of the r trajectories).
std::vector<MorrisIndex> morris_indices(const MorrisDesign& d, const std::vector<double>& y, std::size_t bootstrap,
                                        double confidence, std::uint64_t seed) {
  const std::size_t rows = d.r * (d.k + 1);
  if (d.points.size() != rows || d.factor.size() != rows || d.step.size() != rows)
    throw std::invalid_argument("morris_indices: the design's rows do not make r trajectories of k + 1 points");
  check_outputs(y, rows, "morris_indices");
  check_confidence(confidence, "morris_indices");
  const std::size_t k = d.k, r = d.r;
  // ee[t * k + j]: trajectory t's elementary effect of factor j
  std::vector<double> ee(r * k, nan);
  for (std::size_t t = 0; t < r; ++t)
    for (std::size_t s = 1; s <= k; ++s) {
      const std::size_t row = t * (k + 1) + s;
      const std::size_t j = d.factor[row];
      if (j >= k || d.step[row] == 0.0 || !std::isnan(ee[t * k + j]))
        throw std::invalid_argument("morris_indices: trajectory " + std::to_string(t) +
                                    " does not move each factor exactly once");
      ee[t * k + j] = (y[row] - y[row - 1]) / d.step[row];
    }

  std::vector<MorrisIndex> out(k);
  const double rn = static_cast<double>(r);
  for (std::size_t j = 0; j < k; ++j) {
    double sum = 0.0, sum_abs = 0.0;
    for (std::size_t t = 0; t < r; ++t) {
      sum += ee[t * k + j];
      sum_abs += std::abs(ee[t * k + j]);
    }
    out[j].mu = r > 0 ? sum / rn : nan;
    out[j].mu_star = {r > 0 ? sum_abs / rn : nan, nan, nan};
    double ss = 0.0;
    for (std::size_t t = 0; t < r; ++t) ss += (ee[t * k + j] - out[j].mu) * (ee[t * k + j] - out[j].mu);
    out[j].sigma = r > 1 ? std::sqrt(ss / (rn - 1.0)) : nan;
  }
  if (r == 0 || bootstrap == 0) return out;

  std::vector<std::vector<double>> reps(k, std::vector<double>(bootstrap));
  RandomStream rs(seed, 0, bootstrap_component, stable_hash("morris"));
  std::vector<double> sum_abs(k);
  for (std::size_t b = 0; b < bootstrap; ++b) {
    std::fill(sum_abs.begin(), sum_abs.end(), 0.0);
    for (std::size_t i = 0; i < r; ++i) {
      const std::size_t t = rs.below(r);
      for (std::size_t j = 0; j < k; ++j) sum_abs[j] += std::abs(ee[t * k + j]);
    }
    for (std::size_t j = 0; j < k; ++j) reps[j][b] = sum_abs[j] / rn;
  }
  for (std::size_t j = 0; j < k; ++j)
    out[j].mu_star = percentile_interval(out[j].mu_star.estimate, reps[j], confidence);
  return out;
}

// Saltelli et al. (2010), section 4: A and B are the first and last k
// columns of a 2k-dimensional quasi-random (Sobol') sample; AB_i is A with
// its column i taken from B.
SaltelliDesign saltelli_design(std::size_t n, std::size_t k, std::uint64_t skip) {
  if (k == 0) throw std::invalid_argument("saltelli_design: no factors");
  const Points base = sobol_sequence(n, 2 * k, skip);
  SaltelliDesign d;
  d.n = n;
  d.k = k;
  d.points.reserve(n * (k + 2));
  const auto kk = static_cast<std::ptrdiff_t>(k);
  for (std::size_t m = 0; m < n; ++m) d.points.emplace_back(base[m].begin(), base[m].begin() + kk);  // A
  for (std::size_t m = 0; m < n; ++m) d.points.emplace_back(base[m].begin() + kk, base[m].end());    // B
  for (std::size_t i = 0; i < k; ++i)
    for (std::size_t m = 0; m < n; ++m) {  // AB_i
      std::vector<double>& row = d.points.emplace_back(base[m].begin(), base[m].begin() + kk);
      row[i] = base[m][k + i];
    }
  return d;
}

namespace {

// The estimators of Saltelli et al. (2010), Table 2, over the rows idx of A
// (a bootstrap resample, or every row):
//   first order (b)  V_i  = (1/n) sum f(B)_j (f(AB_i)_j - f(A)_j)
//   total       (f)  V_Ti = (1/2n) sum (f(A)_j - f(AB_i)_j)^2   (Jansen 1999)
// both divided by V = the variance of the 2n outputs f(A), f(B) (denominator
// 2n, as SALib). NaN when V = 0 (a constant output).
void sobol_estimates(const SaltelliDesign& d, const std::vector<double>& y, const std::vector<std::size_t>& idx,
                     std::vector<double>& first, std::vector<double>& total) {
  const std::size_t n = d.n, k = d.k;
  const double* fa = y.data();
  const double* fb = y.data() + n;
  const double m = static_cast<double>(idx.size());
  double mean = 0.0;
  for (std::size_t j : idx) mean += fa[j] + fb[j];
  mean /= 2.0 * m;
  double var = 0.0;
  for (std::size_t j : idx) var += (fa[j] - mean) * (fa[j] - mean) + (fb[j] - mean) * (fb[j] - mean);
  var /= 2.0 * m;
  for (std::size_t i = 0; i < k; ++i) {
    const double* fab = y.data() + (2 + i) * n;
    double s1 = 0.0, st = 0.0;
    for (std::size_t j : idx) {
      const double diff = fab[j] - fa[j];
      s1 += fb[j] * diff;
      st += diff * diff;
    }
    first[i] = var > 0.0 ? s1 / m / var : nan;
    total[i] = var > 0.0 ? st / (2.0 * m) / var : nan;
  }
}

}  // namespace

// Bootstrap: B resamples of the n rows with replacement; each resample
// takes the same rows of A, B and every AB_i (Saltelli et al. 2010,
// section 4; Archer, Saltelli & Sobol' 1997), percentile intervals.
std::vector<SobolIndex> sobol_indices(const SaltelliDesign& d, const std::vector<double>& y, std::size_t bootstrap,
                                      double confidence, std::uint64_t seed) {
  const std::size_t n = d.n, k = d.k;
  if (d.points.size() != n * (k + 2))
    throw std::invalid_argument("sobol_indices: the design does not have n (k + 2) rows");
  check_outputs(y, n * (k + 2), "sobol_indices");
  check_confidence(confidence, "sobol_indices");
  if (n < 2) throw std::invalid_argument("sobol_indices: at least 2 base rows are needed");

  std::vector<std::size_t> idx(n);
  std::iota(idx.begin(), idx.end(), std::size_t{0});
  std::vector<double> first(k), total(k);
  sobol_estimates(d, y, idx, first, total);
  std::vector<SobolIndex> out(k);
  for (std::size_t i = 0; i < k; ++i) out[i] = {{first[i], nan, nan}, {total[i], nan, nan}};
  if (bootstrap == 0) return out;

  std::vector<std::vector<double>> rep_first(k, std::vector<double>(bootstrap)),
      rep_total(k, std::vector<double>(bootstrap));
  RandomStream rs(seed, 0, bootstrap_component, stable_hash("saltelli"));
  for (std::size_t b = 0; b < bootstrap; ++b) {
    for (std::size_t& j : idx) j = rs.below(n);
    sobol_estimates(d, y, idx, first, total);
    for (std::size_t i = 0; i < k; ++i) {
      rep_first[i][b] = first[i];
      rep_total[i][b] = total[i];
    }
  }
  for (std::size_t i = 0; i < k; ++i) {
    out[i].first = percentile_interval(out[i].first.estimate, rep_first[i], confidence);
    out[i].total = percentile_interval(out[i].total.estimate, rep_total[i], confidence);
  }
  return out;
}

}  // namespace zccsim::sim::sensitivity
