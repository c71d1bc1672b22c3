// UTF-8 helpers. The Document stores UTF-8 bytes and byte spans; the JSON
// writer converts to Unicode code point offsets through OffsetMap, in one place.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tidings::utf8 {

// Returns the byte offset of the first invalid sequence, or npos if `s` is
// valid UTF-8 (overlongs, surrogates and code points above U+10FFFF are invalid).
size_t FindInvalid(std::string_view s);

// Decodes the code point at s[i] (which must be valid UTF-8) and advances i.
char32_t Next(std::string_view s, size_t& i);

// Decodes the code point ending just before s[i] and moves i back to its start.
char32_t Prev(std::string_view s, size_t& i);

// Appends the UTF-8 encoding of cp to out.
void Append(char32_t cp, std::string& out);

// Number of code points in s (s valid UTF-8).
size_t Length(std::string_view s);

// 1-based line number of byte offset `pos` in s.
size_t LineOf(std::string_view s, size_t pos);

// Maps byte offsets of one text to code point offsets. For pure ASCII text it
// stores nothing and maps identically.
class OffsetMap {
 public:
  explicit OffsetMap(std::string_view text);
  uint32_t ToCodePoint(uint32_t byte) const { return ascii_ ? byte : cp_[byte]; }

 private:
  bool ascii_ = true;
  std::vector<uint32_t> cp_;
};

}  // namespace tidings::utf8
