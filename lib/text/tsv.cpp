#include "text/tsv.hpp"

namespace parole::text {

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t from = 0;
  while (true) {
    const std::size_t at = s.find(sep, from);
    out.push_back(s.substr(from, at == std::string_view::npos ? std::string_view::npos : at - from));
    if (at == std::string_view::npos) break;
    from = at + 1;
  }
  return out;
}

std::vector<TsvRow> read_tsv(std::string_view data, bool skip_comments) {
  std::vector<TsvRow> rows;
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
    rows.push_back(TsvRow{line, offset, split(text, '\t')});
  }
  return rows;
}

}  // namespace parole::text
