#include "support.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "quotes/lexicon.hpp"
#include "quotes/marks.hpp"
#include "quotes/scanner.hpp"
#include "text/tokens.hpp"

using namespace parole;

namespace {

struct Found {
  std::vector<std::string> texts;
  std::vector<int> parents;
  quotes::ScanResult scan;
};

Found scan(const std::string& text) {
  const text::Tokens toks(text);
  Found f{{}, {}, quotes::scan_quotes(toks, quotes::Lexicon::builtin())};
  for (const quotes::ScannedQuote& q : f.scan.quotes) {
    f.texts.push_back(text.substr(toks[q.first].start, toks[q.last].end - toks[q.first].start));
    f.parents.push_back(q.parent ? static_cast<int>(*q.parent) : -1);
  }
  return f;
}

}  // namespace

TEST_CASE("quote marks of every listed style pair up") {
  struct Row {
    const char* text;
    std::vector<std::string> quotes;
  };
  const Row rows[] = {
      {"Il a dit « oui » hier.", {"oui"}},
      {"Il a dit «oui» hier.", {"oui"}},
      {"Il a dit «\u00A0oui\u00A0» hier.", {"oui"}},
      {"Il a dit «\u202Foui\u202F» hier.", {"oui"}},
      {"Il a dit “oui” hier.", {"oui"}},
      {"Il a dit „ja“ hier.", {"ja"}},
      {"Il a dit ‹oui› hier.", {"oui"}},
      {"Il a dit \"oui\" puis \"non\".", {"oui", "non"}},
      {"« A » et « B »", {"A", "B"}},
  };
  for (const Row& row : rows) {
    const std::string shown = row.text;
    CAPTURE(shown);
    CHECK(scan(row.text).texts == row.quotes);
  }
}

TEST_CASE("nested quotes are reported with their parent") {
  const Found f = scan("« Il m’a dit “jamais” puis « non » », a-t-elle raconté.");
  REQUIRE(f.texts.size() == 3);
  CHECK(f.texts[0] == "Il m’a dit “jamais” puis « non »");
  CHECK(f.texts[1] == "jamais");
  CHECK(f.texts[2] == "non");
  CHECK(f.parents == std::vector<int>{-1, 0, 0});
}

TEST_CASE("a quote runs over paragraphs when the next one reopens it") {
  const Found f = scan("« Premier paragraphe.\n\n« Second paragraphe », dit-il.\n\nFin.");
  REQUIRE(f.texts.size() == 1);
  CHECK(f.texts[0] == "Premier paragraphe.\n\n« Second paragraphe");
  CHECK(f.scan.quotes[0].paragraphs);
  const Found reopened_with_closer = scan("« Un.\n\n» Deux. »");
  REQUIRE(reopened_with_closer.texts.size() == 1);
  CHECK(reopened_with_closer.texts[0] == "Un.\n\n» Deux.");
}

TEST_CASE("a text printed one paragraph per line reopens its quotes line by line, blank lines or not") {
  // A novel: blank lines only between chapters, and a letter quoted over
  // several paragraphs. Each « that starts a line continues the letter; it
  // would otherwise open a quote inside it that the closing » ends, and leave
  // the letter open to the end of the chapter.
  const std::string narrative =
      "Il replia la lettre, la glissa dans sa poche et sortit sans un mot, tandis que la pluie redoublait "
      "sur les toits du village.";
  const Found f = scan(
      "I\n\nIl lut à haute voix ce billet :\n« Mon cher Gustave,\n« Viens demain soir.\n"
      "« Tout va bien. »\n" +
      narrative + "\nPuis il dit : « Partons. »");
  REQUIRE(f.texts.size() == 2);
  CHECK(f.texts[0] == "Mon cher Gustave,\n« Viens demain soir.\n« Tout va bien.");
  CHECK(f.scan.quotes[0].paragraphs);
  CHECK(f.texts[1] == "Partons.");
  CHECK(f.parents == std::vector<int>{-1, -1});
}

