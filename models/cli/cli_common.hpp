// SPDX-License-Identifier: MIT
// What the zccsim commands share: options, progress, Ctrl-C, collecting results.
#pragma once

#include "sim/experiment.hpp"
#include "zccsim/version.hpp"

#include <boost/program_options.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace zccsim::cli {

namespace po = boost::program_options;

inline constexpr const char* version = zccsim::version_string;

struct RunOptions {
  std::uint64_t replications = 10;
  std::uint64_t seed = 1;
  unsigned threads = 0;
  bool quiet = false;
  std::optional<std::string> json, out;
  std::string shard;  // --shard i/N: "" = every task (see executor.hpp)
};

// --replications --seed --threads --json --out --quiet --shard
void add_run_options(po::options_description& opts);
RunOptions read_run_options(const po::variables_map& vm);

// Parses args (after the command name) with `opts`; positional names in order.
po::variables_map parse(const std::vector<std::string>& args, const po::options_description& opts,
                        const std::vector<std::string>& positional);

// Progress: on a terminal a bar with tasks done, events per second and time
// left; otherwise a plain line at every 10 %; nothing with --quiet.
class Progress {
 public:
  Progress(std::string what, bool quiet);
  ~Progress();
  void operator()(std::size_t done, std::size_t total, std::uint64_t events);

 private:
  std::string what_;
  bool quiet_, tty_, drawn_ = false;
  std::size_t last_decile_ = 0;
  std::chrono::steady_clock::time_point t0_;
  std::mutex mutex_;
};

// SIGINT sets the returned flag (the run stops starting tasks and keeps what
// finished); a second SIGINT ends the process at once.
const std::atomic<bool>& interrupt_flag();

// Collects results in task order.
class Collector final : public sim::ResultSink {
 public:
  void accept(std::size_t index, const sim::Task& task, sim::TaskResult&& result) override;
  std::vector<sim::Task> tasks;
  std::vector<sim::Metrics> rows;
  std::uint64_t events = 0;
};

// Rows of one point, in replication order.
std::vector<sim::Metrics> rows_of(const Collector& c, std::uint32_t point);

}  // namespace zccsim::cli
