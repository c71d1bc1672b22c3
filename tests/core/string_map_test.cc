#include "tidings/core/string_map.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace tidings {
namespace {

TEST(StringMapTest, FindsWhatWasInsertedAndNothingElse) {
  StringMap<int> m;
  EXPECT_EQ(m.Find("a"), nullptr);  // empty table: no slots at all
  EXPECT_TRUE(m.Insert("said", 1).second);
  EXPECT_TRUE(m.Insert("says", 2).second);
  EXPECT_TRUE(m.Insert("", 3).second);  // the empty word is a key like any other
  EXPECT_FALSE(m.Insert("said", 9).second);  // first insertion wins, as emplace
  ASSERT_NE(m.Find("said"), nullptr);
  EXPECT_EQ(*m.Find("said"), 1);
  EXPECT_EQ(*m.Find("says"), 2);
  EXPECT_EQ(*m.Find(""), 3);
  EXPECT_EQ(m.Find("sai"), nullptr);
  EXPECT_EQ(m.Find("saidx"), nullptr);
  EXPECT_EQ(m.size(), 3u);
  m["says"] = 7;
  m["new"] += 5;  // value-initialized first
  EXPECT_EQ(*m.Find("says"), 7);
  EXPECT_EQ(*m.Find("new"), 5);
}

TEST(StringMapTest, AgreesWithStdMapAcrossGrowthAndKeepsInsertionOrder) {
  StringMap<size_t> m;
  std::map<std::string, size_t> ref;
  std::vector<std::string> order;
  // Keys of every length around the 8-byte hashing step, sharing prefixes.
  for (size_t i = 0; i < 5000; ++i) {
    std::string k = std::string(i % 19, 'x') + std::to_string(i * 7919 % 10007);
    if (ref.emplace(k, i).second) order.push_back(k);
    m.Insert(k, i);
  }
  EXPECT_EQ(m.size(), ref.size());
  for (const auto& [k, v] : ref) {
    const size_t* got = m.Find(k);
    ASSERT_NE(got, nullptr) << k;
    EXPECT_EQ(*got, v) << k;
    EXPECT_EQ(m.Find(k + "!"), nullptr);
  }
  std::vector<std::string> seen;
  m.ForEach([&](std::string_view k, size_t) { seen.emplace_back(k); });
  EXPECT_EQ(seen, order);
}

TEST(StringMapTest, HashDependsOnEveryByteAndTheLength) {
  EXPECT_NE(HashWord("abcdefgh1"), HashWord("abcdefgh2"));
  EXPECT_NE(HashWord("a"), HashWord(std::string_view("a\0", 2)));
  EXPECT_EQ(HashWord("tomorrow"), HashWord(std::string("tomorrow")));
  // Every byte position of every length counts (the tails are read with
  // overlapping loads).
  for (size_t n = 1; n <= 24; ++n) {
    std::string w(n, 'a');
    const uint64_t base = HashWord(w);
    for (size_t i = 0; i < n; ++i) {
      std::string v = w;
      v[i] = 'b';
      EXPECT_NE(HashWord(v), base) << n << " " << i;
    }
  }
}

}  // namespace
}  // namespace tidings
