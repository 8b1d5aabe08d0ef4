// SPDX-License-Identifier: MIT
// Queueing theory the engine is checked against. Time unit: that of the
// rates given (arrival rate lambda, service rate mu, abandonment rate theta).
#pragma once

#include <cmath>
#include <vector>

namespace zccsim::theory {

// Erlang B: blocking probability of M/M/c/c with offered load a = lambda/mu
// (stable recursion B(0) = 1, B(k) = a B(k-1) / (k + a B(k-1))).
inline double erlang_b(int c, double a) {
  double b = 1.0;
  for (int k = 1; k <= c; ++k) b = a * b / (k + a * b);
  return b;
}

// Erlang C: probability of waiting in M/M/c, a = lambda/mu < c.
inline double erlang_c(int c, double a) {
  const double b = erlang_b(c, a);
  const double rho = a / c;
  return b / (1.0 - rho * (1.0 - b));
}

struct MMc {
  int c;
  double lambda, mu;
  double a() const { return lambda / mu; }
  double p_wait() const { return erlang_c(c, a()); }
  double mean_wait() const { return p_wait() / (c * mu - lambda); }
  double mean_queue() const { return lambda * mean_wait(); }
  double mean_in_system() const { return mean_queue() + a(); }
  // P(W > t) = C exp(-(c mu - lambda) t), so the p-quantile of the wait is
  double wait_quantile(double p) const {
    const double cw = p_wait();
    return p <= 1.0 - cw ? 0.0 : std::log(cw / (1.0 - p)) / (c * mu - lambda);
  }
};

// Pollaczek-Khinchine mean wait in M/G/1.
inline double pk_mean_wait(double lambda, double es, double es2) { return lambda * es2 / (2.0 * (1.0 - lambda * es)); }

// Cobham (1954): mean wait of class k (0 highest) in a non-preemptive
// priority M/G/1: W_k = W0 / ((1 - s_{k-1}) (1 - s_k)), W0 = sum lambda_i E[S_i^2] / 2.
inline std::vector<double> cobham_waits(const std::vector<double>& lambda, const std::vector<double>& es,
                                        const std::vector<double>& es2) {
  double w0 = 0.0;
  for (std::size_t i = 0; i < lambda.size(); ++i) w0 += lambda[i] * es2[i] / 2.0;
  std::vector<double> w;
  double sigma_prev = 0.0;
  for (std::size_t k = 0; k < lambda.size(); ++k) {
    const double sigma = sigma_prev + lambda[k] * es[k];
    w.push_back(w0 / ((1.0 - sigma_prev) * (1.0 - sigma)));
    sigma_prev = sigma;
  }
  return w;
}

// Erlang-A (M/M/c+M) from its birth-death chain, solved exactly up to a
// truncation where the remaining mass is below 1e-15.
struct ErlangA {
  double p_wait = 0, p_abandon = 0, mean_wait = 0, mean_queue = 0, utilization = 0;
};
inline ErlangA erlang_a(int c, double lambda, double mu, double theta) {
  std::vector<double> p{1.0};
  double total = 1.0;
  for (int k = 1;; ++k) {
    const double death = std::min(k, c) * mu + std::max(k - c, 0) * theta;
    p.push_back(p.back() * lambda / death);
    total += p.back();
    if (k > c && p.back() < 1e-16 * total) break;
  }
  ErlangA r;
  double busy = 0.0;
  for (std::size_t k = 0; k < p.size(); ++k) {
    const double pk = p[k] / total;
    const int ki = static_cast<int>(k);
    if (ki >= c) r.p_wait += pk;  // PASTA: an arrival finds all servers busy
    r.mean_queue += pk * std::max(ki - c, 0);
    busy += pk * std::min(ki, c);
  }
  r.p_abandon = theta * r.mean_queue / lambda;  // abandonment flow / arrival flow
  r.mean_wait = r.mean_queue / lambda;          // Little, over all who join
  r.utilization = busy / c;
  return r;
}

}  // namespace zccsim::theory
