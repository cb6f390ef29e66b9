// Data files compiled into the library (see cmake/EmbedData.cmake and data/).
#ifndef PAROLE_DATA_EMBEDDED_HPP
#define PAROLE_DATA_EMBEDDED_HPP

#include <string_view>

namespace parole::data {

// The bytes of an embedded data file by its path below data/, e.g.
// "lexicon/titles.tsv"; empty when there is no such file.
std::string_view embedded(std::string_view name) noexcept;

}  // namespace parole::data

#endif
