// KnowledgeBase: the compiled gazetteer (data/kb.bin) - countries with their
// names and demonyms, first-level regions (admin1), second-level divisions
// (admin2, counties) and populated places of the world, with a name index.
//
// The file is produced by `tidings build-kb` (scripts/build-kb.sh) from pinned
// open-data packages; see docs/schema.md and README "Data sources and licences".
// Loading inflates the file once into one buffer (no zero-fill, transparent
// huge pages where the kernel offers them), checks its checksum and every
// offset, builds a hash index of the distinct name keys, and then serves
// look-ups straight from the buffer (no per-record parsing). A KnowledgeBase
// is shared read-only (const) across threads.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tidings/core/document.h"
#include "tidings/core/file_bytes.h"
#include "tidings/core/status.h"

namespace tidings::kb {

inline constexpr char kKbMagic[8] = {'T', 'D', 'K', 'B', 'v', '0', '0', '1'};
inline constexpr uint32_t kKbVersion = 1;
inline constexpr uint16_t kNoIndex16 = 0xFFFF;
inline constexpr uint32_t kNoIndex32 = 0xFFFFFFFF;

// GeoNames-style feature codes, coarse, in order of prominence.
enum FClass : uint8_t {
  kFcCountry = 0,  // PCLI and other country-level entities
  kFcContinent,    // continents and world regions
  kFcAdm1,         // first-level division (state, province)
  kFcAdm2,         // second-level division (county, parish, district)
  kFcCapital,      // PPLC
  kFcSeat1,        // PPLA (seat of an admin1)
  kFcSeat2,        // PPLA2
  kFcSeat3,        // PPLA3/PPLA4/PPLA5
  kFcPpl,          // PPL and other populated places
  kFcSection,      // PPLX (part of a city)
  kFcOther,
};

enum NameFlags : uint8_t {
  kNamePrimary = 1,   // the place's own name (or its ASCII form)
  kNameAlias = 2,     // an alternate name
  kNameAbbrev = 4,    // an abbreviation ("Ga.", "Calif.", "GA"): only in "X, Y" or datelines
  kNameDemonym = 8,   // a nationality word ("Russian", "Syrians")
  kNameVariant = 16,  // a generated variant ("Cobb" for "Cobb County", "St" for "Saint")
};

struct PlaceRec {  // 32 bytes
  int32_t geonames_id;
  float lat, lon;
  uint32_t population;
  uint32_t name_off;  // display name in the string pool
  uint16_t name_len;
  uint16_t country;  // index into countries, kNoIndex16 when none
  uint16_t admin1;   // index into admin1 regions, kNoIndex16 when none
  uint8_t feature;   // tidings::PlaceFeature
  uint8_t fclass;    // FClass
  uint32_t admin2;   // place index of the admin2 division, kNoIndex32 when none
};
static_assert(sizeof(PlaceRec) == 32);

struct NameRec {  // 12 bytes; sorted by key, then by population descending
  uint32_t key_off;  // normalized key in the key pool
  uint16_t key_len;
  uint8_t flags;  // NameFlags
  uint8_t pad;
  uint32_t place;
};
static_assert(sizeof(NameRec) == 12);

struct CountryRec {  // 12 bytes
  char a2[2];
  char a3[3];
  uint8_t pad[3];
  uint32_t place;
};
static_assert(sizeof(CountryRec) == 12);

struct Admin1Rec {  // 16 bytes
  char code[12];  // GeoNames admin1 code "US.GA", NUL padded
  uint32_t place;
};
static_assert(sizeof(Admin1Rec) == 16);

class KnowledgeBase {
 public:
  // Loads data/kb.bin. Errors name the file and what is wrong with it.
  //
  // A gzip file (data/kb.bin.gz) is inflated and indexed once; the inflated
  // bytes and the index are then kept in a cache file next to it (path +
  // ".cache", written atomically when the folder is writable, never required)
  // that later loads read instead: no inflating, no hashing. The cache is
  // used only when it was made from a file with exactly the same bytes (its
  // size and CRC-32 are recorded) by the same format version, and its own
  // CRC-32 and every offset in it are checked as for a fresh load; otherwise
  // it is ignored and rewritten. use_cache = false neither reads nor writes it.
  static StatusOr<std::shared_ptr<const KnowledgeBase>> Load(const std::string& path, bool use_cache = true);
  // The cache file of a knowledge base file (path + ".cache").
  static std::string CachePath(const std::string& path);
  // Same from bytes in memory (origin names the source in messages).
  static StatusOr<std::shared_ptr<const KnowledgeBase>> FromBytes(std::string bytes, const std::string& origin);

  // All entries whose normalized key equals `key` (see NormalizeName), most
  // populous place first. One hash probe (no allocation, no binary search).
  std::span<const NameRec> Lookup(std::string_view key) const;
  // True if some key starts with `prefix` + " " (a longer name may follow).
  bool HasKeyWithPrefix(std::string_view prefix) const;

  size_t place_count() const { return places_.size(); }
  const PlaceRec& place(uint32_t i) const { return places_[i]; }
  std::string_view place_name(uint32_t i) const {
    return strings_.substr(places_[i].name_off, places_[i].name_len);
  }
  std::string_view key(const NameRec& n) const { return keys_.substr(n.key_off, n.key_len); }

