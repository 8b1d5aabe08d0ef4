// SPDX-License-Identifier: MIT
// libFuzzer harness: experiment file text -> load_experiment (the sweep
// loader: the experiment's keys, its base scenario, check_experiment and every
// point's scenario), as `zccsim sweep` does before it runs anything. Paths
// in the file are relative to the source root (tests/fuzz/make_corpus.py).
// A ScenarioError is the documented refusal; anything else is a finding.
#include "fuzz_common.hpp"
#include "io/yaml_reader.hpp"
#include "study/sweep.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = zccsim::fuzz::write_input("experiment.yaml", data, size);
  try {
    (void)zccsim::models::load_experiment(path);
  } catch (const zccsim::models::ScenarioError&) {
  } catch (const std::exception& e) {
    zccsim::fuzz::finding("load_experiment threw something other than ScenarioError", &e);
  }
  return 0;
}
