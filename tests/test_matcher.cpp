#include "support.hpp"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "entities/matcher.hpp"
#include "entities/name_context.hpp"
#include "entities/short_names.hpp"
#include "text/tokens.hpp"

using namespace parole;

namespace {

EntityRecord entity(const std::string& id, const std::string& name, std::vector<std::string> aliases = {}) {
  EntityRecord r;
  r.id = id;
  r.name = name;
  r.type = "ORG";
  r.aliases = std::move(aliases);
  return r;
}

const std::vector<EntityRecord>& records() {
  static const std::vector<EntityRecord> list = {
      entity("otan", "OTAN", {"NATO"}),
      entity("moscou", "Moscou"),
      entity("ny", "New York"),
      entity("secretariat", "Secrétariat international de l'OTAN"),
      entity("paris-fr", "Paris"),
      entity("paris-tx", "Paris", {"Paris (Texas)"}),
      entity("ci", "Côte d'Ivoire"),
      entity("us", "US"),
      entity("lavrov", "Sergueï Lavrov", {"Lavrov"}),
      entity("jm", "Jean-Marc Ayrault"),
      entity("macron", "Emmanuel Macron"),
      entity("ankara", "Ankara"),
      entity("afp", "AFP"),
      entity("fran", "Fran"),
  };
  return list;
}

// "text@start" for each match, in order; the first candidate's id after resolution.
std::vector<std::string> find(const std::string& text) {
  const entities::Matcher matcher(records());
  const text::Tokens toks(text);
  std::vector<entities::NameMatch> matches = matcher.find(toks);
  entities::resolve_ambiguity(matches);
  std::vector<std::string> out;
  for (const entities::NameMatch& m : matches) {
    const std::size_t s = toks[m.first].start;
    const std::size_t e = toks[m.last].end;
    out.push_back(text.substr(s, e - s) + "@" + std::to_string(s) + ":" + records()[m.candidates.front()].id);
  }
  return out;
}

}  // namespace

TEST_CASE("gazetteer matching semantics, by example") {
  struct Row {
    const char* text;
    std::vector<std::string> expected;
  };
  const Row rows[] = {
      {"l’OTAN", {"OTAN@4:otan"}},
      {"l'OTAN", {"OTAN@2:otan"}},
      {"#OTAN et /NATO/", {"OTAN@1:otan", "NATO@10:otan"}},
      {"MOSCOU, 18 octobre", {"MOSCOU@0:moscou"}},
      {"jusqu’à Moscou", {"Moscou@11:moscou"}},
      {"moscou en minuscules", {}},
      {"Les otan et les us", {}},
      {"Les US et l'Otan", {"US@4:us", "Otan@12:otan"}},
      {"New\u00A0York", {"New\u00A0York@0:ny"}},
      {"New\n  York", {"New\n  York@0:ny"}},
      {"Newyorkais", {}},
      {"Moscovite", {}},
      {"le Secrétariat international de l’OTAN", {"Secrétariat international de l’OTAN@3:secretariat"}},
      {"SERGUEÏ LAVROV et Serguei Lavrov", {"SERGUEÏ LAVROV@0:lavrov", "Serguei Lavrov@19:lavrov"}},
      {"la Côte d’Ivoire", {"Côte d’Ivoire@3:ci"}},
      {"Jean\u2011Marc Ayrault", {"Jean\u2011Marc Ayrault@0:jm"}},
      {"Jean\u2010Marc\u202FAyrault", {"Jean\u2010Marc\u202FAyrault@0:jm"}},
      {"Jean-Marc Ay\u00ADrault", {"Jean-Marc Ay\u00ADrault@0:jm"}},
      {"d’Emmanuel Macron et qu'Ankara", {"Emmanuel Macron@4:macron", "Ankara@26:ankara"}},
      {"Le français Fran", {"Fran@13:fran"}},
      {"Parisien, Parisiens", {}},
      {"selon l’AFP, l'Afp et l’afp", {"AFP@10:afp"}},
      {"EMMANUEL MACRON\r\nMacron", {"EMMANUEL MACRON@0:macron"}},
  };
  for (const Row& row : rows) {
    const std::string shown = row.text;
    CAPTURE(shown);
    CHECK(find(row.text) == row.expected);
  }
}

