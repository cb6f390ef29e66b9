// parole — input encodings: turn the bytes of a document into the UTF-8 text
// that parole::Extractor::extract() reads.
//
//   #include <parole/encoding.hpp>
//
//   parole::DecodedText d = parole::decode(file_bytes, "cp1252");
//   parole::Result r = extractor.extract(d.text);
//   // r's offsets are byte offsets into d.text (the converted UTF-8), not
//   // into file_bytes.
//
//   parole::Detection guess = parole::detect_encoding(file_bytes);  // "windows-1252", 0..100
//
// Encodings
// ---------
// * "utf-8" (also "utf8"): the bytes are kept as they are. A UTF-8 byte-order
//   mark (EF BB BF) at the start is removed (DecodedText::bom_bytes = 3), so
//   offsets into DecodedText::text are offsets into the input minus 3.
//   Invalid sequences are counted (invalid_bytes, first_invalid_offset, into
//   the input) but kept: extract() then reads each bad byte as U+FFFD with
//   exact offsets (or replaced, see DecodeOptions::replace_invalid). With
//   DecodeOptions::strict they are an Error instead.
// * "utf-16", "utf-16le", "utf-16be" (also "utf-32", "utf-32le", "utf-32be"):
//   a matching byte-order mark is removed. "utf-16"/"utf-32" without a mark
//   guess the byte order from where the zero bytes are (little-endian when in
//   doubt). An unpaired surrogate or a trailing odd byte is invalid.
// * "auto": detect_encoding() below, then as for the detected encoding.
// * Any other name Boost.Locale's converters know: "latin1"/"iso-8859-1",
//   "iso-8859-15", "cp1252"/"windows-1252", "macintosh", "cp850", "koi8-r",
//   "shift_jis", ... For a single-byte encoding, each byte that the encoding
//   does not define (in windows-1252: 0x81, 0x8D, 0x8F, 0x90, 0x9D) is invalid
//   and becomes U+FFFD. For a multi-byte legacy encoding (Shift_JIS, GB18030,
//   ...) input that does not convert is an Error (no offset is known).
//
// In every converted case, offsets in a Result refer to DecodedText::text, the
// UTF-8 text after conversion and after the byte-order mark; invalid_bytes and
// first_invalid_offset refer to the original input bytes.
//
// Thread safety: the functions are reentrant and may be called from any
// number of threads at once.
#ifndef PAROLE_ENCODING_HPP
#define PAROLE_ENCODING_HPP

#include <cstddef>
#include <string>
#include <string_view>

namespace parole {

struct DecodedText {
  std::string text;                      // UTF-8, ready for Extractor::extract()
  std::string encoding;                  // the encoding read: "UTF-8", "UTF-16LE", "UTF-16BE",
                                         // "UTF-32LE", "UTF-32BE", the detected one for "auto",
                                         // else the name given
  int confidence = 100;                  // 0..100; below 100 only for "auto" (ICU's figure)
  std::size_t bom_bytes = 0;             // bytes of byte-order mark removed from the start
  std::size_t invalid_bytes = 0;         // input bytes not valid in `encoding`
  std::size_t first_invalid_offset = 0;  // offset in the input of the first; meaningful when
                                         // invalid_bytes > 0
};

struct DecodeOptions {
  // Throw Error (code kEncoding, offset() = byte offset in the input) at the
  // first invalid byte instead of reading invalid bytes as U+FFFD.
  bool strict = false;
  // UTF-8 input only: write U+FFFD (3 bytes) in place of each invalid byte, so
  // that DecodedText::text is valid UTF-8 (JSON parsers need it). Offsets into
  // the text then shift by 2 per invalid byte after it; off by default, when
  // the bytes are kept and extract() reads them with exact offsets.
  bool replace_invalid = false;
  // Names the input in error messages (a file name); may be empty.
  std::string source;
};

// Converts `bytes` in `encoding` (see above; names are case-insensitive) to
// UTF-8. Throws parole::Error with code kEncoding for an encoding name no
// converter knows, for input a multi-byte legacy converter rejects, and, with
// options.strict, for the first invalid byte.
DecodedText decode(std::string bytes, std::string_view encoding = "utf-8", const DecodeOptions& options = {});

struct Detection {
  std::string encoding;  // a name decode() accepts
  int confidence = 0;    // 0..100
};

// The most likely encoding of `bytes`: the one a byte-order mark names; else
// "UTF-8" when the bytes are valid UTF-8 (pure ASCII included); else the best
// guess of ICU's charset detector (ucsdet) over (at most) the first MiB from
// just before the first byte that is not UTF-8. ICU's "ISO-8859-1" is
// reported as "windows-1252", its superset in practice (the two differ only on
// the C1 bytes 0x80-0x9F, which Latin-1 text never uses). Never throws.
Detection detect_encoding(std::string_view bytes);

// True when `encoding` encodes ASCII as single bytes and a byte 0x0A always
// ends a line (UTF-8 and the 8-bit encodings; not UTF-16/32), so JSON Lines
// in it may be split on bytes before decoding. Never throws.
bool is_ascii_compatible(std::string_view encoding);

// Length of a UTF-8 byte-order mark at the start of `bytes` (3 or 0).
std::size_t utf8_bom_length(std::string_view bytes) noexcept;

}  // namespace parole

#endif  // PAROLE_ENCODING_HPP
