// parole-eval — scores parole against the human gold annotations of a corpus.
//
//   parole-eval [--verbose] [--gold-gazetteer] [--floors FILE] DIR...
//
// For every NAME.gold.json below the given folders it runs the library on
// NAME.txt and reports, per text and overall:
//   quotes    precision / recall / F1 of top-level quotes (a predicted quote
//             matches a gold one when their normalised texts are equal or
//             their byte spans overlap by at least 80 % of their union;
//             nested quotes and quoted terms are not counted);
//   speakers  accuracy over gold quotes (the matched prediction names the
//             gold speaker: by one of its names when the text names it, else
//             by one of the gold descriptions; null must be null) and
//             precision over the predictions that name a speaker;
//   mentions  precision / recall / F1 of entity name mentions (exact spans).
// --gold-gazetteer builds each text's gazetteer from its gold entities (the
// default gazetteer stays on). --floors fails (exit 1) when an overall figure
// is below the floor kept in FILE ({"quote_f1": 0.9, ...}).
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "parole/parole.hpp"
#include "text/fold.hpp"

namespace fs = std::filesystem;
using Json = nlohmann::json;

namespace {

struct Counts {
  std::size_t quote_tp = 0, quote_pred = 0, quote_gold = 0;
  std::size_t speaker_right = 0, speaker_gold = 0;
  std::size_t speaker_pred_right = 0, speaker_pred = 0;
  std::size_t mention_tp = 0, mention_pred = 0, mention_gold = 0;
  // Attributions by confidence: [0] >= 0.9, [1] >= 0.75, [2] >= 0.6, [3] below.
  std::size_t bucket_right[4] = {0, 0, 0, 0}, bucket_all[4] = {0, 0, 0, 0};