TEST_CASE("a form may start at any token: the first, the last, a long word, a lower-case word") {
  // What the matcher's filter of the forms' first tokens must let through.
  const std::vector<EntityRecord> list = {entity("tass", "agence TASS"), entity("oms", "Organisation mondiale"),
                                          entity("moscou", "Moscou"), entity("un", "Nations unies")};
  const entities::Matcher matcher(list);
  const auto found = [&](const std::string& text) {
    const text::Tokens toks(text);
    std::vector<std::string> out;
    for (const entities::NameMatch& m : matcher.find(toks)) {
      out.push_back(text.substr(toks[m.first].start, toks[m.last].end - toks[m.first].start) + ":" +
                    list[m.candidates.front()].id);
    }
    return out;
  };
  CHECK(found("Moscou") == std::vector<std::string>{"Moscou:moscou"});
  CHECK(found("à Moscou") == std::vector<std::string>{"Moscou:moscou"});
  CHECK(found("Moscou, puis Moscou") == std::vector<std::string>{"Moscou:moscou", "Moscou:moscou"});
  CHECK(found("selon l'agence TASS") == std::vector<std::string>{"agence TASS:tass"});
  CHECK(found("Agence TASS") == std::vector<std::string>{"Agence TASS:tass"});
  CHECK(found("l'Organisation mondiale et les Nations unies") ==
        std::vector<std::string>{"Organisation mondiale:oms", "Nations unies:un"});
  CHECK(found("l'organisation mondiale, les nations unies").empty());
  CHECK(found("").empty());
}

TEST_CASE("a match's candidates: one inline, more in order") {
  entities::Candidates c;
  CHECK(c.empty());
  c.push_back(7);
  CHECK((c.size() == 1 && c.front() == 7));
  const entities::Candidates one = c;
  c.push_back(3);
  c.push_back(9);
  CHECK(std::vector<std::uint32_t>(c.begin(), c.end()) == std::vector<std::uint32_t>{7, 3, 9});
  CHECK(one == entities::Candidates{7});
  CHECK(!(one == c));
  std::sort(c.begin(), c.end());
  CHECK(c == entities::Candidates{3, 7, 9});
  entities::Candidates moved = std::move(c);
  CHECK(moved == entities::Candidates{3, 7, 9});
  CHECK(c.empty());  // NOLINT(bugprone-use-after-move, clang-analyzer-cplusplus.Move): documented as empty
  moved.clear();
  moved.push_back(4);
  CHECK(moved == entities::Candidates{4});
}

TEST_CASE("an ambiguous form takes the candidate the document supports") {
  CHECK(find("Paris brûle.") == std::vector<std::string>{"Paris@0:paris-fr"});
  CHECK(find("Paris (Texas) est calme. Paris aussi.") ==
        std::vector<std::string>{"Paris (Texas)@0:paris-tx", "Paris@25:paris-tx"});
}

