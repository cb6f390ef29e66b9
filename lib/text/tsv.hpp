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

}  // namespace parole::text

#endif
