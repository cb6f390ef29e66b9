#include "support.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "text/fold.hpp"
#include "text/fold_rules.hpp"
#include "text/tokens.hpp"
#include "text/utf8.hpp"

using namespace parole::text;

TEST_CASE("decode_at reads well-formed UTF-8 and turns each bad byte into one U+FFFD") {
  struct Row {
    std::string bytes;
    char32_t cp;
    int length;
    bool valid;
  };
  const Row rows[] = {
      {"A", 'A', 1, true},
      {"\xC3\xA9", 0xE9, 2, true},                   // é
      {"\xE2\x80\x99", 0x2019, 3, true},             // ’
      {"\xF0\x9F\x98\x80", 0x1F600, 4, true},        // emoji
      {"\xC0\xAF", kReplacement, 1, false},          // overlong /
      {"\xE0\x80\xAF", kReplacement, 1, false},      // overlong, 3 bytes
      {"\xED\xA0\x80", kReplacement, 1, false},      // surrogate D800
      {"\xF4\x90\x80\x80", kReplacement, 1, false},  // beyond U+10FFFF
      {"\xE2\x80", kReplacement, 1, false},          // truncated at the end
      {"\x80", kReplacement, 1, false},              // lone continuation byte
      {"\xFF", kReplacement, 1, false},
  };
  for (const Row& row : rows) {
    CAPTURE(row.bytes);
    const Decoded d = decode_at(row.bytes, 0);
    CHECK(d.code_point == row.cp);
    CHECK(d.length == row.length);
    CHECK(d.valid == row.valid);
  }
}

TEST_CASE("check_utf8 counts bad bytes and reports the first offset") {
  const Utf8Check ok = check_utf8("Déjà « vu »");
  CHECK(ok.invalid_bytes == 0);
  const std::string bad = std::string("abc\xFF") + "d\xC3" + std::string(1, '\0') + "e";
  const Utf8Check check = check_utf8(bad);
  CHECK(check.invalid_bytes == 2);
  CHECK(check.first_invalid == 3);
}

namespace {

// A fixed sequence of pseudo-random numbers (a linear congruential
// generator): the random tests fail the same way on every machine.
class RandomNumbers {
 public:
  explicit RandomNumbers(std::uint32_t seed) : seed_(seed) {}
  std::uint32_t operator()() {
    seed_ = seed_ * 1664525U + 1013904223U;
    return seed_ >> 8U;
  }

 private:
  std::uint32_t seed_;
};

}  // namespace

TEST_CASE("skip_valid_utf8 agrees with a check one code point at a time, wherever it starts") {
  // Pieces chosen so that sixteen-byte blocks of ASCII and two-byte
  // sequences are common, and are broken at every place: by longer
  // sequences, invalid bytes, a lead byte at the end of a block, a sequence
  // cut short, a start inside a sequence.
  const std::string pieces[] = {"a",
                                "Déjà ",
                                "é",
                                "\xC3",
                                "\xA9",
                                "\xC2\xA0",
                                "\xDF\xBF",
                                "\xC1\xBF",
                                "ж",
                                "€",
                                "\xF0\x9F\x98\x80",
                                "\xED\xA0\x80",
                                "\xE2\x82",
                                "\xFF",
                                "0123456789abcde",
                                "«",
                                "\x80",
                                "\xE0\x80\x80",
                                "\xF4\x90\x80\x80"};
  const auto reference = [](std::string_view s, std::size_t pos) {
    while (pos < s.size()) {
      const Decoded d = decode_at(s, pos);
      if (!d.valid) return pos;
      pos += d.length;
    }
    return s.size();
  };
  RandomNumbers next(2026);
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    const std::uint32_t count = next() % 40;
    // Mostly French-like text: the other pieces now and then.
    for (std::uint32_t k = 0; k < count; ++k) s += pieces[next() % 4 == 0 ? next() % std::size(pieces) : next() % 3];
    const std::size_t from = s.empty() ? 0 : next() % (s.size() + 1);
    CAPTURE(s);
    CAPTURE(from);
    REQUIRE(skip_valid_utf8(s, from) == reference(s, from));
  }
}

