// SPDX-License-Identifier: MIT
// What the zccsim commands share: options, progress, Ctrl-C, the results file.
#pragma once

#include "io/results_h5.hpp"
#include "exec/experiment.hpp"
#include "exec/stop_signal.hpp"
#include "exec/temp_files.hpp"

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

// The largest --threads and --replications accepted (a typo, not a wish).
constexpr std::uint64_t max_threads = 1024;
constexpr std::uint64_t max_replications = 1'000'000;

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
// The option `name` (a string) as an integer in [min, max]: decimal digits
// only (no sign); otherwise a po::error naming the option and the range.
std::uint64_t read_integer(const po::variables_map& vm, const std::string& name, std::uint64_t min, std::uint64_t max);
// --replications --seed and the output options
void add_run_options(po::options_description& opts, const char* append_help = nullptr);
RunOptions read_run_options(const po::variables_map& vm);

// A file a command reads or writes, with what names it on the command line
// ("--out", "the scenario FILE", ...).
struct NamedPath {
  std::string what, path;
};
// Refuses (po::error: exit status 2, before anything runs) an output that is
// the same file as an input or as another output: std::filesystem::equivalent
// where both exist, the same absolute path (symbolic links resolved) otherwise.
void check_distinct_paths(const std::vector<NamedPath>& inputs, const std::vector<NamedPath>& outputs);
// The output files of `o` (--out, --json) that are given, for check_distinct_paths.
std::vector<NamedPath> output_paths(const OutputOptions& o);

// What guards the --out file of a command (nothing without --out or in MPI
// ranks other than 0). Make it before the file is read (--append) or opened:
//  * --append: takes the lock "OUT.lock" (temp_files.hpp) for the whole
//    read-run-rename; a second --append to OUT waits for it, saying so, then
//    adds to what the first wrote;
//  * removes the stale temporary files of OUT (of killed processes);
//  * registers OUT's temporary file for removal by a second stop signal.
class OutputGuard {
 public:
  explicit OutputGuard(const OutputOptions& o);
  // --append: throws std::runtime_error when OUT is not the file that was
  // read (device, inode, size, mtime); call just before finishing the writer.
  void check_unchanged() const;

 private:
  std::string out_;
  sim::FileLock lock_;
  std::optional<sim::FileIdentity> read_;
  std::optional<sim::TempFileGuard> temp_;
};

// Where a command's rows stream: nothing without --out and in MPI ranks other
// than 0; with --append the existing file, else a new one with `header`.
std::optional<models::io::ResultsWriter> open_writer(const OutputOptions& o, const models::io::Results& header);

// Thrown by parse after it printed a command's --help: main exits with 0.
struct HelpShown {};

// Parses args (after the command name) with `opts`; positional names in order
// ("name*": any number). -h or --help prints command_usage and throws HelpShown.
po::variables_map parse(const std::vector<std::string>& args, const po::options_description& opts,
                        const std::vector<std::string>& positional);

// "usage: zccsim CAPTION POSITIONAL... [options]" and the options of `opts`
// (its caption is the command's name).
std::string command_usage(const po::options_description& opts, const std::vector<std::string>& positional);

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

// A stop signal (SIGINT, SIGTERM, SIGHUP, SIGUSR1; exec/stop_signal.hpp)
// sets the returned flag (the run stops starting tasks and keeps what
// finished); a second one ends the process at once. main installs the
// handlers for run, compare and sweep.
const std::atomic<bool>& interrupt_flag();
// The exit status of a stopped run: 128 + the signal's number (130 for
// SIGINT, 143 for SIGTERM, 129 for SIGHUP, 138 for SIGUSR1).
int interrupted_status();

}  // namespace zccsim::cli
