// SPDX-License-Identifier: MIT
#include "cli_common.hpp"

#include "executor.hpp"
#include "exec/stop_signal.hpp"
#include "exec/temp_files.hpp"
#include "study/scenario.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <limits>
#include <sstream>

#include <unistd.h>

namespace zccsim::cli {

void add_output_options(po::options_description& opts, const char* append_help) {
  opts.add_options()("threads", po::value<std::string>()->default_value("0"), "worker threads (0: all cores)")(
      "json", po::value<std::string>(), "summary as JSON")("out", po::value<std::string>(), "HDF5 results file")(
      "quiet", "print nothing but errors")("shard", po::value<std::string>(),
                                           "run only tasks i, i+N, i+2N, ... (i/N) into --out; join with zccsim merge");
  if (append_help) opts.add_options()("append", append_help);
}

std::uint64_t read_integer(const po::variables_map& vm, const std::string& name, std::uint64_t min, std::uint64_t max) {
  const std::string& text = vm[name].as<std::string>();
  std::uint64_t v = 0;
  const char* last = text.data() + text.size();
  const auto [end, ec] = std::from_chars(text.data(), last, v);  // digits only: no sign, space or base prefix
  if (text.empty() || ec != std::errc() || end != last || v < min || v > max)
    throw po::error("--" + name + " must be an integer from " + std::to_string(min) + " to " + std::to_string(max) +
                    ", not '" + text + "'");
  return v;
}

OutputOptions read_output_options(const po::variables_map& vm) {
  OutputOptions o;
  o.threads = static_cast<unsigned>(read_integer(vm, "threads", 0, max_threads));
  o.quiet = vm.count("quiet") > 0;
  o.append = vm.count("append") > 0;
  if (vm.count("json")) o.json = vm["json"].as<std::string>();
  if (vm.count("out")) o.out = vm["out"].as<std::string>();
  if (o.append && !o.out) throw po::error("--append needs --out FILE (the results file to add to)");
  if (vm.count("shard")) {
    o.shard = vm["shard"].as<std::string>();
    if (!parse_shard(o.shard)) throw po::error("--shard must be i/N with 0 <= i < N (e.g. 0/4), not '" + o.shard + "'");
    if (!o.out) throw po::error("--shard needs --out FILE.h5 (zccsim merge joins the shards' files)");
    if (o.json) throw po::error("--shard writes only --out; --json would summarise a part of the results");
    if (o.append) throw po::error("--append cannot be combined with --shard");
  }
  return o;
}

void add_run_options(po::options_description& opts, const char* append_help) {
  opts.add_options()("replications", po::value<std::string>()->default_value("10"), "replications")(
      "seed", po::value<std::string>()->default_value("1"), "random seed");
  add_output_options(opts, append_help);
}

RunOptions read_run_options(const po::variables_map& vm) {
  RunOptions o;
  static_cast<OutputOptions&>(o) = read_output_options(vm);
  o.replications = read_integer(vm, "replications", 1, max_replications);
  o.seed = read_integer(vm, "seed", 0, std::numeric_limits<std::uint64_t>::max());
  return o;
}

namespace {

bool same_file(const std::filesystem::path& a, const std::filesystem::path& b) {
  std::error_code ec;
  if (std::filesystem::exists(a, ec) && std::filesystem::exists(b, ec)) {
    const bool same = std::filesystem::equivalent(a, b, ec);
    if (!ec) return same;
  }
  const auto full = [](const std::filesystem::path& p) {
    std::error_code e;
    const std::filesystem::path c = std::filesystem::weakly_canonical(std::filesystem::absolute(p, e), e);
    return e ? std::filesystem::absolute(p).lexically_normal() : c;
  };
  return full(a) == full(b);
}

}  // namespace

void check_distinct_paths(const std::vector<NamedPath>& inputs, const std::vector<NamedPath>& outputs) {
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    const NamedPath& out = outputs[i];
    for (const NamedPath& in : inputs)
      if (same_file(out.path, in.path))
        throw po::error(out.what + " '" + out.path + "' is " + in.what + " '" + in.path +
                        "': refusing to overwrite an input");
    for (std::size_t j = 0; j < i; ++j)
      if (same_file(out.path, outputs[j].path))
        throw po::error(out.what + " '" + out.path + "' is the same file as " + outputs[j].what + " '" +
                        outputs[j].path + "'");
  }
}

std::vector<NamedPath> output_paths(const OutputOptions& o) {
  std::vector<NamedPath> v;
  if (o.out) v.push_back({"--out", *o.out});
  if (o.json) v.push_back({"--json", *o.json});
  return v;
}

