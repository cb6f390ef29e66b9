#include "cli/inputs.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

namespace parole_cli {
namespace fs = std::filesystem;

namespace {

bool hidden(const fs::path& p) {
  const std::string name = p.filename().string();
  return !name.empty() && name[0] == '.';
}

std::string display(const std::string& path) { return path == "-" ? "<stdin>" : path; }

}  // namespace

bool is_directory(const std::string& path) {
  std::error_code ec;
  return path != "-" && fs::is_directory(path, ec);
}

std::vector<Source> expand_inputs(const std::vector<std::string>& inputs, std::string& error) {
  std::vector<Source> out;
  for (const std::string& in : inputs) {
    if (!is_directory(in)) {
      out.push_back({in, display(in)});
      continue;
    }
    std::vector<std::string> files;
    std::error_code ec;
    fs::recursive_directory_iterator it(in, fs::directory_options::none, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (hidden(it->path())) {
        if (it->is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file(ec)) files.push_back(it->path().string());
    }
    if (ec) {
      error = in + ": cannot list the folder: " + ec.message();
      return {};
    }
    std::sort(files.begin(), files.end());
    for (std::string& f : files) out.push_back({f, f});
  }
  return out;
}

std::optional<std::uint64_t> total_size(const std::vector<Source>& sources) {
  std::uint64_t total = 0;
  for (const Source& s : sources) {
    struct stat st {};
    const int rc = s.path == "-" ? fstat(0, &st) : stat(s.path.c_str(), &st);
    if (rc != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
    if (s.path == "-") {
      const off_t pos = lseek(0, 0, SEEK_CUR);
      total += static_cast<std::uint64_t>(st.st_size - (pos > 0 ? pos : 0));
    } else {
      total += static_cast<std::uint64_t>(st.st_size);
    }
  }
  return total;
}

LineReader::LineReader(int fd, std::size_t max_line, std::size_t buffer_bytes)
    : fd_(fd),
      max_line_(max_line),
      buffer_size_(buffer_bytes < 1 ? 1 : buffer_bytes),
      buffer_(new char[buffer_size_]) {}

bool LineReader::refill() {
  pos_ = 0;
  end_ = 0;
  while (true) {
    const ssize_t n = ::read(fd_, buffer_.get(), buffer_size_);
    if (n > 0) {
      end_ = static_cast<std::size_t>(n);
      return true;
    }
    if (n == 0) {
      eof_ = true;
      return false;
    }
    if (errno == EINTR) continue;
    errno_ = errno;
    return false;
  }
}

LineReader::Status LineReader::next(std::string& line, std::size_t& consumed) {
  line.clear();
  consumed = 0;
  bool too_long = false;
  bool any = false;
  while (true) {
    if (pos_ == end_) {
      if (eof_ || !refill()) {
        if (errno_ != 0) return Status::kError;
        if (!any) return Status::kEnd;
        break;  // last line without "\n"
      }
    }
    any = true;
    const char* start = buffer_.get() + pos_;
    const std::size_t avail = end_ - pos_;
    const void* nl = std::memchr(start, '\n', avail);
    const std::size_t take = nl != nullptr ? static_cast<std::size_t>(static_cast<const char*>(nl) - start) : avail;
    consumed += take;
    if (!too_long) {
      if (line.size() + take > max_line_) {
        too_long = true;
        line.clear();
        line.shrink_to_fit();
      } else {
        line.append(start, take);
      }
    }
    pos_ += take;
    if (nl != nullptr) {
      ++pos_;
      ++consumed;
      break;
    }
  }
  if (too_long) return Status::kTooLong;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return Status::kLine;
}

int open_source(const Source& source, std::string& error) {
  if (source.path == "-") return 0;
  const int fd = ::open(source.path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = std::string("cannot open: ") + std::strerror(errno);
    return -1;
  }
  struct stat st {};
  if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    error = "is a folder";
    return -1;
  }
  return fd;
}

void close_source(const Source& source, int fd) {
  if (source.path != "-" && fd >= 0) ::close(fd);
}

std::optional<Failure> read_document(const Source& source, std::size_t max_bytes, std::string& out,
                                     std::size_t& consumed) {
  out.clear();
  consumed = 0;
  std::string error;
  const int fd = open_source(source, error);
  if (fd < 0) return Failure{"io", error, std::nullopt, std::nullopt};
  std::optional<Failure> failure;
  struct stat st {};
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && source.path != "-" &&
      static_cast<std::uint64_t>(st.st_size) > max_bytes) {
    consumed = static_cast<std::size_t>(st.st_size);
    failure = Failure{"too_large",
                      "document of " + std::to_string(st.st_size) + " bytes exceeds the limit of " +
                          std::to_string(max_bytes) + " bytes (raise it with --max-bytes)",
                      std::nullopt, std::nullopt};
    close_source(source, fd);
    return failure;
  }
  // A file's size known: one allocation (a 26 MB text would otherwise be copied as the string doubles).
  if (S_ISREG(st.st_mode) && st.st_size > 0) out.reserve(static_cast<std::size_t>(st.st_size));
  std::vector<char> buffer(std::size_t{1} << 16U);
  while (true) {
    const ssize_t n = ::read(fd, buffer.data(), buffer.size());
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      failure = Failure{"io", std::string("read error: ") + std::strerror(errno), std::nullopt, std::nullopt};
      break;
    }
    consumed += static_cast<std::size_t>(n);
    if (out.size() + static_cast<std::size_t>(n) > max_bytes) {
      out.clear();
      out.shrink_to_fit();
      failure = Failure{
          "too_large",
          "document of more than " + std::to_string(max_bytes) + " bytes exceeds the limit (raise it with --max-bytes)",
          std::nullopt, std::nullopt};
      break;
    }
    out.append(buffer.data(), static_cast<std::size_t>(n));
  }
  close_source(source, fd);
  return failure;
}

}  // namespace parole_cli
