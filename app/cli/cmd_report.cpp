// SPDX-License-Identifier: MIT
// zccsim report RESULTS.h5|STAFF.json [-o REPORT.html]: one self-contained
// HTML page of a results file or of a staffing study (zccsim staff --out). The
// report is made in Python (bindings/python/zccsim/report.py and
// staffing_report.py, matplotlib): this command runs `python3 -m zccsim.report
// ...` with the Python package found next to the program (<dir of
// zccsim>/python, where the build puts it) first on PYTHONPATH, and returns
// its exit status. The file is read (and so checked) here first, so a corrupt
// or unreadable file is refused with its name before Python starts: a results
// file by io/results_h5.hpp; a staffing study (a name ending in .json, or a
// file whose first non-blank character is '{') must be JSON (an error names
// file:line:column) holding an object with "iterations" and a list of "nodes"
// with their "hours" (Python checks the rest). A Python that fails is
// reported with its exit status or signal (its own messages go to stderr as
// they come).
// ZCCSIM_PYTHON overrides the interpreter (default: Debian's /usr/bin/python3,
// the one with numpy, pandas and matplotlib).
#include "commands.hpp"
#include "io/json.hpp"
#include "io/results_h5.hpp"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

extern char** environ;

#ifndef ZCCSIM_PYTHON
#define ZCCSIM_PYTHON "/usr/bin/python3"
#endif

namespace zccsim::cli {

namespace {

namespace fs = std::filesystem;

constexpr const char* report_usage =
    R"(usage: zccsim report RESULTS.h5|STAFF.json [-o REPORT.html] [--title TEXT] [--quiet]

Writes one self-contained HTML page (images inlined) of a results file of
`zccsim run|compare|sweep|uncertainty --out`. First a one-page summary: per
headline KPI its label, value per variant (shares in %), the published norm
with met / not met and, for a compare or sweep, the paired difference to the
first variant with its 95 % interval in plain words. Then the detail: the
scenario (name, model, seed, replications, version, SHA-256), KPI tables
(mean and 95 % CI), the paired differences, plots (KPIs per variant,
occupancy by hour of the week, answer and ambulance response times against
the norms, a map of the areas, cost per patient) and the scenario text.

Of a staffing study (the JSON of `zccsim staff --out`; a name ending in .json
or a file starting with '{'): a summary row per target node (before and after:
the lowest hourly share answered within the target time and in how many hours
it is met, the target, met / not met, paid hours per week and cost per year
before -> after) and the algorithm's iterations; then per node the staff per
hour of the week (required, stationary Erlang C, rostered against the shipped
roster), the service level per hour before and after with 95 % intervals, the
shifts and the 168 hours.

Prints to PDF from a browser with a page per section. Default output:
RESULTS.html. The page is written atomically. Needs Python 3 with numpy, pandas and matplotlib
(ZCCSIM_PYTHON names the interpreter; default )" ZCCSIM_PYTHON R"().
)";

// The results file among report's arguments (the first that is neither an
// option nor an option's value), or "".
std::string results_argument(const Args& args) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "-o" || a == "--output" || a == "--title") {
      ++i;
      continue;
    }
    if (a == "--") return i + 1 < args.size() ? args[i + 1] : std::string();
    if (!a.empty() && a[0] != '-') return a;
  }
  return {};
}

// A staffing study is taken for one by its name (.json) or its first non-blank character ('{').
bool is_json_file(const std::string& path) {
  const fs::path ext = fs::path(path).extension();
  std::string lower = ext.string();
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == ".json") return true;
  std::ifstream in(path, std::ios::binary);
  char c = 0;
  while (in.get(c))
    if (!std::isspace(static_cast<unsigned char>(c))) return c == '{';
  return false;
}

