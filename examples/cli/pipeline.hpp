// parole CLI — the batch pipeline: N threads share one immutable Extractor.
// The calling thread reads the input and queues chunks for N - 1 worker
// threads; when `capacity` chunks are in flight it processes a queued one
// itself rather than wait. Whichever thread finishes the chunk that is next
// in input order prints it and the finished ones after it. So `--threads N`
// keeps to N cores; with one, nothing runs beside the caller, which
// processes each chunk as soon as it is read (one process per core, as in
// the Dask, Spark and Hadoop examples, is not oversubscribed).
//
// Jobs travel in chunks (common.hpp: Chunk). Memory is bounded: at most
// `capacity` chunks are in flight (read but not yet written): queued, being
// processed or waiting for their turn to be written. So a 10 GB input needs
// `capacity` chunks of memory (each at most 256 KiB of input, or one larger
// document), never more.
#ifndef PAROLE_CLI_PIPELINE_HPP
#define PAROLE_CLI_PIPELINE_HPP

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "cli/common.hpp"
#include "cli/records.hpp"

namespace parole_cli {

// Writes to standard output; remembers the first failure. A closed pipe is
// EPIPE here (SIGPIPE is ignored by main()).
class Output {
 public:
  Output();
  bool write(std::string_view text);
  bool flush();
  bool failed() const { return failed_; }
  // "cannot write output: Broken pipe (...)": for the message on stderr.
  const std::string& error() const { return error_; }

 private:
  bool fail();
  bool failed_ = false;
  std::string error_;
};

// The progress line on stderr: documents, MB, MB/s, and % and ETA when the
// total size is known. Redrawn at most 4 times a second; only constructed
// when stderr is a terminal.
class Progress {
 public:
  explicit Progress(std::optional<std::uint64_t> total_bytes);
  void add(std::uint64_t documents, std::uint64_t bytes);
  // Prints a message on its own line, keeping the progress line below it.
  void message(const std::string& text);
  void finish();

 private:
  void draw(bool force);
  std::optional<std::uint64_t> total_;
  std::uint64_t documents_ = 0;
  std::uint64_t bytes_ = 0;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
  bool drawn_ = false;
};

class Pipeline {
 public:
  Pipeline(const Processor& processor, unsigned threads, std::size_t capacity, Output& output, Progress* progress);
  ~Pipeline();
  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;

  // Hands a chunk over; while `capacity` chunks are in flight, processes
  // queued ones (or waits when none is queued). With no worker thread,
  // processes it before returning. False once the output has failed: the
  // reader should stop.
  bool submit(Chunk chunk);
  // Waits for every job to be written and the threads to end.
  void finish();

  std::uint64_t written() const { return written_; }
  std::uint64_t errors() const { return errors_; }

 private:
  struct Done;
  Done run(Chunk& chunk) const;
  void process_next(std::unique_lock<std::mutex>& lock);
  void deposit(std::unique_lock<std::mutex>& lock, Done done);
  bool emit(const Done& done);
  void work();

  const Processor& processor_;
  Output& output_;
  Progress* progress_;
  std::size_t capacity_;

  std::mutex mutex_;
  std::condition_variable space_;  // the reader waits for a free slot
  std::condition_variable jobs_;   // workers wait for a job
  // What is printed for a chunk.
  struct Done {
    std::uint64_t seq = 0;
    std::vector<std::string> texts;  // each job's, as made: joining them would copy them all once more
    std::vector<std::string> messages;
    std::uint64_t documents = 0;
    std::uint64_t errors = 0;
    std::uint64_t input_bytes = 0;
  };
  std::deque<Chunk> queue_;
  std::vector<std::optional<Done>> slots_;  // by seq % capacity
  std::uint64_t next_seq_ = 0;
  std::uint64_t next_write_ = 0;
  bool closed_ = false;
  bool stopped_ = false;
  bool finished_ = false;
  bool writing_ = false;  // a thread is printing
  std::uint64_t written_ = 0;
  std::uint64_t errors_ = 0;
  std::vector<std::thread> workers_;
};

}  // namespace parole_cli

#endif  // PAROLE_CLI_PIPELINE_HPP
