// SPDX-License-Identifier: MIT
// What the zccsim commands share: options, progress, Ctrl-C, the results file.
#pragma once

#include "io/results_h5.hpp"
#include "exec/experiment.hpp"

#include <boost/program_options.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace zccsim::models {
class Scenario;
}

namespace zccsim::cli {

namespace po = boost::program_options;

// What every command that runs tasks takes.
struct OutputOptions {
  unsigned threads = 0;
  bool quiet = false;
  bool append = false;  // --append: add to the --out file
  std::optional<std::string> json, out;
  std::string shard;  // --shard i/N: "" = every task (see executor.hpp)
};
struct RunOptions : OutputOptions {
  std::uint64_t replications = 10;
  std::uint64_t seed = 1;
};

// --threads --json --out --quiet --shard, and --append when append_help is
// given (what --append means for the command)
void add_output_options(po::options_description& opts, const char* append_help = nullptr);
// Reads them and checks how they combine: --append needs --out; --shard i/N
// needs --out and excludes --json and --append.
OutputOptions read_output_options(const po::variables_map& vm);
// --replications --seed and the output options
void add_run_options(po::options_description& opts, const char* append_help = nullptr);
RunOptions read_run_options(const po::variables_map& vm);

// Where a command's rows stream: nothing without --out and in MPI ranks other
// than 0; with --append the existing file, else a new one with `header`.
std::optional<models::io::ResultsWriter> open_writer(const OutputOptions& o, const models::io::Results& header);

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

}  // namespace zccsim::cli
