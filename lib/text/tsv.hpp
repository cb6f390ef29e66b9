// Reading the project's tab-separated data files: '#' comments and blank lines
// are skipped, fields are split on tabs. Every row knows its line number so
// that errors can say where they are.
#ifndef PAROLE_TEXT_TSV_HPP
#define PAROLE_TEXT_TSV_HPP

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace parole::text {

// The fields of one row: views into the data, held by the table.
class TsvFields {
 public:
  TsvFields(const std::string_view* first, std::size_t count) noexcept : first_(first), count_(count) {}
  std::size_t size() const noexcept { return count_; }
  bool empty() const noexcept { return count_ == 0; }
  std::string_view operator[](std::size_t i) const noexcept { return first_[i]; }
  std::string_view at(std::size_t i) const {
    if (i >= count_) throw std::out_of_range("TSV row has no field " + std::to_string(i + 1));
    return first_[i];
  }
  const std::string_view* begin() const noexcept { return first_; }
  const std::string_view* end() const noexcept { return first_ + count_; }

 private:
  const std::string_view* first_;
  std::size_t count_;
};

struct TsvRow {
  std::size_t line;    // 1-based
  std::size_t offset;  // byte offset of the line in the data
  TsvFields fields;
};

namespace tsv_detail {

// The first tab or line feed of p[from, n), or n.
std::size_t next_separator(const char* p, std::size_t from, std::size_t n) noexcept;
std::size_t next_line(const char* p, std::size_t from, std::size_t n) noexcept;  // past the next line feed, or n

// The rows of `data`, field by field: sink.field(text) for each field of a
// row, then sink.row(line, offset). A line's text ends before its line feed
// and one carriage return; empty lines, and comment lines when asked, are
// skipped. Only tabs and line feeds are looked at (sixteen bytes at a time):
// the embedded data, read at each start, is half a megabyte.
template <typename Sink>
void read_rows(std::string_view data, bool skip_comments, Sink& sink) {
  const char* const p = data.data();
  const std::size_t n = data.size();
  std::size_t line = 0;
  for (std::size_t from = 0; from < n;) {
    ++line;
    const std::size_t offset = from;
    if (skip_comments && p[from] == '#') {
      from = next_line(p, from, n);
      continue;
    }
    std::size_t start = from;
    std::size_t at = next_separator(p, from, n);
    for (; at < n && p[at] == '\t'; at = next_separator(p, at + 1, n)) {
      sink.field(std::string_view(p + start, at - start));
      start = at + 1;
    }
    from = at + 1;  // past the line feed (or the end)
    std::size_t end = at;
    if (end > start && p[end - 1] == '\r') --end;
    if (end == offset) continue;  // an empty line (no tab, else the text would not be empty)
    sink.field(std::string_view(p + start, end - start));
    sink.row(line, offset);
  }
}

}  // namespace tsv_detail

// fn(const TsvRow&) for each row, in order, without keeping them: for a
// long file read once (the fields are valid during the call only).
template <typename Fn>
void for_each_row(std::string_view data, bool skip_comments, Fn&& fn) {
  struct Sink {
    Fn& fn;
    std::vector<std::string_view> fields;
    void field(std::string_view f) { fields.push_back(f); }
    void row(std::size_t line, std::size_t offset) {
      fn(TsvRow{line, offset, TsvFields(fields.data(), fields.size())});
      fields.clear();
    }
  } sink{fn, {}};
  tsv_detail::read_rows(data, skip_comments, sink);
}

// The rows of a file; every field of every row in one vector (the embedded
// data is read at each start: no allocation per row).
class TsvTable {
 public:
  explicit TsvTable(std::string_view data, bool skip_comments);
  // Rows point into fields_: a copy would point into the original.
  TsvTable(const TsvTable&) = delete;
  TsvTable& operator=(const TsvTable&) = delete;
  TsvTable(TsvTable&&) noexcept = default;
  TsvTable& operator=(TsvTable&&) noexcept = default;
  const TsvRow* begin() const noexcept { return rows_.data(); }
  const TsvRow* end() const noexcept { return rows_.data() + rows_.size(); }
  std::size_t size() const noexcept { return rows_.size(); }

 private:
  std::vector<std::string_view> fields_;
  std::vector<TsvRow> rows_;
};

TsvTable read_tsv(std::string_view data, bool skip_comments = true);

std::vector<std::string_view> split(std::string_view s, char sep);

// The number of '\n' bytes, sixteen at a time (to size tables by lines).
std::size_t count_line_feeds(std::string_view data) noexcept;

}  // namespace parole::text

#endif
