// The tagger model file format 3 (arrays used in place from the mapped file):
// SparseWeights and Lexicon views, their validation of corrupt and truncated
// data, copies of views and of owned tables, format-2 files still loading as
// the same model, and the CRC-32 helper.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "tidings/core/crc32.h"
#include "tidings/tagger/lexicon.h"
#include "tidings/tagger/model.h"
#include "tidings/tagger/weights.h"

namespace tidings::tagger {
namespace {

namespace fs = std::filesystem;

// Bytes copied to memory aligned to 64 bytes (as a mapped file's payload).
struct Aligned {
  explicit Aligned(const std::string& s) : n(s.size()) {
    p = static_cast<char*>(std::aligned_alloc(64, (s.size() + 63) / 64 * 64 + 64));
    std::memcpy(p, s.data(), s.size());
  }
  ~Aligned() { std::free(p); }
  std::string_view view() const { return std::string_view(p, n); }
  char* p;
  size_t n;
};

// T (SparseWeights or Lexicon) refuses to view bytes b as its arrays.
template <class T>
void ExpectViewRejects(const std::string& b, const std::string& what) {
  Aligned a(b);
  T t;
  size_t pos = 0;
  EXPECT_FALSE(t.View(a.view(), &pos)) << what;
}

std::vector<int16_t> Table(uint32_t bits, int L, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<int16_t> w((size_t{1} << bits) * L, 0);
  for (size_t b = 0; b < (size_t{1} << bits); ++b) {
    const int kind = static_cast<int>(rng() % 4);  // 0,1: zero row, 2: few labels, 3: most labels
    if (kind < 2) continue;
    for (int l = 0; l < L; ++l)
      if (kind == 3 ? rng() % 5 != 0 : rng() % L < 2) w[b * L + l] = static_cast<int16_t>(rng() % 2001) - 1000;
  }
  return w;
}

TEST(ModelFile, WeightArraysAreUsedInPlaceAndReadBackEqual) {
  for (uint32_t bits : {4u, 6u, 11u}) {
    const int L = 9;
    auto dense = Table(bits, L, bits);
    auto sw = SparseWeights::FromDense(dense.data(), bits, L);
    std::string buf;
    sw.AppendArraysTo(buf);
    EXPECT_EQ(buf.size() % 64, 0u);
    Aligned a(buf);
    SparseWeights v;
    size_t pos = 0;
    ASSERT_TRUE(v.View(a.view(), &pos)) << "bits " << bits;
    EXPECT_EQ(pos, buf.size());
    EXPECT_TRUE(v.is_view());
    EXPECT_FALSE(sw.is_view());
    // In place: the arrays are the buffer's.
    EXPECT_GE(reinterpret_cast<const char*>(v.data()), a.p);
    EXPECT_LT(reinterpret_cast<const char*>(v.data()), a.p + a.n);
    EXPECT_TRUE(v == sw);
    EXPECT_EQ(v.ToDense(), dense);
    // Copies and moves of a view and of an owned table keep working.
    SparseWeights c = v;
    EXPECT_TRUE(c.is_view());
    EXPECT_EQ(c.ToDense(), dense);
    SparseWeights owned = sw;
    SparseWeights moved = std::move(owned);
    EXPECT_FALSE(moved.is_view());
    EXPECT_EQ(moved.ToDense(), dense);
    SparseWeights assigned;
    assigned = moved;
    moved = SparseWeights();
    EXPECT_EQ(assigned.ToDense(), dense);
    // The concatenation of views equals that of the owned tables.
    EXPECT_TRUE(SparseWeights::Concat(v, c) == SparseWeights::Concat(sw, sw));
  }
}

TEST(ModelFile, WeightViewRejectsTruncatedMisalignedAndCorruptArrays) {
  const int L = 17;
  auto dense = Table(10, L, 3);
  auto sw = SparseWeights::FromDense(dense.data(), 10, L);
  std::string buf;
  sw.AppendArraysTo(buf);
  auto rejects = [](const std::string& b, const char* what) { ExpectViewRejects<SparseWeights>(b, what); };
  for (size_t cut : {size_t{0}, size_t{5}, size_t{31}, size_t{100}, buf.size() / 2, buf.size() - 1})
    rejects(buf.substr(0, cut), ("cut at " + std::to_string(cut)).c_str());
  // The arrays' offsets in buf: blocks at 64, offsets, then data (each from a multiple of 64).
  const size_t blocks_at = 64, nblocks = (size_t{1} << 10) / 64;
  const size_t offs_at = (blocks_at + nblocks * 16 + 63) / 64 * 64;
  const size_t data_at = (offs_at + (size_t{sw.rows()} + 2) * 4 + 63) / 64 * 64;
  std::string b = buf;
  b[0] = 27;  // bits
  rejects(b, "bits");
  b = buf;
  b[blocks_at + 8] ^= 1;  // the first block's rank
  rejects(b, "rank");
  b = buf;
  b[blocks_at] ^= 0x40;  // a mask bit: the ranks no longer add up
  rejects(b, "mask");
  b = buf;
  b[offs_at + 4] ^= 0x01;  // a row length
  rejects(b, "offset");
  b = buf;
  const uint32_t* offs = sw.offs();
  uint32_t r = 0;
  while (r < sw.rows() && offs[r + 1] - offs[r] == static_cast<uint32_t>(L)) ++r;
  ASSERT_LT(r, sw.rows());
  const uint16_t label = 40;
  std::memcpy(&b[data_at + size_t{offs[r]} * 2], &label, 2);
  rejects(b, "label beyond L");
  b = buf;
  b[data_at + size_t{sw.words()} * 2 + 3] = 1;  // the padding after the words
  rejects(b, "padding");
  // A payload that is not aligned for the arrays.
  std::string shifted = "x" + buf;
  Aligned a(shifted);
  SparseWeights t;
  size_t pos = 1;
  EXPECT_FALSE(t.View(a.view(), &pos));
}

TEST(ModelFile, LexiconTableIsUsedInPlaceAndCopiedOnWrite) {
  Lexicon lex;
  for (uint64_t k = 1; k <= 1000; ++k) lex.Set(k * 0x9E3779B97F4A7C15ull, static_cast<uint32_t>(k));
  Lexicon empty;
  std::string buf;
  lex.AppendTableTo(buf);
  const size_t second = buf.size();
  empty.AppendTableTo(buf);
  EXPECT_EQ(buf.size() % 64, 0u);
  Aligned a(buf);
  Lexicon v, e;
  size_t pos = 0;
  ASSERT_TRUE(v.View(a.view(), &pos));
  EXPECT_EQ(pos, second);
  ASSERT_TRUE(e.View(a.view(), &pos));
  EXPECT_EQ(pos, buf.size());
  EXPECT_TRUE(v.is_view());
  EXPECT_TRUE(e.empty());
  EXPECT_EQ(e.Get(5), 0u);
  EXPECT_EQ(v.size(), 1000u);
  EXPECT_TRUE(v == lex);
  for (uint64_t k = 1; k <= 1000; ++k) EXPECT_EQ(v.Get(k * 0x9E3779B97F4A7C15ull), k);
  EXPECT_EQ(v.Get(12345), 0u);
  // Writing to a view copies its table first; the buffer stays as it was.
  const std::string before(a.view());
  Lexicon w = v;
  EXPECT_TRUE(w.is_view());
  w.Set(777, 7);
  w.Or(1 * 0x9E3779B97F4A7C15ull, 0x100);
  EXPECT_FALSE(w.is_view());
  EXPECT_EQ(w.Get(777), 7u);
  EXPECT_EQ(w.Get(1 * 0x9E3779B97F4A7C15ull), 0x101u);
  EXPECT_EQ(v.Get(777), 0u);
  EXPECT_EQ(std::string(a.view()), before);
  EXPECT_FALSE(w == v);
  // Copies of owned tables are independent; moved-from tables are empty.
  Lexicon c = lex;
  c.Set(5, 5);
  EXPECT_EQ(lex.Get(5), 0u);
  Lexicon m = std::move(c);
  EXPECT_EQ(m.Get(5), 5u);
  EXPECT_EQ(c.Get(5), 0u);
  v.Clear();
  EXPECT_EQ(v.Get(1 * 0x9E3779B97F4A7C15ull), 0u);
  v.Set(9, 9);
  EXPECT_EQ(v.Get(9), 9u);
}

TEST(ModelFile, LexiconViewRejectsCorruptTables) {
  Lexicon lex;
  for (uint64_t k = 1; k <= 40; ++k) lex.Set(k, static_cast<uint32_t>(k));
  std::string buf;
  lex.AppendTableTo(buf);
  auto rejects = [](const std::string& b, const char* what) { ExpectViewRejects<Lexicon>(b, what); };
  for (size_t cut : {size_t{0}, size_t{15}, size_t{70}, buf.size() - 1}) rejects(buf.substr(0, cut), "truncated");
  std::string b = buf;
  b[0] = 41;  // count
  rejects(b, "count");
  b = buf;
  b[8] = 65;  // capacity not a power of two
  rejects(b, "capacity");
  // A full table (no free slot): a lookup of an absent key would not end.
  uint64_t hdr[2] = {64, 64};
  std::string full(reinterpret_cast<const char*>(hdr), 16);
  full.resize(64, '\0');
  for (uint64_t k = 1; k <= 64; ++k) full.append(reinterpret_cast<const char*>(&k), 8);
  full.append(64 * 4, '\0');
  rejects(full, "full");
}

// A format-2 file (as written before format 3) of the model m built from p.
std::string Format2File(const SequenceModel& m, const SequenceModel::Parts& p) {
  std::string d;
  auto u32 = [&](uint32_t v) { d.append(reinterpret_cast<const char*>(&v), 4); };
  auto str = [&](const std::string& s) {
    u32(static_cast<uint32_t>(s.size()));
    d += s;
  };
  auto vec = [&](const std::vector<float>& v) {
    const uint64_t n = v.size();
    d.append(reinterpret_cast<const char*>(&n), 8);
    d.append(reinterpret_cast<const char*>(v.data()), v.size() * 4);
  };
  str(m.task());
  u32(m.extractor().groups());
  u32(m.weights().bits());
  str(m.provenance());
  u32(static_cast<uint32_t>(m.labels().size()));
  for (const auto& l : m.labels()) str(l);
  u32(static_cast<uint32_t>(m.scheme()));
  const float scale = m.scale();
  d.append(reinterpret_cast<const char*>(&scale), 4);
  vec(p.trans);
  vec(p.end);
  m.extractor().clusters()->AppendTo(d);
  m.extractor().gazetteer()->AppendTo(d);
  m.weights().AppendTo(d);
  uLongf clen = compressBound(d.size());
  std::string c(clen, '\0');
  EXPECT_EQ(compress2(reinterpret_cast<Bytef*>(c.data()), &clen, reinterpret_cast<const Bytef*>(d.data()), d.size(),
                      Z_NO_COMPRESSION),
            Z_OK);
  c.resize(clen);
  std::string out("TIDTAGM1");
  const uint32_t fmt = 2, fver = kFeatureVersion;
  const uint64_t size = d.size();
  const uint32_t crc = static_cast<uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(d.data()), d.size()));
  out.append(reinterpret_cast<const char*>(&fmt), 4);
  out.append(reinterpret_cast<const char*>(&fver), 4);
  out.append(reinterpret_cast<const char*>(&size), 8);
  out.append(reinterpret_cast<const char*>(&crc), 4);
  return out + c;
}

