// Input encodings (include/parole/encoding.hpp): conversion to UTF-8 through
// Boost.Locale, detection through ICU's charset detector (ucsdet).
//
// Conversion paths:
// * UTF-8: validated in place (ASCII fast path), never copied.
// * UTF-16/32: code units assembled here (byte order from the name, the
//   byte-order mark or the zero bytes), unpaired surrogates and stray bytes
//   found with their offsets, then boost::locale::conv::utf_to_utf.
// * Anything else: boost::locale::conv::to_utf with the `stop` method. When
//   that fails and the encoding is single-byte (ICU says so), a 256-entry table
//   built with the same Boost.Locale converter gives U+FFFD and the exact
//   offset for each undefined byte.
#include "parole/encoding.hpp"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

#include <algorithm>
#include <array>
#include <boost/locale/encoding.hpp>
#include <boost/locale/encoding_utf.hpp>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

#include "parole/parole.hpp"
#include "text/utf8.hpp"

namespace parole {
namespace {

namespace conv = boost::locale::conv;

constexpr std::size_t kDetectWindow = std::size_t{1} << 20U;

// Lower case, without '-', '_' and spaces: "UTF-16LE" -> "utf16le".
std::string squeeze(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c == '-' || c == '_' || c == ' ') continue;
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

enum class Family { kUtf8, kUtf16, kUtf16Le, kUtf16Be, kUtf32, kUtf32Le, kUtf32Be, kAuto, kOther };

Family family_of(std::string_view name) {
  const std::string n = squeeze(name);
  if (n == "utf8") return Family::kUtf8;
  if (n == "utf16" || n == "ucs2") return Family::kUtf16;
  if (n == "utf16le" || n == "ucs2le") return Family::kUtf16Le;
  if (n == "utf16be" || n == "ucs2be") return Family::kUtf16Be;
  if (n == "utf32" || n == "ucs4") return Family::kUtf32;
  if (n == "utf32le" || n == "ucs4le") return Family::kUtf32Le;
  if (n == "utf32be" || n == "ucs4be") return Family::kUtf32Be;
  if (n == "auto") return Family::kAuto;
  return Family::kOther;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

[[noreturn]] void invalid_at(const DecodeOptions& options, std::string_view encoding, std::size_t offset,
                             const std::string& what) {
  // Error adds " (byte offset N)" to its message for N > 0 only.
  throw Error(Error::Code::kEncoding,
              what + " is not valid " + std::string(encoding) + (offset == 0 ? " (byte offset 0)" : ""), options.source,
              0, 0, offset);
}

void note_invalid(DecodedText& out, std::size_t offset, std::size_t count = 1) {
  if (out.invalid_bytes == 0) out.first_invalid_offset = offset;
  out.invalid_bytes += count;
}

std::string hex_byte(unsigned char b) {
  static const char* digits = "0123456789ABCDEF";
  return std::string("byte 0x") + digits[b >> 4U] + digits[b & 0xFU];
}

// Validates UTF-8 from `from`; counts invalid bytes into `out` (offsets shifted
// by `base`). With strict, throws at the first one.
void check_utf8(std::string_view s, std::size_t base, const DecodeOptions& options, DecodedText& out) {
  for (std::size_t pos = text::skip_valid_utf8(s, 0); pos < s.size(); pos = text::skip_valid_utf8(s, pos + 1)) {
    if (options.strict) invalid_at(options, "UTF-8", base + pos, hex_byte(static_cast<unsigned char>(s[pos])));
    note_invalid(out, base + pos);
  }
}

// Rewrites `s` with U+FFFD in place of each invalid byte.
std::string replace_invalid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 16);
  for (std::size_t pos = 0; pos < s.size();) {
    const text::Decoded d = text::decode_at(s, pos);
    if (d.valid) {
      out.append(s.substr(pos, d.length));
    } else {
      text::append_utf8(out, text::kReplacement);
    }
    pos += d.length;
  }
  return out;
}

// Byte order of BOM-less UTF-16/32: where the zero bytes of the first 4 KiB are.
bool guess_little_endian(std::string_view s, std::size_t unit) {
  std::size_t zeros_low = 0;
  std::size_t zeros_high = 0;
  const std::size_t n = std::min<std::size_t>(s.size(), 4096) / unit * unit;
  for (std::size_t i = 0; i < n; i += unit) {
    if (s[i] == 0) ++zeros_low;
    if (s[i + unit - 1] == 0) ++zeros_high;
  }
  return zeros_high >= zeros_low;  // LE: high (last) byte of a Latin unit is zero
}

void decode_utf16(std::string_view s, bool little, std::size_t base, const DecodeOptions& options,
                  std::string_view name, DecodedText& out) {
  std::u16string units;
  units.reserve(s.size() / 2 + 1);
  const std::size_t n = s.size() / 2;
  auto unit_at = [&](std::size_t i) -> char16_t {
    const auto b0 = static_cast<unsigned char>(s[2 * i]);
    const auto b1 = static_cast<unsigned char>(s[2 * i + 1]);
    return static_cast<char16_t>(little ? (b0 | (b1 << 8U)) : ((b0 << 8U) | b1));
  };
  for (std::size_t i = 0; i < n; ++i) {
    const char16_t u = unit_at(i);
    if (u >= 0xD800 && u <= 0xDBFF && i + 1 < n) {
      const char16_t v = unit_at(i + 1);
      if (v >= 0xDC00 && v <= 0xDFFF) {
        units.push_back(u);
        units.push_back(v);
        ++i;
        continue;
      }
    }
    if (u >= 0xD800 && u <= 0xDFFF) {
      if (options.strict) invalid_at(options, name, base + 2 * i, "an unpaired surrogate");
      note_invalid(out, base + 2 * i, 2);
      units.push_back(static_cast<char16_t>(text::kReplacement));
      continue;
    }
    units.push_back(u);
  }
  if (s.size() % 2 != 0) {
    if (options.strict) invalid_at(options, name, base + s.size() - 1, "a trailing odd byte");
    note_invalid(out, base + s.size() - 1);
    units.push_back(static_cast<char16_t>(text::kReplacement));
  }
  out.text = conv::utf_to_utf<char>(units.data(), units.data() + units.size(), conv::stop);
}

void decode_utf32(std::string_view s, bool little, std::size_t base, const DecodeOptions& options,
                  std::string_view name, DecodedText& out) {
  std::u32string units;
  units.reserve(s.size() / 4 + 1);
  for (std::size_t i = 0; i + 4 <= s.size(); i += 4) {
    std::uint32_t u = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      const auto b = static_cast<unsigned char>(s[i + (little ? 3 - k : k)]);
      u = (u << 8U) | b;
    }
    if (u > 0x10FFFF || (u >= 0xD800 && u <= 0xDFFF)) {
      if (options.strict) invalid_at(options, name, base + i, "a code unit out of range");
      note_invalid(out, base + i, 4);
      u = text::kReplacement;
    }
    units.push_back(static_cast<char32_t>(u));
  }
  if (const std::size_t rest = s.size() % 4; rest != 0) {
    if (options.strict) invalid_at(options, name, base + s.size() - rest, "a truncated code unit");
    note_invalid(out, base + s.size() - rest, rest);
    units.push_back(text::kReplacement);
  }
  out.text = conv::utf_to_utf<char>(units.data(), units.data() + units.size(), conv::stop);
}

