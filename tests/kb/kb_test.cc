// Tests of the knowledge base (compiler, loader, normalization), the
// geocoder, actor coding and coreference, on hand-built documents.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tidings/kb/actors.h"
#include "tidings/kb/geocoder.h"
#include "tidings/kb/kb.h"
#include "tidings/kb/kb_builder.h"
#include "../common/mini_kb.h"
#include "tidings/kb/kb_stage.h"
#include "tidings/kb/normalize.h"

namespace fs = std::filesystem;
using namespace tidings;
using namespace tidings::kb;

namespace {

// A small tokenizer for hand-built documents: words, "'s", and punctuation;
// a trailing period stays on short capitalized abbreviations ("Ga.").
Document MakeDoc(const std::string& text) {
  Document d;
  d.text = text;
  uint32_t i = 0, n = static_cast<uint32_t>(text.size());
  uint32_t sent_begin_tok = 0, sent_begin = 0;
  auto is_punct = [](char c) { return c == ',' || c == '.' || c == '"' || c == ':' || c == ';' || c == '(' || c == ')' || c == '!' || c == '?'; };
  while (i < n) {
    if (text[i] == ' ' || text[i] == '\n') {
      ++i;
      continue;
    }
    uint32_t b = i;
    if (is_punct(text[i])) {
      ++i;
    } else if (text[i] == '\'' && i + 1 < n && text[i + 1] == 's') {
      i += 2;
    } else {
      while (i < n && text[i] != ' ' && text[i] != '\n' && !is_punct(text[i]) && !(text[i] == '\'' && i + 1 < n && text[i + 1] == 's')) ++i;
      if (i < n && text[i] == '.' && i - b <= 4 && text[b] >= 'A' && text[b] <= 'Z' && (i + 1 >= n || text[i + 1] == ' ') &&
          !(i + 1 >= n)) {
        // "Ga." keeps its period unless it ends the text.
        ++i;
      }
    }
    Token t;
    t.begin = b;
    t.end = i;
    d.tokens.push_back(t);
    auto w = std::string_view(text).substr(b, i - b);
    if (w == "." || w == "!" || w == "?") {
      Sentence s{sent_begin, i, sent_begin_tok, static_cast<uint32_t>(d.tokens.size()), 0};
      d.sentences.push_back(s);
      sent_begin_tok = static_cast<uint32_t>(d.tokens.size());
      sent_begin = i;
    }
  }
  if (sent_begin_tok < d.tokens.size())
    d.sentences.push_back({sent_begin, n, sent_begin_tok, static_cast<uint32_t>(d.tokens.size()), 0});
  d.paragraphs.push_back({0, n});
  return d;
}

// Adds an entity over the first occurrence of `surface` (from byte `from`).
void AddEntity(Document& d, const std::string& surface, EntityType type, size_t from = 0) {
  size_t p = d.text.find(surface, from);
  ASSERT_NE(p, std::string::npos) << surface;
  Entity e;
  e.type = type;
  e.begin = static_cast<uint32_t>(p);
  e.end = static_cast<uint32_t>(p + surface.size());
  e.tok_begin = UINT32_MAX;
  for (uint32_t i = 0; i < d.tokens.size(); ++i)
    if (d.tokens[i].begin >= e.begin && d.tokens[i].end <= e.end) {
      if (e.tok_begin == UINT32_MAX) e.tok_begin = i;
      e.tok_end = i + 1;
    }
  ASSERT_NE(e.tok_begin, UINT32_MAX);
  auto it = std::upper_bound(d.entities.begin(), d.entities.end(), e,
                             [](const Entity& a, const Entity& b) { return a.tok_begin < b.tok_begin; });
  d.entities.insert(it, e);
}

std::string RepoData() { return std::string(TIDINGS_SOURCE_DIR) + "/data"; }

std::shared_ptr<const KnowledgeBase> RealKb() {
  Resources r;
  r.data_dir = RepoData();
  auto kb = SharedKb(KbPath(r));
  return kb.ok() ? *kb : nullptr;
}

const Place* PlaceAt(const Document& d, const std::string& surface, size_t from = 0) {
  size_t p = d.text.find(surface, from);
  for (const Place& pl : d.places)
    for (const Span& m : pl.mentions)
      if (m.begin == p && m.end == p + surface.size()) return &pl;
  return nullptr;
}


}  // namespace

