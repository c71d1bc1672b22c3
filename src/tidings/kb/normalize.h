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

#include <string>
#include <string_view>

namespace tidings::kb {

std::string NormalizeName(std::string_view s);
// Appends the normalized form of s to out (no allocation when out has room).
void AppendNormalized(std::string_view s, std::string& out);

// True if the key is pure ASCII (a Latin-script name after folding).
bool IsAsciiKey(std::string_view key);

// True when w has an ASCII letter and no lower-case ASCII letter ("NATO", "U.S.").
bool IsAllCaps(std::string_view w);

}  // namespace tidings::kb