TEST_CASE("fold removes case and accents and unifies apostrophes, ligatures and spaces") {
  CHECK(fold("SERGUEÏ") == "serguei");
  CHECK(fold("Sergueï") == fold("Serguei"));
  CHECK(fold("l’OTAN") == "l'otan");
  CHECK(fold("Œuvre") == "oeuvre");
  CHECK(fold("Ça") == "ca");
  CHECK(fold("a\u00A0b") == "a b");
  CHECK(fold("soft\u00ADhyphen") == "softhyphen");
}

TEST_CASE("tokens keep exact byte spans and record spacing and paragraphs") {
  const std::string text = "L’OTAN a dit.\r\n\r\n« Oui », MOSCOU.";
  const Tokens toks(text);
  REQUIRE(toks.size() == 12);
  CHECK(toks.original(0) == "L");
  CHECK(toks.folded(1) == "'");
  CHECK(toks.original(2) == "OTAN");
  CHECK(toks[2].has(kAllUpper));
  CHECK_FALSE(toks.space_before(2));
  CHECK(toks.original(6) == "«");
  CHECK(toks[6].has(kParagraphBefore));
  CHECK(toks[7].has(kCapitalised));
  CHECK_FALSE(toks[7].has(kAllUpper));
  CHECK(toks.original(10) == "MOSCOU");
  CHECK(toks.folded(10) == "moscou");
  for (std::size_t i = 0; i < toks.size(); ++i) {
    CHECK(text.substr(toks[i].start, toks[i].end - toks[i].start) == toks.original(i));
  }
  CHECK(toks.paragraph_start(9) == 6);
}

TEST_CASE("a single line break is not a paragraph; a soft hyphen stays inside its word") {
  const Tokens toks("un\ndeux\n\ntrois mé\u00ADdecin");  // has a blank line: lines are not paragraphs
  REQUIRE(toks.size() == 4);
  CHECK(toks[1].has(kLineBefore));
  CHECK_FALSE(toks[1].has(kParagraphBefore));
  CHECK(toks[2].has(kParagraphBefore));
  CHECK(toks.folded(3) == "medecin");
}

TEST_CASE("a text with no blank line has one paragraph per line") {
  const Tokens toks("« Un\n« Deux\nTrois");
  REQUIRE(toks.size() == 5);
  CHECK(toks[2].has(kParagraphBefore));
  CHECK(toks[4].has(kParagraphBefore));
}

TEST_CASE("a block between blank lines with a line too long to be wrapped has one paragraph per line") {
  const std::string long_line(kWrapColumn, 'x');
  struct Row {
    const char* why;
    std::string text;
    std::vector<std::size_t> paragraphs;  // tokens that start a paragraph
  };
  const Row rows[] = {
      {"hard-wrapped block: one paragraph", "Titre\n\nun deux\ntrois quatre\ncinq", {0, 1}},
      {"a long line: every line of its block", "Titre\n\n" + long_line + "\n« deux\ntrois", {0, 1, 2, 4}},
      {"only the block with the long line", "un\ndeux\n\n" + long_line + "\ntrois", {0, 2, 3}},
      {"the block's last line counts too", "Titre\n\nun\n" + long_line + "!", {0, 1, 2}},
      {"kWrapColumn bytes with the line break: wrapped", "Titre\n\n" + long_line.substr(1) + "\nun", {0, 1}},
  };
  for (const Row& row : rows) {
    CAPTURE(row.why);
    const Tokens toks(row.text);
    std::vector<std::size_t> starts;
    for (std::size_t i = 0; i < toks.size(); ++i) {
      if (toks[i].has(kParagraphBefore)) starts.push_back(i);
    }
    CHECK(starts == row.paragraphs);
    for (const std::size_t i : starts) CHECK(toks.paragraph_start(i) == i);
  }
}

