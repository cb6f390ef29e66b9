// Replay driver for the fuzz targets when they are not built with libFuzzer
// (the normal and sanitizer builds): runs LLVMFuzzerTestOneInput over every
// file of the given directories (recursively, in name order) and files, so the
// committed seed corpora and past crashes run as plain CTest tests.
// Usage: fuzz_<target> PATH... ; exits 1 when no input was found.
//        fuzz_<target> --known-bug FILE : for a finding not fixed yet
//        (tests/fuzz/known-bugs/): runs FILE in a child process and succeeds
//        only while the child still fails; once the bug is fixed it says so
//        and fails, so that FILE moves into the seed corpus.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& file, bool& ok) {
  std::ifstream in(file, std::ios::binary);
  ok = static_cast<bool>(in);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

int known_bug(const char* path) {
  bool ok = false;
  const std::string data = read_file(path, ok);
  if (!ok) {
    std::fprintf(stderr, "replay: cannot read %s\n", path);
    return 1;
  }
  std::fflush(nullptr);
  const pid_t child = fork();
  if (child < 0) return 1;
  if (child == 0) {
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(data.data()), data.size());
    _exit(0);
  }
  int status = 0;
  if (waitpid(child, &status, 0) != child) return 1;
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
    std::printf("replay: %s passes now: the bug is fixed, move the file into the seed corpus\n", path);
    return 1;
  }
  std::printf("replay: %s still fails (known bug)\n", path);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 3 && std::string(argv[1]) == "--known-bug") return known_bug(argv[2]);
  std::vector<fs::path> files;
  for (int i = 1; i < argc; ++i) {
    const fs::path arg(argv[i]);
    if (fs::is_directory(arg)) {
      for (const fs::directory_entry& entry : fs::recursive_directory_iterator(arg)) {
        if (entry.is_regular_file()) files.push_back(entry.path());
      }
    } else {
      files.push_back(arg);
    }
  }
  std::sort(files.begin(), files.end());
  std::size_t bytes = 0;
  for (const fs::path& file : files) {
    bool ok = false;
    const std::string data = read_file(file, ok);
    if (!ok) {
      std::fprintf(stderr, "replay: cannot read %s\n", file.c_str());
      return 1;
    }
    std::fprintf(stderr, "replay: %s\n", file.c_str());
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(data.data()), data.size());
    bytes += data.size();
  }
  if (files.empty()) {
    std::fprintf(stderr, "replay: no input found\n");
    return 1;
  }
  std::printf("replay: %zu inputs (%zu bytes) passed\n", files.size(), bytes);
  return 0;
}
