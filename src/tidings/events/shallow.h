// Shallow parse of one sentence for the event coder: coarse word classes
// (from the tagger's Penn Treebank tags when present, else from closed-class
// word lists, the lexicons and capitalisation), noun phrases with possessors
// and coordination links, verb groups with voice, negation and modality, and
// clause numbers. No external parser; linear in sentence length.
//
// A Shallow is scratch: reuse one per thread/document to avoid reallocations.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "tidings/core/document.h"
#include "tidings/events/lexicon.h"

namespace tidings::events {

enum class Tag : uint8_t {
  kOther, kNoun, kPropn, kVerb, kAux, kModal, kAdj, kAdv, kDet, kPrep, kCconj, kSconj,
  kPron, kPossPron, kWh, kNeg, kTo, kPoss, kNum, kPunct, kComma
};

// Coarse class and verb form (VerbForm bits) of a Penn Treebank tag name.
Tag TagFromPtb(std::string_view ptb, uint8_t* vform);

// Maps tagger ids (Token::pos) to coarse classes; built once per stage.
struct PosTable {
  std::array<Tag, 256> tag{};
  std::array<uint8_t, 256> vform{};
  std::array<bool, 256> known{};
};

struct TokInfo {
  Tag tag = Tag::kOther;
  uint8_t vform = 0;      // VerbForm bits when a verb
  bool cap = false;       // starts with an upper-case letter
  int16_t np = -1;        // noun phrase index
  int16_t vg = -1;        // verb group index
  uint16_t clause = 0;
  bool time = false;      // inside a time expression ("on Monday" is skipped by patterns)
  std::string_view lower; // lower-cased word (view into Shallow::lower_pool)
};

struct NounPhrase {
  uint32_t b = 0, e = 0;   // token range, sentence-relative
  uint32_t head = 0;
  int32_t poss_b = -1, poss_e = -1;  // possessor tokens ("Russia" 's, "its")
  int32_t prep = -1;       // token of the preposition governing it, if any
  int16_t conj_next = -1;  // next NP in a coordination ("X and Y")
  int16_t conj_prev = -1;
};

struct VerbGroup {
  uint32_t b = 0, e = 0;  // token range, sentence-relative
  uint32_t head = 0;      // main verb (or the auxiliary for a bare copula)
  bool passive = false, negated = false, to_inf = false, future = false, must = false;
  bool bare_ing = false;  // "killing one person" with no auxiliary
  bool bare_part = false; // "armed with machetes", "killed" after "and" with no aux
  bool has_aux = false;   // an auxiliary or modal precedes the head
};

class Shallow {
 public:
  // Parses sentence `s` of `doc`. `pos` may be null (no tagger).
  void Parse(const Document& doc, const Sentence& s, const Lexicon& lex, const PosTable* pos);

  uint32_t base = 0;  // document token index of sentence token 0
  uint32_t n = 0;
  std::vector<TokInfo> tok;
  std::vector<NounPhrase> nps;
  std::vector<VerbGroup> vgs;
  // Per clause: 0 main, 1 complement ("that"), 2 relative (who/which), 3 adverbial (because/while...).
  std::vector<uint8_t> clause_kind;

  std::string_view lower(uint32_t i) const { return tok[i].lower; }
  bool Is(uint32_t i, std::string_view w) const { return i < n && tok[i].lower == w; }
  // NP whose first token is i (-1).
  int NpAt(uint32_t i) const { return i < n && tok[i].np >= 0 && nps[tok[i].np].b == i ? tok[i].np : -1; }

 private:
  std::string lower_pool_;
};

// Closed-class predicates on lower-cased words.
bool IsLocativePrep(std::string_view w);

}  // namespace tidings::events
