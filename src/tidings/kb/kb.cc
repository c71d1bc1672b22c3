#include "tidings/kb/kb.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#ifdef TIDINGS_HAVE_LIBDEFLATE
#include <libdeflate.h>
#endif

#include <cerrno>
#include <new>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "tidings/core/crc32.h"
#include "tidings/kb/normalize.h"

namespace tidings::kb {
namespace {

constexpr uint32_t kSections = 6;
struct Header {
  char magic[8];
  uint32_t version;
  uint32_t crc;  // crc32 of everything after the header
  uint32_t sections;
  uint32_t pad;
  uint32_t off[kSections];
  uint32_t size[kSections];
};
static_assert(sizeof(Header) == 72);

template <typename T>
std::span<const T> SectionSpan(const char* buf, uint32_t off, uint32_t size) {
  return std::span<const T>(reinterpret_cast<const T*>(buf + off), size / sizeof(T));
}

// Order-preserving code of a key's first two bytes: keys sorted by byte
// order have non-decreasing codes (a missing byte sorts before any byte).
constexpr uint32_t kPrefixCodes = 257 * 257;
inline uint32_t PrefixCode(std::string_view k) {
  uint32_t a = k.size() > 0 ? static_cast<unsigned char>(k[0]) + 1u : 0u;
  uint32_t b = k.size() > 1 ? static_cast<unsigned char>(k[1]) + 1u : 0u;
  return a * 257 + b;
}

// Slot of an alpha-3 or alpha-2 code of capital letters in country_by_code_, or -1.
inline int CountryCodeSlot(std::string_view code) {
  auto letter = [](char c) { return c >= 'A' && c <= 'Z'; };
  if (code.size() == 3 && letter(code[0]) && letter(code[1]) && letter(code[2]))
    return ((code[0] - 'A') * 26 + (code[1] - 'A')) * 26 + (code[2] - 'A');
  if (code.size() == 2 && letter(code[0]) && letter(code[1])) return 26 * 26 * 26 + (code[0] - 'A') * 26 + (code[1] - 'A');
  return -1;
}
}  // namespace

KnowledgeBase::Buffer::Buffer(size_t n) : size_(n) {
  if (n == 0) return;
  constexpr size_t kHuge = size_t{2} << 20;
  if (n >= kHuge) {
    // Over-allocate by 2 MB so that the block can start on a huge-page boundary.
    size_t len = (n + kHuge - 1) / kHuge * kHuge + kHuge;
    void* m = ::mmap(nullptr, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m != MAP_FAILED) {
      map_ = m;
      map_len_ = len;
      uintptr_t a = (reinterpret_cast<uintptr_t>(m) + kHuge - 1) & ~(kHuge - 1);
      data_ = reinterpret_cast<char*>(a);
#ifdef MADV_HUGEPAGE
      (void)::madvise(data_, (n + kHuge - 1) / kHuge * kHuge, MADV_HUGEPAGE);
#endif
      return;
    }
  }
  data_ = new (std::nothrow) char[n];
  if (!data_) size_ = 0;
}

KnowledgeBase::Buffer::Buffer(FileBytes f)
    : data_(const_cast<char*>(f.data())), size_(f.size()), file_(std::move(f)) {}

KnowledgeBase::Buffer::~Buffer() {
  if (map_) ::munmap(map_, map_len_);
  else if (!file_.data()) delete[] data_;
}

namespace {

// A zero-filled block of n 32-bit slots (fresh anonymous pages are zero).
KnowledgeBase::Buffer ZeroSlots(size_t n) {
  KnowledgeBase::Buffer b(n * sizeof(uint32_t));
  if (b.size() && !b.mapped()) std::memset(b.data(), 0, b.size());
  return b;
}

inline uint64_t Mix(uint64_t x) {
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 31;
  x *= 0x94d049bb133111ebull;
  x ^= x >> 29;
  return x;
}

constexpr uint32_t kIndexBits = 24;  // name index bits of a hash slot; 8 bits of hash tag above
constexpr uint32_t kIndexMask = (1u << kIndexBits) - 1;
constexpr size_t kPrefetchPlaces = 48;  // places of a look-up's run prefetched

// Reads a whole file into a buffer (FileBytes: a regular file mapped, else
// read); "" on success, else the reason.
std::string ReadFile(const std::string& path, KnowledgeBase::Buffer* out, bool* missing) {
  FileBytes f;
  std::string why = FileBytes::Read(path, &f, missing);
  if (why.empty()) *out = KnowledgeBase::Buffer(std::move(f));
  return why;
}

}  // namespace

uint64_t HashKey(std::string_view key) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(key.data());
  size_t n = key.size();
  uint64_t h = 0x243F6A8885A308D3ull ^ (n * 0x9E3779B97F4A7C15ull);
  while (n >= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    h = Mix(h ^ w);
    p += 8;
    n -= 8;
  }
  if (n >= 4) {
    uint32_t a, b;
    std::memcpy(&a, p, 4);
    std::memcpy(&b, p + n - 4, 4);
    h = Mix(h ^ (uint64_t{a} | (uint64_t{b} << 32)));
  } else if (n > 0) {
    h = Mix(h ^ (uint64_t{p[0]} | (uint64_t{p[n / 2]} << 8) | (uint64_t{p[n - 1]} << 16) | (uint64_t{n} << 24)));
  }
  return h ^ (h >> 32);
}

