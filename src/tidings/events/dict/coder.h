// Dictionary-driven event coder with TABARI's sparse-parse semantics.
//
// Given a sentence and a date, the coder reproduces TABARI's passes (TABARI
// manual ch. 5-8), in this order:
//   1. filter the text into upper-case words (TabariWords);
//   2. classify words with the dictionaries: the longest phrase starting at a
//      word wins (actors, agents, verb roots and forms, nouns, adjectives,
//      time phrases, discards); stems, `_` exact words, regular endings;
//   3. verbs after THE/A/AN or capitalised inside a mixed-case sentence
//      become nouns; null-coded actors become nouns;
//   4. agents join the actor before/after them ("Gondor police", "ambassador
//      of Arnor", FORMER -> ELI); parsed compounds "A, B and C";
//   5. root-level discard (###) and complex (+++) codes;
//   6. comma-delimited nonrestrictive clauses are removed (COMMA: limits) and
//      the sentence is classified again without them;
//   7. pronouns are dereferenced; conjunctions outside compounds split clauses;
//   8. complexity filter (COMPLEX:);
//   9. in each clause, verbs left to right: the longest matching pattern (or
//      the root code) gives the event code, `$ + % ^` in the pattern locate
//      source and target, otherwise the default searches (first actor before
//      the verb; first distinct actor after it, else before it); passive
//      voice swaps them; paired (a:b), subordinate (?) and dominant (!)
//      codes; CODE BY CLAUSE / SENTENCE / ALL.
//
// A Coder is immutable after construction and thread-safe; Code() keeps all
// scratch state on the stack of the call.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "tidings/events/dict/dictionary.h"

namespace tidings::dict {

// A filtered word: upper-case text and its byte span in the source text.
struct TWord {
  std::string text;
  uint32_t begin = 0, end = 0;
  bool capitalized = false;  // first letter upper case in the source
};

// TABARI's input filter: upper case, hyphens and ?! to blanks, periods after
// lower-case letters dropped, commas and semicolons as words, commas inside
// numbers removed. `base` is added to the byte offsets.
std::vector<TWord> TabariWords(std::string_view text, uint32_t base = 0);

struct CodedEvent {
  std::string source, target, code;
  int source_word = -1, target_word = -1;  // word index of the actor's head, -1 for defaults
  int verb_word = -1, verb_last = -1;      // word span of the verb
  bool subordinate = false;
  std::string pattern;  // the pattern or root that matched
};

enum class CodeStatus : uint8_t { kOk, kNoEvents, kTooShort, kDiscard, kComplex };
std::string_view CodeStatusName(CodeStatus s);

struct CodeResult {
  CodeStatus status = CodeStatus::kNoEvents;
  std::vector<CodedEvent> events;  // only when status == kOk
  int32_t date = 0;                // the (possibly time-shifted) date
  std::string explain;             // why complex/discard
};

class Coder {
 public:
  explicit Coder(std::shared_ptr<const Dictionaries> dict);

  const Dictionaries& dictionaries() const { return *dict_; }

  // Codes one sentence. `date` is YYYYMMDD (0 = unknown: undated codes only).
  // `final_period`: the sentence ended with a period (terminal comma clauses
  // are only removed then).
  CodeResult Code(const std::vector<TWord>& words, int32_t date, const Options& opt,
                  bool final_period) const;

 private:
  friend class SentenceCoder;
  std::shared_ptr<const Dictionaries> dict_;
  std::unordered_map<std::string, std::vector<int32_t>> exact_first_;  // exact first words
  std::unordered_map<std::string, std::vector<int32_t>> stem_first_;   // stemmed first words
  size_t max_stem_ = 0;
};

}  // namespace tidings::dict