// Checks that `path` holds a staffing study (zccsim staff --out): valid JSON (else
// "FILE:LINE:COLUMN: not valid JSON (...)"), an object with "iterations" and a non-empty
// list "nodes" of objects with "node" and "hours". The rest is checked by Python.
void check_staffing_json(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path + ": " + std::strerror(errno));
  std::ostringstream buf;
  buf << in.rdbuf();
  const std::string text = buf.str();
  models::Json j;
  try {
    j = models::Json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    // the line and column of the byte where parsing stopped (1-based)
    const std::size_t at = std::min<std::size_t>(e.byte == 0 ? 0 : e.byte - 1, text.size());
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < at; ++i) {
      if (text[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    std::string why = e.what();
    if (const auto colon = why.find(": "); colon != std::string::npos) why = why.substr(colon + 2);
    throw std::runtime_error(path + ":" + std::to_string(line) + ":" + std::to_string(column) + ": not valid JSON (" +
                             why + (at >= text.size() ? "; the file ends early" : "") +
                             "); zccsim report reads the JSON of zccsim staff --out");
  }
  const auto is_study = [&] {
    if (!j.is_object() || !j.contains("iterations") || !j.contains("nodes") || !j["nodes"].is_array() ||
        j["nodes"].empty())
      return false;
    for (const auto& n : j["nodes"])
      if (!n.is_object() || !n.contains("node") || !n.contains("hours") || !n["hours"].is_array()) return false;
    return true;
  };
  if (!is_study())
    throw std::runtime_error(path +
                             " is not a staffing study (the JSON of zccsim staff --out: an object with "
                             "\"iterations\" and a list of \"nodes\", each with its \"hours\"); zccsim report "
                             "reads that or a results file (HDF5) of zccsim run|compare|sweep|uncertainty --out");
}

// The folder holding the Python package zccsim: <dir of this program>/python.
fs::path python_package_dir() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return {};
  return exe.parent_path() / "python";
}

}  // namespace

int cmd_report(const Args& args) {
  for (const auto& a : args)
    if (a == "-h" || a == "--help") {
      std::cout << report_usage;
      return 0;
    }
  if (args.empty()) {
    std::cerr << "zccsim report: needs a results FILE\n" << report_usage;
    return 2;
  }
  // a file that cannot be read is refused here, with its name
  if (const std::string results = results_argument(args); !results.empty()) {
    try {
      if (is_json_file(results)) check_staffing_json(results);
      else models::io::read_results(results);
    } catch (const std::runtime_error& e) {
      std::cerr << "zccsim report: " << e.what() << "\n";
      return 1;
    }
  }

  const char* env_python = std::getenv("ZCCSIM_PYTHON");
  const std::string python = env_python && *env_python ? env_python : ZCCSIM_PYTHON;

  // PYTHONPATH: the package next to the program first, then what was set
  std::string pythonpath;
  const fs::path pkg = python_package_dir();
  if (!pkg.empty() && fs::exists(pkg / "zccsim" / "report.py")) pythonpath = pkg.string();
  if (const char* old = std::getenv("PYTHONPATH"); old && *old)
    pythonpath += (pythonpath.empty() ? "" : ":") + std::string(old);

  std::vector<std::string> env_strings;
  for (char** e = environ; *e; ++e)
    if (std::strncmp(*e, "PYTHONPATH=", 11) != 0) env_strings.emplace_back(*e);
  if (!pythonpath.empty()) env_strings.push_back("PYTHONPATH=" + pythonpath);
  std::vector<char*> envp;
  envp.reserve(env_strings.size() + 1);
  for (auto& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);

  std::vector<std::string> argv_strings{python, "-m", "zccsim.report"};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  argv.reserve(argv_strings.size() + 1);
  for (auto& s : argv_strings) argv.push_back(s.data());
  argv.push_back(nullptr);

  // Ctrl-C reaches the child too (same process group): this process waits for
  // it to end instead of dying first; the child gets the default disposition.
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGINT);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF);
  struct sigaction ignore {
  }, previous{};
  ignore.sa_handler = SIG_IGN;
  sigemptyset(&ignore.sa_mask);
  sigaction(SIGINT, &ignore, &previous);

  pid_t pid = 0;
  const int rc = posix_spawnp(&pid, python.c_str(), nullptr, &attr, argv.data(), envp.data());
  posix_spawnattr_destroy(&attr);
  if (rc != 0) {
    sigaction(SIGINT, &previous, nullptr);
    std::cerr << "zccsim report: cannot start " << python << ": " << std::strerror(rc)
              << " (set ZCCSIM_PYTHON to a Python 3 with numpy, pandas and matplotlib)\n";
    return 1;
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      sigaction(SIGINT, &previous, nullptr);
      std::cerr << "zccsim report: waiting for " << python << ": " << std::strerror(errno) << "\n";
      return 1;
    }
  }
  sigaction(SIGINT, &previous, nullptr);
  if (WIFEXITED(status)) {
    if (WEXITSTATUS(status) != 0)
      std::cerr << "zccsim report: " << python << " -m zccsim.report failed (exit status " << WEXITSTATUS(status)
                << ")\n";
    return WEXITSTATUS(status);
  }
  if (WIFSIGNALED(status)) {
    if (WTERMSIG(status) == SIGINT) return 130;
    std::cerr << "zccsim report: " << python << " -m zccsim.report was killed by signal " << WTERMSIG(status) << " ("
              << strsignal(WTERMSIG(status)) << ")\n";
    return 1;
  }
  std::cerr << "zccsim report: " << python << " -m zccsim.report ended abnormally\n";
  return 1;
}

}  // namespace zccsim::cli
