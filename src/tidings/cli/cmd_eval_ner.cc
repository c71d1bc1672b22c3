// tidings eval-ner: conlleval-style scoring (exact span and type).
#include <cstdio>
#include <string>

#include "tidings/tagger/conll.h"

using namespace tidings;
using namespace tidings::tagger;

int RunEvalNer(int argc, char** argv) {
  if (argc != 3 || std::string(argv[1]) == "--help") {
    std::fprintf(stderr,
                 "usage: tidings eval-ner GOLD PRED\n"
                 "  Both files in CoNLL format with the BIO tag in the LAST column, the same\n"
                 "  tokens in the same order (e.g. PRED = output of `tidings tag`).\n");
    return argc == 2 && std::string(argv[1]) == "--help" ? 0 : 2;
  }
  auto gold = ReadConllFile(argv[1], 2);
  if (!gold.ok()) {
    std::fprintf(stderr, "tidings eval-ner: %s\n", gold.status().message().c_str());
    return 2;
  }
  auto pred = ReadConllFile(argv[2], 2);
  if (!pred.ok()) {
    std::fprintf(stderr, "tidings eval-ner: %s\n", pred.status().message().c_str());
    return 2;
  }
  std::vector<const ConllSentence*> gs, ps;
  for (const auto& d : gold->documents)
    for (const auto& s : d.sentences) gs.push_back(&s);
  for (const auto& d : pred->documents)
    for (const auto& s : d.sentences) ps.push_back(&s);
  if (gs.size() != ps.size()) {
    std::fprintf(stderr, "tidings eval-ner: %s has %zu sentences, %s has %zu\n", argv[1], gs.size(), argv[2],
                 ps.size());
    return 2;
  }
  ChunkScore score;
  std::vector<std::string> g, p;
  for (size_t k = 0; k < gs.size(); ++k) {
    if (gs[k]->words.size() != ps[k]->words.size()) {
      std::fprintf(stderr, "tidings eval-ner: sentence at %s:%u and %s:%u differ in length\n", argv[1],
                   gs[k]->first_line, argv[2], ps[k]->first_line);
      return 2;
    }
    g.clear();
    p.clear();
    for (auto& c : gs[k]->cols) g.push_back(c.back());
    for (auto& c : ps[k]->cols) p.push_back(c.back());
    score.Add(g, p);
  }
  std::fputs(score.Report().c_str(), stdout);
  return 0;
}
