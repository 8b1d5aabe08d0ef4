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

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <typeinfo>

namespace zccsim::fuzz {

// The scratch directory, made once; removed at exit.
inline const std::filesystem::path& scratch() {
  namespace fs = std::filesystem;
  static const fs::path dir = [] {
    std::string templ = (fs::temp_directory_path() / "zccsim-fuzz.XXXXXX").string();
    if (!::mkdtemp(templ.data())) {
      std::perror("zccsim fuzz: mkdtemp");
      std::abort();
    }
    const char* env = std::getenv("ZCCSIM_SOURCE_DIR");
    const fs::path source = env && *env ? fs::path(env) : fs::path(ZCCSIM_SOURCE_DIR);
    for (const char* sub : {"scenarios", "tests"}) fs::create_directory_symlink(source / sub, fs::path(templ) / sub);
    std::atexit([] {
      std::error_code ec;
      fs::remove_all(scratch(), ec);
    });
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
