#include "cli/compile.hpp"

#include <chrono>
#include <cstdio>
#include <iostream>
#include <unordered_map>

#include "cli/common.hpp"
#include "parole/parole.hpp"

namespace parole_cli {

int run_compile(const CompileArgs& args) {
  const auto t0 = std::chrono::steady_clock::now();
  parole::Gazetteer merged;
  std::unordered_map<std::string, std::string> file_of_id;
  try {
    for (const std::string& path : args.inputs) {
      const parole::Gazetteer part = parole::Gazetteer::from_file(path, gazetteer_format(args.gazetteer_format));
      for (const parole::EntityRecord& rec : part.records()) {
        const auto [first, fresh] = file_of_id.emplace(rec.id, path);
        if (!fresh) {
          std::cerr << "parole: " << path << ": entity id \"" << rec.id << "\" is also defined in " << first->second
                    << "\n";
          return kSetupError;
        }
        merged.add(rec);
      }
    }
    merged.save_compiled(args.output, args.no_default_gazetteer ? parole::Gazetteer::DefaultForms::kLeftOut
                                                                : parole::Gazetteer::DefaultForms::kIncluded);
  } catch (const parole::Error& e) {
    std::cerr << "parole: " << e.what() << "\n";
    return kSetupError;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::fprintf(stderr, "parole: %zu entities from %zu file(s) compiled into %s in %.2f s\n", merged.size(),
               args.inputs.size(), args.output.c_str(), seconds);
  return kOk;
}

}  // namespace parole_cli
