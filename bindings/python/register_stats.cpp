// SPDX-License-Identifier: MIT
// zccsim._core.student_t_quantile / summarize: the statistics behind every
// summary (sim/summary.hpp), for the Python tables built from raw rows.
#include "support.hpp"

#include <pybind11/numpy.h>

#include <vector>

namespace zccsim::python {

void register_stats(py::module_& m) {
  m.def("student_t_quantile", &sim::student_t_quantile, py::arg("p"), py::arg("dof"),
        "Quantile p of Student's t with dof degrees of freedom (Boost.Math), as the C++\n"
        "summaries use; ValueError unless 0 < p < 1 and dof > 0.");
  m.def(
      "summarize",
      [](const py::array_t<double, py::array::c_style | py::array::forcecast>& values, double level) {
        if (values.ndim() != 2) throw py::value_error("summarize: values must be a 2-D array (rows x columns)");
        const auto v = values.unchecked<2>();
        const auto rows = static_cast<std::size_t>(v.shape(0)), cols = static_cast<std::size_t>(v.shape(1));
        std::vector<double> x(rows);
        const py::tuple s = summary_arrays(1, cols, [&](std::size_t, std::size_t j) {
          for (std::size_t r = 0; r < rows; ++r) x[r] = v(static_cast<py::ssize_t>(r), static_cast<py::ssize_t>(j));
          return sim::summarize(x, level);
        });
        return py::make_tuple(s[0].attr("ravel")(), s[1].attr("ravel")(), s[2].attr("ravel")());
      },
      py::arg("values"), py::arg("level") = 0.95,
      "Per column of values (rows x columns, float64): (mean, ci95, n), each an array of\n"
      "length columns: the mean of the non-NaN values and the half-width of the Student-t\n"
      "interval at `level`, exactly as every summary of results.");
}

}  // namespace zccsim::python
