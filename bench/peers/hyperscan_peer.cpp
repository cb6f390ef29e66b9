// Hyperscan peer (bench/peers.sh): every surface form a literal pattern,
// caseless (Hyperscan folds ASCII case only: accents must match as written),
// block mode over the whole text; a match counts when it is a whole word
// (peer_common.hpp), overlapping matches included. build_s is the compile.
#include <hs/hs.h>

#include "peer_common.hpp"

namespace {

struct Context {
  const std::string* text;
  const std::vector<unsigned>* lengths;
  std::size_t matches = 0;
};

int on_match(unsigned id, unsigned long long /*from*/, unsigned long long to, unsigned /*flags*/, void* ctx) {
  auto* c = static_cast<Context*>(ctx);
  const std::size_t from = static_cast<std::size_t>(to) - (*c->lengths)[id];
  if (peer::whole_word(*c->text, from, static_cast<std::size_t>(to))) ++c->matches;
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const auto [forms, text] = peer::read_inputs(argc, argv);
  std::vector<const char*> exprs;
  std::vector<std::size_t> lens;
  std::vector<unsigned> flags, ids, lengths;
  for (std::size_t i = 0; i < forms.size(); ++i) {
    exprs.push_back(forms[i].data());
    lens.push_back(forms[i].size());
    flags.push_back(HS_FLAG_CASELESS);
    ids.push_back(static_cast<unsigned>(i));
    lengths.push_back(static_cast<unsigned>(forms[i].size()));
  }
  const auto t0 = peer::Clock::now();
  hs_database_t* db = nullptr;
  hs_compile_error_t* err = nullptr;
  if (hs_compile_lit_multi(exprs.data(), flags.data(), ids.data(), lens.data(), static_cast<unsigned>(forms.size()),
                           HS_MODE_BLOCK, nullptr, &db, &err) != HS_SUCCESS) {
    std::fprintf(stderr, "hyperscan: compile failed: %s\n", err ? err->message : "?");
    return 1;
  }
  const double build_s = peer::since(t0);
  hs_scratch_t* scratch = nullptr;
  if (hs_alloc_scratch(db, &scratch) != HS_SUCCESS) return 1;
  double best = 1e30;
  Context ctx{&text, &lengths};
  for (int r = 0; r < 3; ++r) {
    ctx.matches = 0;
    const auto t1 = peer::Clock::now();
    if (hs_scan(db, text.data(), static_cast<unsigned>(text.size()), 0, scratch, on_match, &ctx) != HS_SUCCESS) {
      return 1;
    }
    best = std::min(best, peer::since(t1));
  }
  peer::print("hyperscan", text.size(), best, ctx.matches, build_s);
  hs_free_scratch(scratch);
  hs_free_database(db);
  return 0;
}
