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
#include <initializer_list>
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
  // Document::word(i) (the token's text, or its normalized form for the
  // tagger), kept as a view: the same string, without the call.
  std::string_view Raw(uint32_t i) const { return raw_[i]; }
  // Normalized token i ("" for punctuation).
  std::string_view Word(uint32_t i) const { return std::string_view(text_.data() + off_[i], len_[i]); }
  // Its first word (up to the first space; most tokens have one word).
  std::string_view FirstWord(uint32_t i) const { return std::string_view(text_.data() + off_[i], first_len_[i]); }
  std::string_view Key(uint32_t b, uint32_t e) const {
    while (b < e && len_[b] == 0) ++b;
    while (e > b && len_[e - 1] == 0) --e;
    if (b == e) return {};
    return std::string_view(text_.data() + off_[b], off_[e - 1] + len_[e - 1] - off_[b]);
  }

 private:
  std::string text_;
  std::vector<uint32_t> off_, len_, first_len_;
  std::vector<std::string_view> raw_;
  std::string scratch_;  // a token's key when it is not plain ASCII
};

// A 64-bit hash of a key, fast for short keys (the knowledge base's name
// index and WordSet use it).
uint64_t HashKey(std::string_view key);

// A fixed set of strings with an index each (their order of insertion), in
// an open-addressing hash table: Find is one hash and usually one compare,
// with no allocation. Built once, then read-only (safe to share across threads).
class WordSet {
 public:
  WordSet() = default;
  template <typename Range>
  explicit WordSet(const Range& words) {
    for (const auto& w : words) Insert(w);
  }
  WordSet(std::initializer_list<std::string_view> words) {
    for (std::string_view w : words) Insert(w);
  }
  // Adds w (no effect when present); returns its index.
  int Insert(std::string_view w);
  // The index of w, or -1.
  int Find(std::string_view w) const {
    const uint32_t f = FilterBit(w);
    if (!(filter_[f >> 6] >> (f & 63) & 1)) return -1;  // most absent words stop here
    return FindSlow(w);
  }
  bool contains(std::string_view w) const { return Find(w) >= 0; }
  size_t size() const { return words_.size(); }
  const std::string& operator[](size_t i) const { return words_[i]; }

 private:
  // A bit per (first three bytes, length) class: clear when no word of the
  // set is in that class, so that most absent words cost no hash.
  static constexpr uint32_t kFilterBits = 1u << 14;
  static uint32_t FilterBit(std::string_view w) {
    const size_t n = w.size();
    uint32_t x = static_cast<uint32_t>(n < 31 ? n : 31) << 24;
    if (n > 0) x |= static_cast<unsigned char>(w[0]);
    if (n > 1) x |= static_cast<uint32_t>(static_cast<unsigned char>(w[1])) << 8;
    if (n > 2) x |= static_cast<uint32_t>(static_cast<unsigned char>(w[2])) << 16;
    return (x * 0x9E3779B1u) >> 18;
  }
  int FindSlow(std::string_view w) const;
  void Rehash(size_t cap);
  uint64_t filter_[kFilterBits / 64] = {};
  std::vector<std::string> words_;
  std::vector<uint64_t> hashes_;
  std::vector<int32_t> slots_;  // -1 empty, else index into words_
  size_t mask_ = 0;
};

// True if the key is pure ASCII (a Latin-script name after folding).
bool IsAsciiKey(std::string_view key);

// True when w has an ASCII letter and no lower-case ASCII letter ("NATO", "U.S.").
bool IsAllCaps(std::string_view w);

}  // namespace tidings::kb
