// Thread safety: one Extractor shared by 8 threads over every text of the
// test corpus gives exactly the single-thread results (to_json equality).
// Run under ThreadSanitizer by scripts/test.sh (build-tsan).
#include "support.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "parole/parole.hpp"

namespace {

namespace fs = std::filesystem;

std::vector<std::string> corpus_texts() {
  std::vector<fs::path> paths;
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(PAROLE_TEST_CORPUS_DIR)) {
    if (entry.is_regular_file() && entry.path().extension() == ".txt") paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end());
  std::vector<std::string> texts;
  for (const fs::path& p : paths) {
    std::ifstream in(p, std::ios::binary);
    texts.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  return texts;
}

}  // namespace

TEST_CASE("one Extractor used from 8 threads gives the single-thread results") {
  const std::vector<std::string> texts = corpus_texts();
  REQUIRE(texts.size() >= 100);
  const parole::Extractor ex;

  // The threads run first, all released at once, so that they also race on
  // whatever the first extractions initialise.
  constexpr std::size_t kThreads = 8;
  std::vector<std::vector<std::string>> outputs(kThreads, std::vector<std::string>(texts.size()));
  std::mutex mutex;
  std::condition_variable go;
  bool started = false;
  std::atomic<std::size_t> threw{0};
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      {
        std::unique_lock<std::mutex> lock(mutex);
        go.wait(lock, [&] { return started; });
      }
      // Each thread walks the corpus from a different place.
      for (std::size_t k = 0; k < texts.size(); ++k) {
        const std::size_t i = (k + t * texts.size() / kThreads) % texts.size();
        try {
          outputs[t][i] = parole::to_json(ex.extract(texts[i]));
        } catch (...) {
          ++threw;
        }
      }
    });
  }
  {
    const std::lock_guard<std::mutex> lock(mutex);
    started = true;
  }
  go.notify_all();
  for (std::thread& th : threads) th.join();
  CHECK(threw.load() == 0);

  std::size_t quotes = 0;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const parole::Result r = ex.extract(texts[i]);
    quotes += r.quotes.size();
    const std::string expected = parole::to_json(r);
    for (std::size_t t = 0; t < kThreads; ++t) {
      INFO("text " << i << ", thread " << t);
      CHECK(outputs[t][i] == expected);
    }
  }
  CHECK(quotes > 100);  // the corpus was really analysed
}

TEST_CASE("a document's result does not depend on the documents extracted before it on the same thread") {
  // The tokenizer's memory is kept by each thread from one document to the
  // next: what a longer document left there must not show in a shorter one.
  const parole::Extractor ex;
  const std::string before =
      "Titre\n\nLe président Emmanuel Macron a déclaré : « Nous irons jusqu'au bout », à Paris, en 2023.\n"
      "Une deuxième ligne \xFF avec un octet invalide, et des chiffres 12345.\n\n« Une citation\n« reprise. »";
  const std::string after = "« Oui », a dit M. Dupont à Lyon.";
  std::string fresh;
  std::thread([&] { fresh = parole::to_json(ex.extract(after)); }).join();
  std::string reused;
  std::thread([&] {
    (void)ex.extract(before);
    reused = parole::to_json(ex.extract(after));
  }).join();
  CHECK(reused == fresh);
  CHECK(fresh.find("\"Oui\"") != std::string::npos);
}
