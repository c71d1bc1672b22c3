#include "tidings/kb/kb_builder.h"

#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "tidings/core/document.h"
#include "tidings/kb/kb.h"
#include "tidings/kb/normalize.h"

namespace tidings::kb {
namespace {

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t b = 0;
  for (size_t i = 0; i <= s.size(); ++i)
    if (i == s.size() || s[i] == sep) {
      out.push_back(s.substr(b, i - b));
      b = i + 1;
    }
  return out;
}

bool ParseDouble(std::string_view s, double& v) {
  std::string t(s);
  char* end = nullptr;
  v = std::strtod(t.c_str(), &end);
  return !t.empty() && end == t.c_str() + t.size() && std::isfinite(v);
}

struct Builder {
  std::vector<PlaceRec> places;
  std::vector<std::string> place_names;
  struct Name {
    std::string key;
    uint8_t flags;
    uint32_t place;
  };
  std::vector<Name> names;
  std::vector<CountryRec> countries;
  std::unordered_map<std::string, uint16_t> country_by_a2, country_by_a3;
  std::vector<Admin1Rec> admin1;
  std::unordered_map<std::string, uint16_t> admin1_by_code;
  std::unordered_map<std::string, uint32_t> admin2_by_code;
  // Coordinates of member places, to place regions: sums and bounding boxes.
  struct Extent {
    double minlat = 90, maxlat = -90, minlon = 180, maxlon = -180;
    uint64_t pop = 0;
    uint32_t n = 0;
    double wlat = 0, wlon = 0, w = 0;  // population-weighted sums
    void Add(double lat, double lon, uint32_t p) {
      wlat += (p + 1.0) * lat;
      wlon += (p + 1.0) * lon;
      w += p + 1.0;
      minlat = std::min(minlat, lat);
      maxlat = std::max(maxlat, lat);
      minlon = std::min(minlon, lon);
      maxlon = std::max(maxlon, lon);
      pop += p;
      ++n;
    }
  };
  std::unordered_map<uint32_t, Extent> extents;  // by place index of a region

  uint32_t AddPlace(std::string_view name, PlaceFeature feature, FClass fc, double lat, double lon,
                    uint32_t pop, int32_t gid, uint16_t country, uint16_t a1, uint32_t a2) {
    PlaceRec p{};
    p.geonames_id = gid;
    p.lat = static_cast<float>(lat);
    p.lon = static_cast<float>(lon);
    p.population = pop;
    p.country = country;
    p.admin1 = a1;
    p.admin2 = a2;
    p.feature = static_cast<uint8_t>(feature);
    p.fclass = fc;
    places.push_back(p);
    place_names.emplace_back(name.substr(0, 400));
    return static_cast<uint32_t>(places.size() - 1);
  }

  void AddName(std::string_view surface, uint8_t flags, uint32_t place) {
    std::string key = NormalizeName(surface);
    if (key.empty() || key.size() > 200) return;
    AddKey(key, flags, place);
    // Generated variants: Saint/St, Mount/Mt, Fort/Ft.
    static const std::pair<std::string_view, std::string_view> kVariants[] = {
        {"saint ", "st "}, {"st ", "saint "}, {"sainte ", "ste "}, {"mount ", "mt "}, {"fort ", "ft "}};
    for (auto [from, to] : kVariants)
      if (key.rfind(from, 0) == 0) AddKey(std::string(to) + key.substr(from.size()), flags | kNameVariant, place);
  }
  void AddKey(const std::string& key, uint8_t flags, uint32_t place) { names.push_back({key, flags, place}); }
};

Status ReadLines(const std::string& path, std::vector<std::string>& lines) {
  std::ifstream in(path);
  if (!in) return NotFound("build-kb: cannot open " + path);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return Status::OK();
}

// "X County" -> "X"; "X Province" -> "X" ...; returns empty when no suffix.
std::string_view StripDivisionWord(std::string_view name) {
  static const std::string_view kSuffixes[] = {
      " County", " Parish", " Province", " Governorate", " Region", " Oblast", " Prefecture",
      " Department", " District", " Borough", " Municipality", " Census Area", " City and Borough",
      " Krai", " Voivodeship", " Muhafazat", " State", " Territory", " Emirate"};
  for (auto s : kSuffixes)
    if (name.size() > s.size() + 2 && name.substr(name.size() - s.size()) == s)
      return name.substr(0, name.size() - s.size());
  static const std::string_view kPrefixes[] = {"State of ", "Province of ", "Provincia di ", "Provincia de ",
                                               "Departamento de ", "Muhafazat ", "Wilayat ", "Region of "};
  for (auto p : kPrefixes)
    if (name.size() > p.size() + 2 && name.substr(0, p.size()) == p) return name.substr(p.size());
  return {};
}

}  // namespace

