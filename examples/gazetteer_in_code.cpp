// gazetteer_in_code — your own people and organisations, built in code, then
// who said what in a text about them and where the text names them.
//
//   gazetteer_in_code
#include <iostream>
#include <string>

#include <parole/parole.hpp>

int main() {
  parole::Gazetteer gazetteer;

  parole::EntityRecord mayor;
  mayor.id = "person:claire-fontaine";
  mayor.name = "Claire Fontaine";
  mayor.type = "PERSON";
  mayor.gender = "f";
  mayor.roles = {"maire de Villeneuve"};        // a title that may stand for her
  mayor.extra["party"] = "\"sans étiquette\"";  // any other field, as JSON text, echoed by to_json()
  gazetteer.add(mayor);

  parole::EntityRecord teachers;
  teachers.id = "org:syndicat-enseignants-villeneuve";
  teachers.name = "Syndicat des enseignants de Villeneuve";
  teachers.type = "ORG";
  teachers.aliases = {"SEV"};
  gazetteer.add(teachers);

  parole::Options options;
  options.use_default_gazetteer = false;  // only ours here; drop this line to add the 3 000 default entities
  const parole::Extractor extractor(options, {gazetteer});

  const std::string text =
      "« Nous ne fermerons pas l’école Jean-Moulin », a déclaré Claire Fontaine lundi soir devant le conseil "
      "municipal. La maire de Villeneuve a ajouté : « Le rectorat doit nous répondre avant vendredi. » "
      "Selon le SEV, « rien n’est encore décidé ».";
  const parole::Result result = extractor.extract(text);

  for (const parole::Quote& quote : result.quotes) {
    std::cout << "« " << quote.text << " »\n";
    if (!quote.speaker) {
      std::cout << "  speaker unknown\n";
      continue;
    }
    const parole::Speaker& who = *quote.speaker;
    std::cout << "  " << who.name << " [" << who.entity << "] via " << who.via;
    if (who.mention) std::cout << ", named as « " << who.mention->text << " » (" << who.mention->kind << ")";
    std::cout << "\n";
  }
  for (const parole::Entity& entity : result.entities) {
    std::cout << entity.type << " " << entity.id;
    for (const auto& [key, json] : entity.extra) std::cout << " " << key << "=" << json;
    std::cout << ":";
    for (const parole::Mention& mention : entity.mentions) {
      std::cout << " \"" << mention.text << "\" [" << mention.start << ", " << mention.end << ")";
    }
    std::cout << "\n";
  }
  return 0;
}
