// parole CLI — reading inputs: the list of files (folders expanded), JSON
// Lines read line by line with a bound on the line length, whole documents
// read with a bound on their size. Never more than one line or document in
// memory here.
#ifndef PAROLE_CLI_INPUTS_HPP
#define PAROLE_CLI_INPUTS_HPP

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/common.hpp"

namespace parole_cli {

struct Source {
  std::string path;  // "-" for standard input
  std::string name;  // as shown in output and messages ("<stdin>" for "-")
};

// Files in the order given; a folder becomes its regular files, recursively,
// sorted by path, hidden entries (".name") left out. Missing paths are kept:
// opening them fails later with an error line that names them.
std::vector<Source> expand_inputs(const std::vector<std::string>& inputs, std::string& error);

// Sum of the sizes of the inputs when every one is a regular file (standard
// input included when redirected from a file), else nothing.
std::optional<std::uint64_t> total_size(const std::vector<Source>& sources);

bool is_directory(const std::string& path);

// Reads lines from a file descriptor through a buffer (1 MiB unless told; the
// JSON Lines fuzzer makes it tiny so that lines and CRLF ends straddle
// refills). A line longer than `max_line` is read through and dropped, and
// reported as too long.
class LineReader {
 public:
  LineReader(int fd, std::size_t max_line, std::size_t buffer_bytes = std::size_t{1} << 20U);
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  enum class Status { kLine, kTooLong, kEnd, kError };
  // The next line without its "\n" (and without a "\r" before it).
  // `consumed` is the number of bytes read for it, end included.
  // On kError, errno_value() tells why.
  Status next(std::string& line, std::size_t& consumed);
  int errno_value() const { return errno_; }
  // True when the next line can be read (at least in part) without waiting
  // for the input: a stream's reader should hand over what it has first.
  bool buffered() const { return pos_ < end_; }

 private:
  bool refill();

  int fd_;
  std::size_t max_line_;
  std::size_t buffer_size_;
  std::unique_ptr<char[]> buffer_;  // not zeroed: read() fills what is used
  std::size_t pos_ = 0;
  std::size_t end_ = 0;
  bool eof_ = false;
  int errno_ = 0;
};

// Opens a source for reading: a file descriptor (0 for standard input), or -1
// with `error` set.
int open_source(const Source& source, std::string& error);
void close_source(const Source& source, int fd);

// Reads a whole document of at most max_bytes bytes. Returns nothing on
// success, else why not (code too_large or io).
std::optional<Failure> read_document(const Source& source, std::size_t max_bytes, std::string& out,
                                     std::size_t& consumed);

}  // namespace parole_cli

#endif  // PAROLE_CLI_INPUTS_HPP
