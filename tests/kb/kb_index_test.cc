// Tests of the knowledge base's hash index (KnowledgeBase::Lookup) and of the
// per-document normalized token keys (TokenKeys).
#include <gtest/gtest.h>

#include <cstring>
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

namespace {

// Every key of tokens [b, e) is NormalizeName of each token, the non-empty ones
// joined by one space.
void ExpectKeysJoinNormalizedWords(const Document& d, const TokenKeys& tk) {
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

}  // namespace

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
  ExpectKeysJoinNormalizedWords(d, tk);
}

// Every kind of token the key builder treats apart: plain ASCII (copied in
// lower case), punctuation and dots (nothing left), accents and ligatures
// (folded), inner separators ("U.S.-led" -> "us led"), other scripts, invalid
// UTF-8, tokens whose normalized form the tagger set (Document::norm_pool),
// and empty tokens at the start.
TEST(KbTokenKeys, EveryTokenKindMatchesNormalizeNameAndRawIsTheWord) {
  const std::string text = std::string(". , Hello WORLD42 U.S.-led Æther Straße \xCE\x91\xCE\xB8 bad\xFF\xFEx ...") +
                           " O'Neil (x) \xE2\x80\x94 \xC3";
  Document d;
  d.text = text;
  for (size_t b = 0; b < text.size();) {
    size_t e = text.find(' ', b);
    if (e == std::string::npos) e = text.size();
    Token t;
    t.begin = static_cast<uint32_t>(b);
    t.end = static_cast<uint32_t>(e);
    d.tokens.push_back(t);
    b = e + 1;
  }
  // A token with a normalized form from the tagger: the key is built from that form.
  d.norm_pool = "Goodbye-Now";
  d.tokens[2].norm_off = 0;
  d.tokens[2].norm_len = static_cast<uint32_t>(d.norm_pool.size());
  TokenKeys tk(d);
  ASSERT_EQ(tk.size(), d.tokens.size());
  for (uint32_t i = 0; i < d.tokens.size(); ++i) {
    EXPECT_EQ(tk.Raw(i), d.word(i)) << i;
    const std::string want = NormalizeName(d.word(i));
    EXPECT_EQ(tk.Word(i), want) << i;
    EXPECT_EQ(tk.FirstWord(i), want.substr(0, want.find(' '))) << i;
  }
  EXPECT_EQ(tk.Word(2), "goodbye now");
  EXPECT_EQ(tk.FirstWord(2), "goodbye");
  EXPECT_EQ(tk.Word(4), "us led");
  EXPECT_EQ(tk.FirstWord(4), "us");
  EXPECT_EQ(tk.Word(5), "aether");
  EXPECT_EQ(tk.Word(6), "strasse");
  EXPECT_EQ(tk.Key(0, 4), "goodbye now world42");
  ExpectKeysJoinNormalizedWords(d, tk);
  // Built again for another document: nothing left over from the first.
  Document d2;
  d2.text = "Paris";
  Token t;
  t.begin = 0;
  t.end = 5;
  d2.tokens.push_back(t);
  TokenKeys tk2(d);
  tk2.Build(d2);
  ASSERT_EQ(tk2.size(), 1u);
  EXPECT_EQ(tk2.Key(0, 1), "paris");
  EXPECT_EQ(tk2.Raw(0), "Paris");
}

TEST(KbTokenKeys, EmptyDocument) {
  Document d;
  TokenKeys tk(d);
  EXPECT_EQ(tk.size(), 0u);
  EXPECT_EQ(tk.Key(0, 0), "");
}

