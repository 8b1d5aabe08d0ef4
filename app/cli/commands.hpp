// SPDX-License-Identifier: MIT
// One function per zccsim command; each parses its own options and returns
// the exit status (0 ok, 1 error, 2 usage, 130 interrupted).
#pragma once

#include <string>
#include <vector>

namespace zccsim::cli {

using Args = std::vector<std::string>;

int cmd_run(const Args& args);
int cmd_compare(const Args& args);
int cmd_validate(const Args& args);
int cmd_graph(const Args& args);
int cmd_merge(const Args& args);
int cmd_sweep(const Args& args);
int cmd_report(const Args& args);
int cmd_kpis(const Args& args);
int cmd_uncertainty(const Args& args);
int cmd_staff(const Args& args);

}  // namespace zccsim::cli