TEST(KbNormalize, FoldsCaseDiacriticsAndPunctuation) {
  EXPECT_EQ(NormalizeName("Zürich"), "zurich");
  EXPECT_EQ(NormalizeName("Şanlıurfa"), "sanliurfa");
  EXPECT_EQ(NormalizeName("U.S."), "us");
  EXPECT_EQ(NormalizeName("Côte d'Ivoire"), "cote divoire");
  EXPECT_EQ(NormalizeName("  Winston-Salem  "), "winston salem");
  EXPECT_EQ(NormalizeName("МОСКВА"), "москва");
  EXPECT_EQ(NormalizeName(std::string("Ab\xff\xfe" "c")), "abc");  // invalid bytes dropped
  EXPECT_EQ(NormalizeName(""), "");
}

TEST(KbBuild, RoundTripAndLookup) {
  std::string path = testing_util::BuildMiniKb("kb_test_roundtrip");
  auto kb = KnowledgeBase::Load(path);
  ASSERT_TRUE(kb.ok()) << kb.status().message();
  auto paris = (*kb)->Lookup("paris");
  ASSERT_EQ(paris.size(), 2u);
  // Most populous first.
  EXPECT_EQ((*kb)->country_a3((*kb)->place(paris[0].place).country), "FRA");
  EXPECT_EQ((*kb)->place(paris[1].place).geonames_id, 4717560);
  EXPECT_FALSE((*kb)->Lookup("париж").empty());  // script alias of a large city
  EXPECT_EQ((*kb)->FindCountryByName("French Republic"), (*kb)->FindCountry("FRA"));
  auto french = (*kb)->Lookup("french");
  ASSERT_EQ(french.size(), 1u);
  EXPECT_TRUE(french[0].flags & kNameDemonym);
  EXPECT_FALSE((*kb)->Lookup("lamar").empty());  // "Lamar County" variant
  // Texas sits among its places.
  auto tx = (*kb)->Lookup("texas");
  ASSERT_EQ(tx.size(), 1u);
  EXPECT_NEAR((*kb)->place(tx[0].place).lat, 32.0, 2.0);
}

TEST(KbBuild, MissingSourcesAreReported) {
  BuildKbOptions opt;
  opt.src_dir = "/nonexistent/dir";
  opt.out_file = "/tmp/x.bin";
  Status st = BuildKb(opt, nullptr);
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("countries.tsv"), std::string::npos);
}

TEST(KbLoad, MissingAndCorruptFilesGiveClearErrors) {
  auto missing = KnowledgeBase::Load("/nonexistent/kb.bin");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_NE(missing.status().message().find("/nonexistent/kb.bin"), std::string::npos);

  std::string path = testing_util::BuildMiniKb("kb_test_corrupt");
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string bytes = ss.str();
  // Flip a byte in the payload: checksum mismatch.
  std::string flipped = bytes;
  flipped[bytes.size() / 2] ^= 0x5a;
  auto bad = KnowledgeBase::FromBytes(flipped, "flipped");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kDataLoss);
  // Truncated, empty and foreign files.
  for (std::string b : {bytes.substr(0, bytes.size() / 3), std::string(), std::string("not a knowledge base at all, sorry......................................................")}) {
    auto r = KnowledgeBase::FromBytes(b, "x");
    EXPECT_FALSE(r.ok());
  }
  // Corrupt gzip file.
  fs::path gz = fs::temp_directory_path() / "tidings_kb_test_corrupt.gz";
  std::ofstream(gz, std::ios::binary) << std::string("\x1f\x8b\x08\x00garbage", 12);
  auto g = KnowledgeBase::Load(gz.string());
  EXPECT_FALSE(g.ok());
}

TEST(KbStage, MissingDataDirFailsInFactory) {
  Resources r;
  r.data_dir = "/nonexistent/data";
  auto st = MakeKbStage(r);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.status().message().find("/nonexistent/data"), std::string::npos);
}

