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
  for (unsigned i = 0; i < (threads < 1 ? 1 : threads); ++i) workers_.emplace_back([this] { work(); });
  writer_ = std::thread([this] { write(); });
}

Pipeline::~Pipeline() { finish(); }

bool Pipeline::submit(Chunk chunk) {
  if (chunk.jobs.empty()) return true;
  std::unique_lock<std::mutex> lock(mutex_);
  space_.wait(lock, [this] { return stopped_ || next_seq_ - next_write_ < capacity_; });
  if (stopped_) return false;
  chunk.seq = next_seq_++;
  queue_.push_back(std::move(chunk));
  jobs_.notify_one();
  return true;
}

void Pipeline::work() {
  while (true) {
    Chunk chunk;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      jobs_.wait(lock, [this] { return stopped_ || closed_ || !queue_.empty(); });
      if (stopped_ || queue_.empty()) return;  // stopped, or closed and drained
      chunk = std::move(queue_.front());
      queue_.pop_front();
    }
    Done done;
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
    const std::uint64_t seq = chunk.seq;
    chunk = Chunk();
    std::lock_guard<std::mutex> lock(mutex_);
    slots_[seq % capacity_] = std::move(done);
    if (seq == next_write_) ready_.notify_one();
  }
}

void Pipeline::write() {
  while (true) {
    Done outcome;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      auto next_ready = [this] { return slots_[next_write_ % capacity_].has_value(); };
      if (!next_ready() && !(closed_ && next_write_ == next_seq_)) {
        // Nothing to write now: let the reader of the output see what is done.
        lock.unlock();
        const bool ok = output_.flush();
        lock.lock();
        if (!ok) {
          stopped_ = true;
          space_.notify_all();
          jobs_.notify_all();
          return;
        }
      }
      ready_.wait(lock, [&] { return next_ready() || (closed_ && next_write_ == next_seq_); });
      if (!next_ready()) break;  // closed and everything written
      outcome = std::move(*slots_[next_write_ % capacity_]);
      slots_[next_write_ % capacity_].reset();
    }
    bool ok = true;
    for (const std::string& text : outcome.texts) ok = ok && output_.write(text);
    for (const std::string& message : outcome.messages) {
      if (progress_ != nullptr) {
        progress_->message(message);
      } else {
        std::cerr << message << "\n";
      }
    }
    std::lock_guard<std::mutex> lock(mutex_);
    if (!ok) {
      stopped_ = true;
      space_.notify_all();
      jobs_.notify_all();
      return;
    }
    written_ += outcome.documents;
    errors_ += outcome.errors;
    if (progress_ != nullptr) progress_->add(outcome.documents, outcome.input_bytes);
    ++next_write_;
    space_.notify_one();
  }
  if (!output_.flush()) {
    std::lock_guard<std::mutex> lock(mutex_);
    stopped_ = true;
  }
}

void Pipeline::finish() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (finished_) return;
    finished_ = true;
    closed_ = true;
  }
  jobs_.notify_all();
  ready_.notify_all();
  for (std::thread& t : workers_) t.join();
  writer_.join();
}

}  // namespace parole_cli