TEST_CASE("the fold table generated at build time is what the ICU rules give") {
  const FoldedChar* table = folded_chars();
  std::size_t long_folds = 0;
  for (char32_t cp = 0; cp < kFoldTableLimit; ++cp) {
    const CharInfo expected = rules::compute_class(cp);
    const CharInfo got = classify(cp);
    const std::string folded = rules::compute_fold(cp);
    std::string appended;
    append_folded(appended, cp);
    if (got.cls != expected.cls || got.upper != expected.upper || got.lower != expected.lower || appended != folded ||
        table[cp].info.cls != expected.cls) {
      CAPTURE(static_cast<unsigned>(cp));
      CHECK(static_cast<int>(got.cls) == static_cast<int>(expected.cls));
      CHECK(got.upper == expected.upper);
      CHECK(got.lower == expected.lower);
      CHECK(appended == folded);
    }
    if (folded.size() > sizeof table[cp].bytes) {
      ++long_folds;
      CHECK(table[cp].length == FoldedChar::kLongFold);
    } else {
      CHECK(std::string(table[cp].bytes, table[cp].length) == folded);
    }
  }
  CHECK(long_folds > 0);  // « ¼ »: the long path is exercised
  std::string quarter;
  append_folded(quarter, 0xBC);
  CHECK(quarter == "1\u20444");
}

TEST_CASE("the tokenizer counts invalid UTF-8 bytes as check_utf8 does") {
  const std::string samples[] = {
      "plain ASCII",
      "caf\xE9 \xC0\xAF overlong, \xED\xA0\x80 surrogate, \xF4\x90\x80\x80 too high, \x80 stray",
      "&laquo;\xFF&raquo; \xC3",  // truncated at the end
      std::string("nul\0byte \xE2\x82", 11),
  };
  for (const std::string& s : samples) {
    CAPTURE(s);
    const parole::text::Tokens toks(s);
    const parole::text::Utf8Check check = parole::text::check_utf8(s);
    CHECK(toks.invalid_bytes() == check.invalid_bytes);
    if (check.invalid_bytes > 0) CHECK(toks.first_invalid() == check.first_invalid);
  }
}

namespace {

// The tokens of `s` by their definition, one code point at a time (no fast
// path): what the tokenizer's SSE2 runs, two-byte letters and padding must
// give too.
struct PlainToken {
  std::size_t start, end;
  std::string folded;
  bool word, capital, all_upper, space_before;
  bool line_before = false;       // one line break since the previous token
  bool paragraph_before = false;  // two or more (\r\n counting once), or the start of the text
};

std::vector<PlainToken> tokens_by_definition(std::string_view s) {
  std::vector<PlainToken> out;
  bool in_word = false;
  bool space = false;
  int line_breaks = 0;
  bool line = false;
  bool paragraph = true;
  for (std::size_t pos = 0; pos < s.size();) {
    Decoded d = decode_at(s, pos);
    if (d.code_point == '&') html_reference(s, pos, &d);
    const CharInfo info = classify(d.code_point);
    const std::size_t at = pos;
    pos += d.length;
    if (info.cls == CharClass::kIgnorable) {
      if (in_word) out.back().end = pos;
      continue;
    }
    if (info.cls == CharClass::kSpace || info.cls == CharClass::kLineBreak) {
      in_word = false;
      space = true;
      if (info.cls == CharClass::kLineBreak) {
        if (!(d.code_point == '\n' && at > 0 && s[at - 1] == '\r')) ++line_breaks;
        line = line || line_breaks == 1;
        paragraph = paragraph || line_breaks >= 2;
      }
      continue;
    }
    const bool word = info.cls == CharClass::kWord;
    if (!(word && in_word)) {
      out.push_back(PlainToken{at, at, "", word, word && info.upper, word && info.upper, space || out.empty()});
      out.back().line_before = line;
      out.back().paragraph_before = paragraph;
      space = false;
      line_breaks = 0;
      line = paragraph = false;
    }
    PlainToken& t = out.back();
    if (word && info.lower) t.all_upper = false;
    append_folded(t.folded, d.code_point);
    t.end = pos;
    in_word = word;
  }
  for (PlainToken& t : out) {  // digits only: neither capitalised nor all capitals
    if (t.word && t.folded.find_first_not_of("0123456789") == std::string::npos) t.capital = t.all_upper = false;
  }
  // A text without a blank line has a paragraph per line; so has a block
  // between blank lines with a line longer than kWrapColumn bytes (from a
  // line's first token to the next line's).
  const bool every_line =
      std::count_if(out.begin(), out.end(), [](const PlainToken& t) { return t.paragraph_before; }) <= 1;
  for (std::size_t block = 0; block < out.size();) {
    std::size_t block_end = block + 1;
    while (block_end < out.size() && !out[block_end].paragraph_before) ++block_end;
    bool long_line = false;
    std::size_t line = out[block].start;
    for (std::size_t k = block + 1; k <= block_end; ++k) {
      if (k < block_end && !out[k].line_before) continue;
      const std::size_t line_end = k < out.size() ? out[k].start : s.size();
      long_line = long_line || line_end - line > kWrapColumn;
      line = line_end;
    }
    for (std::size_t k = block; k < block_end && (every_line || long_line); ++k) {
      if (!out[k].line_before) continue;
      out[k].line_before = false;
      out[k].paragraph_before = true;
    }
    block = block_end;
  }
  return out;
}

}  // namespace

