#include <parole/parole.hpp>
int main() {
  parole::Extractor ex;   // default options, embedded default gazetteer
  auto r = ex.extract("« Nous suspendons la mission », a déclaré Sergueï Lavrov.");
  return r.quotes.size() == 1 ? 0 : 1;
}
