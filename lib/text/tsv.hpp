// Reading the project's tab-separated data files: '#' comments and blank lines
// are skipped, fields are split on tabs. Every row knows its line number so
// that errors can say where they are.
#ifndef PAROLE_TEXT_TSV_HPP
#define PAROLE_TEXT_TSV_HPP

#include <cstddef>
#include <string_view>
#include <vector>

namespace parole::text {

struct TsvRow {
  std::size_t line;    // 1-based
  std::size_t offset;  // byte offset of the line in the data
  std::vector<std::string_view> fields;
};

std::vector<TsvRow> read_tsv(std::string_view data, bool skip_comments = true);

std::vector<std::string_view> split(std::string_view s, char sep);

}  // namespace parole::text

#endif
