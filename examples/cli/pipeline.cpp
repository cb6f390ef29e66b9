#include "cli/pipeline.hpp"

#include <cerrno>
#include <cstring>
#include <iostream>

namespace parole_cli {

// ---- Output ----------------------------------------------------------------

Output::Output() {
  static char buffer[std::size_t{1} << 20U];
  std::setvbuf(stdout, buffer, _IOFBF, sizeof buffer);
}

bool Output::fail() {
  if (!failed_) {
    const int saved = errno;
    failed_ = true;
    error_ = std::string("cannot write output: ") + std::strerror(saved);
    if (saved == EPIPE) error_ += " (the reading end of the pipe was closed)";
  }
  return false;
}

bool Output::write(std::string_view text) {
  if (failed_) return false;
  if (text.empty()) return true;
  errno = 0;
  if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size()) return fail();
  return true;
}

bool Output::flush() {
  if (failed_) return false;
  errno = 0;
  if (std::fflush(stdout) != 0) return fail();
  return true;
}

// ---- Progress --------------------------------------------------------------

Progress::Progress(std::optional<std::uint64_t> total_bytes)
    : total_(total_bytes), start_(std::chrono::steady_clock::now()), last_draw_(start_) {}

void Progress::add(std::uint64_t documents, std::uint64_t bytes) {
  documents_ += documents;
  bytes_ += bytes;
  draw(false);
}

void Progress::draw(bool force) {
  const auto now = std::chrono::steady_clock::now();
  if (!force && now - last_draw_ < std::chrono::milliseconds(250)) return;
  last_draw_ = now;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  const double mb = static_cast<double>(bytes_) / 1e6;
  const double rate = seconds > 0 ? mb / seconds : 0.0;
  char line[200];
  int n = std::snprintf(line, sizeof line, "\rparole: %llu docs, %.1f MB, %.1f MB/s",
                        static_cast<unsigned long long>(documents_), mb, rate);
  if (total_ && *total_ > 0 && n > 0 && static_cast<std::size_t>(n) < sizeof line) {
    const double total_mb = static_cast<double>(*total_) / 1e6;
    const double pct = std::min(100.0, 100.0 * mb / total_mb);
    n += std::snprintf(line + n, sizeof line - static_cast<std::size_t>(n), ", %.0f%% of %.1f MB", pct, total_mb);
    if (rate > 0 && n > 0 && static_cast<std::size_t>(n) < sizeof line) {
      const auto eta = static_cast<long long>(std::max(0.0, (total_mb - mb) / rate));
      n += std::snprintf(line + n, sizeof line - static_cast<std::size_t>(n), ", ETA %lld:%02lld:%02lld", eta / 3600,
                         (eta / 60) % 60, eta % 60);
    }
  }
  std::fputs(line, stderr);
  std::fputs("\033[K", stderr);  // clear the rest of a longer previous line
  std::fflush(stderr);
  drawn_ = true;
}

void Progress::message(const std::string& text) {
  if (drawn_) std::fputs("\r\033[K", stderr);
  std::fputs(text.c_str(), stderr);
  std::fputc('\n', stderr);
  drawn_ = false;
  draw(true);
}

void Progress::finish() {
  draw(true);
  std::fputc('\n', stderr);
  std::fflush(stderr);
}

// ---- Pipeline --------------------------------------------------------------

Pipeline::Pipeline(const Processor& processor, unsigned threads, std::size_t capacity, Output& output,
                   Progress* progress)
    : processor_(processor),
      output_(output),
      progress_(progress),
      capacity_(capacity < 1 ? 1 : capacity),
      slots_(capacity_) {
  for (unsigned i = 1; i < threads; ++i) workers_.emplace_back([this] { work(); });
}

Pipeline::~Pipeline() { finish(); }

