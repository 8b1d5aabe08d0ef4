// SPDX-License-Identifier: MIT
// libFuzzer harness: scenario text -> the scenario loader and its
// validation, as `zccsim validate FILE` does (no simulation). A ScenarioError
// is the documented refusal; any other exception, a crash, a leak, undefined
// behaviour, a timeout or memory beyond -rss_limit_mb is a finding.
#include "fuzz_common.hpp"
#include "io/yaml_reader.hpp"
#include "study/scenario.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const auto sc = zccsim::models::Scenario::from_text(text, "fuzz.yaml", zccsim::fuzz::scratch().string());
    (void)sc.validation_report();
  } catch (const zccsim::models::ScenarioError&) {
  } catch (const std::exception& e) {
    zccsim::fuzz::finding("the scenario loader threw something other than ScenarioError", &e);
  }
  return 0;
}
