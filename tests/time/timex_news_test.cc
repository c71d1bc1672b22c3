// Time expressions in present-day news English: patterns that the TimeML
// training corpus has few or none of. Sentences written for these tests.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tidings/time/timex.h"

namespace tidings::timex {
namespace {

struct Hit {
  std::string text, type, value, mod;
};

std::vector<Hit> Hits(const std::string& text, const std::string& dct) {
  Result r = Annotate(text, dct);
  std::vector<Hit> out;
  for (const auto& t : r.times)
    out.push_back({text.substr(t.span.begin, t.span.size()), std::string(TimeTypeName(t.type)), t.value,
                   std::string(t.mod)});
  return out;
}

// The expression whose text is `extent`; fails when there is none.
Hit At(const std::string& text, const std::string& extent, const std::string& dct) {
  for (const Hit& h : Hits(text, dct))
    if (h.text == extent) return h;
  ADD_FAILURE() << "no expression '" << extent << "' in: " << text;
  return {};
}

// A month named with a past form of its own verb lies in the past, even when
// the same month of next year is nearer the document date.
TEST(TimexNews, PastVerbNextToAMonthKeepsItInThePast) {
  EXPECT_EQ(At("The bill was introduced in January.", "January", "2024-11-15").value, "2024-01");
  EXPECT_EQ(At("The plant opened in December.", "December", "2024-10-03").value, "2023-12");
  EXPECT_EQ(At("The treaty was signed on Jan. 5 in Geneva.", "Jan. 5", "2024-11-15").value, "2024-01-05");
  // A future or a plan keeps the month ahead.
  EXPECT_EQ(At("He said the plant would open in December.", "December", "2024-10-03").value, "2024-12");
  EXPECT_EQ(At("The bill takes effect in January.", "January", "2024-11-15").value, "2025-01");
}

}  // namespace
}  // namespace tidings::timex
