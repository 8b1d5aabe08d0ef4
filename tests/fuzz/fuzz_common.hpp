// SPDX-License-Identifier: MIT
// What the libFuzzer harnesses share (docs/fuzzing.md): a scratch directory
// per process in which the source tree's scenarios/ and tests/ are linked, so
// that the corpus's `extends:`, `base:` and `scenario:` paths (relative to the
// source root, tests/fuzz/make_corpus.py) resolve from it; writing an input to
// a file there; and reporting a finding (an exception of a type the API does
// not document, or a message without the file's name) by aborting, which
// libFuzzer records as a crash.
#pragma once

#include <cxxabi.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <typeinfo>

namespace zccsim::fuzz {

// The scratch directory "zccsim-fuzz.<pid>.XXXXXX" in the temp directory,
// made once. libFuzzer often ends a process without running atexit (a
// finding, -max_total_time, fork mode), so each harness first removes the
// scratch directories of processes that no longer run.
inline const std::filesystem::path& scratch() {
  namespace fs = std::filesystem;
  static const fs::path dir = [] {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(fs::temp_directory_path(), ec)) {
      const std::string name = entry.path().filename().string();
      if (name.rfind("zccsim-fuzz.", 0) != 0) continue;
      const long pid = std::strtol(name.c_str() + 12, nullptr, 10);
      if (pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) fs::remove_all(entry.path(), ec);
    }
    std::string templ =
        (fs::temp_directory_path() / ("zccsim-fuzz." + std::to_string(::getpid()) + ".XXXXXX")).string();
    if (!::mkdtemp(templ.data())) {
      std::perror("zccsim fuzz: mkdtemp");
      std::abort();
    }
    const char* env = std::getenv("ZCCSIM_SOURCE_DIR");
    const fs::path source = env && *env ? fs::path(env) : fs::path(ZCCSIM_SOURCE_DIR);
    for (const char* sub : {"scenarios", "tests"}) fs::create_directory_symlink(source / sub, fs::path(templ) / sub);
    return fs::path(templ);
  }();
  return dir;
}

// `data` written to scratch()/name; returns the path.
inline std::string write_input(const char* name, const unsigned char* data, std::size_t size) {
  const std::string path = (scratch() / name).string();
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  out.close();
  if (!out) {
    std::perror(("zccsim fuzz: cannot write " + path).c_str());
    std::abort();
  }
  return path;
}

// A finding: print it and abort (libFuzzer saves the input).
[[noreturn]] inline void finding(std::string_view what, const std::exception* e = nullptr) {
  std::fprintf(stderr, "\nzccsim fuzz FINDING: %.*s", static_cast<int>(what.size()), what.data());
  if (e) {
    int status = 0;
    char* type = abi::__cxa_demangle(typeid(*e).name(), nullptr, nullptr, &status);
    std::fprintf(stderr, ": %s: %s", status == 0 ? type : typeid(*e).name(), e->what());
    std::free(type);
  }
  std::fprintf(stderr, "\n");
  std::abort();
}

}  // namespace zccsim::fuzz
