#include "tidings/kb/geocoder.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <memory_resource>
#include <string_view>
#include <tuple>
#include <unordered_map>

#include "tidings/kb/normalize.h"

namespace tidings::kb {
namespace {

enum Source : uint8_t { kSrcDateline, kSrcLoc, kSrcEntityPart, kSrcDemonym, kSrcGazetteer, kSrcPair };

struct Topo {
  uint32_t tb = 0, te = 0;
  Source source = kSrcLoc;
  int32_t entity = kNone;  // LOC entity matched as a whole
  bool allow_abbrev = false;
  int group = -1;
  int pair_parent = -1;  // topo index of Y in "X, Y"
  // Part of a hyphenated token ("D-Charleston", "Fargo-Moorhead"): byte span.
  uint32_t part_b = 0, part_e = 0;
  std::string key;  // look-up key when not the tokens' own ("walton county" for "Walton and ... counties")
};

struct Cand {
  uint32_t place;
  uint8_t flags;
  double prior;
  double score = 0;
};

struct Group {
  explicit Group(std::pmr::memory_resource* r) : topos(r), cands(r), parents(r) {}
  std::string key;
  std::pmr::vector<int> topos;
  std::pmr::vector<Cand> cands;
  bool allow_abbrev = false;
  bool demonym = false;
  bool dateline = false;
  std::pmr::vector<int> parents;  // groups of Y in "X, Y" patterns
  int best = -1;
  double conf = 0;
};

bool IsCapWord(std::string_view w) {
  if (w.empty()) return false;
  unsigned char c = static_cast<unsigned char>(w[0]);
  if (c >= 'A' && c <= 'Z') return true;
  return c >= 0xC3 && c < 0xE0 && w.size() > 1 && static_cast<unsigned char>(w[1]) >= 0x80 &&
         static_cast<unsigned char>(w[1]) <= 0x9E;  // Latin-1 capitals À..Þ
}

// Words that are capitalized for other reasons and are also place names.
bool IsStopName(std::string_view key) {
  static const WordSet kStop{
      "university", "college", "school", "center", "centre", "hospital", "church", "police", "court",
      "mr", "mrs", "ms", "dr", "may", "march", "june", "july", "august", "april", "january", "monday", "tuesday",
      "wednesday", "thursday", "friday", "saturday", "sunday", "god", "lord", "will", "much", "can", "many",
      "i", "a", "we", "he", "she", "it", "they", "you", "the", "and", "but", "or", "of", "in", "on", "at", "to",
      "as", "is", "by", "for", "so", "no", "not", "if", "all", "this", "that", "one", "new", "first", "best",
      "home", "union", "independence", "liberty", "victoria", "eden", "hope", "paradise", "industry", "commerce",
      "justice", "progress", "friendship", "unity", "freedom", "mobile", "reading", "bath", "nice", "split",
      "deal", "sale", "mission", "enterprise", "president", "governor", "senator", "sheriff", "mayor", "officer",
      "man", "woman", "people", "news", "times", "post", "star", "herald", "tribune", "journal", "press",
      "republic", "federation", "state", "states", "city", "county", "republican", "democrat", "democrats",
      "christian", "muslim", "jewish", "catholic", "west", "east", "north", "south", "central", "western",
      "eastern", "northern", "southern", "internet", "web", "chase", "bank", "gay", "black", "white", "green",
      "brown", "young", "king", "price", "bush", "obama", "clinton", "lincoln", "washington post", "vice", "deputy",
      "acting", "former", "council", "parks", "park", "board", "office", "department", "senate", "house", "assembly",
      "the city", "white house", "federal", "national", "general", "royal", "imperial", "grand", "great", "capital"};
  return kStop.contains(key);
}

// Words before a name that make it a place ("in Dunwoody", "near Glen Ellyn").
bool IsLocCueBefore(std::string_view w) {
  static const WordSet kCue{"in", "at", "from", "near", "to", "outside", "into", "across", "throughout", "around",
                                     "between", "toward", "towards", "via", "within", "inside", "visit", "visited", "visiting",
                                     "reach", "reached", "leaving", "left", "town", "village", "city", "suburb", "suburbs"};
  return kCue.contains(w);
}

// Words after a name that make it a place ("Chapin man", "Oakland police",
// "Avondale Mayor", "Walton and Oconee counties").
bool IsLocCueAfter(std::string_view w) {
  static const WordSet kCue{
      "County", "county", "counties", "Township", "township", "area", "areas", "resident", "residents", "man", "woman",
      "men", "women", "teen", "teenager", "boy", "girl", "family", "couple", "native", "home", "homes", "house", "police",
      "Police", "Mayor", "mayor", "council", "Council", "officials", "voters", "schools", "neighborhood", "streets",
      "downtown", "suburb", "metro", "Metro", "City", "Village", "village", "town", "Town", "Borough", "borough",
      "Parish", "parish", "Elementary", "Middle", "High", "Fire", "Sheriff", "sheriff", "Park", "Public", "Municipal",
      "native", "-based", "based", "area's", "residents'"};
  return kCue.contains(w);
}

// Capitalized modifiers before or after a place name ("North", "Greater").
bool IsModifier(std::string_view w) {
  static const WordSet kMod{"North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western",
                                     "Central", "Greater", "Downtown", "Upper", "Lower", "Metro", "Northeast",
                                     "Northwest", "Southeast", "Southwest", "Inner", "Outer", "Mid", "City", "Area",
                                     // generic features named after a place ("Catawba River", "Wamego Seniors Center")
                                     "River", "Lake", "Creek", "Valley", "Mountains", "Mountain", "Bay", "Harbor",
                                     "Harbour", "Island", "Islands", "Peninsula", "Basin", "Dam", "Reservoir", "Hospital",
                                     "School", "H.S.", "High", "Middle", "Elementary", "Academy", "University",
                                     "College", "Center", "Centre", "Station", "Fire", "Police", "Township", "National",
                                     "State", "Regional", "Memorial", "Airport", "Courthouse", "Library", "Museum",
                                     "Seniors", "Senior", "Community", "Public", "Municipal", "Civic", "Mine", "Plant",
                                     "Bridge", "Forest", "Wilderness", "Region", "District", "Province", "Metropolitan"};
  return kMod.contains(w);
}

// Capitalized words after a name that make the whole a street or another
// feature named after it ("Dublin Road", "Madison Creek", "Cooper St.").
bool IsStreetWord(std::string_view w) {
  if (!w.empty() && w.back() == '.') w.remove_suffix(1);
  static const WordSet kStreet{"Street", "St", "Road", "Rd", "Avenue", "Ave", "Av", "Drive", "Dr", "Lane", "Ln",
                                        "Boulevard", "Blvd", "Way", "Parkway", "Pkwy", "Highway", "Hwy", "Pike", "Circle",
                                        "Ct", "Terrace", "Creek", "Hills", "Club", "Mall", "Expressway", "Freeway", "Plaza",
                                        "Alley", "Theater", "Theatre", "STREET", "ROAD", "AVENUE", "DRIVE"};
  return kStreet.contains(w);
}

// The geocoder's look-up key of tokens [b, e): TokenKeys::Key without the
// leading words that normalize to one character or none ("S Asia" -> "asia",
// "a new low" -> "new low"), as the geocoder has always keyed names.
std::string_view KeyOf(const TokenKeys& tk, uint32_t b, uint32_t e) {
  while (b < e && tk.Word(b).size() <= 1) ++b;
  return tk.Key(b, e);
}

constexpr double kRadian = 3.14159265358979323846 / 180.0;  // as in DistanceKm

// DistanceKm with the cosines of both latitudes computed beforehand: the same
// arithmetic in the same order, so exactly the same result.
inline double DistanceKmCos(double lat1, double lon1, double cos1, double lat2, double lon2, double cos2) {
  const double dlat = (lat2 - lat1) * kRadian, dlon = (lon2 - lon1) * kRadian;
  const double s1 = std::sin(dlat / 2), s2 = std::sin(dlon / 2);
  const double a = s1 * s1 + cos1 * cos2 * s2 * s2;
  return 6371.0 * 2 * std::atan2(std::sqrt(a), std::sqrt(1 - a));
}

double FeaturePrior(const PlaceRec& p) {
  switch (p.fclass) {
    case kFcCountry: return 6.0;
    case kFcContinent: return 5.5;
    case kFcAdm1: return 3.5;
    case kFcAdm2: return 1.0;
    case kFcCapital: return 2.5;
    case kFcSeat1: return 1.2;
    case kFcSeat2: return 0.6;
    case kFcSeat3: return 0.2;
    case kFcPpl: return 0.0;
    case kFcSection: return -1.5;
    default: return -2.0;
  }
}

}  // namespace

StatusOr<std::shared_ptr<const std::unordered_set<std::string>>> LoadCommonWords(const std::string& path) {
  std::ifstream in(path);
  if (!in) return NotFound(path + ": cannot open the word list");
  auto set = std::make_shared<std::unordered_set<std::string>>();
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    size_t e = line.find_first_of("\t ");
    std::string_view w(line.data(), e == std::string::npos ? line.size() : e);
    if (w.size() < 3) continue;
    bool lower = true;
    for (char c : w) lower &= c >= 'a' && c <= 'z';
    if (lower) set->emplace(w);
  }
  return std::shared_ptr<const std::unordered_set<std::string>>(std::move(set));
}

