#include "quotes/marks.hpp"

#include <algorithm>
#include <cstring>

#include "text/utf8.hpp"

#if defined(__x86_64__) || defined(_M_X64)
#define PAROLE_MARKS_X86 1
#include <emmintrin.h>
#if defined(__GNUC__)
#define PAROLE_MARKS_AVX2 1
#include <immintrin.h>
#endif
#endif

namespace parole::quotes {
namespace {

// The vector kernels compare every byte with each candidate byte; the set is
// padded to 4 or 8 (by repeating a byte) so that the compares are unrolled.
// French marks need 4: " & C2 E2. A larger set uses the table.
constexpr std::size_t kMaxLead = 8;

struct Needles {
  const std::array<bool, 256>* table;
  unsigned char bytes[kMaxLead];
};

// Candidates of text[i, n) as bits, n - i <= 64.
std::uint64_t table_bits(const char* s, std::size_t i, std::size_t n, const Needles& nd) {
  std::uint64_t bits = 0;
  for (std::size_t k = i; k < n; ++k) {
    if ((*nd.table)[static_cast<unsigned char>(s[k])]) bits |= std::uint64_t{1} << (k - i);
  }
  return bits;
}

// Every kernel: the first block [i, i + 64) (shorter at the end) at or after
// `i` that has a candidate, its offset (n when none) and its bits. Blocks start
// at `i`, not at aligned addresses: unaligned loads cost nothing here.
std::size_t block_table(const char* s, std::size_t i, std::size_t n, const Needles& nd, std::uint64_t* bits) {
  for (; i < n; i += 64) {
    *bits = table_bits(s, i, std::min(n, i + 64), nd);
    if (*bits != 0) return i;
  }
  return n;
}

// Eight bytes at a time: a word has byte b when (w ^ b*0x01..01) has a zero
// byte. A word with a hit (the test may over-report above a true hit) has
// its exact bits taken from the table.
template <std::size_t K>
std::size_t block_portable(const char* s, std::size_t i, std::size_t n, const Needles& nd, std::uint64_t* bits) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
  std::uint64_t spread[K];
  for (std::size_t j = 0; j < K; ++j) spread[j] = kOnes * nd.bytes[j];
  for (; i + 64 <= n; i += 64) {
    std::uint64_t found = 0;
    for (std::size_t w = 0; w < 64; w += 8) {
      std::uint64_t word = 0;
      std::memcpy(&word, s + i + w, 8);
      std::uint64_t hit = 0;
      for (std::size_t j = 0; j < K; ++j) {
        const std::uint64_t x = word ^ spread[j];
        hit |= (x - kOnes) & ~x & kHigh;
      }
      if (hit != 0) found |= table_bits(s, i + w, i + w + 8, nd) << w;
    }
    if (found != 0) {
      *bits = found;
      return i;
    }
  }
  return block_table(s, i, n, nd, bits);
}

#ifdef PAROLE_MARKS_X86
template <std::size_t K>
inline std::uint64_t mask16(const char* p, const __m128i* needle) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  __m128i eq = _mm_cmpeq_epi8(v, needle[0]);
  for (std::size_t j = 1; j < K; ++j) eq = _mm_or_si128(eq, _mm_cmpeq_epi8(v, needle[j]));
  return static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(eq)));
}

// 64 bytes per round: four 16-byte compares into one 64-bit mask, one branch.
template <std::size_t K>
std::size_t block_sse2(const char* s, std::size_t i, std::size_t n, const Needles& nd, std::uint64_t* bits) {
  __m128i needle[K];
  for (std::size_t j = 0; j < K; ++j) needle[j] = _mm_set1_epi8(static_cast<char>(nd.bytes[j]));
  for (; i + 64 <= n; i += 64) {
    const std::uint64_t m = mask16<K>(s + i, needle) | mask16<K>(s + i + 16, needle) << 16U |
                            mask16<K>(s + i + 32, needle) << 32U | mask16<K>(s + i + 48, needle) << 48U;
    if (m != 0) {
      *bits = m;
      return i;
    }
  }
  return block_table(s, i, n, nd, bits);
}
#endif

#ifdef PAROLE_MARKS_AVX2
template <std::size_t K>
__attribute__((target("avx2"))) inline std::uint64_t mask32(const char* p, const __m256i* needle) {
  const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
  __m256i eq = _mm256_cmpeq_epi8(v, needle[0]);
  for (std::size_t j = 1; j < K; ++j) eq = _mm256_or_si256(eq, _mm256_cmpeq_epi8(v, needle[j]));
  return static_cast<std::uint64_t>(static_cast<std::uint32_t>(_mm256_movemask_epi8(eq)));
}

template <std::size_t K>
__attribute__((target("avx2"))) std::size_t block_avx2(const char* s, std::size_t i, std::size_t n, const Needles& nd,
                                                       std::uint64_t* bits) {
  __m256i needle[K];
  for (std::size_t j = 0; j < K; ++j) needle[j] = _mm256_set1_epi8(static_cast<char>(nd.bytes[j]));
  for (; i + 64 <= n; i += 64) {
    const std::uint64_t m = mask32<K>(s + i, needle) | mask32<K>(s + i + 32, needle) << 32U;
    if (m != 0) {
      *bits = m;
      return i;
    }
  }
  return block_table(s, i, n, nd, bits);
}
#endif

using BlockFn = std::size_t (*)(const char*, std::size_t, std::size_t, const Needles&, std::uint64_t*);

