#include "tidings/kb/kb.h"

#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

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
std::span<const T> SectionSpan(const std::string& buf, uint32_t off, uint32_t size) {
  return std::span<const T>(reinterpret_cast<const T*>(buf.data() + off), size / sizeof(T));
}

// Order-preserving code of a key's first two bytes: keys sorted by byte
// order have non-decreasing codes (a missing byte sorts before any byte).
constexpr uint32_t kPrefixCodes = 257 * 257;
inline uint32_t PrefixCode(std::string_view k) {
  uint32_t a = k.size() > 0 ? static_cast<unsigned char>(k[0]) + 1u : 0u;
  uint32_t b = k.size() > 1 ? static_cast<unsigned char>(k[1]) + 1u : 0u;
  return a * 257 + b;
}

}  // namespace

StatusOr<std::shared_ptr<const KnowledgeBase>> KnowledgeBase::Load(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f)
    return NotFound("knowledge base " + path +
                    " not found (build it with scripts/build-kb.sh, or set TIDINGS_HOME)");
  std::string file;
  std::fseek(f, 0, SEEK_END);
  long size = std::ftell(f);
  std::fseek(f, 0, SEEK_SET);
  if (size < 0 || size > (1L << 31)) {
    std::fclose(f);
    return DataLoss("knowledge base " + path + ": cannot read its size or too large");
  }
  file.resize(static_cast<size_t>(size));
  size_t got = size ? std::fread(file.data(), 1, file.size(), f) : 0;
  std::fclose(f);
  if (got != file.size()) return DataLoss("knowledge base " + path + ": read error");
  if (file.size() >= 18 && static_cast<unsigned char>(file[0]) == 0x1f && static_cast<unsigned char>(file[1]) == 0x8b) {
    // gzip (data/kb.bin.gz as committed): the trailer gives the size; inflate in one go.
    uint32_t isize;
    std::memcpy(&isize, file.data() + file.size() - 4, 4);
    std::string bytes(isize, '\0');
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
    // inflate checked the gzip trailer's CRC-32 of these bytes.
    return Parse(std::move(bytes), path, /*verify_crc=*/false);
  }
  return FromBytes(std::move(file), path);
}

StatusOr<std::shared_ptr<const KnowledgeBase>> KnowledgeBase::FromBytes(std::string bytes,
                                                                         const std::string& origin) {
  return Parse(std::move(bytes), origin, /*verify_crc=*/true);
}

