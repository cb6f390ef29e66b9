#include <string>

#include "parole/parole.hpp"

namespace parole {
namespace {

std::string locate(const std::string& message, const std::string& source, std::size_t line, std::size_t column,
                   std::size_t offset) {
  std::string where = source.empty() ? std::string("<input>") : source;
  if (line > 0) {
    where += ":" + std::to_string(line);
    if (column > 0) where += ":" + std::to_string(column);
  }
  std::string text = where + ": " + message;
  if (line > 0 || offset > 0) text += " (byte offset " + std::to_string(offset) + ")";
  return text;
}

}  // namespace

Error::Error(Code code, const std::string& message, std::string source, std::size_t line, std::size_t column,
             std::size_t offset)
    : std::runtime_error(locate(message, source, line, column, offset)),
      code_(code),
      source_(std::move(source)),
      line_(line),
      column_(column),
      offset_(offset) {}

}  // namespace parole
