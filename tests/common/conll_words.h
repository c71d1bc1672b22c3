// The words of a CoNLL document in one array, with the index where each
// sentence begins (and the total at the end), as Tagger::TagDocument takes
// them. Shared by the tagger tests that run the shipped models on CoNLL dev.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "tidings/tagger/conll.h"

namespace tidings::testing_util {

struct FlatDocument {
  std::vector<std::string_view> words;
  std::vector<uint32_t> bounds = {0};
};

inline FlatDocument Flatten(const tagger::ConllDocument& d) {
  FlatDocument f;
  for (const auto& sent : d.sentences) {
    for (const auto& w : sent.words) f.words.push_back(w);
    f.bounds.push_back(static_cast<uint32_t>(f.words.size()));
  }
  return f;
}

}  // namespace tidings::testing_util
