// Attribution on sentences written for these tests. The gazetteer is built in
// code and gives no roles, so titles must be learnt from the text.
#include "support.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "parole/parole.hpp"

namespace {

parole::EntityRecord person(const std::string& id, const std::string& name, const std::string& gender,
                            std::vector<std::string> aliases = {}) {
  parole::EntityRecord r;
  r.id = id;
  r.name = name;
  r.type = "PERSON";
  r.gender = gender;
  r.aliases = std::move(aliases);
  return r;
}

const parole::Extractor& extractor() {
  static const parole::Extractor ex = [] {
    parole::Gazetteer g;
    g.add(person("dupont", "Claire Dupont", "", {"Dupont"}));
    g.add(person("durand", "Paul Durand", "", {"Durand"}));
    g.add(person("rossi", "Marco Rossi", "m", {"Rossi"}));
    parole::EntityRecord org;
    org.id = "cgt-local";
    org.name = "Union des dockers";
    org.type = "ORG";
    g.add(org);
    return parole::Extractor(parole::Options{}, {g});
  }();
  return ex;
}

struct Expect {
  const char* text;
  std::vector<std::string> speakers;  // one per reported quote, "" for none
};

std::vector<std::string> speakers(const std::string& text) {
  std::vector<std::string> out;
  for (const parole::Quote& q : extractor().extract(text).quotes) {
    if (!q.parent) out.push_back(q.speaker ? q.speaker->name : "");
  }
  return out;
}

void check_rows(const std::vector<Expect>& rows) {
  for (const Expect& row : rows) {
    const std::string shown = row.text;
    CAPTURE(shown);
    CHECK(speakers(row.text) == row.speakers);
  }
}

}  // namespace

TEST_CASE("incise after the quote: names, honorifics, inverted verbs, adverbs, reflexives") {
  check_rows({
      {"« Nous partirons demain », a déclaré Claire Dupont.", {"Claire Dupont"}},
      {"« Nous partirons demain », a précisé Mme Dupont.", {"Claire Dupont"}},
      {"« Rien n’est joué », estime Paul Durand.", {"Paul Durand"}},
      {"« Rien n’est joué », a notamment souligné M. Durand, lundi.", {"Paul Durand"}},
      {"« Quelle surprise ! », s’est exclamé Paul Durand.", {"Paul Durand"}},
      {"« Nous verrons », avaient assuré les dockers.", {"les dockers"}},
      {"« On n’a plus rien », a raconté un manifestant.", {"un manifestant"}},
      {"« On n’a plus rien », raconte Hassan, un habitant du quartier.", {"Hassan"}},
      {"« Le calme est revenu », a indiqué l’Union des dockers.", {"Union des dockers"}},
      {"« Le calme est revenu » (Marie-Anne Lebrun)", {"Marie-Anne Lebrun"}},
  });
}

TEST_CASE("pronouns resolve to the most salient person of their gender, outside quotes") {
  check_rows({
      {"Paul Durand est arrivé lundi. « Je reste », a-t-il ajouté.", {"Paul Durand"}},
      {"Mme Dupont a rencontré M. Durand. « Il ment », a-t-elle dit.", {"Claire Dupont"}},
      {"Mme Dupont a rencontré M. Durand. « Elle ment », a-t-il dit.", {"Paul Durand"}},
      {"Mme Dupont est là. « J’ai vu Paul Durand », a-t-il ajouté.", {""}},
      {"M. Durand parle. « Je reste », poursuit-il. « Et je tiendrai », conclut-il.", {"Paul Durand", "Paul Durand"}},
  });
}

TEST_CASE("titles stand for the person the text gave them to") {
  check_rows({
      {"Le maire de Trévou, Paul Durand, a inauguré l’école.\n\n« C’est un grand jour », a déclaré le maire.",
       {"Paul Durand"}},
      {"Le ministre italien de l’Intérieur Marco Rossi est à Rome. Paul Durand l’accompagne.\n\n"
       "« Rien ne change », a affirmé le ministre italien.",
       {"Marco Rossi"}},
      {"Claire Dupont, porte-parole de l’Union des dockers, a parlé. M. Durand écoutait.\n\n"
       "« Nous bloquerons le port », a prévenu la porte-parole.",
       {"Claire Dupont"}},
  });
}

