// Scores quote extraction with speaker attribution on a gold JSONL set.
//
//   quotes_eval [--text-only] [--verbose] [FILE]   (default tests/data/quotes_eval.jsonl)
//
// Runs the full pipeline up to "quotes" (segmenter, tagger, kb when present),
// or with --text-only the quote extractor alone on the raw text, and prints
// precision, recall and F1 of direct+partial quotes counted right only with
// the right speaker.
#include <cstdio>
#include <cstring>
#include <string>

#include "tidings/pipeline/pipeline.h"
#include "tidings/quotes/eval.h"
#include "tidings/quotes/quotes.h"

using namespace tidings;

int main(int argc, char** argv) {
  bool text_only = false, verbose = false;
  std::string file = std::string(TIDINGS_SOURCE_DIR) + "/tests/data/quotes_eval.jsonl";
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--text-only")) text_only = true;
    else if (!std::strcmp(argv[i], "--verbose")) verbose = true;
    else if (argv[i][0] == '-') { std::fprintf(stderr, "usage: quotes_eval [--text-only] [--verbose] [FILE]\n"); return 2; }
    else file = argv[i];
  }
  auto set = quotes::LoadEvalSet(file);
  if (!set.ok()) { std::fprintf(stderr, "%s\n", set.status().message().c_str()); return 1; }
  Resources res = DefaultResources();
  std::unique_ptr<quotes::QuoteExtractor> alone;
  std::unique_ptr<Pipeline> pipe;
  if (text_only) {
    auto lex = quotes::CueLexicon::Load(res.data_dir + "/quotes/cues.tsv");
    if (!lex.ok()) { std::fprintf(stderr, "%s\n", lex.status().message().c_str()); return 1; }
    alone = std::make_unique<quotes::QuoteExtractor>(std::move(*lex));
  } else {
    auto p = Pipeline::Create({"quotes"}, res);
    if (!p.ok()) { std::fprintf(stderr, "%s\n", p.status().message().c_str()); return 1; }
    pipe = std::make_unique<Pipeline>(std::move(*p));
  }
  quotes::EvalCounts total;
  std::vector<std::string> errors;
  for (const auto& c : *set) {
    Document doc;
    doc.id = c.id;
    doc.text = c.text;
    if (alone) {
      alone->Extract(doc);
    } else if (Status st = pipe->Process(doc); !st.ok()) {
      std::fprintf(stderr, "%s: %s\n", c.id.c_str(), st.message().c_str());
      return 1;
    }
    total.Add(quotes::Score(c, doc, verbose ? &errors : nullptr));
  }
  for (const auto& e : errors) std::printf("  %s\n", e.c_str());
  std::printf("%s: %zu passages, %d gold quotes, %d predicted, %d span matches, %d with the right speaker\n",
              text_only ? "text-only" : "pipeline", set->size(), total.gold, total.predicted, total.matched,
              total.correct);
  std::printf("P %.3f  R %.3f  F1 %.3f\n", total.Precision(), total.Recall(), total.F1());
  return 0;
}
