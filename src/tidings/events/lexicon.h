// Event lexicons: the built-in CAMEO verb and noun patterns (data/events/
// verbs.txt, nouns.txt, irregular_verbs.txt; format documented at the top of
// verbs.txt) and the CAMEO -> PLOVER table (data/events/cameo2plover.tsv).
//
// A Lexicon is immutable after Load and shared read-only by all threads.
// Lookups take lower-cased words and return views into the lexicon, valid for
// the lexicon's lifetime.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "tidings/core/status.h"
#include "tidings/core/string_map.h"

namespace tidings::events {

// Modality frames: verbs whose event is their complement's, recoded.
enum class Frame : uint8_t { kNone, kThreat, kIntent, kRefuse, kAppeal, kDemand, kDeny, kAttempt, kPlan, kPrevent };

// One element of a pattern after its first (trigger) word.
struct PatItem {
  enum Kind : uint8_t { kWord, kObject, kGap } kind = kWord;
  std::vector<std::string> alts;  // kWord: alternatives, lower case
};

struct LexEntry {
  std::string code;  // CAMEO code; empty for light verbs
  bool noun = false;
  std::vector<PatItem> rest;
  std::vector<std::string> tgt_preps;
  std::string elite_code;
  Frame frame = Frame::kNone;
  bool intrans = false, recip = false, weak = false, light = false, objof = false;
  int literals = 0;  // number of literal words (specificity)
  std::string source;  // "verbs.txt:12" for error messages and debugging
};

// Verb form bits for a surface form of a lexicon verb.
enum VerbForm : uint8_t { kFormBase = 1, kForm3sg = 2, kFormPast = 4, kFormPart = 8, kFormIng = 16 };

struct FormEntry {
  uint32_t entry;  // index into Lexicon::entries()
  uint8_t forms;   // VerbForm bits (nouns: 0)
};

struct TransparentHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using WordMap = StringMap<std::vector<FormEntry>>;

class Lexicon {
 public:
  // Loads verbs.txt, nouns.txt, irregular_verbs.txt and cameo2plover.tsv from
  // `dir` (data/events). Errors name the file and line.
  static StatusOr<Lexicon> Load(const std::string& dir);
  // Builds from strings (tests). `plover_tsv` may be empty.
  static StatusOr<Lexicon> FromStrings(std::string_view verbs, std::string_view nouns,
                                       std::string_view irregular, std::string_view plover_tsv);

  const std::vector<LexEntry>& entries() const { return entries_; }
  // Entries whose trigger (first word) is this lower-cased verb form / noun form.
  const std::vector<FormEntry>* Verb(std::string_view lower) const;
  const std::vector<FormEntry>* Noun(std::string_view lower) const;
  // Lemma of a lower-cased verb form of any verb the lexicon knows (or empty).
  std::string_view VerbLemma(std::string_view lower) const;
  // Verb form bits of a known verb form (0 when unknown).
  uint8_t VerbForms(std::string_view lower) const;
  // True for reporting verbs ("say", "announce"), listed in verbs.txt with '%speech'.
  bool IsSpeech(std::string_view lemma) const { return speech_.contains(lemma); }
  // PLOVER category of a CAMEO code (longest known prefix), or empty.
  std::string_view Plover(std::string_view cameo) const;

 private:
  Status ParseEntries(std::string_view text, bool noun, std::string_view file);
  Status ParseIrregular(std::string_view text);
  Status ParsePlover(std::string_view text);
  void AddVerbForms(const std::string& lemma, uint32_t entry);
  std::vector<std::string> Inflect(const std::string& lemma, std::vector<uint8_t>* forms) const;

  std::vector<LexEntry> entries_;
  WordMap verbs_, nouns_;
  // Surface form -> (lemma, form bits) for every inflected verb.
  StringMap<std::pair<std::string, uint8_t>> lemma_;
  // lemma -> explicit forms (irregular table), each with form bits.
  std::unordered_map<std::string, std::vector<std::pair<std::string, uint8_t>>> irregular_;
  StringMap<std::string> plover_;
  StringMap<uint8_t> speech_;
  std::vector<std::string> plain_;  // verbs known for parsing only ('%' lines)
};

// Lower-cases ASCII letters of `w` into `buf` (size n); returns a view of the
// result, truncated at n bytes. Non-ASCII bytes are copied unchanged.
std::string_view LowerInto(std::string_view w, char* buf, size_t n);

}  // namespace tidings::events