  size_t country_count() const { return countries_.size(); }
  const CountryRec& country(uint16_t c) const { return countries_[c]; }
  std::string_view country_a3(uint16_t c) const {
    return c < countries_.size() ? std::string_view(countries_[c].a3, 3) : std::string_view();
  }
  // Index of the country with this ISO alpha-3 (or alpha-2) code, or kNoIndex16.
  uint16_t FindCountry(std::string_view code) const;
  // Index of the country whose name (any alias) normalizes to `name`, or kNoIndex16.
  uint16_t FindCountryByName(std::string_view name) const;

  size_t admin1_count() const { return admin1_.size(); }
  const Admin1Rec& admin1(uint16_t a) const { return admin1_[a]; }

  size_t name_count() const { return names_.size(); }
  const NameRec& name(size_t i) const { return names_[i]; }
  size_t byte_size() const { return kb_size_; }
  // True when this knowledge base was read from its cache file.
  bool from_cache() const { return from_cache_; }
  // Number of distinct name keys (entries of the hash index).
  size_t key_count() const { return key_count_; }

  // A heap block of bytes that is not zero-filled on allocation; large blocks
  // come from mmap with transparent huge pages requested (far fewer page
  // faults for the 25 MB knowledge base). Or a file's bytes (FileBytes: a
  // regular file mapped read-only, its page-cache pages neither copied nor
  // zero-filled).
  class Buffer {
   public:
    Buffer() = default;
    explicit Buffer(size_t n);
    // The bytes of a file read by FileBytes (data() must not be written).
    explicit Buffer(FileBytes f);
    Buffer(Buffer&& o) noexcept { swap(o); }
    Buffer& operator=(Buffer&& o) noexcept {
      Buffer t(std::move(o));
      swap(t);
      return *this;
    }
    Buffer(const Buffer&) = delete;
    Buffer& operator=(const Buffer&) = delete;
    ~Buffer();
    char* data() { return data_; }
    const char* data() const { return data_; }
    size_t size() const { return size_; }
    bool ok() const { return data_ != nullptr || size_ == 0; }
    bool mapped() const { return map_ != nullptr; }  // fresh anonymous pages: zero-filled

   private:
    void swap(Buffer& o) noexcept {
      std::swap(data_, o.data_);
      std::swap(size_, o.size_);
      std::swap(map_, o.map_);
      std::swap(map_len_, o.map_len_);
      std::swap(file_, o.file_);
    }
    char* data_ = nullptr;
    size_t size_ = 0;
    void* map_ = nullptr;  // anonymous mmap'ed region (else data_ is from new[] or in file_)
    size_t map_len_ = 0;
    FileBytes file_;  // the file data_ points into (Buffer(FileBytes))
  };

 private:
  struct CachedIndex;
  // verify_crc = false when the bytes were already checked (gzip's own CRC-32
  // covers exactly the same bytes). The knowledge base is the first kb_size
  // bytes of `bytes` from offset kb_off; `cached` (from a cache file, whose
  // bytes follow) replaces building the index.
  static StatusOr<std::shared_ptr<KnowledgeBase>> Parse(Buffer bytes, size_t kb_off, size_t kb_size,
                                                        const std::string& origin, bool verify_crc,
                                                        const CachedIndex* cached);
  // The knowledge base in a cache file made from a file of this size and
  // CRC-32; null when there is none, or it is stale, foreign or damaged.
  static std::shared_ptr<const KnowledgeBase> ReadCache(const std::string& cache_path, uint64_t src_size,
                                                        uint32_t src_crc);
  // Writes the cache file of a knowledge base loaded from a file whose bytes
  // had this size and CRC-32 (best effort: false when it cannot).
  bool WriteCache(const std::string& cache_path, uint64_t src_size, uint32_t src_crc) const;
  Buffer buf_;
  const char* kb_ = nullptr;  // the knowledge base's bytes in buf_
  size_t kb_size_ = 0;
  bool from_cache_ = false;
  std::span<const PlaceRec> places_;
  std::span<const NameRec> names_;
  std::span<const CountryRec> countries_;
  std::span<const Admin1Rec> admin1_;
  std::string_view strings_;
  std::string_view keys_;
  // bucket_[p] = index of the first name whose key's two-byte prefix code
  // (PrefixCode) is >= p; narrows the binary search of HasKeyWithPrefix.
  std::vector<uint32_t> bucket_;
  // Country index + 1 by alpha-3 code (26^3 entries) and by alpha-2 code
  // (26^2 after them) when the code is capital letters; 0 for none.
  std::vector<uint16_t> country_by_code_;
  // Open-addressing hash table (linear probing, power-of-two size) of the
  // distinct keys: slot = 0 when empty, else (first name index + 1) in the
  // low kIndexBits bits and 8 bits of the key's hash above them. The slots
  // are in index_ when built at load, in buf_ when read from the cache.
  Buffer index_;
  const uint32_t* slots_ = nullptr;
  uint32_t index_mask_ = 0;
  size_t key_count_ = 0;
};


// Great-circle distance in kilometres.
double DistanceKm(double lat1, double lon1, double lat2, double lon2);

// The name of a PlaceFeature as written in JSON ("country", "region", ...).
std::string_view PlaceFeatureName(PlaceFeature f);

}  // namespace tidings::kb
