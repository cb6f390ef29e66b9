// Readable doctest messages for the containers the tests compare.
#ifndef PAROLE_TESTS_SUPPORT_HPP
#define PAROLE_TESTS_SUPPORT_HPP

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "parole/parole.hpp"

namespace doctest {
template <>
struct StringMaker<std::vector<std::string>> {
  static String convert(const std::vector<std::string>& v) {
    std::string out = "[";
    for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", \"" : "\"") + v[i] + "\"";
    return String((out + "]").c_str());
  }
};
}  // namespace doctest

namespace parole_test {

// A gazetteer record with just an id, a name and a type.
inline parole::EntityRecord record(std::string id, std::string name, std::string type) {
  parole::EntityRecord r;
  r.id = std::move(id);
  r.name = std::move(name);
  r.type = std::move(type);
  return r;
}

}  // namespace parole_test

#endif