TEST_CASE("a surname alone refers to the person named in full before it") {
  std::vector<EntityRecord> people = {entity("jmlp", "Jean-Marie Le Pen"), entity("ml", "Marine Le Pen"),
                                      entity("ab", "Anne Bertin"), entity("zz", "Zoé Zorn")};
  for (EntityRecord& r : people) r.type = "PERSON";
  const entities::Matcher matcher(people);
  auto mentions = [&](const std::string& text) {
    const text::Tokens toks(text);
    std::vector<entities::NameMatch> matches = matcher.find(toks);
    entities::RecordStore store;
    store.add_borrowed(people);
    const entities::Records records(store);
    entities::add_short_names(toks, entities::capitalised_words(toks), records, matches);
    std::vector<std::string> out;
    for (const entities::NameMatch& m : matches) {
      out.push_back(text.substr(toks[m.first].start, toks[m.last].end - toks[m.first].start) + ":" +
                    people[m.candidates.front()].id);
    }
    return out;
  };
  CHECK(mentions("Bertin arrive. Anne Bertin parle. Mme Bertin sourit.") ==
        std::vector<std::string>{"Anne Bertin:ab", "Bertin:ab"});
  CHECK(mentions("Jean-Marie Le Pen parle. Le Pen insiste.") ==
        std::vector<std::string>{"Jean-Marie Le Pen:jmlp", "Le Pen:jmlp"});
  CHECK(mentions("Jean-Marie Le Pen et Marine Le Pen. Le Pen insiste.") ==
        std::vector<std::string>{"Jean-Marie Le Pen:jmlp", "Marine Le Pen:ml"});
  CHECK(mentions("Anne Bertin et Bertin Junior.") == std::vector<std::string>{"Anne Bertin:ab"});
  // A headline may name someone by surname before the article names them in
  // full; not a paragraph of prose, nor after another capitalised word.
  CHECK(mentions("Bertin en visite à Lyon\n\nAnne Bertin est arrivée hier.") ==
        std::vector<std::string>{"Bertin:ab", "Anne Bertin:ab"});
  CHECK(mentions("Bertin arrive.\n\nAnne Bertin parle.") == std::vector<std::string>{"Anne Bertin:ab"});
  CHECK(mentions("Bertin arrive :\n\nAnne Bertin parle.") == std::vector<std::string>{"Anne Bertin:ab"});
  CHECK(mentions("Mort de Jules Bertin\n\nAnne Bertin est venue.") == std::vector<std::string>{"Anne Bertin:ab"});
  // Part of a hyphenated compound: another name (a firm, a place, a double surname).
  CHECK(mentions("Anne Bertin visite Bertin-Textiles puis Saint-Bertin. Bertin - enfin - rit.") ==
        std::vector<std::string>{"Anne Bertin:ab", "Bertin:ab"});
}

TEST_CASE("a surname alone is found among thousands of people named in full") {
  // Enough surnames for the first-word filter to grow past its smallest
  // size: a bit wrongly placed there drops a short name.
  constexpr int kPeople = 3000;
  const auto surname = [](int i) {
    return std::string{'K', static_cast<char>('a' + i % 26), static_cast<char>('a' + i / 26 % 26),
                       static_cast<char>('a' + i / 676 % 26)};
  };
  std::vector<EntityRecord> people;
  std::string text;
  for (int i = 0; i < kPeople; ++i) {
    people.push_back(entity("p" + std::to_string(i), "Anne " + surname(i)));
    people.back().type = "PERSON";
    text += "Anne " + surname(i) + " arrive. ";
  }
  for (int i = kPeople - 1; i >= 0; --i) text += surname(i) + " parle. Zorn" + surname(i).substr(1) + " rit. ";
  const entities::Matcher matcher(people);
  const text::Tokens toks(text);
  std::vector<entities::NameMatch> matches = matcher.find(toks);
  entities::RecordStore store;
  store.add_borrowed(people);
  const entities::Records records(store);
  entities::add_short_names(toks, entities::capitalised_words(toks), records, matches);
  REQUIRE(matches.size() == 2 * kPeople);  // no « Zorn… », never named in full
  for (int k = 0; k < kPeople; ++k) {
    const entities::NameMatch& alone = matches[static_cast<std::size_t>(kPeople + k)];
    const std::size_t person = static_cast<std::size_t>(kPeople - 1 - k);
    CHECK(text.substr(toks[alone.first].start, toks[alone.last].end - toks[alone.first].start) ==
          surname(static_cast<int>(person)));
    CHECK(alone.candidates.front() == person);
  }
}