TEST(RoleLexicon, ParsesAndReportsErrors) {
  auto ok = RoleLexicon::Parse("# c\nambassador\tGOV\tperson\tdiplomat\t-\t-\nstate department\tGOV\torg\tministry\t-\tUSA\n", "t.tsv");
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  EXPECT_EQ(ok->size(), 2u);
  auto bad = RoleLexicon::Parse("ambassador\tGOV\tperson\n", "t.tsv");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("t.tsv line 1"), std::string::npos);
  auto kind = RoleLexicon::Parse("x\tGOV\tthing\tc\t-\t-\n", "k.tsv");
  EXPECT_FALSE(kind.ok());
  Document d = MakeDoc("Two diplomats met the ambassador.");
  uint32_t len = 0;
  bool plural = false;
  const Role* r = ok->Match(d, 1, static_cast<uint32_t>(d.tokens.size()), &len, &plural);
  EXPECT_EQ(r, nullptr);  // "diplomats" is not in this small lexicon
  r = ok->Match(d, 4, static_cast<uint32_t>(d.tokens.size()), &len, &plural);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->sector.view(), "GOV");
}

TEST(Geocoder, ResolvesWithContextAndPatterns) {
  auto kb = RealKb();
  if (!kb) GTEST_SKIP() << "data/kb.bin.gz not built";
  Geocoder geo(kb);
  Document d = MakeDoc("The envoy arrived in Ankara from Aleppo. He later flew to Paris, Texas, and then to Paris.");
  AddEntity(d, "Ankara", EntityType::kLoc);
  AddEntity(d, "Aleppo", EntityType::kLoc);
  AddEntity(d, "Paris", EntityType::kLoc);
  AddEntity(d, "Texas", EntityType::kLoc);
  AddEntity(d, "Paris", EntityType::kLoc, d.text.find("then"));
  geo.Run(d);
  const Place* ankara = PlaceAt(d, "Ankara");
  ASSERT_NE(ankara, nullptr);
  EXPECT_EQ(ankara->country.view(), "TUR");
  EXPECT_LT(DistanceKm(ankara->lat, ankara->lon, 39.93, 32.86), 10.0);
  const Place* aleppo = PlaceAt(d, "Aleppo");
  ASSERT_NE(aleppo, nullptr);
  EXPECT_EQ(aleppo->country.view(), "SYR");
  const Place* paris = PlaceAt(d, "Paris");
  ASSERT_NE(paris, nullptr);
  EXPECT_EQ(paris->country.view(), "USA");  // "Paris, Texas"
  EXPECT_EQ(paris->mentions.size(), 2u);    // one sense per name
  EXPECT_EQ(d.entities[0].place, static_cast<int32_t>(ankara - d.places.data()));
}

TEST(Geocoder, CountriesDemonymsAndBadInput) {
  auto kb = RealKb();
  if (!kb) GTEST_SKIP() << "data/kb.bin.gz not built";
  Geocoder geo(kb);
  Document d = MakeDoc("Russian troops entered Syria while Turkey watched. Xqzzyville and Москва and 東京 were quiet.");
  AddEntity(d, "Syria", EntityType::kLoc);
  AddEntity(d, "Xqzzyville", EntityType::kLoc);
  geo.Run(d);
  const Place* rus = PlaceAt(d, "Russian");
  ASSERT_NE(rus, nullptr);
  EXPECT_EQ(rus->country.view(), "RUS");
  EXPECT_EQ(rus->feature, PlaceFeature::kCountry);
  ASSERT_NE(PlaceAt(d, "Syria"), nullptr);
  EXPECT_EQ(PlaceAt(d, "Syria")->feature, PlaceFeature::kCountry);
  ASSERT_NE(PlaceAt(d, "Turkey"), nullptr);  // missed by the tagger, found by the gazetteer
  EXPECT_EQ(PlaceAt(d, "Xqzzyville"), nullptr);
  EXPECT_EQ(d.entities[1].place, kNone);
  EXPECT_EQ(geo.CountryOfWord("Syrians"), kb->FindCountry("SYR"));
  // Huge input: thousands of place names stay fine.
  std::string big;
  for (int i = 0; i < 3000; ++i) big += "Officials in Aleppo, Damascus and Homs met. ";
  Document h = MakeDoc(big);
  geo.Run(h);
  EXPECT_GE(h.places.size(), 3u);
  // Empty document.
  Document e;
  geo.Run(e);
  EXPECT_TRUE(e.places.empty());
}