  void add(const Counts& o) {
    for (int b = 0; b < 4; ++b) bucket_right[b] += o.bucket_right[b], bucket_all[b] += o.bucket_all[b];
    quote_tp += o.quote_tp, quote_pred += o.quote_pred, quote_gold += o.quote_gold;
    speaker_right += o.speaker_right, speaker_gold += o.speaker_gold;
    speaker_pred_right += o.speaker_pred_right, speaker_pred += o.speaker_pred;
    mention_tp += o.mention_tp, mention_pred += o.mention_pred, mention_gold += o.mention_gold;
  }
};

double ratio(std::size_t a, std::size_t b) { return b == 0 ? 1.0 : static_cast<double>(a) / static_cast<double>(b); }
double f1(double p, double r) { return p + r == 0 ? 0.0 : 2 * p * r / (p + r); }

struct Figures {
  double quote_p, quote_r, quote_f1, speaker_accuracy, speaker_precision, mention_p, mention_r, mention_f1;
};

Figures figures(const Counts& c) {
  Figures f{};
  f.quote_p = ratio(c.quote_tp, c.quote_pred);
  f.quote_r = ratio(c.quote_tp, c.quote_gold);
  f.quote_f1 = f1(f.quote_p, f.quote_r);
  f.speaker_accuracy = ratio(c.speaker_right, c.speaker_gold);
  f.speaker_precision = ratio(c.speaker_pred_right, c.speaker_pred);
  f.mention_p = ratio(c.mention_tp, c.mention_pred);
  f.mention_r = ratio(c.mention_tp, c.mention_gold);
  f.mention_f1 = f1(f.mention_p, f.mention_r);
  return f;
}

// Folded, without punctuation and without a leading article, so that
// « la NASA » and « NASA », « Le Figaro » and « Figaro » compare equal.
std::string normalise(const std::string& s) {
  std::string folded = parole::text::fold(s);
  for (const char* article : {"le ", "la ", "les ", "l'"}) {
    const std::string a(article);
    if (folded.compare(0, a.size(), a) == 0) {
      folded.erase(0, a.size());
      break;
    }
  }
  std::string out;
  for (const char c : folded) {
    const bool drop = c == ' ' || c == '.' || c == ',' || c == ';' || c == '!' || c == '?' || c == ':';
    if (!drop) out.push_back(c);
  }
  return out;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

bool spans_match(std::size_t s1, std::size_t e1, std::size_t s2, std::size_t e2, const std::string& t1,
                 const std::string& t2) {
  if (normalise(t1) == normalise(t2)) return true;
  const std::size_t inter = std::min(e1, e2) > std::max(s1, s2) ? std::min(e1, e2) - std::max(s1, s2) : 0;
  const std::size_t uni = std::max(e1, e2) - std::min(s1, s2);
  return uni > 0 && inter * 10 >= uni * 8;
}

// A named speaker must be given by one of its names (a title that stands for
// them is not enough); a speaker the text never names, by its description or
// one of the other descriptions the gold lists.
bool speaker_right(const Json& gold_quote, const Json& entities, const parole::Quote* pred,
                   const parole::Result& result) {
  const bool gold_null = gold_quote["speaker"].is_null();
  if (pred == nullptr || !pred->speaker) return gold_null;
  if (gold_null) return false;
  // The predicted speaker's canonical name, or any name the text gives that
  // same entity (our gazetteer may call « CGT » « Confédération générale du travail »).
  std::vector<std::string> names{normalise(pred->speaker->name)};
  for (const parole::Entity& e : result.entities) {
    if (e.name != pred->speaker->name || e.id != pred->speaker->entity) continue;
    for (const parole::Mention& m : e.mentions) names.push_back(normalise(m.text));
  }
  const auto matches = [&](const std::string& form) {
    return std::find(names.begin(), names.end(), normalise(form)) != names.end();
  };
  const std::string name = names.front();
  if (matches(gold_quote["speaker"].get<std::string>())) return true;
  const Json& entity_id = gold_quote.value("speaker_entity", Json());
  if (entity_id.is_string()) {
    if (pred->speaker->entity == "gold:" + entity_id.get<std::string>()) return true;
    for (const Json& e : entities) {
      if (e.value("id", std::string()) != entity_id.get<std::string>()) continue;
      if (matches(e.value("name", std::string()))) return true;
      for (const Json& alias : e.value("aliases", Json::array())) {
        if (alias.is_string() && matches(alias.get<std::string>())) return true;
      }
    }
    return false;
  }
  for (const Json& alias : gold_quote.value("speaker_aliases", Json::array())) {
    if (alias.is_string() && name == normalise(alias.get<std::string>())) return true;
  }
  return false;
}

parole::Gazetteer gazetteer_from_gold(const Json& gold) {
  parole::Gazetteer g;
  for (const Json& e : gold.value("entities", Json::array())) {
    parole::EntityRecord rec;
    rec.id = "gold:" + e.value("id", std::string());
    rec.name = e.value("name", std::string());
    rec.type = e.value("type", std::string());
    rec.gender = e.value("gender", std::string());
    for (const Json& a : e.value("aliases", Json::array())) rec.aliases.push_back(a.get<std::string>());
    for (const Json& r : e.value("roles", Json::array())) rec.roles.push_back(r.get<std::string>());
    g.add(std::move(rec));
  }
  return g;
}

Counts score(const std::string& name, const std::string& text, const Json& gold, const parole::Result& r,
             bool verbose) {
  Counts c;
  std::vector<const parole::Quote*> predicted;
  for (const parole::Quote& q : r.quotes) {
    if (!q.parent && q.kind != "term") predicted.push_back(&q);
  }
  std::vector<bool> used(predicted.size(), false);
  c.quote_pred = predicted.size();
  for (const Json& g : gold.value("quotes", Json::array())) {
    if (!g["parent"].is_null() && g.contains("parent")) continue;
    ++c.quote_gold;
    ++c.speaker_gold;
    const auto gs = g["start"].get<std::size_t>();
    const auto ge = g["end"].get<std::size_t>();
    const parole::Quote* match = nullptr;
    for (std::size_t k = 0; k < predicted.size() && match == nullptr; ++k) {
      if (!used[k] && spans_match(gs, ge, predicted[k]->start, predicted[k]->end, g["text"], predicted[k]->text)) {
        used[k] = true;
        match = predicted[k];
      }
    }
    if (match != nullptr) ++c.quote_tp;
    const bool right = speaker_right(g, gold.value("entities", Json::array()), match, r);
    c.speaker_right += right ? 1 : 0;
    if (match != nullptr && match->speaker) {
      ++c.speaker_pred;
      c.speaker_pred_right += right ? 1 : 0;
      const double conf = match->confidence;
      const int bucket = conf >= 0.9 ? 0 : conf >= 0.75 ? 1 : conf >= 0.6 ? 2 : 3;
      ++c.bucket_all[bucket];
      c.bucket_right[bucket] += right ? 1 : 0;
    }
    if (verbose && (match == nullptr || !right)) {
      const std::string gold_speaker = g["speaker"].is_null() ? "null" : g["speaker"].get<std::string>();
      const std::string got = match == nullptr ? "(quote missed)"
                              : match->speaker ? match->speaker->name + " via " + match->speaker->via
                                               : "null";
      std::cout << "  " << name << ": " << (match == nullptr ? "MISSED QUOTE" : "WRONG SPEAKER") << " @" << gs << " «"
                << g["text"].get<std::string>().substr(0, 60) << "» gold=" << gold_speaker << " got=" << got << "\n";
    }
  }
  for (std::size_t k = 0; k < predicted.size(); ++k) {
    if (!used[k] && verbose) {
      std::cout << "  " << name << ": EXTRA QUOTE @" << predicted[k]->start << " «" << predicted[k]->text.substr(0, 60)
                << "»\n";
    }
  }
  std::vector<std::pair<std::size_t, std::size_t>> gold_mentions;
  for (const Json& e : gold.value("entities", Json::array())) {
    for (const Json& m : e.value("mentions", Json::array())) {
      gold_mentions.emplace_back(m["start"].get<std::size_t>(), m["end"].get<std::size_t>());
    }
  }
  std::sort(gold_mentions.begin(), gold_mentions.end());
  c.mention_gold = gold_mentions.size();
  std::vector<std::pair<std::size_t, std::size_t>> pred_mentions;
  for (const parole::Entity& e : r.entities) {
    for (const parole::Mention& m : e.mentions) pred_mentions.emplace_back(m.start, m.end);
  }
  c.mention_pred = pred_mentions.size();
  for (const auto& p : pred_mentions) {
    if (std::binary_search(gold_mentions.begin(), gold_mentions.end(), p)) {
      ++c.mention_tp;
    } else if (verbose) {
      std::cout << "  " << name << ": EXTRA MENTION @" << p.first << " " << text.substr(p.first, p.second - p.first)
                << "\n";
    }
  }
  if (verbose) {
    std::sort(pred_mentions.begin(), pred_mentions.end());
    for (const auto& g : gold_mentions) {
      if (!std::binary_search(pred_mentions.begin(), pred_mentions.end(), g)) {
        std::cout << "  " << name << ": MISSED MENTION @" << g.first << " " << text.substr(g.first, g.second - g.first)
                  << "\n";
      }
    }
  }
  return c;
}

void print(const std::string& label, const Counts& c) {
  const Figures f = figures(c);
  std::printf(
      "%-52s quotes P %.3f R %.3f F1 %.3f (%zu/%zu) | speakers acc %.3f prec %.3f | mentions P %.3f R %.3f F1 %.3f\n",
      label.substr(0, 52).c_str(), f.quote_p, f.quote_r, f.quote_f1, c.quote_tp, c.quote_gold, f.speaker_accuracy,
      f.speaker_precision, f.mention_p, f.mention_r, f.mention_f1);
}

int check_floors(const std::string& path, const Counts& total) {
  const Json floors = Json::parse(read_file(path));
  const Figures f = figures(total);
  const std::vector<std::pair<const char*, double>> got = {{"quote_precision", f.quote_p},
                                                           {"quote_recall", f.quote_r},
                                                           {"quote_f1", f.quote_f1},
                                                           {"speaker_accuracy", f.speaker_accuracy},
                                                           {"speaker_precision", f.speaker_precision},
                                                           {"mention_precision", f.mention_p},
                                                           {"mention_recall", f.mention_r},
                                                           {"mention_f1", f.mention_f1}};
  int failures = 0;
  for (const auto& [key, value] : got) {
    if (!floors.contains(key)) continue;
    const double floor = floors[key].get<double>();
    if (value + 1e-9 < floor) {
      std::printf("FLOOR FAILED: %s = %.3f < %.3f\n", key, value, floor);
      ++failures;
    }
  }
  std::printf("floors: %d failed of %zu checked\n", failures, floors.size());
  return failures == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"parole-eval: score parole against gold annotations"};
  bool verbose = false;
  bool gold_gazetteer = false;
  bool no_default = false;
  std::string floors;
  std::vector<std::string> dirs;
  app.add_flag("--verbose,-v", verbose, "Print every missed or extra quote and mention, and wrong speakers");
  app.add_flag("--gold-gazetteer", gold_gazetteer, "Add each text's gold entities as a gazetteer");
  app.add_flag("--no-default-gazetteer", no_default, "Do not use the embedded default gazetteer");
  app.add_option("--floors", floors, "JSON file of minimum overall figures")->check(CLI::ExistingFile);
  app.add_option("dirs", dirs, "Corpus folders (searched recursively for *.gold.json)")->required();
  CLI11_PARSE(app, argc, argv);

  std::vector<fs::path> golds;
  for (const std::string& dir : dirs) {
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
      const std::string file = entry.path().filename().string();
      if (file.size() > 10 && file.compare(file.size() - 10, 10, ".gold.json") == 0) golds.push_back(entry.path());
    }
  }
  std::sort(golds.begin(), golds.end());
  if (golds.empty()) {
    std::cerr << "parole-eval: no *.gold.json found\n";
    return 2;
  }
  parole::Options options;
  options.use_default_gazetteer = !no_default;
  const parole::Extractor shared(options);
  Counts total;
  for (const fs::path& gold_path : golds) {
    std::string stem = gold_path.filename().string();
    stem.resize(stem.size() - 10);
    const fs::path text_path = gold_path.parent_path() / (stem + ".txt");
    const std::string text = read_file(text_path);
    const Json gold = Json::parse(read_file(gold_path));
    parole::Result result;
    if (gold_gazetteer) {
      result = parole::Extractor(options, {gazetteer_from_gold(gold)}).extract(text);
    } else {
      result = shared.extract(text);
    }
    const Counts c = score(stem, text, gold, result, verbose);
    print(stem, c);
    total.add(c);
  }
  print("OVERALL (" + std::to_string(golds.size()) + " texts)", total);
  const char* labels[4] = {">= 0.90", "0.75-0.90", "0.60-0.75", "< 0.60"};
  std::printf("calibration (attributions right / made, by confidence):");
  for (int b = 0; b < 4; ++b) {
    std::printf("  %s: %zu/%zu (%.3f)", labels[b], total.bucket_right[b], total.bucket_all[b],
                ratio(total.bucket_right[b], total.bucket_all[b]));
  }
  std::printf("\n");
  return floors.empty() ? 0 : check_floors(floors, total);
}