TEST_CASE("short acronyms need capitals, longer ones accept title case") {
  CHECK(find("Un accord. Les US aussi. Us et coutumes.") == std::vector<std::string>{"US@15:us"});
  CHECK(find("L'Otan répond.") == std::vector<std::string>{"Otan@2:otan"});
}

TEST_CASE("short names are looked up a fixed number of times per token (linear on name-dense text)") {
  std::vector<EntityRecord> people = {entity("a", "Anne Bertin")};
  people[0].type = "PERSON";
  const entities::Matcher matcher(people);
  std::string text = "Anne Bertin Kalov Lolov Rilov. ";
  for (int i = 0; i < 2000; ++i) text += "Jean Kalov Lolov Rilov Bertin. ";
  const text::Tokens toks(text);
  std::vector<entities::NameMatch> matches = matcher.find(toks);
  entities::RecordStore store;
  store.add_borrowed(people);
  const entities::Records records(store);
  entities::add_short_names(toks, entities::capitalised_words(toks), records, matches);
  CHECK(matches.size() == 2001);  // the full name, then « Bertin » once per sentence
}

TEST_CASE("honorifics and titles before a name are reported with the mention, not in it") {
  struct Row {
    const char* text;
    const char* name;  // the tagged name
    const char* honorific;
    const char* title;
  };
  const Row rows[] = {
      {"Selon M. Durand, tout va bien.", "Durand", "M.", ""},
      {"Mme Claire Dupont est arrivée.", "Claire Dupont", "Mme", ""},
      {"le ministre lyonnais des Transports Paul Durand a parlé", "Paul Durand", "",
       "ministre lyonnais des Transports"},
      {"la secrétaire générale Claire Dupont", "Claire Dupont", "", "secrétaire générale"},
      {"Le syndicat Union des dockers proteste.", "Union des dockers", "", "syndicat"},
      {"la présidente, Mme Claire Dupont", "Claire Dupont", "Mme", ""},
      {"Le ministre a reçu Paul Durand hier.", "Paul Durand", "", ""},
      {"la mission du porte-parole de Paul Durand", "Paul Durand", "", ""},
      {"un spécialiste de la Lyonnaz", "Lyonnaz", "", ""},
      {"le Parti socialiste lyonnais Paul Durand", "Paul Durand", "", ""},
      {"Le maire.\nPaul Durand arrive.", "Paul Durand", "", ""},
  };
  const quotes::Lexicon& lex = quotes::Lexicon::builtin();
  const std::vector<EntityRecord> people = {entity("durand", "Paul Durand", {"Durand"}),
                                            entity("dupont", "Claire Dupont"), entity("udd", "Union des dockers"),
                                            entity("lyonnaz", "Lyonnaz")};
  const entities::Matcher matcher(people);
  for (const Row& row : rows) {
    CAPTURE(row.text);
    const std::string text = row.text;
    const text::Tokens toks(text);
    const std::vector<entities::NameMatch> matches = matcher.find(toks);
    REQUIRE(matches.size() == 1);
    const entities::NameMatch& m = matches.front();
    CHECK(text.substr(toks[m.first].start, toks[m.last].end - toks[m.first].start) == row.name);
    const entities::NameContext context = entities::name_context(toks, lex, m.first);
    const auto span = [&](const std::optional<entities::TokenRange>& r) {
      return r ? text.substr(toks[r->first].start, toks[r->last].end - toks[r->first].start) : std::string();
    };
    CHECK(span(context.honorific) == row.honorific);
    CHECK(span(context.title) == row.title);
  }
}

