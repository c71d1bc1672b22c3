// Scoring quote extraction against gold attributions (tests/data/quotes_eval.jsonl).
//
// Gold format, one JSON object a line:
//   {"id": "...", "text": "...", "quotes": [{"text": "quoted content",
//    "type": "direct" | "partial", "speaker": ["Name", "alias", ...] | null}]}
// A predicted direct or partial quote matches a gold quote when their spans
// overlap by at least half of the longer one; it is correct when the speaker
// is right too: both null, or one alias equal to the predicted speaker name or
// contained (as whole words, case-insensitive, ignoring a leading article) in the
// predicted speaker text.
#pragma once

#include <string>
#include <vector>

#include "tidings/core/document.h"
#include "tidings/core/status.h"

namespace tidings::quotes {

struct GoldQuote {
  std::string text;
  bool partial = false;
  std::vector<std::string> speakers;  // empty: no speaker
};

struct EvalCase {
  std::string id;
  std::string text;
  std::vector<GoldQuote> quotes;
};

StatusOr<std::vector<EvalCase>> LoadEvalSet(const std::string& path);

struct EvalCounts {
  int gold = 0;       // gold quotes
  int predicted = 0;  // predicted direct/partial quotes
  int matched = 0;    // span matches
  int correct = 0;    // span and speaker right
  void Add(const EvalCounts& o) {
    gold += o.gold, predicted += o.predicted, matched += o.matched, correct += o.correct;
  }
  double Precision() const { return predicted ? double(correct) / predicted : 0; }
  double Recall() const { return gold ? double(correct) / gold : 0; }
  double F1() const {
    double p = Precision(), r = Recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};

// Scores doc.quotes (doc.text must be c.text). `errors`, when given, receives
// one line per missed, spurious or misattributed quote.
EvalCounts Score(const EvalCase& c, const Document& doc, std::vector<std::string>* errors = nullptr);

}  // namespace tidings::quotes
