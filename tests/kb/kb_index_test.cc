// Tests of the knowledge base's hash index (KnowledgeBase::Lookup) and of the
// per-document normalized token keys (TokenKeys).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include <zlib.h>

#include "tidings/kb/kb.h"
#include "tidings/kb/kb_builder.h"
#include "../common/mini_kb.h"
#include "tidings/kb/kb_stage.h"
#include "tidings/kb/normalize.h"

namespace fs = std::filesystem;
using namespace tidings;
using namespace tidings::kb;

namespace {


// For every name record: Lookup of its key returns the whole run of records
// with that key (contiguous, nothing of another key, nothing missing around
// it); keys that are not in the table return nothing.
void CheckEveryKey(const KnowledgeBase& kb) {
  const size_t n = kb.name_count();
  ASSERT_GT(n, 0u);
  std::set<std::string> keys;
  size_t runs = 0;
  for (size_t i = 0; i < n; ++i) {
    const std::string_view k = kb.key(kb.name(i));
    auto run = kb.Lookup(k);
    ASSERT_FALSE(run.empty()) << k;
    const NameRec* table = &kb.name(0);
    const size_t b = static_cast<size_t>(run.data() - table), e = b + run.size();
    ASSERT_LE(b, i) << k;
    ASSERT_LT(i, e) << k;
    for (size_t j = b; j < e; ++j) ASSERT_EQ(kb.key(kb.name(j)), k);
    if (b > 0) {
      ASSERT_NE(kb.key(kb.name(b - 1)), k);
    }
    if (e < n) {
      ASSERT_NE(kb.key(kb.name(e)), k);
    }
    if (i == b) ++runs;
    keys.emplace(k);
  }
  EXPECT_EQ(runs, keys.size());
  EXPECT_EQ(kb.key_count(), keys.size());
  // Absent keys: a key with one more letter, one less, and unrelated ones.
  size_t tried = 0;
  for (const std::string& k : keys) {
    for (std::string probe : {k + "q", k.substr(0, k.size() / 2) + "#", std::string("zz") + k}) {
      if (keys.count(probe)) continue;
      EXPECT_TRUE(kb.Lookup(probe).empty()) << probe;
      ++tried;
    }
  }
  EXPECT_GT(tried, 0u);
  EXPECT_TRUE(kb.Lookup("").empty() || keys.count(""));
}

Document Doc(const std::string& text, const std::vector<std::pair<uint32_t, uint32_t>>& spans) {
  Document d;
  d.text = text;
  for (auto [b, e] : spans) {
    Token t;
    t.begin = b;
    t.end = e;
    d.tokens.push_back(t);
  }
  return d;
}

}  // namespace

TEST(KbIndex, HashKeyIsDeterministicAndSpreads) {
  EXPECT_EQ(HashKey("paris"), HashKey(std::string("paris")));
  EXPECT_NE(HashKey("paris"), HashKey("parit"));
  EXPECT_NE(HashKey(""), HashKey("a"));
  EXPECT_NE(HashKey("ab"), HashKey("ba"));
  EXPECT_NE(HashKey("abc"), HashKey("axc"));
  EXPECT_NE(HashKey("abcd"), HashKey("abcde"));
  EXPECT_NE(HashKey("abcdefg"), HashKey("abcxefg"));
  EXPECT_NE(HashKey("new york city"), HashKey("new york citz"));
  // The slot (low bits) and the tag (top byte) both vary over similar keys.
  std::set<uint64_t> slots, tags;
  for (int i = 0; i < 256; ++i) {
    uint64_t h = HashKey("town" + std::to_string(i));
    slots.insert(h & 1023);
    tags.insert(h >> 56);
  }
  EXPECT_GT(slots.size(), 200u);
  EXPECT_GT(tags.size(), 100u);
}

TEST(KbIndex, LookupFindsExactlyTheRunOfEveryKeyInTheMiniKb) {
  std::string path = testing_util::BuildMiniKb("kb_index_test_runs");
  auto kb = KnowledgeBase::Load(path);
  ASSERT_TRUE(kb.ok()) << kb.status().message();
  CheckEveryKey(**kb);
  // The same bytes through FromBytes (copied buffer, checksum verified).
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), {});
  auto kb2 = KnowledgeBase::FromBytes(bytes, "mini");
  ASSERT_TRUE(kb2.ok()) << kb2.status().message();
  EXPECT_EQ((*kb2)->Lookup("paris").size(), (*kb)->Lookup("paris").size());
  EXPECT_EQ((*kb2)->key_count(), (*kb)->key_count());
}

TEST(KbIndex, LookupFindsExactlyTheRunOfEveryKeyInTheRealKb) {
  Resources r;
  r.data_dir = std::string(TIDINGS_SOURCE_DIR) + "/data";
  auto kb = SharedKb(KbPath(r));
  if (!kb.ok()) GTEST_SKIP() << "no data/kb.bin.gz: " << kb.status().message();
  CheckEveryKey(**kb);
}