namespace {

// The cache file: this header, the knowledge base's bytes (padded to 8), the
// hash index's slots and the prefix-code table, all as in memory.
constexpr char kCacheMagic[8] = {'T', 'D', 'K', 'B', 'C', 'A', 'C', 'H'};
constexpr uint32_t kCacheFormat = 1;  // bump whenever the layout or the index's hashing changes
struct CacheHeader {
  char magic[8];
  uint32_t format;
  uint32_t kb_version;
  uint64_t src_size;  // size and CRC-32 of the file it was made from
  uint32_t src_crc;
  uint32_t body_crc;  // CRC-32 of everything after the header
  uint64_t kb_size;
  uint32_t index_slots;
  uint32_t key_count;
  uint32_t bucket_count;
  uint32_t hash_probe;  // HashProbe() of the code that wrote it: the slots depend on HashKey
  uint32_t pad[2];
};
static_assert(sizeof(CacheHeader) == 64);

uint32_t HashProbe() { return static_cast<uint32_t>(HashKey("Zurich, Sanliurfa and Cote dIvoire")); }

constexpr size_t Pad8(size_t n) { return (n + 7) & ~size_t{7}; }

bool WriteAll(int fd, const void* p, size_t n) {
  const char* b = static_cast<const char*>(p);
  while (n > 0) {
    ssize_t w = ::write(fd, b, std::min<size_t>(n, size_t{1} << 30));
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    b += w;
    n -= static_cast<size_t>(w);
  }
  return true;
}

}  // namespace

struct KnowledgeBase::CachedIndex {
  size_t slots_off;  // byte offset of the slots in the buffer
  uint32_t slots;    // number of slots (a power of two)
  uint32_t key_count;
  size_t bucket_off;  // byte offset of the prefix-code table
};

std::string KnowledgeBase::CachePath(const std::string& path) { return path + ".cache"; }

