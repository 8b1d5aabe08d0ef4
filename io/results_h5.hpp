// SPDX-License-Identifier: MIT
// The HDF5 results file: KPIs of every replication, the scenario that made
// them, and optionally the hourly series and the event log of one replication.
//
// File layout, format "zccsim-results-2" (all numbers little-endian; strings
// are variable-length UTF-8, checked to be valid UTF-8 when written and read;
// in h5py read string datasets with .asstr()):
//
//   bytes 0..511           the HDF5 user block (h5py: File.userblock_size ==
//                          512; HDF5 starts at byte 512), plain text: the line
//                          "zccsim-results-2", the line "sha256 " + the SHA-256
//                          (64 lowercase hex digits) of every byte of the file
//                          from byte 512 to the end, then NUL bytes up to 512.
//                          The writer fills it in after HDF5 has closed the
//                          file; readers check it with plain file I/O before
//                          HDF5 opens the file, and refuse a file whose digest
//                          does not match ("corrupt results file (checksum
//                          mismatch)"). Format "zccsim-results-1" (zccsim 0.3.0
//                          and older: no user block) is refused: run it again.
//   /                      attributes:
//     format               "zccsim-results-2"
//     model                "acute" or "network"
//     version              zccsim version that wrote the file
//     model_version        the model family's version (study/families.cpp),
//                          bumped whenever its results change; --append and
//                          merge refuse files of another model version
//     kpi_table_sha256     SHA-256 of the KPI table (names, units,
//                          directions; study/registry.hpp): likewise
//     seed                 uint64, the run's master seed
//     scenario_sha256      SHA-256 (hex) of /scenario/text as UTF-8 bytes
//     complete             int32: 1, or 0 when the run (or the last --append to
//                          it) was interrupted: the file then holds the
//                          replications that finished
//     shard                "" for a whole run, "i/N" for slice i of N (--shard);
//                          `zccsim merge` joins slices into a whole file
//   /scenario/text         scalar string: the resolved scenario YAML
//   /scenario/path         scalar string: where the scenario was read from
//   /kpis/names            1-D strings, n_kpi
//   /kpis/values           2-D float64, n_rep x n_kpi (row r = replication
//                          replication[r] of point point[r]); NaN = not defined in
//                          that replication (e.g. a mean over no patients). Chunked,
//                          gzip + shuffle, unlimited along rows. Rows are in the
//                          order they were written (a run's task order; rounds of a
//                          precision sweep and --append add rows at the end), so
//                          index them by (point, replication), not by position.
//   /kpis/replication      1-D uint64, n_rep: replication index of each row
//   /kpis/conservation     2-D uint64, n_rep x 3: created, ended, in_system of
//                          each row's replication (entities: patients, customers)
//   /kpis/point            1-D uint32, n_rep: the point (sweep point / compared
//                          variant) of each row; all 0 for a plain run
//   /points/labels         1-D strings, n_point: a label per point
//   /points/settings       1-D strings, n_point: the overrides of each point
//                          as YAML ("{}" for none)
//   /points/scenarios      1-D strings, n_point, only in files of `zccsim compare
//                          --out`: the resolved scenario YAML of each variant
//                          (/scenario/text is the first's)
//   /experiment/text       scalar string: the experiment file of a sweep ("" otherwise)
//   /hourly                group, always present (empty for sweeps and network
//                          runs); attribute replication (uint64): the replication
//                          the series belong to
//   /hourly/<name>         one group per resource; <name> is the resource name
//                          with every '/' replaced by "__" (e.g. "zcc__zeist__gp").
//                          Attributes: resource (the original name), kind
//                          (triage_line, dispatch, hap, ...), index (uint32:
//                          position in the writer's order; groups are also
//                          created in that order, with creation order tracked).
//     busy, on_duty, queue 1-D float32, all the same length: hourly means;
//                          element h = hour h from time 0 (warm-up included),
//                          hour 0 = the scenario's start_date 00:00.
//   /events                only when an event log was written: 1-D compound
//                          {time f8 (minutes), patient u4, event u1, detail u1,
//                          place u2}, in the order the simulation logged them.
//                          event indexes /events_meta/event_names; detail is a
//                          response, discipline or stream and place an area or
//                          site index, depending on the event (see
//                          io/records.hpp, LogRecord).
//   /events_meta           group, always present, with 1-D string datasets
//     event_names, response_names, area_names, site_names (possibly empty).
//
// Example (h5py):
//   f = h5py.File("results.h5")
//   kpis = pandas.DataFrame(f["kpis/values"][:], columns=f["kpis/names"].asstr()[:],
//                           index=f["kpis/replication"][:])
//   ev = f["events"][:]; names = f["events_meta/event_names"].asstr()[:]
//   kinds = [names[e] for e in ev["event"]]
#pragma once

