// Tag inventories of the tagger: Penn Treebank parts of speech and BIO phrase
// chunks (CoNLL-2000/2003 scheme). Token::pos and Token::chunk hold these ids;
// id 0 means "unknown / not tagged".
#pragma once

#include <cstdint>
#include <string_view>

namespace tidings::tagger {

// Number of ids including 0 (unknown).
int PosTagCount();
int ChunkTagCount();
// Name of an id ("" for 0 or out of range).
std::string_view PosTagName(uint8_t id);
std::string_view ChunkTagName(uint8_t id);
// Id of a name, 0 when the name is not in the inventory.
uint8_t PosTagId(std::string_view name);
uint8_t ChunkTagId(std::string_view name);

// Coarse classes of Penn tags for later stages.
bool IsNounTag(uint8_t pos);        // NN NNS NNP NNPS
bool IsProperNounTag(uint8_t pos);  // NNP NNPS
bool IsVerbTag(uint8_t pos);        // VB VBD VBG VBN VBP VBZ MD

}  // namespace tidings::tagger
