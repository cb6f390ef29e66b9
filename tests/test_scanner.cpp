#include "support.hpp"

#include <string>
#include <vector>

#include "quotes/lexicon.hpp"
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
