// Quote attribution quality on the gold set in tests/data/quotes_eval.jsonl
// (text-only: no segmenter/tagger/kb), and the scorer itself.
#include <gtest/gtest.h>

#include "tidings/quotes/eval.h"
#include "tidings/quotes/quotes.h"

namespace tidings::quotes {
namespace {

TEST(QuotesEval, GoldSetF1AtLeast085) {
  auto set = LoadEvalSet(std::string(TIDINGS_TEST_DATA) + "/quotes_eval.jsonl");
  ASSERT_TRUE(set.ok()) << set.status().message();
  ASSERT_GE(set->size(), 20u);
  auto lex = CueLexicon::Load(std::string(TIDINGS_SOURCE_DIR) + "/data/quotes/cues.tsv");
  ASSERT_TRUE(lex.ok()) << lex.status().message();
  QuoteExtractor x(std::move(*lex));
  EvalCounts total;
  std::vector<std::string> errors;
  for (const EvalCase& c : *set) {
    Document doc;
    doc.text = c.text;
    x.Extract(doc);
    total.Add(Score(c, doc, &errors));
  }
  std::string all;
  for (const auto& e : errors) all += e + "\n";
  EXPECT_GE(total.F1(), 0.85) << all;
}

TEST(QuotesEval, ScorerCountsSpeakerErrors) {
  EvalCase c;
  c.id = "x";
  c.text = "\"Go home,\" said Ann Lee. \"Stay,\" Bob said.";
  c.quotes.push_back({"Go home", false, {"Ann Lee"}});
  c.quotes.push_back({"Stay", false, {"Bob"}});
  Document doc;
  doc.text = c.text;
  Quote a;
  a.span = {1, 8};
  a.speaker = {16, 23};
  a.speaker_name = "Ann Lee";
  Quote b;
  b.span = {26, 30};
  b.speaker = {16, 23};  // wrong speaker
  doc.quotes = {a, b};
  EvalCounts n = Score(c, doc);
  EXPECT_EQ(n.gold, 2);
  EXPECT_EQ(n.predicted, 2);
  EXPECT_EQ(n.matched, 2);
  EXPECT_EQ(n.correct, 1);
  EXPECT_DOUBLE_EQ(n.F1(), 0.5);
  EXPECT_FALSE(LoadEvalSet("/nonexistent.jsonl").ok());
}

}  // namespace
}  // namespace tidings::quotes
