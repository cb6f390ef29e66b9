// Readable doctest messages for the containers the tests compare.
#ifndef PAROLE_TESTS_SUPPORT_HPP
#define PAROLE_TESTS_SUPPORT_HPP

#include <doctest/doctest.h>

#include <string>
#include <vector>

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

#endif