TEST_CASE("the tokenizer's fast paths give the tokens of the code-point-by-code-point definition") {
  const char* pieces[] = {"a",
                          "Z",
                          "mot",
                          "MOTS",
                          "12",
                          "x9",
                          " ",
                          "  ",
                          ",",
                          ".",
                          "`",
                          "é",
                          "É",
                          "ç",
                          "ǆ",
                          "ß",
                          "×",
                          "÷",
                          "ÿ",
                          "À",
                          "Þ",
                          "\xC3\xC3\xA9",  // a lead byte without its tail, then é
                          "\xA9",          // a stray tail
                          "Œuvre",
                          "’",
                          "«",
                          "»",
                          "\xC2\xA0",
                          "\xE2\x80\xAF",
                          "\n",
                          "\r\n",
                          "\n\n",
                          "\t",
                          "&laquo;",
                          "&amp;",
                          "&#x201C;",
                          "\xC2\xAD",
                          "\xE2\x80\x8B",
                          "\xFF",
                          "\xC3",
                          "\xE2\x82",
                          "Москва",
                          "ﬁ",
                          "Ⅳ",
                          "\x01",
                          "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijklmnopqrstuvwxyz"};
  RandomNumbers next(12345);
  for (int round = 0; round < 400; ++round) {
    std::string text;
    const std::size_t count = 1 + next() % 60;
    for (std::size_t k = 0; k < count; ++k) text += pieces[next() % (sizeof pieces / sizeof pieces[0])];
    CAPTURE(text);
    const Tokens toks(text);
    const std::vector<PlainToken> expected = tokens_by_definition(text);
    REQUIRE(toks.size() == expected.size());
    for (std::size_t i = 0; i < toks.size(); ++i) {
      CAPTURE(i);
      CHECK(toks[i].start == expected[i].start);
      CHECK(toks[i].end == expected[i].end);
      CHECK(toks.folded(i) == expected[i].folded);
      CHECK(toks[i].is_word() == expected[i].word);
      CHECK(toks[i].has(kCapitalised) == expected[i].capital);
      CHECK(toks[i].has(kAllUpper) == expected[i].all_upper);
      CHECK(toks.space_before(i) == expected[i].space_before);
      CHECK(toks[i].has(kLineBefore) == expected[i].line_before);
      CHECK(toks[i].has(kParagraphBefore) == expected[i].paragraph_before);
    }
  }
}
