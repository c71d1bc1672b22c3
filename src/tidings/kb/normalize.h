// Name normalization shared by the knowledge-base compiler and all look-ups,
// so that a name compiled into data/kb.bin and the same name found in a text
// map to the same key.
//
// NormalizeName: lower case; Latin letters with diacritics folded to ASCII
// ("Zürich" -> "zurich", "Şanlıurfa" -> "sanliurfa", "ß" -> "ss"); Greek and
// Cyrillic capitals lowered; combining marks, periods and apostrophes dropped
// ("U.S." -> "us", "Côte d'Ivoire" -> "cote divoire"); any other punctuation
// or space becomes one space; leading/trailing spaces trimmed. Other scripts
// are kept as they are. Invalid UTF-8 bytes are dropped.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tidings/core/document.h"

namespace tidings::kb {

std::string NormalizeName(std::string_view s);
// Appends the normalized form of s to out (no allocation when out has room).
void AppendNormalized(std::string_view s, std::string& out);

// The normalized words of a document's tokens, computed once per document:
// Key(b, e) is the look-up key of tokens [b, e) - the non-empty normalized
// tokens joined by single spaces, exactly what NormalizeName of each token
// joined that way gives - as a view into one buffer (no allocation per key).
class TokenKeys {
 public:
  TokenKeys() = default;
  explicit TokenKeys(const Document& doc) { Build(doc); }
  void Build(const Document& doc);
  size_t size() const { return off_.size(); }
  // Normalized token i ("" for punctuation).
  std::string_view Word(uint32_t i) const { return std::string_view(text_).substr(off_[i], len_[i]); }
  std::string_view Key(uint32_t b, uint32_t e) const {
    while (b < e && len_[b] == 0) ++b;
    while (e > b && len_[e - 1] == 0) --e;
    if (b == e) return {};
    return std::string_view(text_).substr(off_[b], off_[e - 1] + len_[e - 1] - off_[b]);
  }

 private:
  std::string text_;
  std::vector<uint32_t> off_, len_;
};

// True if the key is pure ASCII (a Latin-script name after folding).
bool IsAsciiKey(std::string_view key);

// True when w has an ASCII letter and no lower-case ASCII letter ("NATO", "U.S.").
bool IsAllCaps(std::string_view w);

}  // namespace tidings::kb