TEST(RoleLexicon, NumbersTheCoreferenceClasses) {
  auto lex = RoleLexicon::Parse(
      "ambassador\tGOV\tperson\tdiplomat\t-\t-\nenvoy\tGOV\tperson\tdiplomat\t-\t-\n"
      "army\tMIL\torg\tarmy\t-\t-\nbody\t-\tperson\t\t-\t-\n",
      "c.tsv");
  ASSERT_TRUE(lex.ok()) << lex.status().message();
  EXPECT_EQ(lex->ClassId("diplomat"), 1);  // in order of appearance, from 1
  EXPECT_EQ(lex->ClassId("army"), 2);
  EXPECT_EQ(lex->ClassId("navy"), 0);  // no role has it
  Document d = MakeDoc("the envoy and the army and the body");
  uint32_t len = 0;
  bool plural = false;
  const Role* envoy = lex->Match(d, 1, static_cast<uint32_t>(d.tokens.size()), &len, &plural);
  ASSERT_NE(envoy, nullptr);
  EXPECT_EQ(envoy->cls_id, 1);
  const Role* body = lex->Match(d, 7, static_cast<uint32_t>(d.tokens.size()), &len, &plural);
  ASSERT_NE(body, nullptr);
  EXPECT_EQ(body->cls_id, 0);  // no class
}

TEST(ActorCoder, LinksRolesOfClassesPastTheFirst128) {
  auto kb = RealKb();
  if (!kb) GTEST_SKIP() << "data/kb.bin.gz not built";
  // 130 filler classes first: "envoy" gets class 131, "courier" 132.
  std::string tsv;
  for (int i = 0; i < 130; ++i) tsv += "filler" + std::to_string(i) + "\tGOV\tperson\tclass" + std::to_string(i) + "\t-\t-\n";
  tsv += "envoy\tGOV\tperson\tdiplomat\tm\t-\ncourier\tGOV\tperson\tcarrier\tm\t-\n";
  auto lex = RoleLexicon::Parse(tsv, "many.tsv");
  ASSERT_TRUE(lex.ok()) << lex.status().message();
  EXPECT_EQ(lex->ClassId("diplomat"), 131);
  ActorCoder coder(std::make_shared<const Geocoder>(kb), std::move(*lex));
  Document d = MakeDoc("The envoy arrived. The courier left. The envoy spoke.");
  coder.Run(d);
  auto cluster_at = [&](size_t p, size_t n) {
    int32_t m = MentionAtSpan(d, {static_cast<uint32_t>(p), static_cast<uint32_t>(p + n)});
    return m == kNone ? kNone : d.mentions[m].cluster;
  };
  const int32_t first = cluster_at(d.text.find("The envoy"), 9);
  const int32_t courier = cluster_at(d.text.find("The courier"), 11);
  ASSERT_NE(first, kNone);
  ASSERT_NE(courier, kNone);
  EXPECT_EQ(cluster_at(d.text.rfind("The envoy"), 9), first);  // same class: the same envoy
  EXPECT_NE(courier, first);                                    // another class: someone else
}

