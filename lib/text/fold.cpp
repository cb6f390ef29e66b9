#include "text/fold.hpp"

#include <unicode/uchar.h>

#include <algorithm>
#include <iterator>
#include <string_view>

#include "text/fold_rules.hpp"
#include "text/utf8.hpp"

namespace parole::text {
namespace {

struct LongFold {
  char32_t cp;
  const char* folded;
};

#include "fold_table.inc"

// The few code points of the table whose folded form is over four bytes
// (« ¼ » -> « 1⁄4 »), by binary search.
std::string_view long_fold(char32_t cp) {
  const LongFold* end = std::end(kLongFolds) - 1;  // the end mark
  const LongFold* it =
      std::lower_bound(std::begin(kLongFolds), end, cp, [](const LongFold& f, char32_t c) { return f.cp < c; });
  return it != end && it->cp == cp ? std::string_view(it->folded) : std::string_view();
}

}  // namespace

const FoldedChar* folded_chars() noexcept { return kFoldedChars; }

CharInfo classify(char32_t cp) noexcept {
  if (cp < kFoldTableLimit) return kFoldedChars[cp].info;
  return rules::compute_class(cp);
}

void append_folded(std::string& out, char32_t cp) {
  if (cp > 0x20 && cp < 0x7F && cp != 0x60) {
    out.push_back(static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp));
    return;
  }
  if (cp >= kFoldTableLimit) {
    out += rules::compute_fold(cp);
    return;
  }
  const FoldedChar& c = kFoldedChars[cp];
  if (c.length == FoldedChar::kLongFold) {
    out += long_fold(cp);
  } else {
    out.append(c.bytes, c.length);
  }
}

std::string fold(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  for (std::size_t pos = 0; pos < utf8.size();) {
    const Decoded d = decode_at(utf8, pos);
    append_folded(out, d.code_point);
    pos += d.length;
  }
  return out;
}

std::string lower(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  for (std::size_t pos = 0; pos < utf8.size();) {
    const Decoded d = decode_at(utf8, pos);
    const char32_t cp = d.code_point;
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp));
    } else if (cp == 0x2019 || cp == 0x2018) {
      out.push_back('\'');
    } else {
      append_utf8(out, static_cast<char32_t>(u_tolower(static_cast<UChar32>(cp))));
    }
    pos += d.length;
  }
  return out;
}

}  // namespace parole::text
