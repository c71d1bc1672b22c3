// TempEval-3 style scoring of time expressions against TimeML (.tml) files.
//
// ReadTimeml() extracts the raw TEXT of a TimeML document (tags removed,
// entities decoded), its DCT and the gold TIMEX3 annotations as byte spans of
// that text. Score() runs the annotator on the text with the DCT and compares:
// relaxed match = spans overlap, strict match = identical spans; type and value
// accuracy are measured on relaxed matches, and value F1 = value accuracy x
// relaxed F1 (the TempEval-3 definition).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "tidings/core/document.h"
#include "tidings/core/status.h"

namespace tidings::timex {

struct GoldTimex {
  Span span;
  std::string type;   // DATE, TIME, DURATION, SET
  std::string value;
};

struct TimemlDoc {
  std::string id;
  std::string dct;    // "YYYY-MM-DD" or empty
  std::string text;
  std::vector<GoldTimex> gold;
};

// Parses TimeML content (the whole file). `name` is used in error messages.
StatusOr<TimemlDoc> ParseTimeml(std::string_view content, std::string_view name);
StatusOr<TimemlDoc> ReadTimeml(const std::string& path);

struct Counts {
  int64_t gold = 0, sys = 0;
  int64_t relaxed = 0, strict = 0;  // matched pairs
  int64_t type_ok = 0, value_ok = 0;  // among relaxed matches
  void Add(const Counts& o) {
    gold += o.gold; sys += o.sys; relaxed += o.relaxed; strict += o.strict;
    type_ok += o.type_ok; value_ok += o.value_ok;
  }
};

struct Scores {
  double p = 0, r = 0, f1 = 0;              // relaxed
  double strict_p = 0, strict_r = 0, strict_f1 = 0;
  double type_acc = 0, value_acc = 0;
  double type_f1 = 0, value_f1 = 0;
};
Scores ComputeScores(const Counts& c);

// One line per error kind for diagnostics: "FN", "FP", "VAL" (wrong value),
// "SPAN" (relaxed but not strict match).
struct Diff {
  std::string kind;
  std::string text, gold_value, sys_value, gold_type, sys_type;
  std::string sys_text;
  uint32_t begin = 0;  // byte offset of the expression in the text
};

// Scores one document; `diffs` (optional) receives the errors.
Counts ScoreDoc(const TimemlDoc& doc, const std::vector<TimeExpr>& sys, std::vector<Diff>* diffs);

}  // namespace tidings::timex