bool Pipeline::submit(Chunk chunk) {
  if (chunk.jobs.empty()) return true;
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    if (stopped_) return false;
    if (next_seq_ - next_write_ < capacity_) break;
    if (!queue_.empty()) {
      process_next(lock);
    } else {
      space_.wait(lock);
    }
  }
  chunk.seq = next_seq_++;
  queue_.push_back(std::move(chunk));
  jobs_.notify_one();
  // The reader is one of the N threads: it reads ahead while there is room
  // (above: then processes queued chunks rather than wait); alone, it
  // processes each chunk as soon as it is read.
  while (!stopped_ && workers_.empty() && !queue_.empty()) process_next(lock);
  return !stopped_;
}

// Processes the first queued chunk in the calling thread (a worker, or the
// reader when the queue is full); `lock` is held on entry and exit, not while
// the chunk is processed.
void Pipeline::process_next(std::unique_lock<std::mutex>& lock) {
  Chunk chunk = std::move(queue_.front());
  queue_.pop_front();
  lock.unlock();
  Done done = run(chunk);
  chunk = Chunk();
  lock.lock();
  deposit(lock, std::move(done));
}

Pipeline::Done Pipeline::run(Chunk& chunk) const {
  Done done;
  done.seq = chunk.seq;
  done.texts.reserve(chunk.jobs.size());
  for (Job& job : chunk.jobs) {
    Outcome outcome = processor_.process(job);
    job = Job();  // free the input as soon as it is done
    if (!outcome.text.empty()) done.texts.push_back(std::move(outcome.text));
    if (!outcome.message.empty()) done.messages.push_back(std::move(outcome.message));
    ++done.documents;
    done.errors += outcome.error ? 1 : 0;
    done.input_bytes += outcome.input_bytes;
  }
  return done;
}

// Prints a chunk's outcome; counts it once it is written. False when the
// output failed.
bool Pipeline::emit(const Done& done) {
  bool ok = true;
  for (const std::string& text : done.texts) ok = ok && output_.write(text);
  for (const std::string& message : done.messages) {
    if (progress_ != nullptr) {
      progress_->message(message);
    } else {
      std::cerr << message << "\n";
    }
  }
  if (!ok) return false;
  written_ += done.documents;
  errors_ += done.errors;
  if (progress_ != nullptr) progress_->add(done.documents, done.input_bytes);
  return true;
}

void Pipeline::work() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    jobs_.wait(lock, [this] { return stopped_ || closed_ || !queue_.empty(); });
    if (stopped_ || queue_.empty()) return;  // stopped, or closed and drained
    process_next(lock);
  }
}

// Puts a processed chunk in its slot. The thread that finds the next chunk
// to print ready, while no other is printing, prints it and every ready one
// after it: no thread of its own for the output, and most texts are freed by
// the thread that made them. A chunk put in its slot while another thread
// prints is seen by that thread before it stops printing (both look under
// the lock).
void Pipeline::deposit(std::unique_lock<std::mutex>& lock, Done done) {
  const std::uint64_t seq = done.seq;
  slots_[seq % capacity_] = std::move(done);
  auto next_ready = [this] { return slots_[next_write_ % capacity_].has_value(); };
  while (!writing_ && !stopped_ && next_ready()) {
    writing_ = true;
    const Done next = std::move(*slots_[next_write_ % capacity_]);
    slots_[next_write_ % capacity_].reset();
    lock.unlock();
    bool ok = emit(next);
    lock.lock();
    ++next_write_;
    space_.notify_one();
    if (ok && !next_ready()) {
      // Nothing more to print now: let the reader of the output see what is done.
      lock.unlock();
      ok = output_.flush();
      lock.lock();
    }
    writing_ = false;
    if (!ok) {
      stopped_ = true;
      space_.notify_all();
      jobs_.notify_all();
    }
  }
}

void Pipeline::finish() {
  std::unique_lock<std::mutex> lock(mutex_);
  if (finished_) return;
  finished_ = true;
  closed_ = true;
  while (!stopped_ && !queue_.empty()) process_next(lock);
  lock.unlock();
  jobs_.notify_all();
  for (std::thread& t : workers_) t.join();
  // Each printer flushed what it printed; a run that printed no chunk (a CSV
  // header alone) is flushed here, so that a failed write is still told.
  if (!stopped_ && !output_.flush()) stopped_ = true;
}

}  // namespace parole_cli
