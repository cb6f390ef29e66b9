#include "text/tsv.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <cstring>
#include <string>

namespace parole::text {
namespace tsv_detail {

// Sixteen bytes at a time: the lines of a gazetteer are tens of bytes.
std::size_t next_separator(const char* p, std::size_t from, std::size_t n) noexcept {
#if defined(__SSE2__)
  const __m128i tab = _mm_set1_epi8('\t');
  const __m128i line_feed = _mm_set1_epi8('\n');
  for (; from + 16 <= n; from += 16) {
    const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + from));
    const auto found = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(block, tab), _mm_cmpeq_epi8(block, line_feed))));
    if (found != 0) return from + static_cast<unsigned>(__builtin_ctz(found));
  }
#endif
  for (; from < n; ++from) {
    if (p[from] == '\t' || p[from] == '\n') return from;
  }
  return n;
}

std::size_t next_line(const char* p, std::size_t from, std::size_t n) noexcept {
  const void* end = std::memchr(p + from, '\n', n - from);
  return end == nullptr ? n : static_cast<std::size_t>(static_cast<const char*>(end) - p) + 1;
}

}  // namespace tsv_detail

// Counted in byte lanes and summed every 255 blocks (std::count, vectorised,
// widens every lane to 64 bits: three times the instructions).
std::size_t count_line_feeds(std::string_view data) noexcept {
  const char* const p = data.data();
  const std::size_t n = data.size();
  std::size_t count = 0;
  std::size_t i = 0;
#if defined(__SSE2__)
  const __m128i line_feed = _mm_set1_epi8('\n');
  while (i + 16 <= n) {
    __m128i lanes = _mm_setzero_si128();
    for (int block = 0; block < 255 && i + 16 <= n; ++block, i += 16) {
      const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
      lanes = _mm_sub_epi8(lanes, _mm_cmpeq_epi8(bytes, line_feed));  // a match is -1
    }
    const __m128i sums = _mm_sad_epu8(lanes, _mm_setzero_si128());
    count += static_cast<std::size_t>(_mm_cvtsi128_si32(sums)) +
             static_cast<std::size_t>(_mm_cvtsi128_si32(_mm_srli_si128(sums, 8)));
  }
#endif
  for (; i < n; ++i) count += p[i] == '\n' ? 1 : 0;
  return count;
}

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
  // Sized by the lines, not grown row by row.
  const std::size_t lines = count_line_feeds(data) + 1;
  rows_.reserve(lines);
  fields_.reserve(2 * lines);
  struct Sink {
    TsvTable& table;
    std::size_t first_field = 0;  // of the row being read
    void field(std::string_view f) { table.fields_.push_back(f); }
    void row(std::size_t line, std::size_t offset) {
      table.rows_.push_back(TsvRow{line, offset, TsvFields(nullptr, table.fields_.size() - first_field)});
      first_field = table.fields_.size();
    }
  } sink{*this};
  tsv_detail::read_rows(data, skip_comments, sink);
  // The fields are in place: each row points at its own, in order.
  const std::string_view* next = fields_.data();
  for (TsvRow& row : rows_) {
    row.fields = TsvFields(next, row.fields.size());
    next += row.fields.size();
  }
}

TsvTable read_tsv(std::string_view data, bool skip_comments) { return TsvTable(data, skip_comments); }

}  // namespace parole::text