OutputGuard::OutputGuard(const OutputOptions& o) {
  if (!o.out || secondary_rank()) return;
  out_ = *o.out;
  std::error_code ec;
  if (o.append && std::filesystem::exists(out_, ec)) {  // (a missing file is refused when it is read)
    const bool quiet = o.quiet;
    lock_ = sim::lock_for_update(out_, [&] {
      if (!quiet) std::cerr << "zccsim: waiting for the lock on " << out_ << " held by another zccsim\n";
    });
    read_ = sim::file_identity(out_);
  }
  sim::remove_stale_temp_files(out_);
  temp_.emplace(sim::temp_file_name(out_).c_str());
}

void OutputGuard::check_unchanged() const {
  if (!lock_.held() || sim::file_identity(out_) == read_) return;
  throw std::runtime_error(out_ + " was changed by another program while this run added to it; the new rows were " +
                           "not written (run the --append again)");
}

std::optional<models::io::ResultsWriter> open_writer(const OutputOptions& o, const models::io::Results& header) {
  std::optional<models::io::ResultsWriter> w;
  if (!o.out || secondary_rank()) return w;
  if (o.append) w.emplace(models::io::ResultsWriter::append_to(*o.out));
  else w.emplace(*o.out, header);
  return w;
}

po::variables_map parse(const std::vector<std::string>& args, const po::options_description& opts,
                        const std::vector<std::string>& positional) {
  po::options_description shown(opts);
  shown.add_options()("help,h", "print this help and exit");
  po::options_description all(shown);
  po::positional_options_description pos;
  for (const auto& p : positional) {
    if (p.back() == '*') {
      const std::string name = p.substr(0, p.size() - 1);
      all.add_options()(name.c_str(), po::value<std::vector<std::string>>());
      pos.add(name.c_str(), -1);
    } else {
      all.add_options()(p.c_str(), po::value<std::string>());
      pos.add(p.c_str(), 1);
    }
  }
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
  if (vm.count("help")) {
    std::cout << command_usage(shown, positional);
    throw HelpShown{};
  }
  po::notify(vm);
  return vm;
}

std::string command_usage(const po::options_description& opts, const std::vector<std::string>& positional) {
  std::ostringstream options;
  options << opts;  // "CAPTION:\n  --option ...": Boost 1.74 has no accessor for the caption
  const std::string listed = options.str();
  std::string line = "usage: zccsim " + listed.substr(0, listed.find(":\n"));
  for (const auto& p : positional) {
    std::string name = p.back() == '*' ? p.substr(0, p.size() - 1) : p;
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    line += " " + name + (p.back() == '*' ? "..." : "");
  }
  return line + " [options]\n\n" + listed + "\n(zccsim --help: every command and what the run options mean)\n";
}

Progress::Progress(std::string what, bool quiet)
    : what_(std::move(what)),
      quiet_(quiet),
      tty_(::isatty(STDERR_FILENO) != 0),
      t0_(std::chrono::steady_clock::now()) {}

Progress::~Progress() {
  if (drawn_) std::fprintf(stderr, "\n");
}

void Progress::operator()(std::size_t done, std::size_t total, std::uint64_t events) {
  if (quiet_ || total == 0) return;
  const std::lock_guard lock(mutex_);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0_).count();
  const double left = done > 0 ? secs * static_cast<double>(total - done) / static_cast<double>(done) : 0.0;
  const double rate = secs > 0 ? static_cast<double>(events) / secs / 1e6 : 0.0;
  if (tty_) {
    if (secs < 1.0 && done < total) return;  // short runs show nothing
    constexpr int width = 24;
    const int fill = static_cast<int>(width * done / total);
    std::fprintf(stderr, "\r%s [%.*s%*s] %zu/%zu  %.1f M events/s  %.0f s left ", what_.c_str(), fill,
                 "########################", width - fill, "", done, total, rate, left);
    std::fflush(stderr);
    drawn_ = true;
  } else {
    const std::size_t decile = 10 * done / total;
    if (decile == last_decile_ && done < total) return;
    last_decile_ = decile;
    std::fprintf(stderr, "%s: %zu/%zu done, %.1f M events/s, %.0f s left\n", what_.c_str(), done, total, rate, left);
  }
}

const std::atomic<bool>& interrupt_flag() { return sim::stop_flag(); }

int interrupted_status() {
  const int sig = sim::stop_signal();
  return 128 + (sig ? sig : SIGINT);
}

}  // namespace zccsim::cli