Geocoder::Geocoder(std::shared_ptr<const KnowledgeBase> kb, GeocoderOptions opt) : kb_(std::move(kb)), opt_(opt) {}

uint16_t Geocoder::CountryOfWord(std::string_view word) const { return CountryOfKey(NormalizeName(word)); }

uint16_t Geocoder::CountryOfKey(std::string_view key) const {
  for (const NameRec& n : kb_->Lookup(key)) {
    const PlaceRec& p = kb_->place(n.place);
    if (p.fclass == kFcCountry && !(n.flags & kNameVariant) && (!(n.flags & kNameAbbrev) || key == "us"))
      return p.country;
  }
  return kNoIndex16;
}

void Geocoder::Run(Document& doc) const {
  TokenKeys tk(doc);
  Run(doc, tk);
}

void Geocoder::Run(Document& doc, const TokenKeys& tk) const {
  doc.places.clear();
  for (auto& e : doc.entities) e.place = kNone;
  const size_t nt = doc.tokens.size();
  if (nt == 0) return;
  const KnowledgeBase& kb = *kb_;
  // The document's working memory comes from one buffer on the stack (and
  // the heap past it): no malloc and free per table, and the same few cache
  // lines for every document.
  alignas(std::max_align_t) std::byte arena_buf[48 << 10];
  std::pmr::monotonic_buffer_resource arena(arena_buf, sizeof arena_buf);
  std::pmr::vector<int> used(nt, -1, &arena);  // topo index covering each token
  std::pmr::vector<int8_t> in_entity(nt, -1, &arena);
  for (const auto& e : doc.entities)
    for (uint32_t i = e.tok_begin; i < e.tok_end && i < nt; ++i) in_entity[i] = static_cast<int8_t>(e.type);
  std::pmr::vector<uint8_t> sent_start(nt, 0, &arena);
  for (const auto& s : doc.sentences)
    if (s.tok_begin < nt) sent_start[s.tok_begin] = 1;
  // Sentence starts after an opening quote or dash count too.
  for (size_t i = 0; i + 1 < nt; ++i) {
    auto w = tk.Raw(i);
    if (sent_start[i] && (w == "\"" || w == "'" || w == "(" || w == "-" || w == "--" || w == "``")) sent_start[i + 1] = 1;
  }

  std::pmr::vector<Topo> topos(&arena);
  auto free_range = [&](uint32_t b, uint32_t e) {
    for (uint32_t i = b; i < e; ++i)
      if (used[i] >= 0) return false;
    return true;
  };
  auto add = [&](uint32_t b, uint32_t e, Source src, int32_t ent, bool abbrev) -> int {
    if (b >= e || e > nt || !free_range(b, e) || topos.size() >= opt_.max_toponyms) return -1;
    if (e < nt && IsStreetWord(doc.token_text(doc.tokens[e]))) {
      // "Dublin Road" is not Dublin; "Florida Turnpike", "Otter Tail County Road" keep their region.
      bool major = false;
      for (const NameRec& n : kb.Lookup(KeyOf(tk, b, e))) {
        uint8_t fc = kb.place(n.place).fclass;
        if (fc == kFcCountry || fc == kFcAdm1 || fc == kFcAdm2) major = true;
      }
      if (!major) return -1;
    }
    Topo t;
    t.tb = b;
    t.te = e;
    t.source = src;
    t.entity = ent;
    t.allow_abbrev = abbrev;
    topos.push_back(t);
    for (uint32_t i = b; i < e; ++i) used[i] = static_cast<int>(topos.size() - 1);
    return static_cast<int>(topos.size() - 1);
  };
  // Whether the KB has a usable entry for a key.
  auto usable = [&](std::string_view key, bool abbrev, bool demonym_ok) {
    if (key.empty()) return false;
    for (const NameRec& n : kb.Lookup(key)) {
      if ((n.flags & kNameAbbrev) && !abbrev) continue;
      if ((n.flags & kNameDemonym) && !demonym_ok) continue;
      return true;
    }
    return false;
  };
  // Dotted abbreviations ("W.Va.", "Ky.", "Ga" + ".") are safe outside "X, Y" patterns.
  auto dotted = [&](uint32_t b, uint32_t e) {
    if (e != b + 1) return false;
    auto w = doc.token_text(doc.tokens[b]);
    if (!IsCapWord(w) || w.size() < 2) return false;
    // "Mt. Pleasant", "St. Louis": the start of a longer name, not a state.
    uint32_t after = b + 1;
    if (after < nt && doc.token_text(doc.tokens[after]) == ".") ++after;
    const size_t dot = w.find('.');
    const bool internal_dot = dot != std::string_view::npos && dot + 1 < w.size();  // "W.Va", "N.Y."
    if (after < nt && IsCapWord(tk.Raw(after)) && !internal_dot) return false;
    if (w.size() >= 3 && w.back() == '.') return true;
    if (w.find('.') != std::string_view::npos) return true;  // "W.Va", "N.Y"
    return b + 1 < nt && doc.tokens[b + 1].begin == doc.tokens[b].end && doc.token_text(doc.tokens[b + 1]) == ".";
  };
  auto is_demonym = [&](std::string_view key) {
    for (const NameRec& n : kb.Lookup(key))
      if (n.flags & kNameDemonym) return true;
    return false;
  };
  // How strongly the gazetteer reads a key as a place.
  struct Reading {
    bool any = false, demonym = false, major = false, capital = false, county = false;
    uint32_t pop = 0;
  };
  auto reading = [&](std::string_view key, bool abbrev) {
    Reading r;
    if (key.empty() || IsStopName(key)) return r;
    for (const NameRec& n : kb.Lookup(key)) {
      if ((n.flags & kNameAbbrev) && !abbrev) continue;
      const PlaceRec& p = kb.place(n.place);
      if (n.flags & kNameDemonym) {
        r.demonym = true;
        continue;
      }
      if ((n.flags & kNameVariant) && !(n.flags & kNamePrimary)) continue;  // "Cobb" for Cobb County; "Mt Pleasant" is fine
      // Alternate names ("ARB", "Area") only for countries and regions.
      if (!(n.flags & kNamePrimary) && p.fclass != kFcCountry && p.fclass != kFcAdm1 && p.fclass != kFcContinent) continue;
      r.any = true;
      if (p.fclass == kFcCountry || p.fclass == kFcContinent || p.fclass == kFcAdm1) r.major = true;
      if (p.fclass == kFcCapital) r.capital = true;
      if (p.fclass == kFcAdm2) r.county = true;
      r.pop = std::max(r.pop, p.population);
    }
    return r;
  };
  // Context words that make a capitalized name a place.
  auto cue_before = [&](uint32_t b) {
    if (b == 0) return false;
    auto w = tk.Raw(b - 1);
    if (IsLocCueBefore(w)) return true;
    if (w == "of" && b >= 2) {  // "Bowers, 19, of Martinez", "the town of Prisi"
      auto v = tk.Raw(b - 2);
      if (v == "," || (!v.empty() && v[0] >= '0' && v[0] <= '9') || IsLocCueBefore(v) || v == "outskirts" ||
          v == "resident" || v == "residents" || v == "native" || v == "mayor" || v == "part" || v == "north" ||
          v == "south" || v == "east" || v == "west" || v == "county" || v == "state" || v == "people")
        return true;
    }
    // A list continued from a place: "Kingman, Larned, Pratt and ...".
    if ((w == "," || w == "and" || w == "or") && b >= 2 && used[b - 2] >= 0) return true;
    return false;
  };
  auto cue_after = [&](uint32_t e) {
    if (e >= nt) return false;
    auto w = tk.Raw(e);
    if (w == "'s" || w == "’s") return e + 1 < nt && IsLocCueAfter(tk.Raw(e + 1));
    return IsLocCueAfter(w);
  };
  // The last word of longer PER names ("Jackson" after "Andrew Jackson").
  auto surname = [&](std::string_view w) {
    for (const auto& en : doc.entities)
      if (en.type == EntityType::kPer && en.tok_end > en.tok_begin + 1 && en.tok_end <= nt && tk.Raw(en.tok_end - 1) == w)
        return true;
    return false;
  };

  // The place a regional or continental demonym names, by English word
  // formation: "Ohioans" -> Ohio, "South Ossetian" -> South Ossetia, "Abkhaz" ->
  // Abkhazia, "Dagestani" -> Dagestan, "New Yorker" -> New York, "African" ->
  // Africa. Only countries, regions and continents (and, for "-er"/"-ite",
  // cities of 100,000 or more) qualify. Returns the place's key or "".
  auto demonym_place = [&](uint32_t b, uint32_t e) -> std::string {
    if (e <= b || e - b > 3) return {};
    std::string_view w = doc.token_text(doc.tokens[e - 1]);
    if (w.size() < 4 || !IsCapWord(w)) return {};
    for (size_t i = 1; i < w.size(); ++i)
      if (w[i] == '.' || w[i] == '-' || (w[i] >= 'A' && w[i] <= 'Z')) return {};
    // Every ending below ends the normalized word in n, i, r, e, z or k (or s
    // before a plural is stripped); a word ending in another letter or a digit
    // (which stays its last character) has no reading.
    if (const char last = w.back(); ((last >= 'a' && last <= 'z') || (last >= '0' && last <= '9')) &&
                                    std::string_view("nirezks").find(last) == std::string_view::npos)
      return {};
    std::string head = b + 1 < e ? std::string(KeyOf(tk, b, e - 1)) + " " : std::string();
    std::string base = NormalizeName(w);
    if (base.size() > 4 && (base.ends_with("ans") || base.ends_with("ers") || base.ends_with("ites") || base.ends_with("is")))
      base.pop_back();  // plural
    std::string cands[5];
    int n = 0;
    bool city_ok = false;
    auto stem = [&](size_t cut, const char* add) {
      if (base.size() > cut + 2 && n < 5) cands[n++] = base.substr(0, base.size() - cut) + add;
    };
    if (base.ends_with("an")) {
      stem(1, "");   // Ossetia-n, Africa-n, Minnesota-n
      stem(2, "");   // Ohio-an, Europe-an
      stem(2, "o");  // Ontari-an
      stem(3, "a");  // Florid-ian
    } else if (base.ends_with("i")) {
      stem(1, "");  // Dagestan-i
    } else if (base.ends_with("er")) {
      stem(2, "");  // New York-er, London-er
      city_ok = true;
    } else if (base.ends_with("ite")) {
      stem(3, "");  // Richmond-ite
      city_ok = true;
    } else if (base.ends_with("z") || base.ends_with("k")) {
      stem(0, "ia");  // Abkhaz-ia
    }
    for (int i = 0; i < n; ++i) {
      std::string k = head + cands[i];
      for (const NameRec& r : kb.Lookup(k)) {
        if (r.flags & (kNameAbbrev | kNameDemonym | kNameVariant)) continue;
        const PlaceRec& p = kb.place(r.place);
        if (p.fclass == kFcCountry || p.fclass == kFcContinent || p.fclass == kFcAdm1 ||
            (city_ok && (r.flags & kNamePrimary) && p.population >= 100000))
          return k;
      }
    }
    return {};
  };
  auto add_demonym_place = [&](uint32_t b, uint32_t e) {
    if (!free_range(b, e) || usable(KeyOf(tk, b, e), false, true)) return false;
    std::string k = demonym_place(b, e);
    if (k.empty()) return false;
    int t = add(b, e, kSrcLoc, kNone, false);
    if (t < 0) return false;
    topos[t].key = k;
    return true;
  };

  // 1. the dateline
  if (doc.dateline && !doc.dateline->place.empty()) {
    uint32_t b = nt, e = 0;
    for (uint32_t i = 0; i < nt; ++i)
      if (doc.tokens[i].begin >= doc.dateline->place.begin && doc.tokens[i].end <= doc.dateline->place.end) {
        b = std::min(b, i);
        e = std::max(e, i + 1);
      }
    if (b < e && usable(KeyOf(tk, b, e), true, false)) add(b, e, kSrcDateline, kNone, true);
  }
  // 1b. datelines in capitals at a sentence start: "ATLANTA - ...", "HUME – ...", "HAMMOND, Ind. (AP)".
  for (uint32_t i = 0; i < nt; ++i) {
    if (!(i == 0 || sent_start[i]) || used[i] >= 0) continue;
    uint32_t e = i;
    while (e < nt && e < i + 4 && (IsAllCaps(doc.token_text(doc.tokens[e])) || (e > i && tk.Raw(e) == "OF")) &&
           IsCapWord(tk.Raw(e)) && doc.token_text(doc.tokens[e]).size() >= 2)
      ++e;
    if (e == i || e >= nt) continue;
    auto w = tk.Raw(e);
    if (!(w == "-" || w == "--" || w == "—" || w == "–" || w == "(" || w == ",")) continue;
    for (uint32_t len = e - i; len >= 1; --len) {
      std::string_view k = KeyOf(tk, i, i + len);
      if (len == e - i && !IsStopName(k) && usable(k, false, false)) {
        add(i, i + len, kSrcDateline, kNone, false);
        break;
      }
    }
  }
  // 1c. "Walton and Oconee counties": each name is a county.
  for (uint32_t i = 2; i < nt; ++i) {
    auto w = tk.Raw(i);
    const char* suffix = w == "counties" || w == "Counties" ? " county" : w == "parishes" ? " parish" : nullptr;
    if (!suffix) continue;
    uint32_t e = i;
    while (e > 0) {
      uint32_t b = e;
      while (b > 0 && e - b < 3 && IsCapWord(tk.Raw(b - 1)) && used[b - 1] < 0) --b;
      if (b == e) break;
      std::string k = std::string(KeyOf(tk, b, e)) + suffix;
      if (reading(KeyOf(tk, b, e), false).major) break;  // "Indiana counties": the counties of Indiana
      bool found = false;
      for (const NameRec& n : kb.Lookup(k))
        if (kb.place(n.place).fclass == kFcAdm2) found = true;
      if (!found) break;
      int t = add(b, e, kSrcLoc, kNone, false);
      if (t >= 0) topos[t].key = k;
      if (b == 0) break;
      auto sep = tk.Raw(b - 1);
      if (sep != "," && sep != "and" && sep != "or") break;
      e = b - 1;
      if (e > 0 && tk.Raw(e - 1) == ",") --e;  // "A, B, and C counties"
    }
  }
  // 2. LOC entities, and place names at the edges of other entities
  for (size_t ei = 0; ei < doc.entities.size(); ++ei) {
    const Entity& en = doc.entities[ei];
    uint32_t b = en.tok_begin, e = std::min<uint32_t>(en.tok_end, static_cast<uint32_t>(nt));
    if (b >= e || !free_range(b, e)) continue;
    if (en.type == EntityType::kLoc) {
      if (b + 1 < e && tk.Word(b) == "the") ++b;
      std::string_view key = KeyOf(tk, b, e);
      if (key.find(' ') != std::string::npos && IsStopName(key)) continue;  // "White House"
      if (usable(key, dotted(b, e), true)) {
        add(b, e, is_demonym(key) && !usable(key, false, false) ? kSrcDemonym : kSrcLoc, static_cast<int32_t>(ei), dotted(b, e));
        continue;
      }
      // Longest known sub-name ("Aleppo city", "northern Syria").
      bool found = false;
      for (uint32_t len = e - b - 1; len >= 1 && !found; --len)
        for (uint32_t s = b; s + len <= e && !found; ++s) {
          std::string_view k = KeyOf(tk, s, s + len);
          if (IsStopName(k) || !IsCapWord(tk.Raw(s)) || !usable(k, false, true)) continue;
          // A common word inside an unknown name is not a place of its own: "Kharg
          // Island" is not Iceland ("Island" in Icelandic), "Fish Lake" no lake town.
          if (len == 1 && opt_.common_words && opt_.common_words->count(std::string(k))) continue;
          // The rest must be lower-case words or modifiers ("Aleppo city", "northern
          // Syria", "Greater London"), not the rest of another name ("Meadow Grove").
          bool rest_ok = true;
          for (uint32_t j = b; j < e; ++j)
            if ((j < s || j >= s + len) && IsCapWord(tk.Raw(j)) && !IsModifier(tk.Raw(j))) rest_ok = false;
          if (rest_ok || reading(k, false).major) {
            add(s, s + len, kSrcLoc, kNone, false);
            found = true;
          }
        }
      continue;
    }
    if (en.type == EntityType::kPer) {
      // A place the tagger took for a person: the whole name in a place context
      // ("of Martinez", "in Glen Carbon", "Chapin man") or a country, region or
      // capital ("Tbilisi says") that is not a surname in this text; or a place
      // before a title or facility ("Lewisburg Mayor John Manchester").
      if (e - b <= 3) {
        std::string_view k = KeyOf(tk, b, e);
        Reading r = reading(k, false);
        const bool poss = e < nt && (tk.Raw(e) == "'s" || tk.Raw(e) == "’s");  // "to Turner's 39"
        bool cue = (cue_before(b) && !poss) || cue_after(e);
        if (r.any && (cue || (r.major || r.capital)) && !(e == b + 1 && surname(tk.Raw(b)))) {
          add(b, e, kSrcLoc, static_cast<int32_t>(ei), false);
          continue;
        }
        if (!r.any && r.demonym && e == b + 1) continue;
      }
      for (uint32_t len = std::min<uint32_t>(e - b - 1, 3); len >= 1; --len) {
        auto next = tk.Raw(b + len);
        if (!IsLocCueAfter(next) || next == "native" || next == "man" || next == "woman") continue;
        std::string_view k = KeyOf(tk, b, b + len);
        if (reading(k, false).any) {
          add(b, b + len, kSrcEntityPart, kNone, false);
          break;
        }
      }
      continue;
    }
    // ORG / MISC: the whole name when it is a place ("Oakland" tagged ORG), a
    // demonym or place name at the start ("Russian Foreign Ministry", "Toronto
    // police"), after "of" ("University of Georgia"), or a well-known place
    // inside ("Six Flags Over Texas").
    if (e - b <= 4) {
      std::string_view k = KeyOf(tk, b, e);
      Reading r = reading(k, dotted(b, e));
      bool cue = cue_before(b) || cue_after(e);
      // A nationality word is the nationality ("Welsh arts", not Welsh, Louisiana).
      const bool nationality = r.demonym && !r.major && !cue;
      // Short acronyms ("SEC") are organisations unless they name a country or region.
      const bool acronym = e == b + 1 && k.size() <= 4 && IsAllCaps(doc.token_text(doc.tokens[b])) && !r.major;
      if (r.any && !nationality && !acronym && (en.type == EntityType::kMisc || cue || r.major || r.county || r.pop >= 1000)) {
        add(b, e, kSrcLoc, static_cast<int32_t>(ei), dotted(b, e));
        continue;
      }
      if ((en.type == EntityType::kMisc || e == b + 1) && r.demonym) {
        add(b, e, kSrcDemonym, kNone, false);
        continue;
      }
      if ((en.type == EntityType::kMisc || e == b + 1) && !r.any && add_demonym_place(b, e)) continue;
    }
    bool part = false;
    for (uint32_t len = std::min<uint32_t>(e - b - 1, 4); len >= 1 && !part; --len) {
      std::string_view k = KeyOf(tk, b, b + len);
      if (IsStopName(k)) continue;
      // "S.C. Highway Patrol"; not "Mt. Pleasant" (Mt. is Montana only after a comma).
      const bool dot = len == 1 && dotted(b, b + 1) && doc.token_text(doc.tokens[b]).find('.') + 1 < doc.token_text(doc.tokens[b]).size();
      // The place must be notable or in a place context ("Warner Bros" is not Warner, Oklahoma).
      Reading r = reading(k, dot);
      if (r.demonym || (r.any && (dot || r.major || r.county || r.capital || r.pop >= 1000 || cue_before(b)))) {
        add(b, b + len, is_demonym(k) ? kSrcDemonym : kSrcEntityPart, kNone, dot);
        part = true;
      }
    }
    for (uint32_t i = b + 1; i + 1 < e && !part; ++i) {
      if (tk.Raw(i) != "of") continue;
      for (uint32_t len = std::min<uint32_t>(e - i - 1, 4); len >= 1; --len) {
        std::string_view k = KeyOf(tk, i + 1, i + 1 + len);
        if (!IsStopName(k) && usable(k, false, false)) {
          add(i + 1, i + 1 + len, kSrcEntityPart, kNone, false);
          part = true;
          break;
        }
      }
      break;
    }
    for (uint32_t s = b + 1; s < e && !part; ++s) {
      if (!IsCapWord(tk.Raw(s))) continue;
      for (uint32_t len = std::min<uint32_t>(e - s, 3); len >= 1; --len) {
        std::string_view k = KeyOf(tk, s, s + len);
        Reading r = reading(k, false);
        if (r.major || r.capital || r.pop >= 100000 || (r.any && cue_after(s + len))) {
          add(s, s + len, kSrcEntityPart, kNone, false);
          part = true;
          break;
        }
      }
    }
  }
  // 2b. parts of hyphenated words: "D-Charleston", "Fargo-Moorhead",
  //     "Egyptian-US", "Texas-based", "Nebraska-Lincoln".
  for (uint32_t i = 0; i < nt; ++i) {
    if (used[i] >= 0) continue;
    const Token& tok = doc.tokens[i];
    std::string_view w = doc.token_text(tok);
    if (w.size() < 4 || !IsCapWord(w) || w.find('-') == std::string_view::npos) continue;
    struct Part {
      uint32_t b, e;
      std::string key;
      Reading r;
    };
    std::vector<Part> parts;
    size_t p = 0;
    while (p <= w.size()) {
      size_t q = w.find('-', p);
      if (q == std::string_view::npos) q = w.size();
      parts.push_back({tok.begin + static_cast<uint32_t>(p), tok.begin + static_cast<uint32_t>(q), NormalizeName(w.substr(p, q - p)), {}});
      p = q + 1;
    }
    if (parts.size() < 2) continue;
    // Party and district: "D-Charleston", "R-Calif".
    bool party = parts.size() == 2 && (parts[0].key == "d" || parts[0].key == "r" || parts[0].key == "i");
    if (!party && in_entity[i] == static_cast<int8_t>(EntityType::kPer) &&
        ((i > 0 && in_entity[i - 1] == static_cast<int8_t>(EntityType::kPer)) ||
         (i + 1 < nt && in_entity[i + 1] == static_cast<int8_t>(EntityType::kPer))))
      continue;  // a double-barrelled surname ("Nina Webb-Lawton")
    size_t known = 0;
    for (Part& pt : parts) {
      auto pw = doc.span_text(pt.b, pt.e);
      if (pw.size() < 2 || !IsCapWord(pw)) continue;
      pt.r = reading(pt.key, party);
      if (pt.r.any || pt.r.demonym) ++known;
    }
    for (Part& pt : parts) {
      if (!pt.r.any && !pt.r.demonym) continue;
      bool ok = party || pt.r.demonym || pt.r.major || pt.r.capital || pt.r.pop >= 20000 || known >= 2 ||
                (i + 1 < nt && cue_after(i + 1)) || (parts.back().key == "based");
      if (!ok) continue;
      topos.emplace_back();
      Topo& t = topos.back();
      t.tb = i;
      t.te = i + 1;
      t.source = pt.r.any ? kSrcEntityPart : kSrcDemonym;
      t.part_b = pt.b;
      t.part_e = pt.e;
      t.key = pt.key;
      // "Paris-Henry County": the last part names the county.
      if (&pt == &parts.back() && i + 1 < nt && (tk.Raw(i + 1) == "County" || tk.Raw(i + 1) == "Parish")) {
        std::string ck = pt.key + (tk.Raw(i + 1) == "County" ? " county" : " parish");
        for (const NameRec& n : kb.Lookup(ck))
          if (kb.place(n.place).fclass == kFcAdm2) {
            t.key = ck;
            t.part_e = doc.tokens[i + 1].end;
            used[i + 1] = static_cast<int>(topos.size() - 1);
            break;
          }
      }
      t.allow_abbrev = party;
      used[i] = static_cast<int>(topos.size() - 1);
    }
  }
  // 3. names the tagger missed: nationality words, countries, regions,
  //    counties and large cities written with capitals, outside entities.
  for (uint32_t i = 0; i < nt;) {
    if (used[i] >= 0 || in_entity[i] == static_cast<int8_t>(EntityType::kPer) ||
        in_entity[i] == static_cast<int8_t>(EntityType::kOrg) || !IsCapWord(tk.Raw(i))) {
      ++i;
      continue;
    }
    bool matched = false;
    for (uint32_t len = 4; len >= 1 && !matched; --len) {
      if (i + len > nt) continue;
      bool ok = true;
      for (uint32_t j = i; j < i + len; ++j)
        if (used[j] >= 0 || (!IsCapWord(tk.Raw(j)) && !(j > i && j + 1 < i + len && tk.Raw(j) == "of"))) ok = false;
      if (!ok) continue;
      std::string_view k = KeyOf(tk, i, i + len);
      if (k.empty() || IsStopName(k)) continue;
      // Require a strong reading: demonym, country, region, county, or a large city.
      bool strong = false, demonym = false;
      const std::span<const NameRec> run = kb.Lookup(k);
      if (run.empty()) continue;  // (most capitalized words; the tests below only read)
      const bool dot = dotted(i, i + len);
      const bool cue = cue_before(i) || cue_after(i + len);
      for (const NameRec& n : run) {
        if ((n.flags & kNameAbbrev) && !dot) continue;
        const PlaceRec& p = kb.place(n.place);
        if (n.flags & kNameDemonym) {
          strong = demonym = true;
          break;
        }
        if ((n.flags & kNameVariant) && !(n.flags & kNamePrimary)) continue;  // "Cobb" for Cobb County; "Mt Pleasant" is fine
        if (!(n.flags & kNamePrimary) && p.fclass > kFcAdm1) continue;  // a town's alternate name
        if (p.fclass == kFcCountry || p.fclass == kFcContinent || p.fclass == kFcAdm1 || (dot && p.fclass == kFcAdm1) ||
            (p.fclass == kFcAdm2 && len > 1) ||
            (p.population >= opt_.min_untagged_city_population && (!sent_start[i] || len > 1)) ||
            (cue && p.population >= opt_.min_cued_city_population && p.fclass <= kFcSection)) {
          strong = true;
          break;
        }
      }
      if (!strong) continue;
      add(i, i + len, demonym ? kSrcDemonym : kSrcGazetteer, kNone, dot);
      matched = true;
      i += len;
    }
    if (!matched && in_entity[i] < 0 && !sent_start[i]) add_demonym_place(i, i + 1);  // "Minnesotans"
    if (!matched) ++i;
  }
  // 4. "X, Y" where Y is a region or country (abbreviations allowed: "Athens, Ga.").
  for (uint32_t i = 1; i + 1 < nt; ++i) {
    if (tk.Raw(i) != ",") continue;
    uint32_t y = i + 1;
    if (!IsCapWord(tk.Raw(y))) continue;
    // Y: one or two tokens naming a region or country.
    int ylen = 0;
    std::string_view ykey;
    for (int len = 2; len >= 1 && !ylen; --len) {
      if (y + len > nt) continue;
      std::string_view k = KeyOf(tk, y, y + len);
      for (const NameRec& n : kb.Lookup(k)) {
        const PlaceRec& p = kb.place(n.place);
        if ((p.fclass == kFcAdm1 || p.fclass == kFcCountry) && !(n.flags & kNameDemonym) && !(n.flags & kNameVariant)) {
          ylen = len;
          ykey = k;
          break;
        }
      }
    }
    if (!ylen) continue;
    // A name the tagger took for a person counts when it names a place inside Y
    // ("Greer, South Carolina"; "Sault Ste. Marie, Ontario").
    auto inside_y = [&](std::string_view xkey) {
      for (const NameRec& yn : kb.Lookup(ykey)) {
        const PlaceRec& yp = kb.place(yn.place);
        if (yn.flags & (kNameDemonym | kNameVariant)) continue;
        if (yp.fclass != kFcAdm1 && yp.fclass != kFcCountry) continue;
        for (const NameRec& xn : kb.Lookup(xkey)) {
          if (xn.flags & (kNameDemonym | kNameVariant | kNameAbbrev)) continue;
          const PlaceRec& xp = kb.place(xn.place);
          if (xp.fclass == kFcCountry || xn.place == yn.place) continue;
          if (yp.fclass == kFcCountry ? xp.country == yp.country : (xp.admin1 == yp.admin1 && xp.country == yp.country))
            return true;
        }
      }
      return false;
    };
    // X: the toponym or capitalized run just before the comma.
    uint32_t xe = i, xb = i;
    while (xb > 0 && i - xb < 4 && IsCapWord(tk.Raw(xb - 1))) --xb;
    if (xb == xe) continue;
    int xt = used[xe - 1];
    if (xt >= 0 && topos[xt].te != xe) continue;
    if (xt < 0) {
      // Shortest suffix of the capitalized run known to the gazetteer.
      for (uint32_t b = xe - 1; b + 1 > xb && xt < 0; --b)
        if (free_range(b, xe) && usable(KeyOf(tk, b, xe), false, false) &&
            (in_entity[b] != static_cast<int8_t>(EntityType::kPer) || inside_y(KeyOf(tk, b, xe))))
          xt = add(b, xe, kSrcPair, kNone, false);
      if (xt < 0) continue;
    }
    int yt = used[y];
    if (yt < 0) yt = add(y, y + ylen, kSrcPair, kNone, true);
    else if (topos[yt].tb == y) topos[yt].allow_abbrev = true;
    if (yt >= 0 && yt != xt) topos[xt].pair_parent = yt;
  }
  // 5. one sense per document: other mentions of a name found as a place are
  //    places too ("in Greer" ... "Greer's city limits"), unless the name is
  //    also a person's surname here or part of a longer name.
  if (!topos.empty()) {
    std::pmr::vector<std::string_view> keys(&arena);
    for (const Topo& t : topos)
      if (t.source != kSrcDemonym && t.key.empty() && !t.part_e) keys.push_back(KeyOf(tk, t.tb, t.te));
    const WordSet key_set(keys);  // most capitalized words fail its prefix filter
    for (uint32_t i = 0; i < nt && topos.size() < opt_.max_toponyms; ++i) {
      if (used[i] >= 0 || !IsCapWord(tk.Raw(i))) continue;
      if (i > 0 && !sent_start[i] && IsCapWord(tk.Raw(i - 1)) && used[i - 1] < 0) continue;  // inside a longer name
      for (uint32_t len = 4; len >= 1; --len) {
        if (i + len > nt) continue;
        std::string_view k = KeyOf(tk, i, i + len);
        if (!key_set.contains(k)) continue;
        if (i + len < nt && IsCapWord(tk.Raw(i + len)) && in_entity[i + len] == in_entity[i] &&
            in_entity[i] == static_cast<int8_t>(EntityType::kPer))
          break;  // "Greer Smith"
        if (in_entity[i] == static_cast<int8_t>(EntityType::kPer) && surname(tk.Raw(i + len - 1))) break;
        if (add(i, i + len, kSrcGazetteer, kNone, false) >= 0) i += len - 1;
        break;
      }
    }
  }
  if (topos.empty()) return;

  // ---- groups: one sense per name
  std::pmr::vector<Group> groups(&arena);
  std::pmr::unordered_map<std::string, int> group_of(&arena);
  for (size_t ti = 0; ti < topos.size(); ++ti) {
    Topo& t = topos[ti];
    std::string key = t.key.empty() ? std::string(KeyOf(tk, t.tb, t.te)) : t.key;
    bool dem = t.source == kSrcDemonym;
    std::string gkey = (dem ? "#" : "") + key;
    auto it = group_of.find(gkey);
    int g;
    if (it == group_of.end()) {
      g = static_cast<int>(groups.size());
      group_of.emplace(gkey, g);
      groups.emplace_back(&arena);
      groups.back().key = key;
      groups.back().demonym = dem;
    } else {
      g = it->second;
    }
    t.group = g;
    groups[g].topos.push_back(static_cast<int>(ti));
    groups[g].allow_abbrev |= t.allow_abbrev;
    groups[g].dateline |= t.source == kSrcDateline;
  }
  for (const Topo& t : topos)
    if (t.pair_parent >= 0) groups[t.group].parents.push_back(topos[t.pair_parent].group);
  // ---- candidates and priors
  for (Group& g : groups) {
    size_t n = 0;
    // Short keys ("US", "UK") only when written in capitals.
    bool caps = true;
    for (int ti : g.topos)
      if (!IsAllCaps(topos[ti].part_e ? doc.span_text(topos[ti].part_b, topos[ti].part_e)
                                      : doc.span_text(doc.tokens[topos[ti].tb].begin, doc.tokens[topos[ti].te - 1].end)))
        caps = false;
    // Capitals and region seats that share their region's name ("Washington", "Aleppo").
    const bool has_division_word = g.key.find("county") != std::string::npos || g.key.find("parish") != std::string::npos ||
                                   g.key.find("district") != std::string::npos || g.key.find("borough") != std::string::npos ||
                                   g.key.find("shire") != std::string::npos || g.key.find("province") != std::string::npos;
    std::pmr::vector<uint16_t> seat_regions(&arena);
    uint16_t capital_country = kNoIndex16;
    const std::span<const NameRec> run = kb.Lookup(g.key);
    for (const NameRec& r : run) {
      const PlaceRec& q = kb.place(r.place);
      if (r.flags & kNameDemonym) continue;
      if (q.fclass == kFcCapital) capital_country = q.country;
      if ((q.fclass == kFcCapital || q.fclass == kFcSeat1) && q.admin1 != kNoIndex16) seat_regions.push_back(q.admin1);
    }
    g.cands.reserve(std::min<size_t>(run.size(), 400));
    for (const NameRec& r : run) {
      if ((r.flags & kNameAbbrev) && !g.allow_abbrev) continue;
      if (g.key.size() <= 3 && !caps && !(r.flags & kNamePrimary) && !((r.flags & kNameAbbrev) && g.allow_abbrev)) continue;
      if (g.demonym != static_cast<bool>(r.flags & kNameDemonym)) continue;
      const PlaceRec& p = kb.place(r.place);
      if (p.lat == 0 && p.lon == 0 && p.fclass != kFcCountry) continue;  // a division without a known position
      // Alternate names of small towns are mostly obscure or historical ("Google" for Topeka).
      if ((r.flags & kNameAlias) && !(r.flags & kNamePrimary) && p.fclass > kFcAdm1 && p.population < opt_.min_alias_population)
        continue;
      double prior = FeaturePrior(p) + 0.7 * std::log10(1.0 + p.population);
      if (r.flags & kNameVariant) prior -= p.fclass == kFcAdm2 ? 3.0 : 1.0;
      // A capital shares its name with its region ("Washington"): the capital is meant.
      if (p.fclass == kFcAdm1 && (capital_country == p.country ||
                                  std::find(seat_regions.begin(), seat_regions.end(), p.admin1) != seat_regions.end()))
        prior -= 4.0;
      else if (r.flags & kNameAlias) prior -= p.fclass <= kFcAdm1 ? 0.5 : 1.5;  // towns' alternate names are often obscure
      // "Cobb County" said in full; a bare "Mansfield" is rather the town than a district.
      if (p.fclass == kFcAdm2 && !(r.flags & kNameVariant)) prior += has_division_word ? 1.0 : -0.5;
      g.cands.push_back({r.place, r.flags, prior});
      if (++n >= 400) break;
    }
    // A town's alternate (often historical) name gives way when some place
    // bears the name officially: "Maryville" is a Maryville, not Beeville.
    // (Unless the alias names a bigger place: "St. Petersburg" in Russia.)
    uint32_t official = 0;
    bool any_official = false;
    for (const Cand& c : g.cands)
      if ((c.flags & kNamePrimary) && kb.place(c.place).fclass > kFcAdm1) {
        any_official = true;
        official = std::max(official, kb.place(c.place).population);
      }
    if (any_official)
      g.cands.erase(std::remove_if(g.cands.begin(), g.cands.end(),
                                   [&](const Cand& c) {
                                     const PlaceRec& p = kb.place(c.place);
                                     return (c.flags & kNameAlias) && !(c.flags & kNamePrimary) && p.fclass > kFcAdm1 &&
                                            p.population <= official;
                                   }),
                    g.cands.end());
    // A dateline that names a city alone, without its state or country
    // ("WASHINGTON -", "PARIS, March 26 -"), names a city the readers know:
    // wire style keeps bare datelines for major cities and qualifies the rest
    // ("HAMMOND, Ind."). Abroad, towns a tenth the size of the largest namesake
    // give way (Washington, Tyne and Wear, is not the dateline WASHINGTON),
    // whatever the rest of the article mentions. At home they stay: a local
    // paper's bare "COLUMBUS --" is its own Columbus.
    if (g.dateline && g.parents.empty()) {
      auto is_town = [&](const Cand& c) {
        uint8_t f = kb.place(c.place).fclass;
        return f >= kFcCapital && f <= kFcSection;
      };
      uint32_t largest = 0;
      uint16_t country = kNoIndex16;
      for (const Cand& c : g.cands)
        if (is_town(c) && kb.place(c.place).population > largest) {
          largest = kb.place(c.place).population;
          country = kb.place(c.place).country;
        }
      if (largest >= 100000)
        g.cands.erase(std::remove_if(g.cands.begin(), g.cands.end(),
                                     [&](const Cand& c) {
                                       const PlaceRec& p = kb.place(c.place);
                                       return is_town(c) && p.country != country && uint64_t{p.population} * 10 < largest;
                                     }),
                      g.cands.end());
    }
  }
  const double kWCountry = 3.0, kWAdmin1 = 4.0, kWPair = 12.0, kWNear = 2.0, kWSupport = 3.0;
  // ---- mutual support: a candidate inside, or in the same region as, a
  //      plausible reading of another name of the article gains ("Lebanon" and
  //      "Boone County" together mean the Indiana pair). Each other name
  //      contributes its best-supporting candidate, weighted by how plausible
  //      that candidate is among the name's readings (prior softmax).
  {
    struct Sup {
      uint16_t admin1;
      uint32_t admin2, place;
      uint8_t fclass;
      float w, lat, lon;
    };
    constexpr size_t kMaxGroups = 120, kMaxCands = 40;
    const size_t ng = std::min(groups.size(), kMaxGroups);
    std::pmr::vector<Sup> all(&arena);  // plausible readings of every name
    std::pmr::vector<uint32_t> owner(&arena);
    for (size_t h = 0; h < ng; ++h) {
      const Group& g = groups[h];
      if (g.demonym || g.cands.empty()) continue;
      double mx = -1e9;
      for (const Cand& c : g.cands) mx = std::max(mx, c.prior);
      size_t n = 0;
      for (size_t ci = 0; ci < g.cands.size() && n < kMaxCands; ++ci) {
        const Cand& c = g.cands[ci];
        double w = std::exp(c.prior - mx);
        if (w < 0.02) continue;
        const PlaceRec& p = kb.place(c.place);
        if (p.fclass == kFcCountry || p.fclass == kFcContinent || p.admin1 == kNoIndex16) continue;
        all.push_back({p.admin1, p.admin2, c.place, p.fclass, static_cast<float>(w), p.lat, p.lon});
        owner.push_back(static_cast<uint32_t>(h));
        ++n;
      }
    }
    // Look-up by region and by a coarse grid (1.5 x 2.5 degree cells).
    std::pmr::vector<uint32_t> by_a1(all.size(), &arena);
    for (uint32_t i = 0; i < all.size(); ++i) by_a1[i] = i;
    std::sort(by_a1.begin(), by_a1.end(), [&](uint32_t x, uint32_t y) { return all[x].admin1 < all[y].admin1; });
    auto cell = [](float lat, float lon, int dy, int dx) {
      return (static_cast<int64_t>(std::floor(lat / 1.5f)) + dy + 200) * 1000 + (static_cast<int64_t>(std::floor(lon / 2.5f)) + dx + 200);
    };
    // The grid: (cell, reading) pairs sorted, so each cell's readings are a
    // run in index order, found through a small open-addressing table.
    std::pmr::vector<std::pair<int64_t, uint32_t>> in_cell(&arena);
    for (uint32_t i = 0; i < all.size(); ++i)
      if (all[i].fclass != kFcAdm1) in_cell.emplace_back(cell(all[i].lat, all[i].lon, 0, 0), i);
    std::sort(in_cell.begin(), in_cell.end());
    struct CellRun {
      int64_t cell = -1;  // -1: empty (cells are positive)
      uint32_t b = 0, e = 0;
    };
    size_t cap = 16;
    while (cap < 2 * in_cell.size()) cap *= 2;
    std::pmr::vector<CellRun> grid(cap, &arena);
    auto cell_slot = [&](int64_t c) { return static_cast<size_t>((static_cast<uint64_t>(c) * 0x9E3779B97F4A7C15ull) >> 40) & (cap - 1); };
    for (size_t k = 0; k < in_cell.size();) {
      size_t e = k + 1;
      while (e < in_cell.size() && in_cell[e].first == in_cell[k].first) ++e;
      size_t j = cell_slot(in_cell[k].first);
      while (grid[j].cell >= 0) j = (j + 1) & (cap - 1);
      grid[j] = {in_cell[k].first, static_cast<uint32_t>(k), static_cast<uint32_t>(e)};
      k = e;
    }
    auto find_cell = [&](int64_t c) -> const CellRun* {
      for (size_t j = cell_slot(c);; j = (j + 1) & (cap - 1)) {
        if (grid[j].cell == c) return &grid[j];
        if (grid[j].cell < 0) return nullptr;
      }
    };
    std::pmr::vector<double> bestg(ng, 0.0, &arena);
    std::pmr::vector<uint32_t> touched(&arena);
    for (size_t gi = 0; gi < ng && !all.empty(); ++gi) {
      Group& g = groups[gi];
      for (Cand& c : g.cands) {
        const PlaceRec& p = kb.place(c.place);
        if (p.fclass == kFcCountry || p.fclass == kFcContinent || p.admin1 == kNoIndex16) continue;
        auto consider = [&](uint32_t qi, double rel) {
          uint32_t h = owner[qi];
          if (h == gi || all[qi].place == c.place) return;
          double v = rel * all[qi].w;
          if (v <= bestg[h]) return;
          if (bestg[h] == 0) touched.push_back(h);
          bestg[h] = v;
        };
        auto near = [&](const Sup& q) {
          if (q.fclass == kFcAdm1 || p.fclass == kFcAdm1 || std::fabs(q.lat - p.lat) >= 1.5f || std::fabs(q.lon - p.lon) >= 2.5f)
            return 0.0;
          double d = DistanceKm(p.lat, p.lon, q.lat, q.lon);
          return d < 150 ? 1.0 - d / 150 : 0.0;
        };
        // Same first-level region (0.5); inside it or in the same county (1).
        auto lo = std::lower_bound(by_a1.begin(), by_a1.end(), p.admin1,
                                   [&](uint32_t x, uint16_t a) { return all[x].admin1 < a; });
        for (auto it = lo; it != by_a1.end() && all[*it].admin1 == p.admin1; ++it) {
          const Sup& q = all[*it];
          double rel = q.fclass == kFcAdm1 || (q.admin2 != kNoIndex32 && q.admin2 == p.admin2) ? 1.0 : 0.5;
          if (rel < 1.0) rel = std::max(rel, near(q));
          consider(*it, rel);
        }
        // Nearby towns across a border ("Mansfield" near "Shreveport").
        if (p.fclass != kFcAdm1)
          for (int dy = -1; dy <= 1; ++dy)
            for (int dx = -1; dx <= 1; ++dx) {
              const CellRun* run = find_cell(cell(p.lat, p.lon, dy, dx));
              if (!run) continue;
              for (uint32_t k = run->b; k < run->e; ++k) {
                const uint32_t qi = in_cell[k].second;
                if (all[qi].admin1 != p.admin1) consider(qi, near(all[qi]));
              }
            }
        double total = 0;
        for (uint32_t h : touched) {
          total += bestg[h];
          bestg[h] = 0;
        }
        touched.clear();
        c.prior += kWSupport * std::min(total, 1.5);
      }
    }
  }
  // ---- iterative context scoring
  // (Hash maps of the same hash and the same insertions as before: the sums
  // over them below add in the same order.)
  std::pmr::unordered_map<uint16_t, double> cev(&arena), aev(&arena);
  std::pmr::vector<double> gw(groups.size(), 0.0, &arena);
  std::pmr::vector<uint16_t> gc(groups.size(), kNoIndex16, &arena), ga(groups.size(), kNoIndex16, &arena);
  std::pmr::vector<std::tuple<size_t, const PlaceRec*, double>> anchors(&arena);  // confident towns and counties
  std::pmr::vector<double> anchor_cos(&arena);  // cosine of each anchor's latitude
  for (int iter = 0; iter < 3; ++iter) {
    anchors.clear();
    for (size_t oj = 0; oj < groups.size() && anchors.size() < 64; ++oj) {
      if (groups[oj].best < 0 || groups[oj].conf < 0.5) continue;
      const PlaceRec& q = kb.place(groups[oj].cands[groups[oj].best].place);
      if (q.fclass >= kFcAdm2 && q.fclass <= kFcSection) anchors.emplace_back(oj, &q, groups[oj].conf);
    }
    anchor_cos.clear();
    for (const auto& a : anchors) anchor_cos.push_back(std::cos(static_cast<double>(std::get<1>(a)->lat) * kRadian));
    double ctot = 0, atot = 0;
    for (auto& [k, v] : cev) ctot += v;
    for (auto& [k, v] : aev) atot += v;
    for (size_t gi = 0; gi < groups.size(); ++gi) {
      Group& g = groups[gi];
      if (g.cands.empty()) continue;
      double own = gw[gi];
      for (Cand& c : g.cands) {
        const PlaceRec& p = kb.place(c.place);
        double s = c.prior;
        if (iter > 0) {
          double cshare = 0, ashare = 0;
          if (p.country != kNoIndex16 && ctot - own > 0.01) {
            const auto it = cev.find(p.country);
            double v = it != cev.end() ? it->second : 0;
            if (gc[gi] == p.country) v -= own;
            cshare = std::max(0.0, v) / (ctot - own);
          }
          if (p.admin1 != kNoIndex16 && p.fclass != kFcCountry && atot > 0.01) {
            const auto it = aev.find(p.admin1);
            double v = it != aev.end() ? it->second : 0;
            if (ga[gi] == p.admin1) v -= own;
            ashare = std::max(0.0, v) / std::max(1.0, atot - own);
          }
          s += kWCountry * cshare + kWAdmin1 * std::min(1.0, ashare * 2);
          // Nearness to the confidently placed towns and counties of the article.
          if (p.fclass >= kFcAdm2 && p.fclass <= kFcSection) {
            double near = 0;
            // An anchor contributes w * exp(-d / 150) <= w, and d is at least the
            // meridian distance between the latitudes (111.19 km a degree): anchors
            // that cannot raise `near` are skipped without computing d. `reach` is
            // the distance beyond which exp(-d / 150) < near (with a margin).
            double reach = HUGE_VAL;
            const double p_cos = std::cos(static_cast<double>(p.lat) * kRadian);
            for (size_t ai = 0; ai < anchors.size(); ++ai) {
              const auto& [oj, q, w] = anchors[ai];
              if (oj == gi || w <= near) continue;
              if (std::fabs(static_cast<double>(p.lat) - static_cast<double>(q->lat)) * 111.0 > reach) continue;
              double d = DistanceKmCos(p.lat, p.lon, p_cos, q->lat, q->lon, anchor_cos[ai]);
              const double v = w * std::exp(-d / 150.0);
              if (v > near) {
                near = v;
                reach = -150.0 * std::log(near) + 1.0;
              }
            }
            s += kWNear * near;
          }
        }
        for (int pg : g.parents) {
          const Group& y = groups[pg];
          if (y.best < 0) continue;
          const PlaceRec& yp = kb.place(y.cands[y.best].place);
          bool inside = yp.fclass == kFcCountry ? p.country == yp.country
                                                : (p.admin1 == yp.admin1 && p.country == yp.country && c.place != y.cands[y.best].place);
          s += inside ? kWPair : -kWPair / 2;
        }
        c.score = s;
      }
      int best = 0;
      double second = -1e9;
      for (size_t ci = 1; ci < g.cands.size(); ++ci)
        if (g.cands[ci].score > g.cands[best].score) best = static_cast<int>(ci);
      for (size_t ci = 0; ci < g.cands.size(); ++ci)
        if (static_cast<int>(ci) != best) second = std::max(second, g.cands[ci].score);
      g.best = best;
      double margin = g.cands.size() == 1 ? 3.0 : g.cands[best].score - second;
      g.conf = std::clamp(margin / 2.0, 0.15, 1.0);
    }
    // Recompute the evidence.
    cev.clear();
    aev.clear();
    for (size_t gi = 0; gi < groups.size(); ++gi) {
      const Group& g = groups[gi];
      if (g.best < 0) {
        gw[gi] = 0;
        continue;
      }
      const PlaceRec& p = kb.place(g.cands[g.best].place);
      double w = g.conf * std::min<size_t>(g.topos.size(), 3) * (g.dateline ? 3.0 : 1.0);
      gw[gi] = w;
      gc[gi] = p.country;
      ga[gi] = p.fclass == kFcCountry ? kNoIndex16 : p.admin1;
      if (p.country != kNoIndex16) cev[p.country] += w;
      if (ga[gi] != kNoIndex16) aev[p.admin1] += w;
    }
  }
  // ---- common words: "Liberal Democrats", "Real Madrid", "Golden Globes",
  //      "Arsenal": a one-word name that news writes in lower case is a small
  //      town only in a place context ("in Golden", "Golden, Colorado",
  //      "Golden residents") or a dateline; large places keep their name.
  if (opt_.common_words) {
    for (Group& g : groups) {
      if (g.best < 0 || g.demonym || g.dateline || !g.parents.empty() || g.key.find(' ') != std::string::npos ||
          !opt_.common_words->count(g.key))
        continue;
      const PlaceRec& p = kb.place(g.cands[g.best].place);
      // (First-level regions named by a common word, "Gulf" in Papua New Guinea or
      // "Central" in Ghana, need the context too: "the Gulf" is the Persian Gulf.)
      if (p.fclass == kFcCountry || p.fclass == kFcContinent || p.fclass == kFcCapital || p.population >= 100000)
        continue;
      bool cued = false;
      for (int ti : g.topos) {
        const Topo& t = topos[ti];
        cued |= t.part_e == 0 && (cue_before(t.tb) || cue_after(t.te) || t.pair_parent >= 0);
      }
      if (!cued) g.best = -1;
    }
  }
  // ---- output
  std::pmr::unordered_map<uint32_t, int> place_index(&arena);
  std::pmr::vector<int> order(topos.size(), &arena);
  for (size_t i = 0; i < topos.size(); ++i) order[i] = static_cast<int>(i);
  std::sort(order.begin(), order.end(), [&](int a, int b) {
    return topos[a].tb != topos[b].tb ? topos[a].tb < topos[b].tb : topos[a].part_b < topos[b].part_b;
  });
  for (int ti : order) {
    const Topo& t = topos[ti];
    const Group& g = groups[t.group];
    if (g.best < 0) continue;
    uint32_t pi = g.cands[g.best].place;
    auto it = place_index.find(pi);
    int idx;
    if (it == place_index.end()) {
      const PlaceRec& p = kb.place(pi);
      Place pl;
      pl.name = std::string(kb.place_name(pi));
      pl.country = kb.country_a3(p.country);
      pl.lat = std::round(p.lat * 1e5) / 1e5;
      pl.lon = std::round(p.lon * 1e5) / 1e5;
      pl.geonames_id = p.geonames_id;
      pl.feature = static_cast<PlaceFeature>(p.feature);
      idx = static_cast<int>(doc.places.size());
      doc.places.push_back(std::move(pl));
      place_index.emplace(pi, idx);
    } else {
      idx = it->second;
    }
    if (t.part_e)
      doc.places[idx].mentions.push_back({t.part_b, t.part_e});
    else
      doc.places[idx].mentions.push_back({doc.tokens[t.tb].begin, doc.tokens[t.te - 1].end});
    if (t.entity != kNone) doc.entities[t.entity].place = idx;
  }
}

}  // namespace tidings::kb