#include "exec/experiment.hpp"
#include "results.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace zccsim::models::io {

inline constexpr const char* results_format = "zccsim-results-2";

// Writes a results file while a run goes on, so memory does not grow with the
// number of replications: rows go into "<path>.tmp.<pid>" (in blocks of a
// chunk) as they come, and finish() writes the rest, closes, syncs and
// renames the file over `path`. Until then an existing `path` is untouched;
// destroyed without finish() (an exception, a crash of the run), the writer
// removes its temporary file. Errors: std::invalid_argument for inconsistent
// input (before anything is written), std::runtime_error naming `path`.
// HDF5's error printing is off during every call. Not thread-safe: call it
// from one thread at a time (a sim::ResultSink is).
class ResultsWriter final : public sim::ResultSink {
 public:
  // A new file: the metadata of `header` and its KPI rows (if any) are
  // written at once. Its hourly series and event log are not: see
  // write_details().
  ResultsWriter(const std::string& path, const Results& header);
  // Continues the results file at `path` (--append): a copy of it receives
  // the new rows; its existing rows, metadata, hourly series and event log
  // stay as they are (byte for byte in the rows). Check first that the file
  // fits the run (check_appendable).
  static ResultsWriter append_to(const std::string& path);

  ResultsWriter(ResultsWriter&&) noexcept;
  ResultsWriter& operator=(ResultsWriter&&) noexcept;
  ~ResultsWriter();

  // A row of task (point, replication).
  void append_row(const sim::Task& task, std::span<const double> metrics, const Conservation& conservation = {});
  // sim::ResultSink: append_row(task, result.metrics, result.conservation),
  // but never throws (a sink runs on a worker thread): the first error is
  // kept and rethrown by finish(); later rows are dropped.
  void accept(std::size_t index, const sim::Task& task, sim::TaskResult&& result) override;
  // The hourly series (and their replication), the event log and its name
  // tables of `f`; at most once, new files only. Without it the file has an
  // empty /hourly and /events_meta.
  void write_details(const Results& f);
  // Rows in the file so far (existing ones included).
  std::uint64_t rows() const noexcept;
  // Writes what is buffered and the `complete` attribute, closes, syncs and
  // renames over the target. complete = false marks an interrupted run.
  // Rethrows an error kept by accept() (the target is then untouched).
  void finish(bool complete);

  struct Impl;

 private:
  explicit ResultsWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Writes atomically: everything goes into "<path>.tmp.<pid>", which is
// closed, sealed (user block), synced and renamed over `path` (a ResultsWriter
// with all of `f`). Throws std::invalid_argument, before touching any file,
// when `f` is inconsistent (a kpis row not of kpi_names.size(),
// replication_index not one per row, hourly series of unequal lengths, empty or
// clashing resource names, a string holding '\0' or not valid UTF-8);
// std::runtime_error "cannot write PATH: ..." when writing fails (the
// operating system's reason where there is one: "No space left on device").
// On any exception the temporary file is removed and an existing `path` is
// left untouched. HDF5 prints nothing.
void write_results(const std::string& path, const Results& f);

// Reads back what write_results wrote, treating the file as untrusted input:
// the user block's checksum is checked before HDF5 opens the file, then every
// dataset's rank, dimensions, type and size (against limits and the file's
// size) before it is read, and what was read for consistency (one value row,
// replication, point and conservation row per row; point indexes below the
// number of points; one settings entry per point; unique KPI names; hourly
// series of equal lengths; valid UTF-8). Throws std::runtime_error "cannot
// read PATH: ..." when the file cannot be read, is corrupt, is not of format
// "zccsim-results-2" (files of format 1 are refused with a message saying
// so), or its scenario_sha256 does not match the scenario text. HDF5 prints
// nothing.
// (Format 2 is the layout of format 1 behind the checksummed user block.)
Results read_results(const std::string& path);

// Whether `f`, read from `path`, can take more replications of the run whose
// header is `run` (--append): the same model and model version, KPI table,
// scenario text (scenario_sha256), seed, experiment text ("" for a plain
// run) and KPI names, and a whole run, not a shard. Throws
// std::runtime_error "cannot append to PATH: ..." saying what differs.
void check_appendable(const Results& f, const std::string& path, const Results& run);

// SHA-256 of `data`, as 64 lowercase hex digits.
std::string sha256_hex(std::string_view data);

}  // namespace zccsim::models::io