// ICU's view of an encoding name: known, and single-byte?
std::optional<bool> icu_single_byte(const std::string& name) {
  UErrorCode status = U_ZERO_ERROR;
  UConverter* c = ucnv_open(name.c_str(), &status);
  if (U_FAILURE(status) || c == nullptr) return std::nullopt;
  const bool single = ucnv_getMaxCharSize(c) == 1;
  ucnv_close(c);
  return single;
}

// For a single-byte encoding: what each byte converts to with Boost.Locale
// (empty = undefined). Built once per encoding name.
using ByteTable = std::array<std::string, 256>;

std::shared_ptr<const ByteTable> byte_table(const std::string& name) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const ByteTable>> cache;
  const std::string key = squeeze(name);
  {
    std::lock_guard<std::mutex> lock(mutex);
    if (auto it = cache.find(key); it != cache.end()) return it->second;
  }
  auto table = std::make_shared<ByteTable>();
  for (unsigned b = 0; b < 256; ++b) {
    try {
      (*table)[b] = conv::to_utf<char>(std::string(1, static_cast<char>(b)), name, conv::stop);
    } catch (const conv::conversion_error&) {
      (*table)[b].clear();
    }
  }
  std::lock_guard<std::mutex> lock(mutex);
  cache.emplace(key, table);
  return table;
}

