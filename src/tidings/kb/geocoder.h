// Geocoder: resolves the place names of a document to knowledge-base places.
//
// Toponyms come from LOC entities, from place names at the start of ORG/MISC
// entities ("Toronto police", "Rapides Parish Fire District"), nationality
// words ("Russian"), the dateline, "X, Y" pairs ("Athens, Ga.") and
// capitalized names the tagger missed that the gazetteer knows well (country,
// state and county names, larger cities). Each distinct name is resolved once
// per document (one sense per name) by scoring every candidate place:
//   prior   feature class (country > continent > region > capital > seat >
//           town), log population, exact vs alternate name;
//   context the countries and first-level regions of the other places of the
//           article (weighted by how sure they are) and the dateline;
//   pattern "X, Y" restricts X to places inside Y.
// Results go to doc.places (one entry per distinct place with all mentions)
// and Entity::place.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "tidings/core/document.h"
#include "tidings/kb/kb.h"

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
};

class Geocoder {
 public:
  Geocoder(std::shared_ptr<const KnowledgeBase> kb, GeocoderOptions opt = {});
  // Fills doc.places and Entity::place. Needs tokens (and uses entities when present).
  void Run(Document& doc) const;
  // The country (index into kb countries) that a nationality word ("Russian",
  // "Syrians") or country name ("Turkey", "U.S.") denotes, or kNoIndex16.
  uint16_t CountryOfWord(std::string_view word) const;
  const KnowledgeBase& kb() const { return *kb_; }

 private:
  std::shared_ptr<const KnowledgeBase> kb_;
  GeocoderOptions opt_;
};

}  // namespace tidings::kb
