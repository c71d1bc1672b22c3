#include "tidings/tagger/labels.h"

#include <array>

namespace tidings::tagger {
namespace {

constexpr std::array<std::string_view, 47> kPos = {
    "",    "NNP", "NN",  "IN",  "CD",  "DT",   "JJ",  "NNS",  "VBD", ".",   "," ,  "VB",
    "VBN", "RB",  "CC",  "TO",  "PRP", ")",    "(",   "VBG",  ":",   "VBZ", "\"",  "POS",
    "PRP$", "VBP", "MD", "NNPS", "RP", "WDT",  "WP",  "$",    "SYM", "JJR", "WRB", "JJS",
    "RBR", "FW",  "EX",  "RBS", "''",  "PDT",  "UH",  "WP$",  "LS",  "NN|SYM", "#"};

constexpr std::array<std::string_view, 24> kChunk = {
    "",       "O",      "B-NP",   "I-NP",    "B-VP",    "I-VP",   "B-PP",   "I-PP",
    "B-ADVP", "I-ADVP", "B-ADJP", "I-ADJP",  "B-SBAR",  "I-SBAR", "B-PRT",  "I-PRT",
    "B-INTJ", "I-INTJ", "B-CONJP", "I-CONJP", "B-LST",  "I-LST",  "B-UCP",  "I-UCP"};

template <size_t N>
uint8_t Find(const std::array<std::string_view, N>& a, std::string_view name) {
  if (name.empty()) return 0;
  for (size_t i = 1; i < N; ++i)
    if (a[i] == name) return static_cast<uint8_t>(i);
  return 0;
}

}  // namespace

int PosTagCount() { return static_cast<int>(kPos.size()); }
int ChunkTagCount() { return static_cast<int>(kChunk.size()); }
std::string_view PosTagName(uint8_t id) { return id < kPos.size() ? kPos[id] : std::string_view(); }
std::string_view ChunkTagName(uint8_t id) { return id < kChunk.size() ? kChunk[id] : std::string_view(); }
uint8_t PosTagId(std::string_view name) { return Find(kPos, name); }
uint8_t ChunkTagId(std::string_view name) { return Find(kChunk, name); }

bool IsNounTag(uint8_t p) {
  auto n = PosTagName(p);
  return n == "NN" || n == "NNS" || n == "NNP" || n == "NNPS";
}
bool IsProperNounTag(uint8_t p) {
  auto n = PosTagName(p);
  return n == "NNP" || n == "NNPS";
}
bool IsVerbTag(uint8_t p) {
  auto n = PosTagName(p);
  return n.size() >= 2 && ((n[0] == 'V' && n[1] == 'B') || n == "MD");
}

}  // namespace tidings::tagger