TEST(KbTokenKeys, KeysAreTheNormalizedTokensJoinedBySpaces) {
  //                 0    5    10   15   20   25   30   35
  std::string text = "in São Paulo , the U.S. - Côte d'Ivoire ' A";
  Document d = Doc(text, {{0, 2}, {3, 7}, {8, 13}, {14, 15}, {16, 19}, {20, 24}, {25, 26}, {27, 32}, {33, 41}, {42, 43}, {44, 45}});
  TokenKeys tk(d);
  ASSERT_EQ(tk.size(), d.tokens.size());
  EXPECT_EQ(tk.Word(1), "sao");
  EXPECT_EQ(tk.Word(3), "");  // punctuation normalizes to nothing
  EXPECT_EQ(tk.Word(5), "us");
  EXPECT_EQ(tk.Key(1, 3), "sao paulo");
  // Empty tokens add no space, inside or at either end.
  EXPECT_EQ(tk.Key(2, 5), "paulo the");
  EXPECT_EQ(tk.Key(3, 4), "");
  EXPECT_EQ(tk.Key(5, 9), "us cote divoire");
  EXPECT_EQ(tk.Key(8, 11), "divoire a");
  EXPECT_EQ(tk.Key(4, 4), "");
  // The reference: NormalizeName of each token, the non-empty ones joined by one space.
  for (uint32_t b = 0; b < d.tokens.size(); ++b)
    for (uint32_t e = b; e <= d.tokens.size(); ++e) {
      std::string want;
      for (uint32_t i = b; i < e; ++i) {
        std::string w = NormalizeName(d.word(i));
        if (w.empty()) continue;
        if (!want.empty()) want.push_back(' ');
        want += w;
      }
      EXPECT_EQ(tk.Key(b, e), want) << b << "," << e;
    }
}

TEST(KbTokenKeys, EmptyDocument) {
  Document d;
  TokenKeys tk(d);
  EXPECT_EQ(tk.size(), 0u);
  EXPECT_EQ(tk.Key(0, 0), "");
}

namespace {
std::string Gzip(const std::string& raw) {
  z_stream zs{};
  EXPECT_EQ(deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&zs, raw.size()) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(raw.data()));
  zs.avail_in = static_cast<uInt>(raw.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}
}  // namespace

TEST(KbIndex, GzipFilesLoadLikeRawOnesAndCorruptionIsReported) {
  std::string path = testing_util::BuildMiniKb("kb_index_test_gz");
  std::ifstream in(path, std::ios::binary);
  std::string raw((std::istreambuf_iterator<char>(in)), {});
  const std::string gz = Gzip(raw);
  fs::path gzp = fs::path(path).parent_path() / "kb.bin.gz";
  std::ofstream(gzp, std::ios::binary) << gz;
  auto a = KnowledgeBase::Load(path);
  auto b = KnowledgeBase::Load(gzp.string());
  ASSERT_TRUE(a.ok()) << a.status().message();
  ASSERT_TRUE(b.ok()) << b.status().message();
  EXPECT_EQ((*b)->byte_size(), raw.size());
  EXPECT_EQ((*b)->name_count(), (*a)->name_count());
  EXPECT_EQ((*b)->key_count(), (*a)->key_count());
  CheckEveryKey(**b);
  // A flipped byte in the compressed data, a wrong size in the trailer, a cut file.
  std::string flipped = gz;
  flipped[gz.size() / 2] ^= 0x21;
  std::string wrong_size = gz;
  wrong_size[gz.size() - 4] ^= 0x01;
  std::string cut = gz.substr(0, gz.size() * 2 / 3);
  for (const std::string& bad : {flipped, wrong_size, cut}) {
    std::ofstream(gzp, std::ios::binary | std::ios::trunc) << bad;
    auto r = KnowledgeBase::Load(gzp.string());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kDataLoss) << r.status().message();
    EXPECT_NE(r.status().message().find(gzp.string()), std::string::npos) << r.status().message();
  }
}

TEST(KbWordSet, FindsEveryWordByItsIndexAndNothingElse) {
  WordSet empty;
  EXPECT_EQ(empty.Find("anything"), -1);
  EXPECT_EQ(empty.Find(""), -1);
  WordSet s{"police", "army", "police", "", "the", "thx", "policy"};
  EXPECT_EQ(s.size(), 6u);  // the duplicate is not added again
  EXPECT_EQ(s.Find("police"), 0);
  EXPECT_EQ(s.Find("army"), 1);
  EXPECT_EQ(s.Find(""), 2);
  EXPECT_EQ(s.Find("the"), 3);
  EXPECT_EQ(s.Find("thx"), 4);
  EXPECT_EQ(s.Find("policy"), 5);
  EXPECT_EQ(s[5], "policy");
  // Same first bytes and length as a member, a prefix, an extension, other words.
  for (std::string_view w : {"policf", "polic", "polices", "thy", "th", "t", "arms", "navy", "POLICE"})
    EXPECT_FALSE(s.contains(w)) << w;
  // Many words (the table grows): every one found at its index, absent ones not.
  WordSet big;
  for (int i = 0; i < 5000; ++i) EXPECT_EQ(big.Insert(std::string("w").append(std::to_string(i * 7))), i);
  for (int i = 0; i < 5000; ++i) {
    EXPECT_EQ(big.Find(std::string("w").append(std::to_string(i * 7))), i);
    if (i % 7) {
      EXPECT_FALSE(big.contains(std::string("w").append(std::to_string(i))));
    }
  }
}