TEST_CASE("closed and reopened paragraphs give separate quotes") {
  const Found f = scan("« Un. »\n\n« Deux. »");
  CHECK(f.texts == std::vector<std::string>{"Un.", "Deux."});
}

TEST_CASE("recovery rules keep the rest of the document") {
  SUBCASE("a missing closer ends the quote at the end of its paragraph") {
    const Found f = scan("Il dit « rien du tout.\n\nEnsuite « ceci » reste.");
    CHECK(f.texts == std::vector<std::string>{"rien du tout.", "ceci"});
    CHECK(f.scan.unclosed == 1);
  }
  SUBCASE("a stray closer is ignored") {
    const Found f = scan("Texte » puis « vrai ».");
    CHECK(f.texts == std::vector<std::string>{"vrai"});
    CHECK(f.scan.stray_closing == 1);
  }
  SUBCASE("a doubled closer closes once") {
    const Found f = scan("« fin »» et « suite »");
    CHECK(f.texts == std::vector<std::string>{"fin", "suite"});
  }
  SUBCASE("a doubled opener opens once") {
    const Found f = scan("««début » et la suite");
    CHECK(f.texts == std::vector<std::string>{"début"});
  }
  SUBCASE("an opener used as a closer ends the quote") {
    const Found f = scan("Il a dit « c’est fini «. Puis « autre ».");
    CHECK(f.texts == std::vector<std::string>{"c’est fini", "autre"});
  }
  SUBCASE("a closer of an outer quote ends the inner one too") {
    const Found f = scan("« Il a dit “non », a-t-elle dit.");
    REQUIRE(f.texts.size() == 2);
    CHECK(f.texts[0] == "Il a dit “non");
    CHECK(f.texts[1] == "non");
  }
}

TEST_CASE("unbalanced marks in bulk stay linear and bounded") {
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "« ";
  for (int i = 0; i < 20000; ++i) text += "“ ";
  for (int i = 0; i < 20000; ++i) text += "” » ";
  const Found f = scan(text);
  CHECK(f.texts.size() <= 40000);
  CHECK(f.scan.stray_closing + f.scan.unclosed > 0);
}

TEST_CASE("reversed guillemets are read the other way round, per document") {
  CHECK(scan("Il a dénoncé »une décision prise sans nous«. Puis »autre chose«.").texts ==
        std::vector<std::string>{"une décision prise sans nous", "autre chose"});
  CHECK(scan("Il a dit « oui » puis » rien.").texts == std::vector<std::string>{"oui"});
}

TEST_CASE("HTML character references left in scraped text are quote marks and spaces") {
  const Found f = scan("Il a dit &laquo;&nbsp;oui&nbsp;&raquo; puis &quot;non&quot; et &#171;peut-être&#187;.");
  CHECK(f.texts == std::vector<std::string>{"oui", "non", "peut-être"});
  CHECK(scan("Fish &amp; chips &unknown; &#xZZ;").texts.empty());
}

// The byte prefilter (quotes/marks.hpp), every kernel this machine runs.
namespace {

using quotes::Mark;
using quotes::MarkFinder;

std::vector<MarkFinder> finders() {
  const std::u32string marks = quotes::scanned_code_points(quotes::Lexicon::builtin().quote_pairs);
  std::vector<MarkFinder> out;
  for (const MarkFinder::Kernel k :
       {MarkFinder::Kernel::kPortable, MarkFinder::Kernel::kSse2, MarkFinder::Kernel::kAvx2}) {
    if (MarkFinder::supported(k)) out.emplace_back(marks, k);
  }
  return out;
}

// Offsets and code points of the marks, as "offset:U+XXXX/length".
std::vector<std::string> found(const MarkFinder& f, const std::string& text) {
  std::vector<std::string> out;
  for (const Mark& m : f.find_all(text)) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%zu:U+%04X/%u", m.offset, static_cast<unsigned>(m.code_point),
                  static_cast<unsigned>(m.length));
    out.emplace_back(buf);
  }
  return out;
}

