// SPDX-License-Identifier: MIT
// zccsim._core.read_results: a results file the CLI (or Results.save) wrote.
#include "support.hpp"

#include "io/results_h5.hpp"

namespace zccsim::python {

void register_io(py::module_& m) {
  m.attr("results_format") = models::io::results_format;
  m.def(
      "read_results",
      [](const std::string& path) {
        py::gil_scoped_release release;
        models::io::Results f = models::io::read_results(path);
        // files hold rows in the order they were written (a sweep's rounds,
        // --append): sorted here, as a run or sweep from Python gives them
        models::io::sort_rows(f);
        models::io::normalize(f);
        return f;
      },
      py::arg("path"),
      "Reads a zccsim results file (format \"zccsim-results-2\") into Results.\n\n"
      "Raises RuntimeError naming the path when it cannot be read, is corrupt (its\n"
      "SHA-256 checksum does not match) or inconsistent, is of another format\n"
      "or its scenario hash does not match.");
}

}  // namespace zccsim::python