TEST_CASE("overlapping mentions on request: every match, from every gazetteer") {
  Gazetteer g;
  g.add(entity("udd", "Union des dockers"));
  g.add(entity("udd-lyonnaz", "Union des dockers de Lyonnaz"));
  Gazetteer places;
  places.add(entity("lyonnaz", "Lyonnaz"));
  places.add(entity("paris", "Paris"));
  const std::string text = "L'Union des dockers de Lyonnaz et Paris.";
  const auto mentions = [&](bool overlapping) {
    Options options;
    options.overlapping_mentions = overlapping;
    options.use_default_gazetteer = false;
    std::vector<std::string> out;
    for (const Entity& e : Extractor(options, {g, places}).extract(text).entities) {
      for (const Mention& m : e.mentions) out.push_back(e.id + "@" + std::to_string(m.start));
    }
    std::sort(out.begin(), out.end());
    return out;
  };
  CHECK(mentions(false) == std::vector<std::string>{"paris@34", "udd-lyonnaz@2"});
  CHECK(mentions(true) == std::vector<std::string>{"lyonnaz@23", "paris@34", "udd-lyonnaz@2", "udd@2"});
}

TEST_CASE("overlapping mentions keep the people and surnames found in the text") {
  // Every mention of the non-overlapping view is in the overlapping one: a
  // person no gazetteer lists (the speaker here) and a surname alone too.
  EntityRecord dupont = entity("dupont", "Paul Dupont");
  dupont.type = "PERSON";
  Gazetteer g;
  g.add(dupont);
  g.add(entity("lyonnaz", "Lyonnaz"));
  const std::string text =
      "« Nous resterons », a déclaré Claire Vasseur, maire de Lyonnaz. Mme Vasseur et Paul "
      "Dupont sont venus ; Dupont a parlé.";
  const auto mentions = [&](bool overlapping) {
    Options options;
    options.overlapping_mentions = overlapping;
    options.use_default_gazetteer = false;
    std::vector<std::string> out;
    for (const Entity& e : Extractor(options, {g}).extract(text).entities) {
      for (const Mention& m : e.mentions) out.push_back(e.name + "@" + std::to_string(m.start));
    }
    std::sort(out.begin(), out.end());
    return out;
  };
  const auto at = [&](const std::string& entity_name, const std::string& written) {
    return entity_name + "@" + std::to_string(text.find(written));
  };
  std::vector<std::string> expected = {at("Claire Vasseur", "Claire Vasseur,"), at("Claire Vasseur", "Vasseur et"),
                                       at("Lyonnaz", "Lyonnaz"), at("Paul Dupont", "Paul Dupont"),
                                       at("Paul Dupont", "Dupont a parlé")};
  std::sort(expected.begin(), expected.end());
  CHECK(mentions(false) == expected);
  CHECK(mentions(true) == expected);
}

TEST_CASE("on the whole corpus, the matcher's filters and word memo change no match") {
  // The same tables with filters that pass everything: what the start, edge
  // and token filters and the per-text memo of short words must not change.
  const entities::Matcher filtered(Gazetteer::builtin().records());
  entities::Matcher::Tables tables = filtered.tables();
  tables.lower_start_filter.assign(1, ~std::uint64_t{0});
  tables.capital_start_filter.assign(1, ~std::uint64_t{0});
  tables.edge_filter.assign(1, ~std::uint64_t{0});
  tables.token_filter.assign(1, ~std::uint64_t{0});
  const entities::Matcher unfiltered(std::move(tables));
  const auto same = [](const std::vector<entities::NameMatch>& a, const std::vector<entities::NameMatch>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const auto& x, const auto& y) {
      return x.first == y.first && x.last == y.last && x.candidates == y.candidates;
    });
  };
  std::size_t texts = 0;
  std::size_t matches = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(PAROLE_TEST_CORPUS_DIR)) {
    if (entry.path().extension() != ".txt") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const text::Tokens toks(text);
    CAPTURE(entry.path().string());
    const std::vector<entities::NameMatch> found = filtered.find(toks);
    CHECK(same(found, unfiltered.find(toks)));
    CHECK(same(filtered.find_all(toks), unfiltered.find_all(toks)));
    CHECK(same(filtered.longest_per_start(toks, nullptr), unfiltered.longest_per_start(toks, nullptr)));
    ++texts;
    matches += found.size();
  }
  CHECK(texts > 100);
  CHECK(matches > 500);
}