StatusOr<std::shared_ptr<const KnowledgeBase>> KnowledgeBase::Parse(std::string bytes, const std::string& origin,
                                                                     bool verify_crc) {
  auto bad = [&](const std::string& why) {
    return DataLoss("knowledge base " + origin + " is corrupt or of another version: " + why +
                    " (rebuild it with scripts/build-kb.sh)");
  };
  if (bytes.size() < sizeof(Header)) return bad("file too short");
  Header h;
  std::memcpy(&h, bytes.data(), sizeof(Header));
  if (std::memcmp(h.magic, kKbMagic, 8) != 0) return bad("bad magic");
  if (h.version != kKbVersion) return bad("version " + std::to_string(h.version));
  if (h.sections != kSections) return bad("section count");
  if (verify_crc) {
    uLong crc = crc32(0L, Z_NULL, 0);
    crc = crc32(crc, reinterpret_cast<const Bytef*>(bytes.data() + sizeof(Header)),
                static_cast<uInt>(bytes.size() - sizeof(Header)));
    if (static_cast<uint32_t>(crc) != h.crc) return bad("checksum mismatch");
  }
  const size_t rec[kSections] = {sizeof(PlaceRec), sizeof(NameRec), sizeof(CountryRec), sizeof(Admin1Rec), 1, 1};
  for (uint32_t s = 0; s < kSections; ++s) {
    if (h.off[s] < sizeof(Header) || h.off[s] % 8 != 0 || uint64_t(h.off[s]) + h.size[s] > bytes.size() ||
        h.size[s] % rec[s] != 0)
      return bad("section " + std::to_string(s) + " out of bounds");
  }
  auto kb = std::make_shared<KnowledgeBase>();
  kb->buf_ = std::move(bytes);
  const std::string& b = kb->buf_;
  kb->places_ = SectionSpan<PlaceRec>(b, h.off[0], h.size[0]);
  kb->names_ = SectionSpan<NameRec>(b, h.off[1], h.size[1]);
  kb->countries_ = SectionSpan<CountryRec>(b, h.off[2], h.size[2]);
  kb->admin1_ = SectionSpan<Admin1Rec>(b, h.off[3], h.size[3]);
  kb->strings_ = std::string_view(b.data() + h.off[4], h.size[4]);
  kb->keys_ = std::string_view(b.data() + h.off[5], h.size[5]);
  if (kb->places_.size() >= kNoIndex32 || kb->countries_.size() >= kNoIndex16 || kb->admin1_.size() >= kNoIndex16)
    return bad("too many records");
  // Every reference must stay inside the file.
  const uint32_t np = static_cast<uint32_t>(kb->places_.size());
  for (const PlaceRec& p : kb->places_) {
    if (uint64_t(p.name_off) + p.name_len > kb->strings_.size()) return bad("place name out of bounds");
    if (p.country != kNoIndex16 && p.country >= kb->countries_.size()) return bad("place country out of range");
    if (p.admin1 != kNoIndex16 && p.admin1 >= kb->admin1_.size()) return bad("place admin1 out of range");
    if (p.admin2 != kNoIndex32 && p.admin2 >= np) return bad("place admin2 out of range");
    if (p.feature > static_cast<uint8_t>(PlaceFeature::kContinent) || p.fclass > kFcOther)
      return bad("place feature out of range");
    if (!(std::isfinite(p.lat) && std::isfinite(p.lon)) || std::fabs(p.lat) > 90 || std::fabs(p.lon) > 180)
      return bad("place coordinates out of range");
  }
  for (const NameRec& n : kb->names_) {
    if (uint64_t(n.key_off) + n.key_len > kb->keys_.size()) return bad("name key out of bounds");
    if (n.place >= np) return bad("name place out of range");
  }
  for (size_t i = 1; i < kb->names_.size(); ++i)
    if (kb->key(kb->names_[i - 1]) > kb->key(kb->names_[i])) return bad("name index not sorted");
  kb->bucket_.assign(kPrefixCodes + 1, 0);
  {
    uint32_t next = 0;  // first code whose start is not set yet
    for (size_t i = 0; i < kb->names_.size(); ++i) {
      uint32_t c = PrefixCode(kb->key(kb->names_[i]));
      while (next <= c) kb->bucket_[next++] = static_cast<uint32_t>(i);
    }
    while (next <= kPrefixCodes) kb->bucket_[next++] = static_cast<uint32_t>(kb->names_.size());
  }
  for (const CountryRec& c : kb->countries_)
    if (c.place >= np) return bad("country place out of range");
  for (const Admin1Rec& a : kb->admin1_)
    if (a.place >= np || a.code[11] != 0) return bad("admin1 record out of range");
  return std::shared_ptr<const KnowledgeBase>(std::move(kb));
}

std::span<const NameRec> KnowledgeBase::Lookup(std::string_view key) const {
  const uint32_t c = PrefixCode(key);
  const auto first = names_.begin() + bucket_[c], last = names_.begin() + bucket_[c + 1];
  auto lo = std::lower_bound(first, last, key,
                             [&](const NameRec& n, std::string_view k) { return this->key(n) < k; });
  auto hi = lo;
  while (hi != last && this->key(*hi) == key) ++hi;
  return std::span<const NameRec>(names_.data() + (lo - names_.begin()), static_cast<size_t>(hi - lo));
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