void decode_other(std::string_view s, const std::string& name, const DecodeOptions& options, DecodedText& out) {
  try {
    out.text = conv::to_utf<char>(s.data(), s.data() + s.size(), name, conv::stop);
    return;
  } catch (const conv::invalid_charset_error&) {
    throw Error(Error::Code::kEncoding, "unknown encoding \"" + name + "\"", options.source);
  } catch (const conv::conversion_error&) {
    // Below: find the bytes the encoding does not define.
  }
  const std::optional<bool> single = icu_single_byte(name);
  if (!single.value_or(false)) {
    throw Error(Error::Code::kEncoding, "the input is not valid " + name + " (no offset known for this encoding)",
                options.source);
  }
  const std::shared_ptr<const ByteTable> table = byte_table(name);
  out.text.clear();
  out.text.reserve(s.size() + s.size() / 8);
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto b = static_cast<unsigned char>(s[i]);
    const std::string& t = (*table)[b];
    if (!t.empty()) {
      out.text += t;
      continue;
    }
    if (options.strict) invalid_at(options, name, i, hex_byte(b));
    note_invalid(out, i);
    text::append_utf8(out.text, text::kReplacement);
  }
}

bool utf8_valid(std::string_view s, std::size_t* first_invalid) {
  DecodedText scratch;
  check_utf8(s, 0, DecodeOptions{}, scratch);
  if (first_invalid != nullptr) *first_invalid = scratch.first_invalid_offset;
  return scratch.invalid_bytes == 0;
}

std::string icu_to_decode_name(std::string name) {
  // ICU's detector marks the text direction of some EBCDIC Arabic/Hebrew pages.
  for (const char* suffix : {"_rtl", "_ltr"}) {
    const std::size_t n = std::strlen(suffix);
    if (name.size() > n && name.compare(name.size() - n, n, suffix) == 0) name.resize(name.size() - n);
  }
  if (name == "ISO-8859-1") return "windows-1252";
  return name;
}

}  // namespace

std::size_t utf8_bom_length(std::string_view bytes) noexcept { return starts_with(bytes, "\xEF\xBB\xBF") ? 3 : 0; }

bool is_ascii_compatible(std::string_view encoding) {
  switch (family_of(encoding)) {
    case Family::kUtf16:
    case Family::kUtf16Le:
    case Family::kUtf16Be:
    case Family::kUtf32:
    case Family::kUtf32Le:
    case Family::kUtf32Be:
      return false;
    default:
      break;
  }
  const std::string n = squeeze(encoding);
  return !starts_with(n, "utf7") && !starts_with(n, "ebcdic");
}