TEST(ActorCoder, CodesRolesAndLinksCoreference) {
  auto kb = RealKb();
  if (!kb) GTEST_SKIP() << "data/kb.bin.gz not built";
  auto lex = RoleLexicon::Load(RepoData() + "/kb/roles.tsv");
  ASSERT_TRUE(lex.ok()) << lex.status().message();
  auto geo = std::make_shared<const Geocoder>(kb);
  ActorCoder coder(geo, std::move(*lex));
  Document d = MakeDoc(
      "Ankara: Syrian President Bashar Al Assad met envoy Andrei Karlov. The gunman , who fled , was an off-duty "
      "police officer. Syrian forces attacked. The ambassador said Assad was calm. The attacker was caught. "
      "Russian Foreign Ministry spokeswoman Maria Zakharova said she was shocked. The US State Department "
      "condemned it.");
  Dateline dl;
  dl.place = {0, 6};
  dl.whole = {0, 7};
  d.dateline = dl;
  AddEntity(d, "Ankara", EntityType::kLoc);
  AddEntity(d, "Syrian", EntityType::kMisc);
  AddEntity(d, "Bashar Al Assad", EntityType::kPer);
  AddEntity(d, "Andrei Karlov", EntityType::kPer);
  AddEntity(d, "Syrian", EntityType::kMisc, d.text.find("forces") - 8);
  AddEntity(d, "Assad", EntityType::kPer, d.text.find("said Assad"));
  AddEntity(d, "Russian Foreign Ministry", EntityType::kOrg);
  AddEntity(d, "Maria Zakharova", EntityType::kPer);
  AddEntity(d, "US", EntityType::kLoc, d.text.find("The US"));
  AddEntity(d, "State Department", EntityType::kOrg);
  geo->Run(d);
  coder.Run(d);
  auto code_at = [&](const std::string& s, size_t from = 0) {
    size_t p = d.text.find(s, from);
    int32_t m = MentionAtSpan(d, {static_cast<uint32_t>(p), static_cast<uint32_t>(p + s.size())});
    return ActorCode(d, m);
  };
  auto cluster_at = [&](const std::string& s, size_t from = 0) {
    size_t p = d.text.find(s, from);
    int32_t m = MentionAtSpan(d, {static_cast<uint32_t>(p), static_cast<uint32_t>(p + s.size())});
    return m == kNone ? kNone : d.mentions[m].cluster;
  };
  EXPECT_EQ(code_at("Bashar Al Assad"), "SYRGOV");
  EXPECT_EQ(code_at("Assad", d.text.find("said Assad")), "SYRGOV");
  EXPECT_EQ(cluster_at("Bashar Al Assad"), cluster_at("Assad", d.text.find("said Assad")));
  EXPECT_EQ(cluster_at("The ambassador"), cluster_at("Andrei Karlov"));
  EXPECT_EQ(code_at("The gunman"), "TURCOP");
  EXPECT_EQ(cluster_at("The attacker"), cluster_at("The gunman"));
  EXPECT_EQ(code_at("Syrian forces"), "SYRMIL");
  EXPECT_EQ(code_at("Maria Zakharova"), "RUSGOV");
  EXPECT_EQ(cluster_at("she"), cluster_at("Maria Zakharova"));
  EXPECT_EQ(CanonicalName(d, MentionAtSpan(d, {static_cast<uint32_t>(d.text.find("she")), static_cast<uint32_t>(d.text.find("she") + 3)})),
            "Maria Zakharova");
  EXPECT_EQ(code_at("State Department"), "USAGOV");
  // Entities carry the codes too.
  for (const Entity& e : d.entities) {
    if (d.span_text(e.begin, e.end) == "Andrei Karlov") {
      EXPECT_NE(e.cluster, kNone);
    }
  }
}

TEST(Geocoder, FindsPlacesTheTaggerMislabelled) {
  auto kb = RealKb();
  if (!kb) GTEST_SKIP() << "data/kb.bin.gz not built";
  Geocoder geo(kb);
  Document d = MakeDoc(
      "ATLANTA - Police in Oakland said Sen. Robert Ford, D-Charleston, met a man from Martinez in Walton and "
      "Oconee counties. Rosa Ortiz of Athens, Ga. spoke. Tbilisi says talks with Fargo-Moorhead officials and "
      "Six Flags Over Texas failed. Martinez said nothing.");
  AddEntity(d, "Oakland", EntityType::kOrg);
  AddEntity(d, "Robert Ford", EntityType::kPer);
  AddEntity(d, "Martinez", EntityType::kPer);
  AddEntity(d, "Walton", EntityType::kPer);
  AddEntity(d, "Rosa Ortiz", EntityType::kPer);
  AddEntity(d, "Tbilisi", EntityType::kPer);
  AddEntity(d, "Six Flags Over Texas", EntityType::kOrg);
  AddEntity(d, "Martinez", EntityType::kPer, d.text.find("Martinez said"));
  geo.Run(d);
  for (const char* name : {"ATLANTA", "Oakland", "Charleston", "Martinez", "Walton", "Oconee", "Ga.", "Tbilisi", "Fargo",
                           "Moorhead", "Texas"})
    EXPECT_NE(PlaceAt(d, name), nullptr) << name;
  ASSERT_NE(PlaceAt(d, "Walton"), nullptr);
  EXPECT_EQ(PlaceAt(d, "Walton")->feature, PlaceFeature::kCounty);
  ASSERT_NE(PlaceAt(d, "Ga."), nullptr);
  EXPECT_EQ(PlaceAt(d, "Ga.")->feature, PlaceFeature::kRegion);  // Georgia, not a town named "Ga"
  EXPECT_EQ(PlaceAt(d, "Ga.")->country.view(), "USA");
  ASSERT_NE(PlaceAt(d, "Tbilisi"), nullptr);
  EXPECT_EQ(PlaceAt(d, "Tbilisi")->country.view(), "GEO");
  // Not places: a person's name without a place context, and the party letter.
  EXPECT_EQ(PlaceAt(d, "Robert Ford"), nullptr);
  EXPECT_EQ(PlaceAt(d, "D"), nullptr);
}

