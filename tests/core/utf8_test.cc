#include "tidings/core/utf8.h"

#include <gtest/gtest.h>

namespace tidings::utf8 {
namespace {

TEST(Utf8, FindsInvalidSequences) {
  EXPECT_EQ(FindInvalid("plain ascii"), std::string_view::npos);
  EXPECT_EQ(FindInvalid("caf\xC3\xA9"), std::string_view::npos);
  EXPECT_EQ(FindInvalid("ab\xFF"), 2u);
  EXPECT_EQ(FindInvalid("ab\xC3"), 2u);            // truncated
  EXPECT_EQ(FindInvalid("\xC0\xAF"), 0u);          // overlong
  EXPECT_EQ(FindInvalid("x\xED\xA0\x80"), 1u);     // surrogate
  EXPECT_EQ(FindInvalid("\xF4\x90\x80\x80"), 0u);  // above U+10FFFF
}

TEST(Utf8, OffsetMapCountsCodePoints) {
  std::string s = "\xE2\x80\x9CHi\xE2\x80\x9D caf\xC3\xA9 \xF0\x9F\x98\x80!";
  OffsetMap m(s);
  EXPECT_EQ(m.ToCodePoint(0), 0u);
  EXPECT_EQ(m.ToCodePoint(3), 1u);   // 'H'
  EXPECT_EQ(m.ToCodePoint(8), 4u);   // ' '
  EXPECT_EQ(m.ToCodePoint(static_cast<uint32_t>(s.size())), Length(s));
}

TEST(Utf8, EncodeDecodeRoundTrip) {
  for (char32_t cp : {U'a', U'\u00e9', U'\u201c', U'\U0001F600'}) {
    std::string out;
    Append(cp, out);
    size_t i = 0;
    EXPECT_EQ(Next(out, i), cp);
    EXPECT_EQ(i, out.size());
    EXPECT_EQ(Prev(out, i), cp);
    EXPECT_EQ(i, 0u);
  }
}

TEST(Utf8, SpaceSet) {
  // Unicode White_Space ...
  for (char32_t c : {U' ', U'\t', U'\n', U'\v', U'\f', U'\r', U'\u0085', U'\u00A0', U'\u1680', U'\u2000',
                     U'\u2007', U'\u2009', U'\u200A', U'\u2028', U'\u2029', U'\u202F', U'\u205F', U'\u3000'})
    EXPECT_TRUE(IsSpace(c)) << std::hex << static_cast<uint32_t>(c);
  // ... plus the invisible ZERO WIDTH SPACE and BOM.
  EXPECT_TRUE(IsSpace(U'\u200B'));
  EXPECT_TRUE(IsSpace(U'\uFEFF'));
  // Joiners, the Mongolian vowel separator, control and visible characters are not spaces.
  for (char32_t c : {U'\u200C', U'\u200D', U'\u2060', U'\u180E', U'\u001C', U'\u001F', U'\0', U'a', U'-',
                     U'_', U'\u00AD', U'\u2010', U'\u2013', U'\u3001', U'\U0001F600'})
    EXPECT_FALSE(IsSpace(c)) << std::hex << static_cast<uint32_t>(c);
}

TEST(Utf8, TrimSpaceOnBothEnds) {
  std::string s = "\xEF\xBB\xBF\xC2\xA0 caf\xC3\xA9 au lait\xE2\x80\xAF\n\xE2\x80\xA8";
  uint32_t b = 0, e = static_cast<uint32_t>(s.size());
  TrimSpace(s, &b, &e);
  EXPECT_EQ(s.substr(b, e - b), "caf\xC3\xA9 au lait");
  EXPECT_EQ(SkipSpaceLeft(s, 0, 3), 3u);  // only a BOM: all of it is space
  b = 0;
  e = 0;
  TrimSpace(s, &b, &e);  // empty range stays empty
  EXPECT_EQ(b, 0u);
  EXPECT_EQ(e, 0u);
  std::string all = " \t\xC2\xA0 ";
  b = 0;
  e = static_cast<uint32_t>(all.size());
  TrimSpace(all, &b, &e);
  EXPECT_EQ(b, e);
}

}  // namespace
}  // namespace tidings::utf8
