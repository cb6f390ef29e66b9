// who_said_what — prints each quotation of a French text with its speaker.
//
//   who_said_what article.txt
//
// Builds against an installed parole with
//   find_package(parole CONFIG REQUIRED)
//   target_link_libraries(who_said_what PRIVATE parole::parole)
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

#include <parole/parole.hpp>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: who_said_what FILE\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (!in) {
    std::cerr << "who_said_what: cannot read " << argv[1] << "\n";
    return 1;
  }
  const parole::Extractor extractor;  // default options and the embedded default gazetteer
  for (const parole::Quote& quote : extractor.extract(text).quotes) {
    std::cout << (quote.speaker ? quote.speaker->name : "(unknown)") << ": « " << quote.text << " »\n";
  }
  return 0;
}
