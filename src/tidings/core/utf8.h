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
char32_t NextMultiByte(std::string_view s, size_t& i);  // s[i] >= 0x80
inline char32_t Next(std::string_view s, size_t& i) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    ++i;
    return c;
  }
  return NextMultiByte(s, i);
}

// Decodes the code point ending just before s[i] and moves i back to its start.
char32_t Prev(std::string_view s, size_t& i);

// Appends the UTF-8 encoding of cp to out.
void Append(char32_t cp, std::string& out);

// Number of code points in s (s valid UTF-8).
size_t Length(std::string_view s);

// 1-based line number of byte offset `pos` in s.
size_t LineOf(std::string_view s, size_t pos);

// ---- spaces: one definition for every stage that scans text, so that the
// segmenter and the quote finder agree on where words and paragraphs end.

// A code point that separates words and is trimmed from the ends of
// paragraphs and quotes. The set is Unicode's White_Space property plus two
// invisible format characters, chosen deliberately:
//  - ASCII space, TAB, LF, VT, FF, CR; NO-BREAK SPACE U+00A0; the U+2000..U+200A
//    spaces; NARROW NO-BREAK U+202F; MEDIUM MATHEMATICAL U+205F; IDEOGRAPHIC
//    U+3000 (all White_Space).
//  - NEXT LINE U+0085 (White_Space; also what a Windows-1252 ellipsis becomes when
//    a scraped page was decoded as Latin-1, so it stands between words), OGHAM
//    SPACE MARK U+1680, LINE SEPARATOR U+2028 and PARAGRAPH SEPARATOR U+2029
//    (White_Space; line breaks in some exported text). They separate words but
//    do not start a paragraph: only LF does.
//  - ZERO WIDTH SPACE U+200B and BOM / ZERO WIDTH NO-BREAK SPACE U+FEFF are not
//    White_Space but are invisible: a BOM left at the start of a file or where
//    files were concatenated, or a ZWSP put into a word as a break hint, must
//    never become a token or a piece of one.
// Not spaces: ZWNJ/ZWJ U+200C/U+200D and WORD JOINER U+2060 (they join within a
// word, e.g. in Persian or emoji sequences) and MONGOLIAN VOWEL SEPARATOR
// U+180E (no longer White_Space since Unicode 6.3).
inline bool IsSpace(char32_t c) {
  if (c < 0x80) return c == ' ' || (c >= '\t' && c <= '\r');
  return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200B) || c == 0x2028 ||
         c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

// The first byte offset in [b, e) of valid UTF-8 `s` that does not start a
// space, or e.
inline uint32_t SkipSpaceLeft(std::string_view s, uint32_t b, uint32_t e) {
  while (b < e) {
    size_t j = b;
    if (!IsSpace(Next(s, j))) break;
    b = static_cast<uint32_t>(j);
  }
  return b;
}

// The end of [b, e) of valid UTF-8 `s` with the spaces at its end removed.
inline uint32_t SkipSpaceRight(std::string_view s, uint32_t b, uint32_t e) {
  while (e > b) {
    size_t j = e;
    if (!IsSpace(Prev(s, j))) break;
    e = static_cast<uint32_t>(j);
  }
  return e;
}

// Trims spaces from both ends of the byte range [*b, *e) of valid UTF-8 `s`.
inline void TrimSpace(std::string_view s, uint32_t* b, uint32_t* e) {
  *b = SkipSpaceLeft(s, *b, *e);
  *e = SkipSpaceRight(s, *b, *e);
}

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