TEST_CASE("speaker before the quote: colon, que, selon") {
  check_rows({
      {"Paul Durand a déclaré : « Nous partirons. »", {"Paul Durand"}},
      {"Claire Dupont a estimé que « rien n’est joué ».", {"Claire Dupont"}},
      {"Paul Durand : « Je ne partirai pas »", {"Paul Durand"}},
      {"Mme Dupont s’est exprimée. Selon elle, « rien n’est joué ».", {"Claire Dupont"}},
      {"D’après M. Durand, la grève est « un échec ».", {"Paul Durand"}},
      // After a conjunction inside the sentence, as after a comma.
      {"Paul Durand est parti car selon lui, le projet était « une impasse totale ».", {"Paul Durand"}},
      {"Claire Dupont hésite, mais d’après elle, la grève est « un échec ».", {"Claire Dupont"}},
      // « pour » is a cue there only after a comma: here it means « for ».
      {"Le bilan est mitigé. Et pour les enfants du quartier, « tout reste à faire ».", {""}},
      // « selon » in its sense of « depending on ».
      {"Le prix varie et selon les saisons, il atteint « des sommets jamais vus ».", {}},
  });
}

TEST_CASE("incise inside the quote") {
  check_rows({
      {"« Moi, dit Paul Durand, je reste ici. »", {"Paul Durand"}},
      {"M. Durand est formel. « Je n’en peux plus, confie-t-il. Les interviews m’épuisent. »", {"Paul Durand"}},
  });
}

TEST_CASE("continuation keeps the previous speaker; an unattributed quote gets none") {
  check_rows({
      {"« Nous partirons », a déclaré Claire Dupont. « Et vite. »", {"Claire Dupont", "Claire Dupont"}},
      {"« Nous partirons », a déclaré Claire Dupont.\n\n« Et vite. »", {"Claire Dupont", "Claire Dupont"}},
      {"Le texte dit : rien. « Une phrase sans auteur. »", {""}},
  });
}

TEST_CASE("a person named inside a quote is not its speaker") {
  const parole::Result r = extractor().extract("« Paul Durand a menti », a déclaré Claire Dupont.");
  REQUIRE(r.quotes.size() == 1);
  REQUIRE(r.quotes[0].speaker);
  CHECK(r.quotes[0].speaker->entity == "dupont");
  CHECK(r.quotes[0].speaker->mention->text == "Claire Dupont");
  CHECK(r.quotes[0].cue->text == "a déclaré");
}

TEST_CASE("quoted terms are not speech unless asked for") {
  const std::string text = "Le film « Les Choristes » sort mercredi.";
  CHECK(extractor().extract(text).quotes.empty());
  parole::Options options;
  options.report_terms = true;
  const parole::Result r = parole::Extractor(options).extract(text);
  REQUIRE(r.quotes.size() == 1);
  CHECK(r.quotes[0].kind == "term");
}

TEST_CASE("kinds: direct after a colon or standing alone, partial inside the writer's sentence") {
  const parole::Result r = extractor().extract(
      "« Tout va bien », a dit Paul Durand. Il a jugé la réforme « inutile et coûteuse ». Il a ajouté que « rien ne "
      "presse ».");
  REQUIRE(r.quotes.size() == 3);
  CHECK(r.quotes[0].kind == "direct");
  CHECK(r.quotes[1].kind == "partial");
  CHECK(r.quotes[2].kind == "partial");
}