// The punctuation tokens whose code point is a mark: what the scanner reads.
std::vector<std::string> mark_tokens(const std::string& text) {
  const text::Tokens toks(text);
  const MarkFinder& f = quotes::Lexicon::builtin().quote_marks;
  std::vector<std::string> out;
  for (std::size_t i = 0; i < toks.size(); ++i) {
    if (!toks[i].has(text::kPunct) || !f.is_mark(toks[i].first)) continue;
    char buf[48];
    std::snprintf(buf, sizeof buf, "%u:U+%04X/%u", toks[i].start, static_cast<unsigned>(toks[i].first),
                  toks[i].end - toks[i].start);
    out.emplace_back(buf);
  }
  return out;
}

}  // namespace

TEST_CASE("the prefilter's candidate bytes come from the quote-mark table") {
  const MarkFinder& f = quotes::Lexicon::builtin().quote_marks;
  for (const quotes::QuotePair& p : quotes::Lexicon::builtin().quote_pairs) {
    CHECK(f.is_mark(p.open));
    CHECK(f.is_mark(p.close));
  }
  for (const int b : {0x22, 0x26, 0xC2, 0xE2}) CHECK(f.is_candidate_byte(static_cast<unsigned char>(b)));
  for (const int b : {0x61, 0x20, 0x27, 0xC3, 0x80, 0xAB})
    CHECK_FALSE(f.is_candidate_byte(static_cast<unsigned char>(b)));
  // A table of other marks gives other candidates.
  const MarkFinder only_single(U"\u2039\u203A");
  CHECK(only_single.is_candidate_byte(0xE2));
  CHECK_FALSE(only_single.is_candidate_byte(0xC2));
  CHECK(only_single.find_all("« non » ‹ oui ›").size() == 2);
}

TEST_CASE("the prefilter finds every mark style with its exact offset") {
  for (const MarkFinder& f : finders()) {
    const std::string kernel = MarkFinder::name(f.kernel());
    CAPTURE(kernel);
    CHECK(found(f, "« a » “b” „c“ ‹d› \"e\"") ==
          std::vector<std::string>{"0:U+00AB/2", "5:U+00BB/2", "8:U+201C/3", "12:U+201D/3", "16:U+201E/3",
                                   "20:U+201C/3", "24:U+2039/3", "28:U+203A/3", "32:U+0022/1", "34:U+0022/1"});
    // No-break spaces, apostrophes, ellipses share the lead bytes: not marks.
    CHECK(found(f, "l’a\u00A0dit… — «\u202Foui\u202F»").size() == 2);
    CHECK(found(f, "").empty());
    CHECK(found(f, "rien ici, même pas d’apostrophe droite").empty());
  }
}

TEST_CASE("the prefilter finds marks at buffer ends and across 16-, 32- and 64-byte blocks") {
  for (const MarkFinder& f : finders()) {
    const std::string kernel = MarkFinder::name(f.kernel());
    CAPTURE(kernel);
    for (std::size_t at = 0; at < 140; ++at) {
      for (const char* mark : {"«", "”", "\""}) {
        const std::string text = std::string(at, 'a') + mark + std::string(at % 7, 'b');
        CAPTURE(at);
        CAPTURE(mark);
        const std::vector<Mark> got = f.find_all(text);
        REQUIRE(got.size() == 1);
        CHECK(got[0].offset == at);
        CHECK(got[0].length == std::string(mark).size());
      }
    }
    // Cut marks at the end of the buffer are not marks.
    CHECK(found(f, "fin \xC2").empty());
    CHECK(found(f, "fin \xE2\x80").empty());
    CHECK(found(f, std::string(63, 'x') + "\xE2\x80").empty());
    // A cursor started in the middle sees only what follows.
    const std::string text = "« un » « deux »";
    MarkFinder::Cursor cursor(f, text, 3);
    CHECK(cursor.next() == 6);
  }
}