StatusOr<std::shared_ptr<const KnowledgeBase>> KnowledgeBase::Load(const std::string& path, bool use_cache) {
  Buffer file;
  bool missing = false;
  std::string why = ReadFile(path, &file, &missing);
  if (missing)
    return NotFound("knowledge base " + path +
                    " not found (build it with scripts/build-kb.sh, or set TIDINGS_HOME)");
  if (!why.empty()) return DataLoss("knowledge base " + path + ": " + why);
  if (file.size() >= 18 && static_cast<unsigned char>(file.data()[0]) == 0x1f &&
      static_cast<unsigned char>(file.data()[1]) == 0x8b) {
    // gzip (data/kb.bin.gz as committed): the inflated and indexed copy when there is one.
    uint32_t src_crc = 0;
    if (use_cache) {
      src_crc = Crc32(0, file.data(), file.size());
      if (auto kb = ReadCache(CachePath(path), file.size(), src_crc)) return kb;
    }
    // The trailer gives the size; inflate in one go.
    uint32_t isize;
    std::memcpy(&isize, file.data() + file.size() - 4, 4);
    if (isize > (1u << 31)) return DataLoss("knowledge base " + path + " is corrupt (gzip size " + std::to_string(isize) + ")");
    Buffer bytes(isize);
    if (!bytes.ok()) return DataLoss("knowledge base " + path + ": out of memory");
#ifdef TIDINGS_HAVE_LIBDEFLATE
    // libdeflate inflates a whole buffer about twice as fast as zlib.
    libdeflate_decompressor* d = libdeflate_alloc_decompressor();
    if (!d) return Internal("libdeflate init failed");
    size_t produced = 0;
    const libdeflate_result r =
        libdeflate_gzip_decompress(d, file.data(), file.size(), bytes.data(), bytes.size(), &produced);
    libdeflate_free_decompressor(d);
    if (r != LIBDEFLATE_SUCCESS || produced != bytes.size())
      return DataLoss("knowledge base " + path + " is corrupt or truncated (gzip: " +
                      (r == LIBDEFLATE_BAD_DATA ? "bad data or checksum" : r == LIBDEFLATE_SUCCESS ? "wrong size" : "unexpected end") +
                      "); rebuild it with scripts/build-kb.sh");
#else
    z_stream zs{};
    if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) return Internal("zlib init failed");
    zs.next_in = reinterpret_cast<Bytef*>(file.data());
    zs.avail_in = static_cast<uInt>(file.size());
    zs.next_out = reinterpret_cast<Bytef*>(bytes.data());
    zs.avail_out = static_cast<uInt>(bytes.size());
    int rc = inflate(&zs, Z_FINISH);
    size_t produced = bytes.size() - zs.avail_out;
    inflateEnd(&zs);
    if (rc != Z_STREAM_END || produced != bytes.size())
      return DataLoss("knowledge base " + path + " is corrupt or truncated (gzip: " +
                      (zs.msg ? std::string(zs.msg) : "unexpected end") + "); rebuild it with scripts/build-kb.sh");
#endif
    // The gzip trailer's CRC-32 of these bytes was checked while inflating.
    auto kb = Parse(std::move(bytes), 0, isize, path, /*verify_crc=*/false, nullptr);
    if (!kb.ok()) return kb.status();
    if (use_cache) (*kb)->WriteCache(CachePath(path), file.size(), src_crc);
    return std::shared_ptr<const KnowledgeBase>(std::move(*kb));
  }
  const size_t n = file.size();
  auto kb = Parse(std::move(file), 0, n, path, /*verify_crc=*/true, nullptr);
  if (!kb.ok()) return kb.status();
  return std::shared_ptr<const KnowledgeBase>(std::move(*kb));
}

StatusOr<std::shared_ptr<const KnowledgeBase>> KnowledgeBase::FromBytes(std::string bytes,
                                                                         const std::string& origin) {
  Buffer b(bytes.size());
  if (!b.ok()) return DataLoss("knowledge base " + origin + ": out of memory");
  if (!bytes.empty()) std::memcpy(b.data(), bytes.data(), bytes.size());
  auto kb = Parse(std::move(b), 0, bytes.size(), origin, /*verify_crc=*/true, nullptr);
  if (!kb.ok()) return kb.status();
  return std::shared_ptr<const KnowledgeBase>(std::move(*kb));
}

