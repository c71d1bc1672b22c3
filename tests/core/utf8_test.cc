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

}  // namespace
}  // namespace tidings::utf8
