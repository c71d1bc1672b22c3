// Actor coding and in-document coreference.
//
// ActorCoder finds actor mentions - every entity, role noun phrases built on
// the role lexicon (data/kb/roles.tsv: "the Russian ambassador", "Syrian
// forces", "two security sources", "a Reuters cameraman") and third-person
// pronouns - codes each with a country (ISO alpha-3) and a sector (GOV, MIL,
// COP, ...; docs/schema.md), and groups them into clusters:
//   - names: "Andrei Karlov" ~ "Karlov", "Bashar Al Assad" ~ "Assad";
//   - titles carry over: "Syrian President Bashar Al Assad" makes the Assad
//     cluster SYR GOV of class "leader", so "the Syrian leader" joins it;
//   - role nominals join the latest cluster of the same class and compatible
//     country ("the ambassador", "envoy" -> Andrei Karlov; "the gunman",
//     "the attacker"), and copular/"as" links ("the gunman ... was an off-duty
//     police officer", "identified the gunman as ...") merge clusters;
//   - he/she/him/her/his outside quotations go to the nearest compatible
//     person mention of the current or previous two sentences.
// Actors whose country is not said (police, courts, civilians, the gunman)
// take the article's home country: the dateline's, else the dominant one.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "tidings/core/document.h"
#include "tidings/core/status.h"
#include "tidings/kb/geocoder.h"
#include "tidings/kb/normalize.h"

namespace tidings::kb {

enum class RoleKind : uint8_t { kPerson, kGroup, kOrg, kMod };

struct Role {
  std::string term;  // normalized
  Code sector;
  RoleKind kind = RoleKind::kPerson;
  std::string cls;  // coreference class
  uint16_t cls_id = 0;  // the class's number in its lexicon (1, 2, ... in order of appearance); 0: no class
  char gender = '-';
  Code country;
  uint8_t ntok = 1;
};

class RoleLexicon {
 public:
  // Parses data/kb/roles.tsv; errors name the file and line.
  static StatusOr<RoleLexicon> Load(const std::string& path);
  static StatusOr<RoleLexicon> Parse(std::string_view text, const std::string& origin);
  // Longest role term starting at token i (not past `limit`); sets *len and
  // *plural (matched through a plural -s/-es). nullptr when none.
  const Role* Match(const Document& doc, uint32_t i, uint32_t limit, uint32_t* len, bool* plural) const;
  // The same with the document's normalized tokens already computed (no allocation).
  [[gnu::always_inline]] const Role* Match(const TokenKeys& tk, const Document& doc, uint32_t i, uint32_t limit,
                                           uint32_t* len, bool* plural) const {
    // Whatever matches starts with a term's first word, or is one token that
    // is a one-word term with a plural ending: most tokens stop here, inline.
    if (i >= limit || i >= tk.size()) return nullptr;
    const std::string_view first_word = tk.FirstWord(i);
    if (first_word.empty() || !starts_.contains(first_word)) return nullptr;  // a term never starts with punctuation
    return MatchFrom(tk, doc, i, limit, len, plural);
  }
  size_t size() const { return roles_.size(); }
  // The number of a coreference class (Role::cls_id), 0 when no role has it.
  uint16_t ClassId(std::string_view cls) const {
    const int i = classes_.Find(cls);
    return i < 0 ? 0 : static_cast<uint16_t>(i + 1);
  }

 private:
  // Match past its first test.
  const Role* MatchFrom(const TokenKeys& tk, const Document& doc, uint32_t i, uint32_t limit, uint32_t* len,
                        bool* plural) const;
  // The role whose term is k (or k without a plural -s/-es), the key of the n
  // tokens from token i, subject to the capitalization rules.
  const Role* MatchKey(const Document& doc, uint32_t i, uint32_t n, std::string_view k, uint32_t* len,
                       bool* plural) const;
  std::vector<Role> roles_;
  WordSet index_;        // term -> index into roles_
  WordSet first_words_;  // of every term
  // The first words of every term, also with "s" and "es" appended: the first
  // word of a token that can start a match (plural or not) is one of them.
  WordSet starts_;
  WordSet classes_;  // the coreference classes, in order of appearance (Role::cls_id - 1)
  uint8_t max_tokens_ = 1;
};

class ActorCoder {
 public:
  ActorCoder(std::shared_ptr<const Geocoder> geo, RoleLexicon lex) : geo_(std::move(geo)), lex_(std::move(lex)) {}
  // Fills doc.mentions, doc.clusters and Entity country/sector/cluster.
  // Needs doc.places (run the Geocoder first).
  void Run(Document& doc) const;
  // The same with the document's normalized tokens already computed.
  void Run(Document& doc, const TokenKeys& keys) const;
  const RoleLexicon& lexicon() const { return lex_; }

 private:
  std::shared_ptr<const Geocoder> geo_;
  RoleLexicon lex_;
};

}  // namespace tidings::kb