TEST_CASE("invalid UTF-8 around marks: each bad byte is one U+FFFD, the mark stays") {
  for (const MarkFinder& f : finders()) {
    const std::string kernel = MarkFinder::name(f.kernel());
    CAPTURE(kernel);
    CHECK(found(f, "\xFF«\xFF") == std::vector<std::string>{"1:U+00AB/2"});
    CHECK(found(f, "\xC2«") == std::vector<std::string>{"1:U+00AB/2"});      // a lead byte alone
    CHECK(found(f, "\xE2\x80“") == std::vector<std::string>{"2:U+201C/3"});  // a cut sequence
    CHECK(found(f, "\xAB\xBB\x9C").empty());                                 // continuation bytes alone
    CHECK(found(f, "\xC0\xAB \xE0\x82\xAB \xE2\x80\x20").empty());           // overlong, cut
    CHECK(found(f, "\xE2\xC2\xAB\xE2\x80\x9D") == std::vector<std::string>{"1:U+00AB/2", "3:U+201D/3"});
  }
  const std::string bad = "Il a dit \xC2« oui\xFF » puis \xE2\x80“non”.";
  CHECK(found(quotes::Lexicon::builtin().quote_marks, bad) == mark_tokens(bad));
}

TEST_CASE("the prefilter finds HTML references to marks, as the tokenizer reads them") {
  for (const MarkFinder& f : finders()) {
    const std::string kernel = MarkFinder::name(f.kernel());
    CAPTURE(kernel);
    CHECK(found(f, "&laquo;oui&raquo; &quot;x&quot; &#171;&#xBB; &#X201C; &ldquo;") ==
          std::vector<std::string>{"0:U+00AB/7", "10:U+00BB/7", "18:U+0022/6", "25:U+0022/6", "32:U+00AB/6",
                                   "38:U+00BB/6", "45:U+201C/8", "54:U+201C/7"});
    CHECK(found(f, "&laquo &amp;laquo; &#; &#0; &#xZZ; &unknown; & &").empty());
  }
  const std::string text = "&laquo;&nbsp;oui&nbsp;&raquo; &amp;quot; &#34;non&#34; &#0000171;";
  CHECK(found(quotes::Lexicon::builtin().quote_marks, text) == mark_tokens(text));
}

TEST_CASE("the prefilter's marks are exactly the scanner's mark tokens on the whole corpus") {
  std::size_t texts = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(PAROLE_TEST_CORPUS_DIR)) {
    if (entry.path().extension() != ".txt") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CAPTURE(entry.path().string());
    CHECK(found(quotes::Lexicon::builtin().quote_marks, text) == mark_tokens(text));
    ++texts;
  }
  CHECK(texts > 100);
}

TEST_CASE("one broken mark does not spill into other paragraphs") {
  SUBCASE("a doubled straight closer closes once") {
    CHECK(scan("Il a dénoncé \"un abandon\"\".\n\n\"Les femmes\", a-t-il dit.").texts ==
          std::vector<std::string>{"un abandon", "Les femmes"});
    CHECK(scan("Il a dit \"\"oui\" et \"\" puis (\"\").").texts == std::vector<std::string>{"oui"});
  }
  SUBCASE("a fragment left open in the writer's sentence does not run on") {
    const Found f = scan("Il a dénoncé « un abandon.\n\n« Les femmes », a-t-il dit.");
    CHECK(f.texts == std::vector<std::string>{"un abandon.", "Les femmes"});
    // A quote that opens its paragraph, or follows a colon, does.
    CHECK(scan("Il a dit : « Un.\n\n« Deux », a-t-il dit.").texts == std::vector<std::string>{"Un.\n\n« Deux"});
  }
  SUBCASE("a paragraph that ends with an inner quote open too does not run on") {
    CHECK(scan("« Un « deux.\n\n« Trois »").texts == std::vector<std::string>{"Un « deux.", "deux.", "Trois"});
  }
  SUBCASE("reversed guillemets are decided by the whole document") {
    // The first » lost: the other guillemets still say the text is reversed.
    CHECK(scan("Il a dénoncé une décision prise sans nous«.\n\n»Non«, dit-il. Puis »autre«.").texts ==
          std::vector<std::string>{"Non", "autre"});
    // One odd glued mark does not turn a text with spaced guillemets around.
    CHECK(scan("Il a dit « »oui » puis « non ».").texts.back() == "non");
  }
}
