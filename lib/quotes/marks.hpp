// Byte-level prefilter for quotation marks: finds, in the original UTF-8
// bytes, the positions where a quote mark may start, at memchr speed, so that
// the scanner (scanner.cpp) jumps from mark to mark instead of looking at every
// token.
//
// Two steps. A candidate is any byte that is the lead byte of one of the marks
// (« is C2 AB, so C2; “ is E2 80 9C, so E2; " is itself) or '&', which may start
// an HTML character reference (&laquo; &quot; &#171;) that the tokenizer reads
// as a mark. Candidates are found 32 or 16 bytes at a time with SIMD compares
// (AVX2 when the CPU has it, SSE2 otherwise) or 8 bytes at a time in portable
// code. A candidate is a real mark when the whole code point (or reference)
// that starts there is one of the marks; it is decoded exactly as the
// tokenizer decodes it (text/utf8.hpp: an invalid byte is one U+FFFD, so a
// lead byte is never swallowed by a broken sequence before it), which makes
// the real marks exactly the punctuation tokens whose code point is a mark.
//
// The set of marks is data: the Lexicon builds its finder from the code points
// of data/lexicon/quote_marks.tsv.
#ifndef PAROLE_QUOTES_MARKS_HPP
#define PAROLE_QUOTES_MARKS_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace parole::quotes {

struct Mark {
  std::size_t offset = 0;  // byte offset of the mark (of its '&' for a reference)
  char32_t code_point = 0;
  std::uint8_t length = 0;  // bytes: 1..4, or the whole reference (&laquo; is 7)
};

class MarkFinder {
 public:
  // How candidates are searched; every kernel finds the same positions.
  enum class Kernel : std::uint8_t { kAuto, kPortable, kSse2, kAvx2 };

  MarkFinder() = default;
  // Finds the given code points (duplicates are fine) and HTML references to them.
  explicit MarkFinder(std::u32string_view marks, Kernel kernel = Kernel::kAuto);

  // The candidates (a lead byte of a mark, or '&') at or after `from`, in
  // order. The kernel finds the next 64-byte block that has one and keeps its
  // bit mask, so each candidate costs a bit scan, dense or sparse.
  class Cursor {
   public:
    Cursor(const MarkFinder& finder, std::string_view text, std::size_t from = 0);
    // The next candidate's offset, or text.size() when there are no more.
    std::size_t next();

   private:
    const MarkFinder* finder_;
    std::string_view text_;
    std::size_t block_ = 0;   // offset of the block that `bits_` describes
    std::uint64_t bits_ = 0;  // candidates of that block not yet returned
  };

  // The first candidate at or after `from`, or text.size() when there is none.
  std::size_t next_candidate(std::string_view text, std::size_t from) const;
  // Whether a mark starts at `pos`; fills *out when it does.
  // Inline: the scanner calls it for every candidate.
  bool mark_at(std::string_view text, std::size_t pos, Mark* out) const;
  // The first mark at or after `from`; false when there is none.
  bool next_mark(std::string_view text, std::size_t from, Mark* out) const;
  std::vector<Mark> find_all(std::string_view text) const;

  bool is_mark(char32_t cp) const {
    return cp < kBmp ? ((bmp_[cp / 64] >> (cp % 64)) & 1U) != 0 : marks_.find(cp) != std::u32string::npos;
  }
  bool is_candidate_byte(unsigned char b) const { return candidate_[b]; }
  // The kernel in use (kAuto resolved), and whether this machine can run `k`.
  Kernel kernel() const { return kernel_; }
  static bool supported(Kernel k);
  static const char* name(Kernel k);

 private:
  // The next block of up to 64 bytes, at or after `from`, with a candidate:
  // its offset (text.size() when none) and its candidates as bits.
  std::size_t next_block(std::string_view text, std::size_t from, std::uint64_t* bits) const;