TEST(Geocoder, NamesSupportEachOther) {
  auto kb = RealKb();
  if (!kb) GTEST_SKIP() << "data/kb.bin.gz not built";
  Geocoder geo(kb);
  // A town and its county: the pair that fits together wins over a country
  // and over other counties of the same name.
  Document d = MakeDoc(
      "Terry Jolly, 60, of Lebanon, was arrested near Zionsville by Lebanon police and held in the Boone County Jail.");
  AddEntity(d, "Terry Jolly", EntityType::kPer);
  AddEntity(d, "Lebanon", EntityType::kLoc);
  AddEntity(d, "Zionsville", EntityType::kLoc);
  AddEntity(d, "Boone County", EntityType::kLoc);
  geo.Run(d);
  const Place* leb = PlaceAt(d, "Lebanon");
  const Place* boone = PlaceAt(d, "Boone County");
  ASSERT_NE(leb, nullptr);
  ASSERT_NE(boone, nullptr);
  EXPECT_EQ(leb->country.view(), "USA");
  EXPECT_LT(DistanceKm(leb->lat, leb->lon, 40.05, -86.47), 30.0);  // Lebanon, Indiana
  EXPECT_LT(DistanceKm(boone->lat, boone->lon, 40.05, -86.47), 60.0);
}

TEST(Geocoder, RegionalDemonymsAndWorldRegions) {
  auto kb = RealKb();
  if (!kb) GTEST_SKIP() << "data/kb.bin.gz not built";
  Geocoder geo(kb);
  Document d = MakeDoc(
      "Many Minnesotans and Ohioans watched as South Ossetian fighters and Abkhaz officials met EU envoys in Darfur.");
  AddEntity(d, "South Ossetian", EntityType::kMisc);
  AddEntity(d, "Abkhaz", EntityType::kMisc);
  AddEntity(d, "EU", EntityType::kOrg);
  AddEntity(d, "Darfur", EntityType::kLoc);
  geo.Run(d);
  struct Want {
    const char* surface;
    const char* country;
  } want[] = {{"Minnesotans", "USA"}, {"Ohioans", "USA"}, {"South Ossetian", "GEO"}, {"Abkhaz", "GEO"}, {"Darfur", "SDN"}};
  for (const Want& w : want) {
    const Place* p = PlaceAt(d, w.surface);
    ASSERT_NE(p, nullptr) << w.surface;
    EXPECT_EQ(p->country.view(), w.country) << w.surface;
  }
  EXPECT_EQ(PlaceAt(d, "Minnesotans")->feature, PlaceFeature::kRegion);
  ASSERT_NE(PlaceAt(d, "EU"), nullptr);
  EXPECT_EQ(PlaceAt(d, "EU")->feature, PlaceFeature::kContinent);  // the Union, not the French town of Eu
  // Words that only look like demonyms stay out.
  Document e = MakeDoc("The Partisans and the Veterans met the Organizer.");
  geo.Run(e);
  EXPECT_TRUE(e.places.empty());
}

TEST(Geocoder, OneSensePerDocumentAndPersonNamesInPairs) {
  auto kb = RealKb();
  if (!kb) GTEST_SKIP() << "data/kb.bin.gz not built";
  Geocoder geo(kb);
  Document d = MakeDoc(
      "Greer, South Carolina is growing. Concerts are planned in Greer this summer. Greer has a new park. "
      "Mayor Rick Danner of Greer spoke. Paula Deen said Savannah was home.");
  AddEntity(d, "Greer", EntityType::kPer);
  AddEntity(d, "Greer", EntityType::kPer, d.text.find("Greer has"));
  AddEntity(d, "Rick Danner", EntityType::kPer);
  AddEntity(d, "Paula Deen", EntityType::kPer);
  geo.Run(d);
  const Place* greer = PlaceAt(d, "Greer");
  ASSERT_NE(greer, nullptr);
  EXPECT_EQ(greer->country.view(), "USA");
  EXPECT_LT(DistanceKm(greer->lat, greer->lon, 34.94, -82.23), 30.0);
  EXPECT_EQ(greer->mentions.size(), 4u);  // every mention, including the one tagged as a person
  EXPECT_EQ(PlaceAt(d, "Paula Deen"), nullptr);
  EXPECT_EQ(PlaceAt(d, "Deen"), nullptr);
}