std::shared_ptr<const KnowledgeBase> KnowledgeBase::ReadCache(const std::string& cache_path, uint64_t src_size,
                                                              uint32_t src_crc) {
  int fd = ::open(cache_path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return nullptr;
  struct stat st;
  CacheHeader h;
  if (::fstat(fd, &st) != 0 || st.st_size < static_cast<off_t>(sizeof(CacheHeader)) ||
      ::pread(fd, &h, sizeof h, 0) != static_cast<ssize_t>(sizeof h)) {
    ::close(fd);
    return nullptr;
  }
  const uint64_t slots_off = sizeof(CacheHeader) + Pad8(h.kb_size);
  const uint64_t bucket_off = slots_off + uint64_t{h.index_slots} * 4;
  if (std::memcmp(h.magic, kCacheMagic, 8) != 0 || h.format != kCacheFormat || h.kb_version != kKbVersion ||
      h.src_size != src_size || h.src_crc != src_crc || h.kb_size > (uint64_t{1} << 31) ||
      h.index_slots < 16 || h.index_slots > (1u << 30) || (h.index_slots & (h.index_slots - 1)) != 0 ||
      h.bucket_count != kPrefixCodes + 1 || h.hash_probe != HashProbe() || bucket_off + uint64_t{h.bucket_count} * 4 != static_cast<uint64_t>(st.st_size)) {
    ::close(fd);
    return nullptr;
  }
  FileBytes f;
  const bool loaded = FileBytes::ReadFd(fd, &f).empty();
  ::close(fd);
  if (!loaded || f.size() != static_cast<size_t>(st.st_size)) return nullptr;
  Buffer b(std::move(f));
  if (Crc32(0, b.data() + sizeof(CacheHeader), b.size() - sizeof(CacheHeader)) != h.body_crc) return nullptr;
  const CachedIndex ci{static_cast<size_t>(slots_off), h.index_slots, h.key_count, static_cast<size_t>(bucket_off)};
  auto kb = Parse(std::move(b), sizeof(CacheHeader), static_cast<size_t>(h.kb_size), cache_path, /*verify_crc=*/false, &ci);
  if (!kb.ok()) return nullptr;
  (*kb)->from_cache_ = true;
  return std::move(*kb);
}

bool KnowledgeBase::WriteCache(const std::string& cache_path, uint64_t src_size, uint32_t src_crc) const {
  CacheHeader h{};
  std::memcpy(h.magic, kCacheMagic, 8);
  h.format = kCacheFormat;
  h.kb_version = kKbVersion;
  h.src_size = src_size;
  h.src_crc = src_crc;
  h.kb_size = kb_size_;
  h.index_slots = index_mask_ + 1;
  h.key_count = static_cast<uint32_t>(key_count_);
  h.bucket_count = static_cast<uint32_t>(bucket_.size());
  h.hash_probe = HashProbe();
  if (!slots_ || h.bucket_count != kPrefixCodes + 1) return false;
  const char zeros[8] = {};
  const size_t pad = Pad8(kb_size_) - kb_size_;
  uint32_t crc = Crc32(0, kb_, kb_size_);
  crc = Crc32(crc, zeros, pad);
  crc = Crc32(crc, slots_, size_t{h.index_slots} * 4);
  crc = Crc32(crc, bucket_.data(), bucket_.size() * 4);
  h.body_crc = crc;
  // A private temporary name, then an atomic rename: readers see the old file or the whole new one.
  const std::string tmp = cache_path + ".tmp" + std::to_string(::getpid());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return false;
  bool ok = WriteAll(fd, &h, sizeof h) && WriteAll(fd, kb_, kb_size_) && WriteAll(fd, zeros, pad) &&
            WriteAll(fd, slots_, size_t{h.index_slots} * 4) && WriteAll(fd, bucket_.data(), bucket_.size() * 4);
  ok = ::close(fd) == 0 && ok;
  if (ok) ok = ::rename(tmp.c_str(), cache_path.c_str()) == 0;
  if (!ok) ::unlink(tmp.c_str());
  return ok;
}

StatusOr<std::shared_ptr<KnowledgeBase>> KnowledgeBase::Parse(Buffer bytes, size_t kb_off, size_t kb_size,
                                                              const std::string& origin, bool verify_crc,
                                                              const CachedIndex* cached) {
  auto bad = [&](const std::string& why) {
    return DataLoss("knowledge base " + origin + " is corrupt or of another version: " + why +
                    " (rebuild it with scripts/build-kb.sh)");
  };
  if (kb_off > bytes.size() || kb_size > bytes.size() - kb_off) return bad("file too short");
  const char* b = bytes.data() + kb_off;
  if (kb_size < sizeof(Header)) return bad("file too short");
  Header h;
  std::memcpy(&h, b, sizeof(Header));
  if (std::memcmp(h.magic, kKbMagic, 8) != 0) return bad("bad magic");
  if (h.version != kKbVersion) return bad("version " + std::to_string(h.version));
  if (h.sections != kSections) return bad("section count");
  if (verify_crc && Crc32(0, b + sizeof(Header), kb_size - sizeof(Header)) != h.crc) return bad("checksum mismatch");
  const size_t rec[kSections] = {sizeof(PlaceRec), sizeof(NameRec), sizeof(CountryRec), sizeof(Admin1Rec), 1, 1};
  for (uint32_t s = 0; s < kSections; ++s) {
    if (h.off[s] < sizeof(Header) || h.off[s] % 8 != 0 || uint64_t(h.off[s]) + h.size[s] > kb_size ||
        h.size[s] % rec[s] != 0)
      return bad("section " + std::to_string(s) + " out of bounds");
  }
  auto kb = std::make_shared<KnowledgeBase>();
  kb->buf_ = std::move(bytes);
  kb->kb_ = b;
  kb->kb_size_ = kb_size;
  kb->places_ = SectionSpan<PlaceRec>(b, h.off[0], h.size[0]);
  kb->names_ = SectionSpan<NameRec>(b, h.off[1], h.size[1]);
  kb->countries_ = SectionSpan<CountryRec>(b, h.off[2], h.size[2]);
  kb->admin1_ = SectionSpan<Admin1Rec>(b, h.off[3], h.size[3]);
  kb->strings_ = std::string_view(b + h.off[4], h.size[4]);
  kb->keys_ = std::string_view(b + h.off[5], h.size[5]);
  if (kb->places_.size() >= kNoIndex32 || kb->countries_.size() >= kNoIndex16 || kb->admin1_.size() >= kNoIndex16 ||
      kb->names_.size() >= kIndexMask)
    return bad("too many records");
  // Every reference must stay inside the file: one pass that only tells
  // whether some record is wrong (no branch per record), then, only if so, the
  // pass that says which check fails. (A coordinate that is NaN or infinite
  // fails the range comparisons too.)
  const uint32_t np = static_cast<uint32_t>(kb->places_.size());
  bool places_ok = true;
  {
    const uint64_t ns = kb->strings_.size();
    const uint32_t nc = static_cast<uint32_t>(kb->countries_.size()), na = static_cast<uint32_t>(kb->admin1_.size());
    uint32_t wrong = 0;
    for (const PlaceRec& p : kb->places_) {
      // kNoIndex16/32 + 1 wraps to 0: "none" passes, any other index must be below the count.
      wrong |= static_cast<uint32_t>(uint64_t{p.name_off} + p.name_len > ns) |
               static_cast<uint32_t>(static_cast<uint16_t>(p.country + 1) > nc) |
               static_cast<uint32_t>(static_cast<uint16_t>(p.admin1 + 1) > na) |
               static_cast<uint32_t>(static_cast<uint32_t>(p.admin2 + 1) > np) |
               static_cast<uint32_t>(p.feature > static_cast<uint8_t>(PlaceFeature::kContinent)) |
               static_cast<uint32_t>(p.fclass > kFcOther) |
               static_cast<uint32_t>(!(std::fabs(p.lat) <= 90.0f)) | static_cast<uint32_t>(!(std::fabs(p.lon) <= 180.0f));
    }
    places_ok = wrong == 0;
  }
  for (const PlaceRec& p : places_ok ? std::span<const PlaceRec>() : kb->places_) {
    if (uint64_t(p.name_off) + p.name_len > kb->strings_.size()) return bad("place name out of bounds");
    if (p.country != kNoIndex16 && p.country >= kb->countries_.size()) return bad("place country out of range");
    if (p.admin1 != kNoIndex16 && p.admin1 >= kb->admin1_.size()) return bad("place admin1 out of range");
    if (p.admin2 != kNoIndex32 && p.admin2 >= np) return bad("place admin2 out of range");
    if (p.feature > static_cast<uint8_t>(PlaceFeature::kContinent) || p.fclass > kFcOther)
      return bad("place feature out of range");
    if (!(std::isfinite(p.lat) && std::isfinite(p.lon)) || std::fabs(p.lat) > 90 || std::fabs(p.lon) > 180)
      return bad("place coordinates out of range");
  }
  for (const CountryRec& c : kb->countries_)
    if (c.place >= np) return bad("country place out of range");
  for (const Admin1Rec& a : kb->admin1_)
    if (a.place >= np || a.code[11] != 0) return bad("admin1 record out of range");
  kb->country_by_code_.assign(26 * 26 * 26 + 26 * 26, 0);
  for (size_t i = kb->countries_.size(); i-- > 0;) {  // backwards: the first country with a code wins
    const CountryRec& c = kb->countries_[i];
    const uint16_t v = static_cast<uint16_t>(i + 1);
    if (const int s3 = CountryCodeSlot(std::string_view(c.a3, 3)); s3 >= 0) kb->country_by_code_[s3] = v;
    if (const int s2 = CountryCodeSlot(std::string_view(c.a2, 2)); s2 >= 0) kb->country_by_code_[s2] = v;
  }
  const std::span<const NameRec> names = kb->names_;
  const std::string_view keys = kb->keys_;
  if (cached) {
    // The index as made when the cache was written (from checked bytes):
    // check that every slot and table entry stays inside the name table and
    // that the table has empty slots (a probe always ends).
    uint32_t wrong = 0;
    for (const NameRec& n : names)
      wrong |= static_cast<uint32_t>(uint64_t{n.key_off} + n.key_len > keys.size()) | static_cast<uint32_t>(n.place >= np);
    if (wrong) return bad("name key or place out of range");
    const uint32_t* slots = reinterpret_cast<const uint32_t*>(kb->buf_.data() + cached->slots_off);
    const uint32_t nn = static_cast<uint32_t>(names.size());
    uint32_t used = 0;
    for (uint32_t i = 0; i < cached->slots; ++i) {
      const uint32_t s = slots[i];
      // A used slot holds (first name index + 1), never 0.
      used += s != 0;
      wrong |= static_cast<uint32_t>(s != 0) & static_cast<uint32_t>((s & kIndexMask) - 1u >= nn);
    }
    if (wrong) return bad("index slot out of range");
    if (used != cached->key_count || used >= cached->slots) return bad("index count");
    const uint32_t* bucket = reinterpret_cast<const uint32_t*>(kb->buf_.data() + cached->bucket_off);
    kb->bucket_.assign(bucket, bucket + kPrefixCodes + 1);
    for (size_t i = 0; i <= kPrefixCodes; ++i)
      if (kb->bucket_[i] > names.size() || (i > 0 && kb->bucket_[i] < kb->bucket_[i - 1]))
        return bad("prefix table out of range");
    kb->slots_ = slots;
    kb->index_mask_ = cached->slots - 1;
    kb->key_count_ = used;
    return kb;
  }
  // Names: bounds, order, and the first name of each distinct key.
  std::vector<uint32_t> starts;
  starts.reserve(names.size() / 2 + 1);
  for (size_t i = 0; i < names.size(); ++i) {
    const NameRec& n = names[i];
    if (uint64_t(n.key_off) + n.key_len > keys.size()) return bad("name key out of bounds");
    if (n.place >= np) return bad("name place out of range");
    if (i == 0) {
      starts.push_back(0);
      continue;
    }
    const NameRec& m = names[i - 1];
    if (m.key_off == n.key_off && m.key_len == n.key_len) continue;  // the same key
    int c = keys.substr(m.key_off, m.key_len).compare(keys.substr(n.key_off, n.key_len));
    if (c > 0) return bad("name index not sorted");
    if (c < 0) starts.push_back(static_cast<uint32_t>(i));
  }
  kb->bucket_.assign(kPrefixCodes + 1, 0);
  {
    uint32_t next = 0;  // first code whose start is not set yet
    for (uint32_t s : starts) {
      uint32_t c = PrefixCode(kb->key(names[s]));
      while (next <= c) kb->bucket_[next++] = s;
    }
    while (next <= kPrefixCodes) kb->bucket_[next++] = static_cast<uint32_t>(names.size());
  }
  // Hash index of the distinct keys, at most two thirds full.
  {
    size_t cap = 16;
    while (cap < starts.size() + starts.size() / 2) cap *= 2;
    kb->index_ = ZeroSlots(cap);
    if (!kb->index_.ok()) return DataLoss("knowledge base " + origin + ": out of memory");
    uint32_t* slots = reinterpret_cast<uint32_t*>(kb->index_.data());
    const uint32_t mask = static_cast<uint32_t>(cap - 1);
    // Hashes first (keys are read in order), then the inserts, each slot
    // prefetched a few inserts ahead: the table is larger than the caches.
    std::vector<uint64_t> hashes(starts.size());
    for (size_t j = 0; j < starts.size(); ++j) hashes[j] = HashKey(kb->key(names[starts[j]]));
    constexpr size_t kAhead = 16;
    for (size_t j = 0; j < starts.size(); ++j) {
      if (j + kAhead < starts.size()) __builtin_prefetch(slots + (static_cast<uint32_t>(hashes[j + kAhead]) & mask), 1);
      const uint64_t hk = hashes[j];
      uint32_t i = static_cast<uint32_t>(hk) & mask;
      while (slots[i]) i = (i + 1) & mask;
      slots[i] = (starts[j] + 1) | (static_cast<uint32_t>(hk >> 56) << kIndexBits);
    }
    kb->slots_ = slots;
    kb->index_mask_ = mask;
    kb->key_count_ = starts.size();
  }
  return kb;
}

std::span<const NameRec> KnowledgeBase::Lookup(std::string_view key) const {
  const uint32_t* slots = slots_;
  if (!slots) return {};
  const uint64_t hk = HashKey(key);
  const uint32_t tag = static_cast<uint32_t>(hk >> 56);
  for (uint32_t i = static_cast<uint32_t>(hk) & index_mask_;; i = (i + 1) & index_mask_) {
    const uint32_t s = slots[i];
    if (!s) return {};
    if ((s >> kIndexBits) != tag) continue;
    const uint32_t first = (s & kIndexMask) - 1;
    const NameRec& f = names_[first];
    if (this->key(f) != key) continue;
    // Callers go on to read the places of the run (scattered over 8 MB):
    // their loads are started here, all at once, instead of one miss after
    // another in the caller's loop.
    __builtin_prefetch(&places_[f.place]);
    size_t last = first + 1;
    while (last < names_.size() && ((names_[last].key_off == f.key_off && names_[last].key_len == f.key_len) ||
                                    this->key(names_[last]) == key)) {
      if (last - first < kPrefetchPlaces) __builtin_prefetch(&places_[names_[last].place]);
      ++last;
    }
    return std::span<const NameRec>(names_.data() + first, last - first);
  }
}

bool KnowledgeBase::HasKeyWithPrefix(std::string_view prefix) const {
  std::string p(prefix);
  p.push_back(' ');
  // Keys of a lower prefix code sort before p, keys of a higher one after it.
  const uint32_t c = PrefixCode(p);
  auto lo = std::lower_bound(names_.begin() + bucket_[c], names_.begin() + bucket_[c + 1], std::string_view(p),
                             [&](const NameRec& n, std::string_view k) { return this->key(n) < k; });
  return lo != names_.end() && key(*lo).substr(0, p.size()) == p;
}

uint16_t KnowledgeBase::FindCountry(std::string_view code) const {
  // The first country with the code, as the scan below finds it.
  if (const int slot = CountryCodeSlot(code); slot >= 0 && !country_by_code_.empty())
    return static_cast<uint16_t>(country_by_code_[slot] - 1);  // 0 - 1 = kNoIndex16
  for (size_t i = 0; i < countries_.size(); ++i) {
    const CountryRec& c = countries_[i];
    if ((code.size() == 3 && std::string_view(c.a3, 3) == code) ||
        (code.size() == 2 && std::string_view(c.a2, 2) == code))
      return static_cast<uint16_t>(i);
  }
  return kNoIndex16;
}

uint16_t KnowledgeBase::FindCountryByName(std::string_view name) const {
  for (const NameRec& n : Lookup(NormalizeName(name))) {
    const PlaceRec& p = places_[n.place];
    if (p.fclass == kFcCountry && !(n.flags & kNameDemonym)) return p.country;
  }
  return kNoIndex16;
}

double DistanceKm(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kRad = 3.14159265358979323846 / 180.0;
  double dlat = (lat2 - lat1) * kRad, dlon = (lon2 - lon1) * kRad;
  double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
             std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 6371.0 * 2 * std::atan2(std::sqrt(a), std::sqrt(1 - a));
}

std::string_view PlaceFeatureName(PlaceFeature f) {
  switch (f) {
    case PlaceFeature::kCountry: return "country";
    case PlaceFeature::kRegion: return "region";
    case PlaceFeature::kCity: return "city";
    case PlaceFeature::kOther: return "other";
    case PlaceFeature::kCounty: return "county";
    case PlaceFeature::kContinent: return "continent";
  }
  return "other";
}

}  // namespace tidings::kb