namespace {
std::string Gzip(const std::string& raw, int level = 6) {
  z_stream zs{};
  EXPECT_EQ(deflateInit2(&zs, level, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
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

namespace {
std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}
void WriteAll(const fs::path& p, const std::string& bytes) {
  std::ofstream(p, std::ios::binary | std::ios::trunc) << bytes;
}
// The same knowledge base: records, keys, look-ups and prefix queries.
void ExpectSameKb(const KnowledgeBase& a, const KnowledgeBase& b) {
  ASSERT_EQ(a.byte_size(), b.byte_size());
  ASSERT_EQ(a.place_count(), b.place_count());
  ASSERT_EQ(a.name_count(), b.name_count());
  EXPECT_EQ(a.key_count(), b.key_count());
  for (size_t i = 0; i < a.place_count(); ++i) {
    ASSERT_EQ(a.place_name(static_cast<uint32_t>(i)), b.place_name(static_cast<uint32_t>(i)));
    ASSERT_EQ(a.place(static_cast<uint32_t>(i)).geonames_id, b.place(static_cast<uint32_t>(i)).geonames_id);
  }
  for (size_t i = 0; i < a.name_count(); ++i) {
    const std::string_view k = a.key(a.name(i));
    ASSERT_EQ(k, b.key(b.name(i)));
    ASSERT_EQ(a.Lookup(k).size(), b.Lookup(k).size()) << k;
    const std::string_view first = k.substr(0, k.find(' '));
    ASSERT_EQ(a.HasKeyWithPrefix(first), b.HasKeyWithPrefix(first)) << first;
  }
}
}  // namespace

// The inflated and indexed copy of a gzip knowledge base (path + ".cache"):
// written by the first load, read by the next ones, and never trusted when it
// is stale, damaged or made for other bytes.
TEST(KbCache, SecondLoadReadsTheCacheAndStaleOrDamagedCachesAreRebuilt) {
  const std::string raw_path = testing_util::BuildMiniKb("kb_cache_test");
  const std::string raw = ReadAll(raw_path);
  const fs::path gzp = fs::path(raw_path).parent_path() / "kb.bin.gz";
  const fs::path cache = KnowledgeBase::CachePath(gzp.string());
  EXPECT_EQ(cache.string(), gzp.string() + ".cache");
  WriteAll(gzp, Gzip(raw));
  fs::remove(cache);
  auto fresh = KnowledgeBase::Load(raw_path);
  ASSERT_TRUE(fresh.ok()) << fresh.status().message();

  // Without the cache: nothing read, nothing written.
  auto nocache = KnowledgeBase::Load(gzp.string(), /*use_cache=*/false);
  ASSERT_TRUE(nocache.ok()) << nocache.status().message();
  EXPECT_FALSE((*nocache)->from_cache());
  EXPECT_FALSE(fs::exists(cache));

  auto first = KnowledgeBase::Load(gzp.string());
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_FALSE((*first)->from_cache());
  ASSERT_TRUE(fs::exists(cache));
  auto second = KnowledgeBase::Load(gzp.string());
  ASSERT_TRUE(second.ok()) << second.status().message();
  EXPECT_TRUE((*second)->from_cache());
  ExpectSameKb(**fresh, **second);
  CheckEveryKey(**second);
  EXPECT_EQ((*second)->FindCountry("USA"), (*fresh)->FindCountry("USA"));

  // Other bytes in the .gz (here: the same knowledge base, compressed
  // differently): the cache is stale, so it is ignored and rewritten.
  const std::string good_cache = ReadAll(cache);
  WriteAll(gzp, Gzip(raw, 1));
  auto other = KnowledgeBase::Load(gzp.string());
  ASSERT_TRUE(other.ok()) << other.status().message();
  EXPECT_FALSE((*other)->from_cache());
  EXPECT_NE(ReadAll(cache), good_cache);
  auto other2 = KnowledgeBase::Load(gzp.string());
  ASSERT_TRUE(other2.ok());
  EXPECT_TRUE((*other2)->from_cache());
  ExpectSameKb(**fresh, **other2);

  // A damaged cache (a flipped byte anywhere, cut short, garbage, empty) is
  // not used; the load still succeeds from the .gz and repairs the cache.
  WriteAll(gzp, Gzip(raw));
  ASSERT_TRUE(KnowledgeBase::Load(gzp.string()).ok());
  const std::string cached = ReadAll(cache);
  ASSERT_GT(cached.size(), 200u);
  std::vector<std::string> damaged;
  for (size_t at : {size_t{3}, size_t{20}, size_t{70}, cached.size() / 2, cached.size() - 5}) {
    std::string d = cached;
    d[at] ^= 0x10;
    damaged.push_back(d);
  }
  damaged.push_back(cached.substr(0, cached.size() - 1));
  damaged.push_back(cached.substr(0, 64));
  damaged.push_back(std::string(cached.size(), 'x'));
  damaged.push_back(std::string());
  for (size_t i = 0; i < damaged.size(); ++i) {
    WriteAll(cache, damaged[i]);
    auto r = KnowledgeBase::Load(gzp.string());
    ASSERT_TRUE(r.ok()) << i << ": " << r.status().message();
    EXPECT_FALSE((*r)->from_cache()) << i;
    ExpectSameKb(**fresh, **r);
    EXPECT_EQ(ReadAll(cache), cached) << i;
  }

  // A cache whose checksum matches but whose index points outside the name
  // table (a file made to look valid) is refused too. Layout: 64-byte header
  // with the body's CRC-32 at byte 28, the knowledge base's size at byte 32
  // and the slot count at byte 40; the
  // knowledge base from byte 64, padded to 8; then the slots.
  {
    std::string d = cached;
    uint64_t kb_size;
    uint32_t slots;
    std::memcpy(&kb_size, d.data() + 32, 8);
    std::memcpy(&slots, d.data() + 40, 4);
    ASSERT_EQ(kb_size, raw.size());
    const size_t slots_off = 64 + ((kb_size + 7) & ~uint64_t{7});
    bool changed = false;
    for (uint32_t i = 0; i < slots && !changed; ++i) {
      uint32_t s;
      std::memcpy(&s, d.data() + slots_off + 4 * i, 4);
      if (!s) continue;
      s = (s & 0xFF000000u) | 0x00FFFFFFu;  // name index far beyond the table
      std::memcpy(d.data() + slots_off + 4 * i, &s, 4);
      changed = true;
    }
    ASSERT_TRUE(changed);
    const uint32_t crc = static_cast<uint32_t>(
        crc32(0, reinterpret_cast<const Bytef*>(d.data() + 64), static_cast<uInt>(d.size() - 64)));
    std::memcpy(d.data() + 28, &crc, 4);
    WriteAll(cache, d);
    auto r = KnowledgeBase::Load(gzp.string());
    ASSERT_TRUE(r.ok()) << r.status().message();
    EXPECT_FALSE((*r)->from_cache());
    CheckEveryKey(**r);
  }

  // A corrupt .gz is reported even while a good cache of the intact file exists.
  ASSERT_TRUE(KnowledgeBase::Load(gzp.string()).ok());
  std::string flipped = Gzip(raw);
  flipped[flipped.size() / 2] ^= 0x21;
  WriteAll(gzp, flipped);
  auto bad = KnowledgeBase::Load(gzp.string());
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kDataLoss);
}

// FindCountry answers from a table by code: the same country as a scan of the
// country records in order, for every code, and nothing for unknown codes.
TEST(KbIndex, FindCountryByCodeIsTheFirstCountryWithThatCode) {
  std::vector<std::shared_ptr<const KnowledgeBase>> kbs;
  auto mini = KnowledgeBase::Load(testing_util::BuildMiniKb("kb_index_test_country"));
  ASSERT_TRUE(mini.ok()) << mini.status().message();
  kbs.push_back(*mini);
  auto real = KnowledgeBase::Load(std::string(TIDINGS_SOURCE_DIR) + "/data/kb.bin.gz");
  if (real.ok()) kbs.push_back(*real);
  for (const auto& kb : kbs) {
    ASSERT_GT(kb->country_count(), 0u);
    auto scan = [&](std::string_view code) {
      for (size_t i = 0; i < kb->country_count(); ++i) {
        const CountryRec& c = kb->country(static_cast<uint16_t>(i));
        if ((code.size() == 3 && std::string_view(c.a3, 3) == code) || (code.size() == 2 && std::string_view(c.a2, 2) == code))
          return static_cast<uint16_t>(i);
      }
      return kNoIndex16;
    };
    for (size_t i = 0; i < kb->country_count(); ++i) {
      const CountryRec& c = kb->country(static_cast<uint16_t>(i));
      const std::string a3(c.a3, 3), a2(c.a2, 2);
      EXPECT_EQ(kb->FindCountry(a3), scan(a3)) << a3;
      EXPECT_EQ(kb->FindCountry(a2), scan(a2)) << a2;
      EXPECT_EQ(kb->country(kb->FindCountry(a3)).place, kb->country(scan(a3)).place);
    }
    for (std::string_view code : {"QQQ", "ZZ", "usa", "Us", "", "U", "USAX", "U1A", "A-"})
      EXPECT_EQ(kb->FindCountry(code), scan(code)) << code;
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
