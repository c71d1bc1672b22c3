// Character classes used by the segmenter. Approximations of Unicode
// properties sufficient for news text in Latin, Greek and Cyrillic scripts;
// other scripts are treated as letters without case.
#pragma once

namespace tidings::chars {

inline bool IsUpper(char32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  if (c >= 0xC0 && c <= 0xDE) return c != 0xD7;
  if (c >= 0x100 && c <= 0x17F) return (c % 2) == 0;  // Latin Extended-A alternates (approximately)
  if (c >= 0x391 && c <= 0x3AB) return true;          // Greek
  if (c >= 0x400 && c <= 0x42F) return true;          // Cyrillic
  return false;
}

inline bool IsLower(char32_t c) {
  if (c < 0x80) return c >= 'a' && c <= 'z';
  if (c >= 0xDF && c <= 0xFF) return c != 0xF7;
  if (c >= 0x100 && c <= 0x17F) return (c % 2) == 1;
  if (c >= 0x3AC && c <= 0x3CE) return true;
  if (c >= 0x430 && c <= 0x45F) return true;
  return false;
}

inline bool IsDigit(char32_t c) { return c >= '0' && c <= '9'; }

// ASCII A-Z to a-z, every other byte unchanged (std::tolower in the C locale,
// without the library call).
inline char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; }

inline bool IsAlpha(char32_t c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  return IsUpper(c) || IsLower(c) || (c >= 0x100 && c != 0x2019 && !(c >= 0x2000 && c <= 0x2BFF) &&
                                      !(c >= 0x3000 && c <= 0x303F) && c != 0xFEFF);
}

// Straight marks, which may open or close.
inline bool IsQuote(char32_t c) { return c == '"' || c == '\'' || c == '`'; }
inline bool IsOpenQuote(char32_t c) {
  return c == 0x201C || c == 0x2018 || c == 0x201E || c == 0x201A || c == 0xAB || c == 0x2039 || c == 0x201F ||
         c == 0x201B;
}
inline bool IsCloseQuote(char32_t c) { return c == 0x201D || c == 0x2019 || c == 0xBB || c == 0x203A; }
inline bool IsDash(char32_t c) { return c == '-' || c == 0x2012 || c == 0x2013 || c == 0x2014 || c == 0x2015; }
inline bool IsCurrency(char32_t c) {
  return c == '$' || c == 0xA3 || c == 0xA5 || c == 0x20AC || c == 0x20B9 || c == 0x20BD || c == 0x20BA ||
         c == 0x20A9 || c == 0xA2;
}

}  // namespace tidings::chars
