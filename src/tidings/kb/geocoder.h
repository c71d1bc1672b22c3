// Geocoder: resolves the place names of a document to knowledge-base places.
//
// Toponyms come from LOC entities; from names the tagger labelled otherwise
// when they are places in context (a whole ORG/PER name after "in/of/near" or
// before "County/residents/Mayor/police", an ORG that is exactly a town, a place
// at the start of or inside an ORG name: "Toronto police", "Six Flags Over
// Texas"); nationality words ("Russian") and regional demonyms by word
// formation ("Ohioans", "South Ossetian"); parts of hyphenated words
// ("D-Charleston", "Fargo-Moorhead"); datelines, also in capitals ("ATLANTA -");
// "X, Y" pairs ("Athens, Ga."); "Walton and Oconee counties"; capitalized
// names the tagger missed that the gazetteer knows well; and, one sense per
// document, further mentions of a name already found as a place. Streets and
// features named after a town ("Dublin Road") are not the town.
// Each distinct name is resolved once per document by scoring its candidates:
//   prior    feature class (country > continent > region > capital > seat >
//            town), log population, official vs alternate name;
//   support  readings of other names of the article in the same county or
//            region or nearby (weighted by how plausible those readings are);
//   context  the countries and first-level regions of the other places of the
//            article (weighted by how sure they are) and the dateline;
//   pattern  "X, Y" restricts X to places inside Y.
// Results go to doc.places (one entry per distinct place with all mentions)
// and Entity::place.
#pragma once

#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "tidings/core/document.h"
#include "tidings/core/status.h"
#include "tidings/kb/kb.h"
#include "tidings/kb/normalize.h"

namespace tidings::kb {

struct GeocoderOptions {
  // Gazetteer matches outside entities: minimum population of a city.
  uint32_t min_untagged_city_population = 20000;
  // The same in a place context ("in X", "X residents"): minimum population.
  uint32_t min_cued_city_population = 3000;
  // A town is found by an alternate name only from this population up.
  uint32_t min_alias_population = 5000;
  // Hard cap on toponyms examined per document (huge inputs stay linear).
  size_t max_toponyms = 20000;
  // Words news writes in lower case ("liberal", "golden", "arsenal"): a
  // one-word name that is one of them is a town only in a place context, or
  // when the town is large (see LoadCommonWords). Null: no such filter.
  std::shared_ptr<const std::unordered_set<std::string>> common_words;
};

// Lower-case words of a word list (one word at the start of each line; lines
// starting with '#' skipped): the keys of the tagger's cluster lexicon,
// data/tagger/clusters.tsv, are words seen often in unlabelled news, so the
// all-lower-case ones are words news writes in lower case.
StatusOr<std::shared_ptr<const std::unordered_set<std::string>>> LoadCommonWords(const std::string& path);

class Geocoder {
 public:
  Geocoder(std::shared_ptr<const KnowledgeBase> kb, GeocoderOptions opt = {});
  // Fills doc.places and Entity::place. Needs tokens (and uses entities when present).
  void Run(Document& doc) const;
  // The same with the document's normalized tokens already computed.
  void Run(Document& doc, const TokenKeys& keys) const;
  // The country (index into kb countries) that a nationality word ("Russian",
  // "Syrians") or country name ("Turkey", "U.S.") denotes, or kNoIndex16.
  uint16_t CountryOfWord(std::string_view word) const;
  // The same for a word already normalized (NormalizeName).
  uint16_t CountryOfKey(std::string_view key) const;
  const KnowledgeBase& kb() const { return *kb_; }

 private:
  std::shared_ptr<const KnowledgeBase> kb_;
  GeocoderOptions opt_;
};

}  // namespace tidings::kb
