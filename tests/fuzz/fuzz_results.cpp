// SPDX-License-Identifier: MIT
// libFuzzer harness: bytes -> a results file -> the results reader, as
// `zccsim merge` and `run --append` use it (io/results_h5.hpp): read_results,
// and for a file it accepts check_appendable against itself and
// ResultsWriter::append_to (its copy is dropped unfinished). A
// std::runtime_error naming the file is the documented refusal; another
// exception, one whose message does not name the file, a crash (HDF5's
// included), a leak, undefined behaviour, a timeout or memory beyond
// -rss_limit_mb is a finding.
#include "fuzz_common.hpp"
#include "io/results_h5.hpp"

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace io = zccsim::models::io;
  const std::string path = zccsim::fuzz::write_input("results.h5", data, size);
  const auto refused = [&](const std::runtime_error& e) {
    if (std::string(e.what()).find(path) == std::string::npos)
      zccsim::fuzz::finding("the results reader's message does not name the file", &e);
  };
  try {
    const io::Results f = io::read_results(path);
    io::check_appendable(f, path, f);
    auto writer = io::ResultsWriter::append_to(path);
  } catch (const std::runtime_error& e) {
    refused(e);
  } catch (const std::exception& e) {
    zccsim::fuzz::finding("the results reader threw something other than std::runtime_error", &e);
  }
  return 0;
}
