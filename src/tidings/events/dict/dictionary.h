// User event dictionaries in the TABARI and PETRARCH formats.
//
// A Dictionaries object holds everything the dictionary-driven coder
// (dict/coder.h) needs: verb roots with their patterns, synonym sets, actors
// with dated codes, agents, nouns, adjectives, time-shift phrases, discard
// phrases and the coding options. It is filled by the readers below, is
// immutable afterwards and may be shared read-only by any number of threads.
//
// Formats (see TABARI manual ch. 5, 6, 8, 10 and PETRARCH's dictionaries):
//   verbs    ROOT [code]          ; comment     (TABARI)
//            {FORM_ FORM2_}                      irregular forms of the root
//            - PATTERN * ... [code]              patterns, * = the verb
//            <SYNSETS> &NAME +WORD ... </SYNSETS>, <TIME>...</TIME>
//            --- BLOCK [code] ---  VERB {FORMS} +MULTI_WORD  (PETRARCH)
//   actors   PHRASE [CODE] [CODE <YYMMDD] [CODE >YYMMDD] [CODE d1-d2]
//            +SYNONYM lines and indented [code] lines; <NOUN>, <ADJECTIVE>
//   agents   PHRASE [~CODE] or [CODE~]; PETRARCH !MACRO! = A, B substitution
//   discards one phrase a line ('+' story-level); coded like [###]
//   options  COMPLEX:, DEFAULT:, COMMA:, SET: ..., LABEL: ...
// Phrase words: `_` joins words that must be consecutive and makes the word
// before it exact; `~_` keeps the word before it a stem; a word without `_`
// is a stem (prefix match); `=` ends a word that takes no regular endings.
//
// Syntax errors are reported as "file:line: message" in `warnings` and the
// line is skipped, as TABARI does; only unreadable files are errors.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tidings/core/status.h"

namespace tidings::dict {

// One word of a lexicon phrase (actor, agent, verb root, noun, ...).
struct PWord {
  std::string text;           // upper case, no connectors
  bool exact = false;         // whole word (ended with `_` or `=`)
  bool no_endings = false;    // ended with `=`: no regular endings either
  bool adjacent = false;      // the next word must follow immediately
};

// One element of a verb pattern.
struct PElem {
  enum Kind : uint8_t { kWord, kSource, kTarget, kCompound, kSkip, kAttrib, kAlt, kSynset };
  Kind kind = kWord;
  bool exact = false;
  bool adjacent = false;  // the next element must follow immediately
  std::string text;       // kWord
  int set = -1;           // kAlt: index into Dictionaries::alts; kSynset: into synsets
};
using PSeq = std::vector<PElem>;

// An event code as written in a dictionary: "064", "032:033", "023?",
// "031!", "---", "###", "+++".
struct VCode {
  enum Special : uint8_t { kNormal, kNull, kDiscard, kComplex };
  Special special = kNull;
  std::string code;    // first (or only) code
  std::string code2;   // second code of a paired code "a:b", else empty
  bool paired = false;
  bool subordinate = false;  // '?'
  bool dominant = false;     // '!'
};

struct Pattern {
  PSeq lower;   // elements before '*', in text order
  PSeq upper;   // elements after '*'
  VCode code;
  int length = 0;  // TABARI length: characters other than blanks and tokens
  int order = 0;   // position in the file (ties)
  bool has_alt = false;
  bool upper_anchored = false;  // '*_X': the first upper element follows the verb immediately
  std::string text;  // as written, for explanations
};

struct Verb {
  std::string root;  // as written
  VCode code;        // code of the root alone
  std::vector<Pattern> patterns;  // sorted by length desc, then file order
};

// A dated code block "[CODE <950601]".
struct CodeBlock {
  enum Kind : uint8_t { kAlways, kBefore, kAfter, kBetween };
  Kind kind = kAlways;
  int32_t d1 = 0, d2 = 0;   // YYYYMMDD
  std::vector<std::string> codes;  // coded compounds "A/B" split; "---", "###", "+++"
};

struct Actor {
  std::string parent;  // first phrase of a synonym group
  std::vector<CodeBlock> blocks;
  // Codes valid on `date` (YYYYMMDD): the first satisfied restriction, else
  // the unrestricted block, else {"---"}.
  const std::vector<std::string>& CodesOn(int32_t date) const;
};

// Kinds of lexicon phrases; the order is the tie-break priority.
enum class LexKind : uint8_t { kActor, kAgent, kVerb, kTime, kDiscard, kNoun, kAdjective };

struct LexEntry {
  std::vector<PWord> words;
  LexKind kind = LexKind::kNoun;
  int32_t id = -1;     // index into actors / agents / verbs / times
  int32_t length = 0;
  int32_t order = 0;
};

struct Agent {
  std::string code;   // without '~'
  bool prefix = false;  // "NGM~": the agent code goes before the actor code
};

struct TimeShift {
  VCode code;       // special codes or kNormal with `days`
  int days = 0;
  std::vector<Pattern> patterns;
};

struct Options {
  // COMPLEX:
  int complex_verbs = 0, complex_actors = 0, complex_pronouns = 0, complex_conj = 0,
      complex_comma = 0, complex_lateverb = 0;
  bool noactprior = false, noactafter = false, noverb = false, nosource = false,
       notarget = false, noevent = false;
  // DEFAULT:
  std::string default_source, default_target;
  bool default_prior = false, default_after = false;
  // COMMA:
  bool comma_on = true;
  int comma_min = 2, comma_max = 10, comma_emin = 2, comma_emax = 10, comma_bmin = 128,
      comma_bmax = 0;
  // SET:
  enum class CodeBy : uint8_t { kClause, kSentence, kAll };
  CodeBy code_by = CodeBy::kClause;
  int minimum_words = 8;
  bool convert_agents = false;
  bool yyyy = false;
  bool time_shift = false;
  bool fbis = false;

