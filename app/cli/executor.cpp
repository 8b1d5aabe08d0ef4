// SPDX-License-Identifier: MIT
#include "executor.hpp"

#include "exec/mpi_executor.hpp"

#include <charconv>
#include <stdexcept>

namespace zccsim::cli {

namespace {

sim::ExecutionReport run_here_or_on_ranks(const std::vector<sim::Task>& tasks, const sim::TaskFn& fn,
                                          sim::ResultSink& sink, const sim::ExecutionControl& control,
                                          const std::function<bool(const sim::Task&)>& rank0_only) {
  if (sim::mpi::wanted()) return sim::mpi::execute(tasks, fn, sink, control, rank0_only);
  return sim::execute(tasks, fn, sink, control);
}

// Hands a shard's results on under their index in the full task list.
class ShardSink final : public sim::ResultSink {
 public:
  ShardSink(sim::ResultSink& sink, const std::vector<std::size_t>& index) : sink_(sink), index_(index) {}
  void accept(std::size_t i, const sim::Task& task, sim::TaskResult&& result) override {
    sink_.accept(index_[i], task, std::move(result));
  }

 private:
  sim::ResultSink& sink_;
  const std::vector<std::size_t>& index_;
};

}  // namespace

std::optional<Shard> parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  if (slash == std::string::npos) return std::nullopt;
  auto number = [](const char* first, const char* last) -> std::optional<std::uint64_t> {
    std::uint64_t v = 0;
    if (first == last || *first < '0' || *first > '9') return std::nullopt;
    const auto [end, ec] = std::from_chars(first, last, v);
    if (ec != std::errc() || end != last) return std::nullopt;
    return v;
  };
  const char* s = text.data();
  const auto i = number(s, s + slash), n = number(s + slash + 1, s + text.size());
  if (!i || !n || *n == 0 || *i >= *n) return std::nullopt;
  return Shard{*i, *n};
}

Executor executor(Placement placement) {
  return [placement = std::move(placement)](const std::vector<sim::Task>& tasks, const sim::TaskFn& fn,
                                            sim::ResultSink& sink, const sim::ExecutionControl& control) {
    if (placement.shard.empty()) return run_here_or_on_ranks(tasks, fn, sink, control, placement.rank0_only);
    const auto shard = parse_shard(placement.shard);
    if (!shard) throw std::invalid_argument("bad shard '" + placement.shard + "': expected i/N with 0 <= i < N");
    std::vector<sim::Task> mine;
    std::vector<std::size_t> index;
    for (std::size_t i = shard->index; i < tasks.size(); i += shard->count) {
      mine.push_back(tasks[i]);
      index.push_back(i);
      if (tasks.size() - i <= shard->count) break;
    }
    ShardSink sub(sink, index);
    return run_here_or_on_ranks(mine, fn, sub, control, placement.rank0_only);
  };
}

void start_process() { sim::mpi::silence_other_ranks(); }

bool secondary_rank() { return sim::mpi::detect_launch().secondary(); }

int finish_process(int status) { return sim::mpi::finish(status); }

}  // namespace zccsim::cli