  static constexpr char32_t kBmp = 0x10000;
  // mark_at for a '&': an HTML reference, or '&' itself (out of line: rare).
  bool ampersand_mark_at(std::string_view text, std::size_t pos, Mark* out) const;
  bool four_byte_mark_at(std::string_view text, std::size_t pos, Mark* out) const;

  // A candidate is confirmed by a bit test on the bytes after its lead byte
  // (one branch, whatever the number of marks): UTF-8 fixes the length from
  // the lead byte, and a match is the exact, hence valid, encoding of a mark.
  std::array<bool, 256> candidate_{};       // lead bytes of the marks, and '&'
  std::array<bool, 256> ascii_{};           // one-byte marks
  std::array<std::uint64_t, 256> two_{};    // two-byte marks: bit (second byte & 0x3F), by lead byte
  std::array<std::uint16_t, 256> three_{};  // three-byte marks: 1 + index into threes_, by lead byte (0: none)
  std::vector<std::array<std::uint64_t, 64>> threes_;  // bit ((second & 0x3F) << 6 | (third & 0x3F))
  std::array<bool, 256> four_{};                       // lead bytes of four-byte marks: decoded
  std::vector<std::uint64_t> bmp_ = std::vector<std::uint64_t>(kBmp / 64);  // marks below U+10000, one bit each
  std::u32string marks_;                                                    // sorted, unique
  std::string lead_;  // the distinct candidate bytes, compared by the vector kernels (at most 8, else a table)
  Kernel kernel_ = Kernel::kPortable;
};

inline bool MarkFinder::mark_at(std::string_view text, std::size_t pos, Mark* out) const {
  if (pos >= text.size()) return false;
  const auto* b = reinterpret_cast<const unsigned char*>(text.data() + pos);
  const std::size_t left = text.size() - pos;
  const unsigned char lead = b[0];
  if (lead == '&') return ampersand_mark_at(text, pos, out);
  if (lead < 0x80) {
    if (!ascii_[lead]) return false;
    *out = Mark{pos, lead, 1};
    return true;
  }
  if (lead < 0xE0) {
    if (left < 2 || (b[1] & 0xC0U) != 0x80U || ((two_[lead] >> (b[1] & 0x3FU)) & 1U) == 0) return false;
    *out = Mark{pos, static_cast<char32_t>((lead & 0x1FU) << 6U | (b[1] & 0x3FU)), 2};
    return true;
  }
  if (lead < 0xF0) {
    if (left < 3 || three_[lead] == 0 || (((b[1] ^ 0x80U) | (b[2] ^ 0x80U)) & 0xC0U) != 0) return false;
    const unsigned key = (b[1] & 0x3FU) << 6U | (b[2] & 0x3FU);
    if (((threes_[three_[lead] - 1][key / 64] >> (key % 64)) & 1U) == 0) return false;
    *out = Mark{pos, static_cast<char32_t>((lead & 0x0FU) << 12U | key), 3};
    return true;
  }
  return four_[lead] && four_byte_mark_at(text, pos, out);
}

inline MarkFinder::Cursor::Cursor(const MarkFinder& finder, std::string_view text, std::size_t from)
    : finder_(&finder), text_(text) {
  // In the body: bits_ is declared (and initialised) after block_.
  block_ = finder.next_block(text, from, &bits_);
}

inline std::size_t MarkFinder::Cursor::next() {
  if (bits_ == 0) {
    if (block_ >= text_.size()) return text_.size();
    block_ = finder_->next_block(text_, block_ + 64, &bits_);
    if (block_ >= text_.size()) return text_.size();
  }
#if defined(__GNUC__)
  const std::size_t pos = block_ + static_cast<std::size_t>(__builtin_ctzll(bits_));
#else
  std::size_t pos = block_;
  for (std::uint64_t b = bits_; (b & 1U) == 0; b >>= 1U) ++pos;
#endif
  bits_ &= bits_ - 1;
  return pos;
}

}  // namespace parole::quotes

#endif
