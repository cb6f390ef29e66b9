// SSE2 pieces shared by the byte scanners of text/ (the tokenizer's word
// runs, the UTF-8 check). Only where SSE2 is there: callers keep a portable
// path.
#ifndef PAROLE_TEXT_SSE2_HPP
#define PAROLE_TEXT_SSE2_HPP

#if defined(__SSE2__)
#include <emmintrin.h>

namespace parole::text::sse2 {

// 0xFF for each byte b of v with low <= b < low + count (unsigned bytes),
// 0 for the others: one subtraction and one signed compare, SSE2 having no
// unsigned compare of bytes.
inline __m128i bytes_in_range(__m128i v, int low, int count) {
  const __m128i shifted = _mm_xor_si128(_mm_sub_epi8(v, _mm_set1_epi8(static_cast<char>(low))), _mm_set1_epi8(-128));
  return _mm_cmplt_epi8(shifted, _mm_set1_epi8(static_cast<char>(count - 128)));
}

}  // namespace parole::text::sse2

#endif

#endif
