// SPDX-License-Identifier: MIT
// What the two shipped families give beyond the registry's interface: their
// configuration (and the acute road network), for the family-specific
// commands (`zccsim graph`, the hourly series and event log of `run`).
#pragma once

#include "registry.hpp"

namespace zccsim::models {

namespace acute {
struct AcuteConfig;
class Geography;
}  // namespace acute
namespace network {
struct NetworkConfig;
}

class AcuteLoaded : public LoadedModel {
 public:
  virtual const acute::AcuteConfig& config() const noexcept = 0;
  virtual const acute::Geography& geography() const = 0;
};

class NetworkLoaded : public LoadedModel {
 public:
  virtual const network::NetworkConfig& config() const noexcept = 0;
};

}  // namespace zccsim::models