TEST(Geocoder, CommonWordsAreTownsOnlyInAPlaceContext) {
  auto kb = RealKb();
  if (!kb) GTEST_SKIP() << "data/kb.bin.gz not built";
  // A word list as the cluster lexicon gives it: only lower-case keys count.
  fs::path words = fs::temp_directory_path() / "tidings_common_words.tsv";
  std::ofstream(words) << "# comment\nliberal\t1\t2\t3\ngolden\t1\t2\t3\nreal 4\nAleppo\t5\nof\t1\n";
  auto cw = LoadCommonWords(words.string());
  ASSERT_TRUE(cw.ok()) << cw.status().message();
  EXPECT_EQ((*cw)->count("liberal"), 1u);
  EXPECT_EQ((*cw)->count("real"), 1u);
  EXPECT_EQ((*cw)->count("aleppo"), 0u);  // written capitalised: a name, not a common word
  EXPECT_EQ((*cw)->count("of"), 0u);      // too short to matter
  EXPECT_FALSE(LoadCommonWords((fs::temp_directory_path() / "tidings_no_such_file.tsv").string()).ok());

  GeocoderOptions opt;
  opt.common_words = *cw;
  Geocoder geo(kb, opt);
  Document d = MakeDoc("The Liberal Democrats met Real Madrid fans. Police in Golden said nothing.");
  AddEntity(d, "Liberal Democrats", EntityType::kOrg);
  AddEntity(d, "Real Madrid", EntityType::kOrg);
  AddEntity(d, "Golden", EntityType::kLoc);
  geo.Run(d);
  EXPECT_EQ(PlaceAt(d, "Liberal"), nullptr);  // Liberal, Kansas: a party, not the town
  EXPECT_EQ(PlaceAt(d, "Real"), nullptr);     // a football club's first word
  EXPECT_NE(PlaceAt(d, "Golden"), nullptr);   // "in Golden": a place context
  // Without the list the old behaviour stays (the filter is optional).
  Geocoder plain(kb);
  Document d2 = MakeDoc("The Liberal Democrats met.");
  AddEntity(d2, "Liberal Democrats", EntityType::kOrg);
  plain.Run(d2);
  Document d3 = MakeDoc("The Liberal Democrats met.");
  AddEntity(d3, "Liberal Democrats", EntityType::kOrg);
  geo.Run(d3);
  EXPECT_EQ(PlaceAt(d3, "Liberal"), nullptr);
  EXPECT_LE(d3.places.size(), d2.places.size());
}

// A bare dateline names a city the readers know: abroad, a namesake town a
// tenth its size gives way however much the article talks of its country; at
// home the smaller namesake can still win on context.
TEST(Geocoder, BareDatelineAbroadIsTheMajorCity) {
  auto kb = RealKb();
  if (!kb) GTEST_SKIP() << "data/kb.bin.gz not built";
  Geocoder geo(kb);
  auto with_dateline = [](const std::string& text, uint32_t place_len) {
    Document d = MakeDoc(text);
    Dateline dl;
    dl.place = {0, place_len};
    dl.whole = {0, place_len};
    d.dateline = dl;
    return d;
  };
  Document d = with_dateline(
      "WASHINGTON - The Army will buy British missiles . They are built in Sunderland , Gateshead and Durham , "
      "near Newcastle , British officials said .",
      10);
  for (const char* n : {"WASHINGTON", "Sunderland", "Gateshead", "Durham", "Newcastle"}) AddEntity(d, n, EntityType::kLoc);
  AddEntity(d, "British", EntityType::kMisc);
  AddEntity(d, "British", EntityType::kMisc, d.text.find("officials") - 8);
  geo.Run(d);
  const Place* w = PlaceAt(d, "WASHINGTON");
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w->country.view(), "USA");
  EXPECT_LT(DistanceKm(w->lat, w->lon, 38.90, -77.04), 50.0);
  const Place* s = PlaceAt(d, "Sunderland");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->country.view(), "GBR");

  // At home: Portland, Maine, with Maine around it, not the larger Portland, Oregon.
  Document h = with_dateline("PORTLAND - Police in Maine said the Bangor and Augusta offices will close .", 8);
  for (const char* n : {"PORTLAND", "Maine", "Bangor", "Augusta"}) AddEntity(h, n, EntityType::kLoc);
  geo.Run(h);
  const Place* p = PlaceAt(h, "PORTLAND");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->country.view(), "USA");
  EXPECT_LT(DistanceKm(p->lat, p->lon, 43.66, -70.26), 50.0);
}