BlockFn block_function(MarkFinder::Kernel kernel, std::size_t lead_count) {
  if (lead_count > kMaxLead) return block_table;
  const bool four = lead_count <= 4;
  switch (kernel) {
#ifdef PAROLE_MARKS_AVX2
    case MarkFinder::Kernel::kAvx2:
      return four ? block_avx2<4> : block_avx2<8>;
#endif
#ifdef PAROLE_MARKS_X86
    case MarkFinder::Kernel::kSse2:
      return four ? block_sse2<4> : block_sse2<8>;
#endif
    default:
      return four ? block_portable<4> : block_portable<8>;
  }
}

}  // namespace

MarkFinder::MarkFinder(std::u32string_view marks, Kernel kernel) {
  // Only code points that the tokenizer can see as themselves: U+FFFD stands
  // for invalid bytes, surrogates are never decoded.
  for (const char32_t cp : marks) {
    if (cp != 0 && cp != text::kReplacement && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF)) marks_.push_back(cp);
  }
  std::sort(marks_.begin(), marks_.end());
  marks_.erase(std::unique(marks_.begin(), marks_.end()), marks_.end());
  for (const char32_t cp : marks_) {
    if (cp < kBmp) bmp_[cp / 64] |= std::uint64_t{1} << (cp % 64);
    std::string bytes;
    text::append_utf8(bytes, cp);
    const auto lead = static_cast<unsigned char>(bytes[0]);
    candidate_[lead] = true;
    const auto tail = [&](std::size_t k) {
      return static_cast<unsigned>(static_cast<unsigned char>(bytes[k]) & 0x3FU);
    };
    switch (bytes.size()) {
      case 1:
        ascii_[lead] = true;
        break;
      case 2:
        two_[lead] |= std::uint64_t{1} << tail(1);
        break;
      case 3: {
        if (three_[lead] == 0) {
          threes_.emplace_back();
          threes_.back().fill(0);
          three_[lead] = static_cast<std::uint16_t>(threes_.size());
        }
        const unsigned key = tail(1) << 6U | tail(2);
        threes_[three_[lead] - 1][key / 64] |= std::uint64_t{1} << (key % 64);
        break;
      }
      default:
        four_[lead] = true;
        break;
    }
  }
  // Any mark may also be written as a numeric reference (&#171;), so '&' is
  // always a candidate.
  candidate_['&'] = true;
  for (std::size_t b = 0; b < candidate_.size(); ++b) {
    if (candidate_[b]) lead_.push_back(static_cast<char>(b));
  }
  if (kernel == Kernel::kAuto || !supported(kernel)) {
    kernel = supported(Kernel::kAvx2) ? Kernel::kAvx2 : supported(Kernel::kSse2) ? Kernel::kSse2 : Kernel::kPortable;
  }
  kernel_ = kernel;
}

bool MarkFinder::supported(Kernel k) {
  switch (k) {
    case Kernel::kAuto:
    case Kernel::kPortable:
      return true;
    case Kernel::kSse2:
#ifdef PAROLE_MARKS_X86
      return true;
#else
      return false;
#endif
    case Kernel::kAvx2:
#ifdef PAROLE_MARKS_AVX2
      return __builtin_cpu_supports("avx2") != 0;
#else
      return false;
#endif
  }
  return false;
}

const char* MarkFinder::name(Kernel k) {
  switch (k) {
    case Kernel::kAuto:
      return "auto";
    case Kernel::kPortable:
      return "portable";
    case Kernel::kSse2:
      return "sse2";
    case Kernel::kAvx2:
      return "avx2";
  }
  return "?";
}

std::size_t MarkFinder::next_block(std::string_view text, std::size_t from, std::uint64_t* bits) const {
  *bits = 0;
  if (from >= text.size()) return text.size();
  // Pad with the first byte: a repeated compare finds nothing new.
  Needles nd{&candidate_, {}};
  for (std::size_t j = 0; j < kMaxLead; ++j) {
    nd.bytes[j] = static_cast<unsigned char>(lead_.empty() ? '&' : lead_[j < lead_.size() ? j : 0]);
  }
  return block_function(kernel_, lead_.size())(text.data(), from, text.size(), nd, bits);
}

std::size_t MarkFinder::next_candidate(std::string_view text, std::size_t from) const {
  return Cursor(*this, text, from).next();
}

bool MarkFinder::ampersand_mark_at(std::string_view text, std::size_t pos, Mark* out) const {
  // Read as the tokenizer reads it; else '&' stands for itself.
  text::Decoded d{'&', 1, true};
  text::html_reference(text, pos, &d);
  if (!is_mark(d.code_point)) return false;
  *out = Mark{pos, d.code_point, d.length};
  return true;
}

bool MarkFinder::four_byte_mark_at(std::string_view text, std::size_t pos, Mark* out) const {
  const text::Decoded d = text::decode_at(text, pos);
  if (!d.valid || !is_mark(d.code_point)) return false;
  *out = Mark{pos, d.code_point, d.length};
  return true;
}

bool MarkFinder::next_mark(std::string_view text, std::size_t from, Mark* out) const {
  Cursor cursor(*this, text, from);
  for (std::size_t pos = cursor.next(); pos < text.size(); pos = cursor.next()) {
    if (mark_at(text, pos, out)) return true;
  }
  return false;
}

std::vector<Mark> MarkFinder::find_all(std::string_view text) const {
  std::vector<Mark> out;
  Cursor cursor(*this, text);
  Mark m;
  std::size_t skip_to = 0;  // past a reference: the tokenizer reads it whole
  for (std::size_t pos = cursor.next(); pos < text.size(); pos = cursor.next()) {
    if (pos >= skip_to && mark_at(text, pos, &m)) {
      out.push_back(m);
      skip_to = pos + m.length;
    }
  }
  return out;
}

}  // namespace parole::quotes