Status BuildKb(const BuildKbOptions& opt, std::string* summary) {
  Builder b;
  const std::string dir = opt.src_dir + "/";
  // ---- countries
  std::vector<std::string> lines;
  TIDINGS_RETURN_IF_ERROR(ReadLines(dir + "countries.tsv", lines));
  for (size_t ln = 0; ln < lines.size(); ++ln) {
    if (lines[ln].empty()) continue;
    auto f = Split(lines[ln], '\t');
    double lat, lon, area;
    if (f.size() < 7 || f[0].size() != 2 || f[1].size() != 3 || !ParseDouble(f[2], lat) || !ParseDouble(f[3], lon) ||
        !ParseDouble(f[4], area))
      return InvalidArgument("build-kb: " + dir + "countries.tsv line " + std::to_string(ln + 1) + ": malformed");
    uint16_t ci = static_cast<uint16_t>(b.countries.size());
    auto names = Split(f[5], '|');
    uint32_t pi = b.AddPlace(names[0], PlaceFeature::kCountry, kFcCountry, lat, lon, 0, 0, ci, kNoIndex16, kNoIndex32);
    CountryRec c{};
    std::memcpy(c.a2, f[0].data(), 2);
    std::memcpy(c.a3, f[1].data(), 3);
    c.place = pi;
    b.countries.push_back(c);
    b.country_by_a2[std::string(f[0])] = ci;
    b.country_by_a3[std::string(f[1])] = ci;
    for (size_t k = 0; k < names.size(); ++k) {
      // Two-letter codes such as "US" only as abbreviations.
      bool code = names[k].size() <= 4 && std::all_of(names[k].begin(), names[k].end(), [](char ch) {
                    return (ch >= 'A' && ch <= 'Z') || ch == '.';
                  });
      b.AddName(names[k], code ? kNameAlias : (k == 0 ? kNamePrimary : kNameAlias), pi);
    }
    for (auto d : Split(f[6], '|'))
      if (!d.empty()) b.AddName(d, kNameDemonym, pi);
  }
  // ---- admin1
  lines.clear();
  TIDINGS_RETURN_IF_ERROR(ReadLines(dir + "admin1.tsv", lines));
  for (size_t ln = 0; ln < lines.size(); ++ln) {
    if (lines[ln].empty()) continue;
    auto f = Split(lines[ln], '\t');
    if (f.size() < 2 || f[0].size() < 4 || f[0].size() > 11 || f[0][2] != '.')
      return InvalidArgument("build-kb: " + dir + "admin1.tsv line " + std::to_string(ln + 1) + ": malformed");
    auto cit = b.country_by_a2.find(std::string(f[0].substr(0, 2)));
    if (cit == b.country_by_a2.end()) continue;
    uint16_t ai = static_cast<uint16_t>(b.admin1.size());
    uint32_t pi = b.AddPlace(f[1], PlaceFeature::kRegion, kFcAdm1, 0, 0, 0, 0, cit->second, ai, kNoIndex32);
    Admin1Rec a{};
    std::memcpy(a.code, f[0].data(), f[0].size());
    a.place = pi;
    b.admin1.push_back(a);
    b.admin1_by_code[std::string(f[0])] = ai;
    b.AddName(f[1], kNamePrimary, pi);
    if (auto s = StripDivisionWord(f[1]); !s.empty()) b.AddName(s, kNameVariant, pi);
  }
  // ---- admin2
  lines.clear();
  TIDINGS_RETURN_IF_ERROR(ReadLines(dir + "admin2.tsv", lines));
  for (size_t ln = 0; ln < lines.size(); ++ln) {
    if (lines[ln].empty()) continue;
    auto f = Split(lines[ln], '\t');
    if (f.size() < 2) return InvalidArgument("build-kb: " + dir + "admin2.tsv line " + std::to_string(ln + 1) + ": malformed");
    auto code = f[0];
    size_t dot = code.rfind('.');
    if (dot == std::string_view::npos || dot < 4) continue;
    auto ait = b.admin1_by_code.find(std::string(code.substr(0, dot)));
    if (ait == b.admin1_by_code.end()) continue;
    uint16_t ci = b.places[b.admin1[ait->second].place].country;
    uint32_t pi = b.AddPlace(f[1], PlaceFeature::kCounty, kFcAdm2, 0, 0, 0, 0, ci, ait->second, kNoIndex32);
    b.places[pi].admin2 = pi;
    b.admin2_by_code[std::string(code)] = pi;
    b.AddName(f[1], kNamePrimary, pi);
    if (auto s = StripDivisionWord(f[1]); !s.empty()) b.AddName(s, kNameVariant, pi);
  }
  // ---- populated places (GeoNames table format)
  std::string cities_path;
  {
    std::vector<std::string> p;
    TIDINGS_RETURN_IF_ERROR(ReadLines(dir + "cities.path", p));
    if (p.empty() || p[0].empty()) return InvalidArgument("build-kb: " + dir + "cities.path is empty");
    cities_path = p[0];
  }
  std::ifstream cin(cities_path);
  if (!cin) return NotFound("build-kb: cannot open " + cities_path);
  std::string line;
  size_t ln = 0, ncities = 0;
  std::unordered_set<std::string> seen;
  while (std::getline(cin, line)) {
    ++ln;
    if (line.empty()) continue;
    auto f = Split(line, '\t');
    double lat, lon, pop;
    if (f.size() < 15 || !ParseDouble(f[4], lat) || !ParseDouble(f[5], lon) || !ParseDouble(f[14], pop))
      return InvalidArgument("build-kb: " + cities_path + " line " + std::to_string(ln) + ": malformed");
    auto cit = b.country_by_a2.find(std::string(f[8]));
    if (cit == b.country_by_a2.end()) continue;
    std::string_view fcode = f[7];
    FClass fc = fcode == "PPLC" ? kFcCapital
                : fcode == "PPLA" ? kFcSeat1
                : fcode == "PPLA2" ? kFcSeat2
                : (fcode == "PPLA3" || fcode == "PPLA4" || fcode == "PPLA5") ? kFcSeat3
                : fcode == "PPLX" ? kFcSection
                : (fcode == "PPLH" || fcode == "PPLQ" || fcode == "PPLW") ? kFcOther
                : kFcPpl;
    std::string a1code = std::string(f[8]) + "." + std::string(f[10]);
    uint16_t a1 = kNoIndex16;
    if (auto it = b.admin1_by_code.find(a1code); it != b.admin1_by_code.end()) a1 = it->second;
    uint32_t a2 = kNoIndex32;
    if (auto it = b.admin2_by_code.find(a1code + "." + std::string(f[11])); it != b.admin2_by_code.end()) a2 = it->second;
    uint32_t p32 = pop > 4e9 ? 4000000000u : static_cast<uint32_t>(pop);
    uint32_t pi = b.AddPlace(f[1], PlaceFeature::kCity, fc, lat, lon, p32,
                             static_cast<int32_t>(std::atol(std::string(f[0]).c_str())), cit->second, a1, a2);
    ++ncities;
    if (fc != kFcSection && fc != kFcOther) {
      uint32_t cp = b.countries[cit->second].place;
      b.extents[cp].Add(lat, lon, p32);
      if (a1 != kNoIndex16) b.extents[b.admin1[a1].place].Add(lat, lon, p32);
      if (a2 != kNoIndex32) b.extents[a2].Add(lat, lon, p32);
    }
    seen.clear();
    auto add = [&](std::string_view s, uint8_t flags) {
      std::string k = NormalizeName(s);
      if (k.empty() || !seen.insert(k).second) return;
      b.AddName(s, flags, pi);
    };
    add(f[1], kNamePrimary);
    add(f[2], kNamePrimary);
    for (auto alt : Split(f[3], ',')) {
      if (alt.size() < 2 || alt.size() > 80) continue;
      bool upper_code = alt.size() <= 4 && std::all_of(alt.begin(), alt.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
      bool digits = std::any_of(alt.begin(), alt.end(), [](char c) { return c >= '0' && c <= '9'; });
      if (upper_code || digits || alt.find("http") != std::string_view::npos) continue;
      std::string k = NormalizeName(alt);
      if (!IsAsciiKey(k) && p32 < opt.script_alias_min_population) continue;
      add(alt, kNameAlias);
    }
  }
  // ---- regions: place them at the middle of their member places' bounding box;
  //      first-level regions halfway between that and their population centre
  //      (a representative point nearer to where their people live)
  for (uint32_t i = 0; i < b.places.size(); ++i) {
    PlaceRec& p = b.places[i];
    if (p.fclass != kFcAdm1 && p.fclass != kFcAdm2 && p.fclass != kFcCountry) continue;
    auto it = b.extents.find(i);
    if (it == b.extents.end()) continue;
    const auto& e = it->second;
    p.population = static_cast<uint32_t>(std::min<uint64_t>(e.pop, 4000000000u));
    if (p.fclass != kFcCountry) {
      double lat = (e.minlat + e.maxlat) / 2, lon = (e.minlon + e.maxlon) / 2;
      if (p.fclass == kFcAdm1 && e.w > 0 && e.maxlon - e.minlon < 180) {
        lat = (lat + e.wlat / e.w) / 2;
        lon = (lon + e.wlon / e.w) / 2;
      }
      p.lat = static_cast<float>(lat);
      p.lon = static_cast<float>(lon);
    }
  }
  // ---- hand-written additions
  size_t nextra = 0;
  if (!opt.extra_file.empty()) {
    lines.clear();
    TIDINGS_RETURN_IF_ERROR(ReadLines(opt.extra_file, lines));
    for (size_t l = 0; l < lines.size(); ++l) {
      std::string_view s = lines[l];
      if (s.empty() || s[0] == '#') continue;
      auto f = Split(s, '\t');
      auto err = [&](const std::string& why) {
        return InvalidArgument("build-kb: " + opt.extra_file + " line " + std::to_string(l + 1) + ": " + why);
      };
      if (f.size() < 3) return err("expected KIND<TAB>TARGET<TAB>NAMES");
      std::string_view kind = f[0], target = f[1];
      if (kind == "place") {
        // place  FEATURE  COUNTRY|-  LAT  LON  POPULATION  NAMES
        double lat, lon, pop;
        if (f.size() < 7 || !ParseDouble(f[3], lat) || !ParseDouble(f[4], lon) || !ParseDouble(f[5], pop))
          return err("expected place FEATURE COUNTRY LAT LON POPULATION NAMES");
        PlaceFeature feat = target == "continent" ? PlaceFeature::kContinent
                            : target == "region"  ? PlaceFeature::kRegion
                                                  : PlaceFeature::kOther;
        uint16_t ci = kNoIndex16;
        if (f[2] != "-") {
          auto it = b.country_by_a3.find(std::string(f[2]));
          if (it == b.country_by_a3.end()) return err("unknown country " + std::string(f[2]));
          ci = it->second;
        }
        auto names = Split(f[6], '|');
        uint32_t pi = b.AddPlace(names[0], feat, feat == PlaceFeature::kContinent ? kFcContinent : feat == PlaceFeature::kRegion ? kFcAdm1 : kFcOther, lat, lon,
                                 static_cast<uint32_t>(pop), 0, ci, kNoIndex16, kNoIndex32);
        for (size_t k = 0; k < names.size(); ++k) b.AddName(names[k], k ? kNameAlias : kNamePrimary, pi);
        ++nextra;
        continue;
      }
      // alias|abbrev|demonym  TARGET(alpha-3 or admin1 code)  NAMES
      uint32_t pi;
      if (auto it = b.country_by_a3.find(std::string(target)); it != b.country_by_a3.end()) {
        pi = b.countries[it->second].place;
      } else if (auto at = b.admin1_by_code.find(std::string(target)); at != b.admin1_by_code.end()) {
        pi = b.admin1[at->second].place;
      } else {
        return err("unknown target " + std::string(target));
      }
      uint8_t flags = kind == "alias" ? kNameAlias : kind == "abbrev" ? kNameAbbrev : kind == "demonym" ? kNameDemonym : 0;
      if (!flags) return err("unknown kind " + std::string(kind));
      for (auto n : Split(f[2], '|'))
        if (!n.empty()) b.AddName(n, flags, pi), ++nextra;
    }
  }
  // ---- name index: dedupe (key, place), sort by key then population
  std::sort(b.names.begin(), b.names.end(), [&](const Builder::Name& x, const Builder::Name& y) {
    if (x.key != y.key) return x.key < y.key;
    if (x.place != y.place) {
      if (b.places[x.place].population != b.places[y.place].population)
        return b.places[x.place].population > b.places[y.place].population;
      return x.place < y.place;
    }
    return x.flags < y.flags;
  });
  std::vector<NameRec> name_recs;
  std::string keys, strings;
  name_recs.reserve(b.names.size());
  std::string last_key;
  uint32_t last_off = 0;
  for (size_t i = 0; i < b.names.size(); ++i) {
    const auto& n = b.names[i];
    if (!name_recs.empty() && n.key == last_key && name_recs.back().place == n.place) {
      // Same key, same place: keep the most trusted flags (primary beats alias beats variant).
      uint8_t& fl = name_recs.back().flags;
      if ((n.flags & kNamePrimary) && !(fl & kNameDemonym)) fl = n.flags;
      continue;
    }
    if (n.key != last_key || name_recs.empty()) {
      last_off = static_cast<uint32_t>(keys.size());
      keys += n.key;
      last_key = n.key;
    }
    name_recs.push_back({last_off, static_cast<uint16_t>(n.key.size()), n.flags, 0, n.place});
  }
  for (uint32_t i = 0; i < b.places.size(); ++i) {
    b.places[i].name_off = static_cast<uint32_t>(strings.size());
    b.places[i].name_len = static_cast<uint16_t>(b.place_names[i].size());
    strings += b.place_names[i];
  }
  // ---- write
  std::string payload;
  uint32_t off[6], size[6];
  auto section = [&](int s, const void* data, size_t bytes) {
    while ((72 + payload.size()) % 8) payload.push_back(0);
    off[s] = static_cast<uint32_t>(72 + payload.size());
    size[s] = static_cast<uint32_t>(bytes);
    payload.append(static_cast<const char*>(data), bytes);
  };
  section(0, b.places.data(), b.places.size() * sizeof(PlaceRec));
  section(1, name_recs.data(), name_recs.size() * sizeof(NameRec));
  section(2, b.countries.data(), b.countries.size() * sizeof(CountryRec));
  section(3, b.admin1.data(), b.admin1.size() * sizeof(Admin1Rec));
  section(4, strings.data(), strings.size());
  section(5, keys.data(), keys.size());
  std::string header(72, '\0');
  std::memcpy(header.data(), kKbMagic, 8);
  uint32_t v = kKbVersion, nsec = 6, pad = 0;
  uLong crc = crc32(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(payload.data()), static_cast<uInt>(payload.size()));
  uint32_t crc32v = static_cast<uint32_t>(crc);
  std::memcpy(header.data() + 8, &v, 4);
  std::memcpy(header.data() + 12, &crc32v, 4);
  std::memcpy(header.data() + 16, &nsec, 4);
  std::memcpy(header.data() + 20, &pad, 4);
  std::memcpy(header.data() + 24, off, 24);
  std::memcpy(header.data() + 48, size, 24);
  std::ofstream out(opt.out_file, std::ios::binary | std::ios::trunc);
  if (!out) return NotFound("build-kb: cannot write " + opt.out_file);
  out.write(header.data(), header.size());
  out.write(payload.data(), static_cast<std::streamsize>(payload.size()));
  if (!out) return DataLoss("build-kb: write error on " + opt.out_file);
  if (summary) {
    *summary = "build-kb: " + std::to_string(b.countries.size()) + " countries, " + std::to_string(b.admin1.size()) +
               " admin1, " + std::to_string(b.admin2_by_code.size()) + " admin2, " + std::to_string(ncities) +
               " populated places, " + std::to_string(nextra) + " hand-written entries, " +
               std::to_string(name_recs.size()) + " names -> " + opt.out_file + " (" +
               std::to_string(72 + payload.size()) + " bytes)";
  }
  return Status::OK();
}

}  // namespace tidings::kb