Detection detect_encoding(std::string_view bytes) {
  if (starts_with(bytes, "\xEF\xBB\xBF")) return {"UTF-8", 100};
  if (starts_with(bytes, std::string_view("\xFF\xFE\x00\x00", 4))) return {"UTF-32LE", 100};
  if (starts_with(bytes, std::string_view("\x00\x00\xFE\xFF", 4))) return {"UTF-32BE", 100};
  if (starts_with(bytes, "\xFF\xFE")) return {"UTF-16LE", 100};
  if (starts_with(bytes, "\xFE\xFF")) return {"UTF-16BE", 100};
  std::size_t first_invalid = 0;
  if (utf8_valid(bytes, &first_invalid)) return {"UTF-8", 100};

  const std::size_t start = first_invalid > kDetectWindow / 2 ? first_invalid - kDetectWindow / 2 : 0;
  const std::string_view window = bytes.substr(start, kDetectWindow);
  Detection fallback{"windows-1252", 0};
  UErrorCode status = U_ZERO_ERROR;
  UCharsetDetector* det = ucsdet_open(&status);
  if (U_FAILURE(status) || det == nullptr) return fallback;
  std::unique_ptr<UCharsetDetector, void (*)(UCharsetDetector*)> guard(det, ucsdet_close);
  ucsdet_setText(det, window.data(), static_cast<std::int32_t>(window.size()), &status);
  const UCharsetMatch* match = ucsdet_detect(det, &status);
  if (U_FAILURE(status) || match == nullptr) return fallback;
  const char* name = ucsdet_getName(match, &status);
  const std::int32_t confidence = ucsdet_getConfidence(match, &status);
  if (U_FAILURE(status) || name == nullptr) return fallback;
  return {icu_to_decode_name(name), static_cast<int>(confidence)};
}

DecodedText decode(std::string bytes, std::string_view encoding, const DecodeOptions& options) {
  DecodedText out;
  Family family = family_of(encoding);
  std::string name(encoding);
  if (family == Family::kAuto) {
    Detection d = detect_encoding(bytes);
    out.confidence = d.confidence;
    name = d.encoding;
    family = family_of(name);
  }
  out.encoding = name;

  switch (family) {
    case Family::kUtf8:
    case Family::kAuto: {  // (kAuto cannot remain after detection)
      out.encoding = "UTF-8";
      out.bom_bytes = utf8_bom_length(bytes);
      check_utf8(std::string_view(bytes).substr(out.bom_bytes), out.bom_bytes, options, out);
      bytes.erase(0, out.bom_bytes);
      out.text = out.invalid_bytes > 0 && options.replace_invalid ? replace_invalid_utf8(bytes) : std::move(bytes);
      return out;
    }
    case Family::kUtf16:
    case Family::kUtf16Le:
    case Family::kUtf16Be: {
      bool little = family == Family::kUtf16Le;
      if (family == Family::kUtf16) {
        if (starts_with(bytes, "\xFF\xFE")) {
          little = true, out.bom_bytes = 2;
        } else if (starts_with(bytes, "\xFE\xFF")) {
          little = false, out.bom_bytes = 2;
        } else {
          little = guess_little_endian(bytes, 2);
        }
        out.encoding = little ? "UTF-16LE" : "UTF-16BE";
      } else if (starts_with(bytes, little ? "\xFF\xFE" : "\xFE\xFF")) {
        out.bom_bytes = 2;
      }
      decode_utf16(std::string_view(bytes).substr(out.bom_bytes), little, out.bom_bytes, options, out.encoding, out);
      return out;
    }
    case Family::kUtf32:
    case Family::kUtf32Le:
    case Family::kUtf32Be: {
      const std::string_view le_bom("\xFF\xFE\x00\x00", 4);
      const std::string_view be_bom("\x00\x00\xFE\xFF", 4);
      bool little = family == Family::kUtf32Le;
      if (family == Family::kUtf32) {
        if (starts_with(bytes, le_bom)) {
          little = true, out.bom_bytes = 4;
        } else if (starts_with(bytes, be_bom)) {
          little = false, out.bom_bytes = 4;
        } else {
          little = guess_little_endian(bytes, 4);
        }
        out.encoding = little ? "UTF-32LE" : "UTF-32BE";
      } else if (starts_with(bytes, little ? le_bom : be_bom)) {
        out.bom_bytes = 4;
      }
      decode_utf32(std::string_view(bytes).substr(out.bom_bytes), little, out.bom_bytes, options, out.encoding, out);
      return out;
    }
    case Family::kOther:
      decode_other(bytes, name, options, out);
      return out;
  }
  return out;
}

}  // namespace parole