std::string TempPath(const std::string& name) {
  return (fs::temp_directory_path() / ("tidings_model_file_test_" + std::to_string(::getpid()) + "_" + name)).string();
}

void WriteFile(const std::string& path, const std::string& d) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(d.data(), static_cast<std::streamsize>(d.size()));
}

TEST(ModelFile, Format2FilesLoadAsTheSameModelAndConvert) {
  SequenceModel::Parts p;
  p.task = "ner";
  p.groups = kFgBasic | kFgClusters | kFgGazetteer;
  p.bits = 10;
  const int L = 5;
  for (int l = 0; l < L; ++l) p.labels.push_back("T" + std::to_string(l));
  std::mt19937 rng(5);
  p.trans.resize((L + 1) * L);
  for (auto& t : p.trans) t = static_cast<float>(static_cast<int>(rng() % 2001) - 1000) / 300.0f;
  p.end.resize(L);
  for (auto& t : p.end) t = static_cast<float>(static_cast<int>(rng() % 2001) - 1000) / 300.0f;
  auto table = Table(10, L, 8);
  p.weights.assign(table.begin(), table.end());
  for (uint64_t k = 1; k <= 300; ++k) p.clusters.Set(k * 7919, static_cast<uint32_t>(k % 64));
  for (uint64_t k = 1; k <= 100; ++k) p.gazetteer.Set(k * 104729, 1u << (k % 4));
  const SequenceModel::Parts copy = p;
  auto m = SequenceModel::FromParts(std::move(p));

  const std::string v2 = TempPath("v2.tgm"), v3 = TempPath("v3.tgm");
  WriteFile(v2, Format2File(*m, copy));
  auto old = SequenceModel::Load(v2);
  ASSERT_TRUE(old.ok()) << old.status().message();
  EXPECT_FALSE((*old)->mapped());
  EXPECT_TRUE((*old)->SameAs(*m));

  ASSERT_TRUE((*old)->Save(v3).ok());
  auto cur = SequenceModel::Load(v3);
  ASSERT_TRUE(cur.ok()) << cur.status().message();
  EXPECT_TRUE((*cur)->mapped());
  EXPECT_TRUE((*cur)->SameAs(*m));
  EXPECT_TRUE(m->SameAs(**cur));
  // The same scores, token by token.
  std::vector<std::string> words = {"Binali", "Yildirim", "met", "the", "press", "in", "Ankara", "."};
  std::vector<std::string_view> w(words.begin(), words.end());
  SentenceIn in{w.data(), static_cast<uint32_t>(w.size())};
  TagScratch s1, s2;
  m->Emissions(in, {}, s1);
  (*cur)->Emissions(in, {}, s2);
  EXPECT_EQ(s1.emit, s2.emit);

  // Format 3's header is 64 bytes; the payload follows exactly.
  std::string d;
  {
    std::ifstream f(v3, std::ios::binary);
    d.assign(std::istreambuf_iterator<char>(f), {});
  }
  uint32_t fmt;
  std::memcpy(&fmt, d.data() + 8, 4);
  EXPECT_EQ(fmt, kModelFormatVersion);
  uint64_t size;
  std::memcpy(&size, d.data() + 16, 8);
  EXPECT_EQ(size + 64, d.size());
  WriteFile(v3, d + std::string(8, '\0'));
  auto extra = SequenceModel::Load(v3);
  ASSERT_FALSE(extra.ok());
  EXPECT_NE(extra.status().message().find(v3), std::string::npos);
  std::string flipped = d;
  flipped[d.size() - 100] ^= 0x10;
  WriteFile(v3, flipped);
  auto bad = SequenceModel::Load(v3);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("checksum"), std::string::npos) << bad.status().message();
  // Read from a pipe (not mapped): the same model.
  const std::string fifo = TempPath("fifo.tgm");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::thread writer([&] { WriteFile(fifo, d); });
  auto piped = SequenceModel::Load(fifo);
  writer.join();
  ASSERT_TRUE(piped.ok()) << piped.status().message();
  EXPECT_TRUE((*piped)->SameAs(*m));
  fs::remove(fifo);
  fs::remove(v2);
  fs::remove(v3);
}

TEST(ModelFile, Crc32AgreesWithZlib) {
  std::string d(100000, '\0');
  std::mt19937 rng(1);
  for (auto& c : d) c = static_cast<char>(rng());
  const uint32_t z = static_cast<uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(d.data()), d.size()));
  EXPECT_EQ(Crc32(0, d.data(), d.size()), z);
  EXPECT_EQ(Crc32(Crc32(0, d.data(), 777), d.data() + 777, d.size() - 777), z);
  EXPECT_EQ(Crc32(0, d.data(), 0), 0u);
}

}  // namespace
}  // namespace tidings::tagger