TEST_CASE("attribution reports its rule, cue, mention and a confidence") {
  const parole::Result r = extractor().extract("Paul Durand arrive. « Je reste », a-t-il ajouté.");
  REQUIRE(r.quotes.size() == 1);
  const parole::Quote& q = r.quotes[0];
  REQUIRE(q.speaker);
  CHECK(q.speaker->via == "incise");
  CHECK(q.speaker->mention->kind == "pronoun");
  CHECK(q.speaker->mention->text == "il");
  CHECK(q.cue->text == "a-t-il ajouté");
  CHECK(q.confidence > 0.5);
  CHECK(q.confidence <= 1.0);
}

TEST_CASE("the reference article is attributed from the text alone, without gazetteer roles") {
  // The default gazetteer lists Lavrov's offices; here nobody has a role, so
  // « le plus haut diplomate russe » must be learnt from the apposition.
  auto entity = [](const char* id, const char* name, const char* type, std::vector<std::string> aliases = {}) {
    parole::EntityRecord r;
    r.id = id;
    r.name = name;
    r.type = type;
    r.aliases = std::move(aliases);
    return r;
  };
  parole::Gazetteer g;
  g.add(entity("lavrov", "Sergueï Lavrov", "PERSON"));
  g.add(entity("stoltenberg", "Jens Stoltenberg", "PERSON"));
  g.add(entity("otan", "OTAN", "ORG"));
  g.add(entity("tass", "TASS", "ORG"));
  g.add(entity("moscou", "Moscou", "LOC"));
  parole::Options options;
  options.use_default_gazetteer = false;
  const parole::Extractor ex(options, {g});
  std::ifstream in(PAROLE_TEST_CORPUS_DIR "/seed/tass-2021-10-18.txt", std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  REQUIRE(!text.empty());
  const parole::Result r = ex.extract(text);
  REQUIRE(r.quotes.size() == 10);
  for (const parole::Quote& q : r.quotes) {
    CAPTURE(q.text);
    REQUIRE(q.speaker);
    CHECK(q.speaker->entity == "lavrov");
  }
}

TEST_CASE("people no gazetteer knows: given names, honorifics, roles learnt for them") {
  const parole::Extractor ex;
  const std::string text =
      "Sophie Marchetti, directrice de l’usine de Vernon, a reçu les syndicats.\n\n"
      "« Aucun poste ne sera supprimé », a déclaré Mme Marchetti.\n\n"
      "« Nous tiendrons parole », a-t-elle ajouté.\n\n"
      "Le délégué Karim Benali reste prudent : « Nous attendons des écrits. »\n\n"
      "« Le calendrier sera tenu », a assuré la directrice.";
  const parole::Result r = ex.extract(text);
  std::vector<std::string> got;
  for (const parole::Quote& q : r.quotes) got.push_back(q.speaker ? q.speaker->name : "");
  CHECK(got == std::vector<std::string>{"Sophie Marchetti", "Sophie Marchetti", "Karim Benali", "Sophie Marchetti"});
  for (const parole::Quote& q : r.quotes) {
    REQUIRE(q.speaker);
    CHECK(q.speaker->entity.empty());  // unlinked: no gazetteer entry
  }
  bool listed = false;
  for (const parole::Entity& e : r.entities) {
    if (e.name == "Sophie Marchetti") {
      listed = true;
      CHECK(e.id.empty());
      CHECK(e.type == "PERSON");
      CHECK(e.mentions.size() == 2);  // « Sophie Marchetti », « Marchetti »
    }
  }
  CHECK(listed);
}

TEST_CASE("appositions: the name wins over the title, the subject over its apposition") {
  check_rows({
      {"« La piscine coûte trop cher », a expliqué le maire sortant, Paul Durand.", {"Paul Durand"}},
      {"Comme le précise l’ambassadeur de France, Marco Rossi : « Nous restons. »", {"Marco Rossi"}},
      {"L’un des porte-parole, Paul Durand, a annoncé : « C’est un résultat provisoire. »", {"Paul Durand"}},
      {"Claire Dupont, directrice de l’Union des dockers, a indiqué : « Nous restons. »", {"Claire Dupont"}},
      {"De nombreux habitants, témoins de la scène, ont déclaré : « Ils ont tout cassé. »", {"De nombreux habitants"}},
  });
}

TEST_CASE("context, participles, clitics and coordinated verbs") {
  check_rows({
      {"Claire Dupont a annoncé son départ. Dans une lettre, elle explique sa décision.\n\n« J’ai tout donné. »",
       {"Claire Dupont"}},
      {"Estimant que « la loi est injuste », Paul Durand a voté contre.", {"Paul Durand"}},
      {"Paul Durand l’avait annoncé sur son blog : « Je pars. »", {"Paul Durand"}},
      {"Plus tard, Claire Dupont, présidente de séance, a levé la séance et a déclaré qu’« il n’y aura plus de pause "
       "».",
       {"Claire Dupont"}},
      {"Durand à indiqué par téléphone : « Tout va bien. »", {"Paul Durand"}},
  });
}

TEST_CASE("interviews: answers without marks are the interviewee's") {
  const std::vector<std::string> qr = speakers(
      "Entretien avec Claire Dupont, maire de Trévou.\n\n"
      "Q. Pourquoi ce projet ?\n\nR. Parce que la ville en a besoin.\n\n"
      "Q. Et Paul Durand ?\n\nR. Il m’a dit « jamais », mais il viendra.\n");
  CHECK(qr == std::vector<std::string>{"Claire Dupont", "Claire Dupont"});
  const std::vector<std::string> dashes = speakers(
      "Trois questions à Paul Durand, boulanger.\n\n— Pourquoi baisser vos prix ?\n\n— La farine a baissé.\n\n"
      "— Vos confrères vous en veulent-ils ?\n\n— Certains, oui.\n");
  CHECK(dashes == std::vector<std::string>{"Paul Durand", "Paul Durand"});
}

TEST_CASE("salience: narrative pronouns keep their person on stage; subjects outrank objects") {
  check_rows({
      {"Paul Durand a commenté le match. Dès 1976, il fit parler de lui face à Marco Rossi. Alors que l’arbitre "
       "hésitait, "
       "il avait lâché : « Quelle honte ! »",
       {"Paul Durand"}},
      {"Marco Rossi, de la CGT, a lui relevé qu’il « n’y a que trois embauches ».", {"Marco Rossi"}},
      {"Durand, le président de la commission se dit « particulièrement rassuré ».", {"Paul Durand"}},
      {"D’après le ministre du Budget, Marco Rossi, « il y a une ardoise cachée ».", {"Marco Rossi"}},
  });
}

TEST_CASE("organisations speak: named by a noun and a proper noun, then by the noun alone") {
  check_rows({
      {"L’association Vélo Libre a réagi : « Enfin un vrai plan. »", {"Vélo Libre"}},
      {"Le syndicat Force Docks a appelé à la grève. M. Durand est inquiet.\n\n« Le port restera fermé », a prévenu le "
       "syndicat.",
       {"Force Docks"}},
      {"La police est intervenue. « Deux personnes ont été interpellées », a indiqué la police.", {"la police"}},
      {"« Nous restons mobilisés », a déclaré la fédération.", {"la fédération"}},
  });
}

TEST_CASE("a government named after its head: the name is a person's, not an organisation's") {
  const parole::Result r = extractor().extract(
      "Le syndicat Force Docks proteste contre le gouvernement Marchetti. Le gouvernement Julien Rocard a "
      "démissionné.");
  std::vector<std::string> entities;
  for (const parole::Entity& e : r.entities) entities.push_back(e.name + ":" + e.type);
  CHECK(entities == std::vector<std::string>{"Force Docks:ORG", "Marchetti:PERSON", "Julien Rocard:PERSON"});
  // The head named again later, then by surname: one person.
  const parole::Result again =
      extractor().extract("Le gouvernement Julien Rocard a démissionné. Julien Rocard part. Rocard sourit.");
  REQUIRE(again.entities.size() == 1);
  CHECK(again.entities[0].mentions.size() == 3);
}

TEST_CASE("a name with a person's title apposed is a person, whatever its given name; then all through the text") {
  const auto people = [](const std::string& text) {
    std::vector<std::string> out;
    for (const parole::Entity& e : extractor().extract(text).entities) {
      if (e.type != "PERSON") continue;
      std::string mentions;
      for (const parole::Mention& m : e.mentions) mentions += (mentions.empty() ? "" : "|") + m.text;
      out.push_back(e.name + ":" + mentions);
    }
    return out;
  };
  CHECK(people("L'espèce a été choisie par Kenjiro Matsuda, chercheur à l'université. Kenjiro Matsuda a conclu.") ==
        std::vector<std::string>{"Kenjiro Matsuda:Kenjiro Matsuda|Kenjiro Matsuda"});
  CHECK(people("L'ancien porte-parole, Teodor Vasquell, aujourd'hui professeur, parle.") ==
        std::vector<std::string>{"Teodor Vasquell:Teodor Vasquell"});
  // A sentence's first word may be any word; an organisation's noun is no person's title; a longer
  // name starting before.
  CHECK(people("Salut Oradamès, roi de Sidon, entra.").empty());
  CHECK(people("Il travaille chez Wonder Works, société lyonnaise.").empty());
  CHECK(people("Tiknan Ag Elmir, porte-parole du mouvement, a parlé.").empty());
  CHECK(people("Selon le texte, Tiknan Ag Elmir, porte-parole du mouvement, a parlé.") ==
        std::vector<std::string>{"Tiknan Ag Elmir:Tiknan Ag Elmir"});
}

TEST_CASE("people: initials, hyphenated particles; common words are not given names") {
  check_rows({
      {"« Les traces sont fraîches », a expliqué V. Sapounov.", {"V. Sapounov"}},
      {"« Les combats continuent », a déclaré Rami Abd al-Rahman.", {"Rami Abd al-Rahman"}},
      {"Selon le ministre de la Justice Alberto Ruiz-Gallardón, « la loi changera ».", {"Alberto Ruiz-Gallardón"}},
      {"Il faisait 40 °C. Une habitante a dit : « On étouffe. »", {"Une habitante"}},
  });
}

TEST_CASE("a lone capitalised word opening a sentence is a name only when it is not a sentence opener") {
  check_rows({
      {"Vortex explique dans un communiqué que « la note est juste ».", {"Vortex"}},
      {"Moody's explique dans un communiqué que « la note est juste ».", {"Moody's"}},
      {"Plutôt que de répondre, le texte affirme que « tout va bien ».", {"le texte"}},
  });
}

TEST_CASE("reporting expressions of several words: faire état de, faire savoir, mettre en garde") {
  check_rows({
      {"La police a fait état de « jets de projectiles ».", {"La police"}},
      {"Paul Durand a fait savoir que « rien n’est décidé ».", {"Paul Durand"}},
      {"« Attention aux fausses annonces », a mis en garde Claire Dupont.", {"Claire Dupont"}},
      {"Les autorités invoquent de leur côté « des raisons de sécurité ».", {"Les autorités"}},
  });
}

TEST_CASE("a one-word place followed by a capitalised word is part of a longer unknown name") {
  const parole::Extractor ex;
  const parole::Result r =
      ex.extract("Site Maghreb Online. Serena Williams a gagné à Londres. « Je suis heureuse », a-t-elle dit.");
  std::vector<std::string> names;
  for (const parole::Entity& e : r.entities) names.push_back(e.name);
  CHECK(std::find(names.begin(), names.end(), "Maghreb") == names.end());
  CHECK(std::find(names.begin(), names.end(), "Londres") != names.end());
  REQUIRE(r.quotes.size() == 1);
  REQUIRE(r.quotes[0].speaker);
  CHECK(r.quotes[0].speaker->name == "Serena Williams");
}

TEST_CASE("organisation nouns beat given names; complements are not appositions; more titles") {
  check_rows({
      {"« Le parti ment », écrit notamment le quotidien El Punt Avui.", {"El Punt Avui"}},
      {"La direction de la chaîne de la France a condamné les agressions, « inacceptables ».",
       {"La direction de la chaîne de la France"}},
      {"Le maire de Trévou, Paul Durand, a inauguré l’école.\n\n« C’est un grand jour », a déclaré l’édile.",
       {"Paul Durand"}},
  });
}

TEST_CASE("people described, never named: subjects of the narrative and antecedents of pronouns") {
  check_rows({
      {"Une habitante, installée ici depuis quarante ans, craint pour sa maison. « Le tracé passe chez moi », "
       "raconte-t-elle.",
       {"Une habitante"}},
      {"Une habitante craint pour sa maison. « Le tracé passe chez moi. »", {"Une habitante"}},
      {"« On va tout perdre », lance un manifestant. « Et vite », ajoute-t-il.", {"un manifestant", "un manifestant"}},
  });
}

TEST_CASE("documents speak for their authors; relative clauses; participles after a quote") {
  check_rows({
      {"D’après le communiqué du ministère de l’Intérieur, « les agresseurs sont connus ».",
       {"ministère de l’Intérieur"}},
      {"Un rapport de l’Union des dockers apporte la même conclusion : « Le port est sûr. »", {"Union des dockers"}},
      {"Le documentaire de Claire Dupont affirme que « rien n’a changé ».", {"Claire Dupont"}},
      {"Cette baisse a déplu à l’Union des dockers, qui regrette le « moment » choisi.", {"Union des dockers"}},
      {"Le président de l’usine, Paul Durand, a précisé que « personne ne partira », ajoutant : « Nous tiendrons. »",
       {"Paul Durand", "Paul Durand"}},
      {"Le fisc défend cette publication, parlant d’un « effort de transparence ».", {"Le fisc"}},
  });
}

TEST_CASE("incises: an addressee between the verb and the speaker; no comma before the verb") {
  check_rows({
      {"« Les résultats sont alarmants », a expliqué à l’AFP Claire Dupont, professeure à Caen.", {"Claire Dupont"}},
      {"« Rien ne change », a déclaré au Figaro le ministre Marco Rossi.", {"Marco Rossi"}},
      {"« Tout va bien », a confié à la presse Paul Durand.", {"Paul Durand"}},
      {"« Il augmente les impôts » dénonce Paul Durand.", {"Paul Durand"}},
  });
}

TEST_CASE("object pronouns before an incise verb; complements are not subjects; the passage's subject as context") {
  check_rows({
      {"« C’est la grande bourgeoisie », lui avait dit Paul Durand.", {"Paul Durand"}},
      {"Autre avocat de Marco Rossi, Paul Durand a appris la nouvelle en voiture. Très ému, il confie que « tout a "
       "basculé ».",
       {"Paul Durand"}},
      {"Le maire de Trévou, Paul Durand, appelle à voter pour Claire Dupont.\n\n« Notre climat change. »",
       {"Paul Durand"}},
  });
}

TEST_CASE("hyphenated place names stay whole inside a speaker phrase") {
  check_rows({
      {"La maire de Villeneuve-sur-Lot a ajouté : « Nous rouvrirons le pont. »", {"La maire de Villeneuve-sur-Lot"}},
  });
}

TEST_CASE("pronouns: the subject of the last candidate's paragraph; relative antecedents with a « de X » complement") {
  check_rows({
      {"Le maire de Trévou, Paul Durand, appelle à voter pour Marco Rossi.\n\n« Notre climat change » déclare-t-il.",
       {"Paul Durand"}},
      {"La baisse n’a pas plu à l’Union des dockers de Marseille qui regrette le « moment » choisi.",
       {"Union des dockers"}},
  });
}

TEST_CASE("regression: a quote right after an elided word at the start of the text (found by fuzzing)") {
  const parole::Result r = extractor().extract("L'« Bonjour », a dit Paul Durand.");
  REQUIRE(r.quotes.size() == 1);
  CHECK(r.quotes[0].text == "Bonjour");
  parole::Options terms;
  terms.report_terms = true;
  const parole::Result t = parole::Extractor(terms).extract("Intitulé « Les Choristes », le film sort.");
  REQUIRE(t.quotes.size() == 1);
  CHECK(t.quotes[0].kind == "term");
}

TEST_CASE("a cue with no subject of its own shares the sentence's: participles, infinitives, coordinated verbs") {
  check_rows({
      {"Paul Durand juge que « tout est joué » évoquant des « erreurs graves et répétées ».",
       {"Paul Durand", "Paul Durand"}},
      {"Mme Dupont se dit « soulagée » et pense que « la grève est finie ».", {"Claire Dupont", "Claire Dupont"}},
      {"« Je reste », lui avait dit Paul Durand, avant de poursuivre « et je me battrai ».",
       {"Paul Durand", "Paul Durand"}},
  });
}

TEST_CASE("incises: a gerund or adverbs before the subject; an incise closing the quote's sentence; dialogues") {
  check_rows({
      {"« Nous avons gagné », a reconnu en souriant sa présidente, Sophie Marchetti.", {"Sophie Marchetti"}},
      {"« Rien n’est fini », conclut tout simplement Paul Durand.", {"Paul Durand"}},
      {"« Les chiffres sont faux », y compris ceux du ministère, commente Paul Durand, économiste.", {"Paul Durand"}},
      {"La rue a été fermée « dès que nous avons reçu l’alerte » qui a été donnée vers minuit, a indiqué un "
       "porte-parole des pompiers.",
       {"un porte-parole des pompiers"}},
      // The incise after a dialogue names its last voice; the quote is the first voice's.
      {"La salle a entendu : « Tu viens ? — Non, pas ce soir ! », répondit son frère.", {""}},
  });
}

TEST_CASE("an incise closing a sentence speaks for every quote of it; a quote ending its sentence is a turn") {
  check_rows({
      {"Paul Durand était à Lyon. « Avec la hausse des prix, même en réduisant nos dépenses », la question est de "
       "savoir « si nous pouvons tenir » affirme-t-il.",
       {"Paul Durand", "Paul Durand"}},
      {"« Malgré le froid et la pluie », le but reste « de finir avant l’hiver », a indiqué Claire Dupont.",
       {"Claire Dupont", "Claire Dupont"}},
  });
  // A later quote with a reporting verb of its own keeps its incise to itself.
  const parole::Result own_verb = extractor().extract(
      "« Une année difficile », mais Paul Durand déclare « nous tiendrons », a ajouté Claire Dupont.");
  REQUIRE(own_verb.quotes.size() == 2);
  CHECK(!own_verb.quotes[0].speaker);
  // Two turns: the second quote's incise is not the first's.
  const parole::Result turns = extractor().extract(
      "« Vous étiez à Lyon ? » « Oui, pour une affaire. » « J’en suis contente », reprit Claire "
      "Dupont.");
  REQUIRE(turns.quotes.size() == 3);
  CHECK(!(turns.quotes[1].speaker && turns.quotes[1].speaker->via == "incise"));
  REQUIRE(turns.quotes[2].speaker);
  CHECK(turns.quotes[2].speaker->name == "Claire Dupont");
}

TEST_CASE("apposed names: across a parenthesised acronym, after a colon's subject; a name before a quote is none") {
  check_rows({
      {"« Le marché est saturé », explique le président de la Fédération des boulangers (FDB), Paul Durand.",
       {"Paul Durand"}},
      {"L’association Vélo Libre milite pour les pistes. Son président, Paul Durand, reste prudent : « Nous "
       "verrons. »",
       {"Paul Durand"}},
      {"Selon la mairie, Trévou « n’a jamais manqué d’eau ».", {"la mairie"}},
      {"Pour la principale association de défense et de promotion du vélo, Vélo Libre : « Une victoire. »",
       {"Vélo Libre"}},
  });
}

TEST_CASE("colon: the subject of the sentence after an opening complement, when it is someone") {
  check_rows({
      {"Lors du conseil municipal, Paul Durand s’en est pris à l’opposition : « Vous mentez ! »", {"Paul Durand"}},
      {"Lors du conseil municipal, la salle était pleine : « Une première ! »", {""}},
  });
}

TEST_CASE("selon: after the quote without a comma (not pour), after a conjunction; a glued honorific") {
  check_rows({
      {"« La dette baisse » selon M.Lebrac.", {"Lebrac"}},
      {"Mais pour Paul Durand, « rien n’est joué ».", {"Paul Durand"}},
      {"« Rien n’est joué » pour Paul Durand.", {""}},
      {"« Nous partirons. » Selon Paul Durand, « rien n’est joué ».", {"", "Paul Durand"}},
  });
}

TEST_CASE("complements: a name after a title after a preposition is not a subject; relative antecedents") {
  check_rows({
      {"Paul Durand a voté contre. Déçu par la politique du ministre Marco Rossi, il déclara : « Je pars. »",
       {"Paul Durand"}},
      {"Ces grèves sont des représailles de l’Union des dockers, qui affirme « défendre les salaires ».",
       {"Union des dockers"}},
      {"Un des chercheurs de l’Union des dockers, Paul Durand, précise que « le port recule ».", {"Paul Durand"}},
  });
}

TEST_CASE("organisations speak through unnamed staff; an unnamed organisation's staff stay a description") {
  check_rows({
      {"« Le port restera fermé », ont prévenu les délégués de l’Union des dockers.", {"Union des dockers"}},
      {"« Le port restera fermé », a déclaré un porte-parole de la police.", {"un porte-parole de la police"}},
  });
}

TEST_CASE("organisations and groups as subjects are antecedents of il, elle, ils") {
  check_rows({
      {"Le syndicat a voté la grève. Il a déclaré que « rien ne bougera avant l’été ».", {"Le syndicat"}},
      {"Les dockers ont voté la grève.\n\n« Nous tiendrons », ont-ils affirmé.", {"Les dockers"}},
      {"Les dockers ont voté la grève. Paul Durand est venu. « Nous tiendrons », ont-ils affirmé.", {"Les dockers"}},
      {"Paul Durand arrive. « Nous tiendrons », ont-ils affirmé.", {""}},
  });
}

TEST_CASE("an organisation noun alone stands for the organisation the text named with it; documents for authors") {
  check_rows({
      {"« Ces actes sont graves », juge le ministère de la Mer. Le ministère s’est dit déterminé à « agir vite ».",
       {"le ministère de la Mer", "le ministère de la Mer"}},
      {"Le documentaire de l’Union des dockers précise : « Le port perd de l’argent. » « Les salaires baissent », "
       "ajoute le documentaire.",
       {"Union des dockers", "Union des dockers"}},
  });
}

TEST_CASE("no speech act: passives, perception verbs with a noun object") {
  check_rows({
      {"Les salariés sont maintenus dans « une précarité totale et durable pour tous ».", {""}},
      {"Les agresseurs auraient remarqué un « signe distinctif » sur sa veste.", {""}},
  });
}

TEST_CASE("naming and self-description verbs; a given name before a place name; a title learnt across M.") {
  check_rows({
      {"Paul Durand se présentait comme « le candidat du renouveau ».", {"Paul Durand"}},
      {"Le maire Paul Durand l’a nommé « citoyen d’honneur de la ville ».", {"Paul Durand"}},
      {"« Nous tiendrons », a déclaré Miguel Lyon.", {"Miguel Lyon"}},
      {"Le chef du gouvernement, M. Rossi, a présenté son plan. Paul Durand l’a critiqué.\n\n« Nous tiendrons le "
       "cap », a affirmé le premier ministre.",
       {"Marco Rossi"}},
  });
}
