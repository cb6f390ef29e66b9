#include "text/tsv.hpp"

#include <algorithm>
#include <string>

namespace parole::text {

// Fields counted first: one allocation instead of a vector grown field by field.
std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  out.reserve(static_cast<std::size_t>(std::count(s.begin(), s.end(), sep)) + 1);
  std::size_t from = 0;
  while (true) {
    const std::size_t at = s.find(sep, from);
    out.push_back(s.substr(from, at == std::string_view::npos ? std::string_view::npos : at - from));
    if (at == std::string_view::npos) break;
    from = at + 1;
  }
  return out;
}

TsvTable::TsvTable(std::string_view data, bool skip_comments) {
  const auto lines = static_cast<std::size_t>(std::count(data.begin(), data.end(), '\n')) + 1;
  fields_.reserve(lines + static_cast<std::size_t>(std::count(data.begin(), data.end(), '\t')));
  std::vector<std::size_t> first_field;  // of each row, in fields_ (its address may still move)
  first_field.reserve(lines);
  rows_.reserve(lines);
  std::size_t line = 0;
  for (std::size_t from = 0; from < data.size();) {
    std::size_t end = data.find('\n', from);
    if (end == std::string_view::npos) end = data.size();
    std::string_view text = data.substr(from, end - from);
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    ++line;
    const std::size_t offset = from;
    from = end + 1;
    if (text.empty() || (skip_comments && text.front() == '#')) continue;
    first_field.push_back(fields_.size());
    std::size_t start = 0;  // fields are a few bytes: read in place rather than by a call per tab
    for (std::size_t k = 0; k < text.size(); ++k) {
      if (text[k] != '\t') continue;
      fields_.push_back(text.substr(start, k - start));
      start = k + 1;
    }
    fields_.push_back(text.substr(start));
    rows_.push_back(TsvRow{line, offset, TsvFields(nullptr, fields_.size() - first_field.back())});
  }
  for (std::size_t i = 0; i < rows_.size(); ++i) {
    rows_[i].fields = TsvFields(fields_.data() + first_field[i], rows_[i].fields.size());
  }
}

TsvTable read_tsv(std::string_view data, bool skip_comments) { return TsvTable(data, skip_comments); }

}  // namespace parole::text
