#include "tidings/core/document.h"

#include <algorithm>

namespace tidings {

std::string_view EntityTypeName(EntityType t) {
  switch (t) {
    case EntityType::kPer: return "PER";
    case EntityType::kOrg: return "ORG";
    case EntityType::kLoc: return "LOC";
    case EntityType::kMisc: return "MISC";
  }
  return "MISC";
}

uint32_t Document::sentence_of_token(uint32_t i) const {
  auto it = std::upper_bound(sentences.begin(), sentences.end(), i,
                             [](uint32_t v, const Sentence& s) { return v < s.tok_begin; });
  if (it == sentences.begin()) return 0;
  return static_cast<uint32_t>(it - sentences.begin() - 1);
}

bool Document::in_dateline(const Place& p) const {
  if (!dateline || dateline->place.empty()) return false;
  const Span dp = dateline->place;
  for (const Span& m : p.mentions)
    if (m.begin < dp.end && m.end > dp.begin) return true;
  return false;
}

}  // namespace tidings