  // Applies one options-file line ("COMPLEX: VERBS[5] NOACTPRIOR"). Returns
  // false (and leaves settings unchanged) for an unrecognised command.
  bool Apply(std::string_view line, std::string* error = nullptr);
};

struct Dictionaries {
  std::vector<LexEntry> lex;   // all phrases, see coder.cc for the index
  std::vector<Verb> verbs;
  std::vector<Actor> actors;
  std::vector<Agent> agents;
  std::vector<TimeShift> times;
  std::vector<std::vector<PSeq>> synsets;
  std::vector<std::string> synset_names;
  std::vector<std::vector<PSeq>> alts;   // alternative sets "{ a | b }"
  Options options;
  std::vector<std::string> warnings;  // "file:line: message"

  size_t pattern_count() const;
};

// Readers append to `d`. They fail only when the file cannot be read.
Status ReadVerbsFile(const std::string& path, Dictionaries& d);
Status ReadActorsFile(const std::string& path, Dictionaries& d);
Status ReadAgentsFile(const std::string& path, Dictionaries& d);
Status ReadDiscardsFile(const std::string& path, Dictionaries& d);
Status ReadOptionsFile(const std::string& path, Dictionaries& d);

// The same readers on in-memory text (`name` is used in messages).
void ParseVerbs(std::string_view text, const std::string& name, Dictionaries& d);
void ParseActors(std::string_view text, const std::string& name, Dictionaries& d);
void ParseAgents(std::string_view text, const std::string& name, Dictionaries& d);
void ParseDiscards(std::string_view text, const std::string& name, Dictionaries& d);
void ParseOptions(std::string_view text, const std::string& name, Dictionaries& d);

// Parses "064", "032:033", "023?", "---", "###", "+++" (without brackets).
VCode ParseVCode(std::string_view s);

// "950601" -> 19950601 (years 00-30 are 2000-2030), "19950601" -> 19950601.
// Returns 0 when the text is not a date. With yyyy, 8 digits are expected.
int32_t ParseTabariDate(std::string_view s, bool yyyy = false);

}  // namespace tidings::dict
