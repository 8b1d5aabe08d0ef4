// SPDX-License-Identifier: MIT
// Counter-based random streams: one independent stream per
// (seed, replication, component, purpose), so that changing one component's
// parameters never shifts the numbers another component draws.
#pragma once

#include <Random123/philox.h>

#include <cstdint>
#include <string_view>

namespace zccsim::sim {

// 64-bit FNV-1a: a stable (compiler- and platform-independent) name hash.
constexpr std::uint64_t stable_hash(std::string_view s) noexcept {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

// Philox4x64-10 (Salmon et al., SC'11). Key = (seed, replication); counter =
// (component, purpose, block, 0). Each block yields four 64-bit words.
class RandomStream {
 public:
  RandomStream(std::uint64_t seed, std::uint64_t replication, std::uint64_t component, std::uint64_t purpose) noexcept
      : key_{{seed, replication}}, ctr_{{component, purpose, 0, 0}} {}
  RandomStream(std::uint64_t seed, std::uint64_t replication, std::string_view component,
               std::string_view purpose) noexcept
      : RandomStream(seed, replication, stable_hash(component), stable_hash(purpose)) {}

  // Starts the stream of (seed, replication, component, purpose) in place:
  // the same draws as a stream constructed so. For a record's stream on a
  // hot path: assigning a new stream copies a temporary through the stack,
  // and the copy's wide loads of the temporary's narrow stores stall (the
  // national year ran 3-4 % faster with this; benchmarks/RESULTS.md).
  void restart(std::uint64_t seed, std::uint64_t replication, std::uint64_t component, std::uint64_t purpose) noexcept {
    key_ = {{seed, replication}};
    ctr_ = {{component, purpose, 0, 0}};
    index_ = 4;
  }

  std::uint64_t next_u64() noexcept {
    if (index_ == 4) refill();
    return block_.v[index_++];
  }

  // Uniform on the open interval (0, 1): 53 random bits, centred in their
  // cell. The top cell's centre 1 - 2^-54 would round to 1.0, so it is
  // pulled down to the largest double below 1 (probability 2^-53).
  double uniform() noexcept {
    const double u = (static_cast<double>(next_u64() >> 11) + 0.5) * 0x1.0p-53;
    return u < 1.0 ? u : 0x1.fffffffffffffp-1;
  }

  // Uniform integer in [0, n), n > 0 (Lemire's multiply-shift; bias < 2^-64 * n).
  std::uint64_t below(std::uint64_t n) noexcept {
    return static_cast<std::uint64_t>((static_cast<unsigned __int128>(next_u64()) * n) >> 64);
  }

  // Number of 64-bit words drawn so far.
  std::uint64_t draws() const noexcept { return ctr_.v[2] * 4 - (4 - index_); }

 private:
  using Philox = r123::Philox4x64;
  void refill() noexcept {
    block_ = Philox{}(ctr_, key_);
    ++ctr_.v[2];
    index_ = 0;
  }
  Philox::key_type key_;
  Philox::ctr_type ctr_;
  Philox::ctr_type block_{};
  unsigned index_ = 4;
};

}  // namespace zccsim::sim
