// SPDX-License-Identifier: MIT
#pragma once

#include "network_config.hpp"

namespace zccsim::models {
class YamlReader;
}

namespace zccsim::models::network {

// Reads and checks a `model: network` scenario; throws ScenarioError.
NetworkConfig load_network(const YamlReader& reader);

}  // namespace zccsim::models::network
