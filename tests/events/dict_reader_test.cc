// Readers of TABARI/PETRARCH dictionaries: formats, dated codes, synsets,
// agents, syntax errors reported with file and line.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>

#include "tidings/events/dict/dictionary.h"

namespace tidings::dict {
namespace {

TEST(DictReader, VerbRootsPatternsAndForms) {
  Dictionaries d;
  ParseVerbs(R"(<SYNSETS>
&CURRENCY
+DOLLAR
+SWISS_FRANC
</SYNSETS>
BREAK_ [1717]
{ BROKE_ BROKEN_ }
- * TREATY [161]
- + * IN_ $ [075] ; comment
- * &CURRENCY [903]
MEET [031:031]
SAID [023?]
ATTEND [031!]
~FINISH
IGNORED [999]
)",
             "t.verbs", d);
  ASSERT_EQ(d.verbs.size(), 4u);
  EXPECT_TRUE(d.warnings.empty()) << d.warnings[0];
  const Verb& brk = d.verbs[0];
  EXPECT_EQ(brk.code.code, "1717");
  ASSERT_EQ(brk.patterns.size(), 3u);
  // Sorted by length: "* &CURRENCY" (longest member SWISS_FRANC) first.
  EXPECT_EQ(brk.patterns[0].code.code, "903");
  EXPECT_TRUE(brk.patterns[0].has_alt);
  const Pattern* in = nullptr;
  for (const auto& p : brk.patterns)
    if (p.code.code == "075") in = &p;
  ASSERT_NE(in, nullptr);
  ASSERT_EQ(in->lower.size(), 1u);
  EXPECT_EQ(in->lower[0].kind, PElem::kTarget);
  ASSERT_EQ(in->upper.size(), 2u);
  EXPECT_TRUE(in->upper[0].exact);  // IN_
  EXPECT_EQ(in->upper[1].kind, PElem::kSource);
  EXPECT_TRUE(d.verbs[1].code.paired);
  EXPECT_EQ(d.verbs[1].code.code2, "031");
  EXPECT_TRUE(d.verbs[2].code.subordinate);
  EXPECT_TRUE(d.verbs[3].code.dominant);
  // Root, two irregular forms, MEET, SAID, ATTEND.
  int verb_lex = 0;
  for (const auto& e : d.lex) verb_lex += e.kind == LexKind::kVerb;
  EXPECT_EQ(verb_lex, 6);
}

TEST(DictReader, SyntaxErrorsNameFileAndLineAndContinue) {
  Dictionaries d;
  ParseVerbs("- * ORPHAN [001]\nATTACK [223]\n- TROOPS [224]\n- * HELICOPTERS [---\nBOMB [223]\n", "bad.verbs", d);
  ASSERT_EQ(d.verbs.size(), 2u);  // ATTACK and BOMB still read
  ASSERT_EQ(d.warnings.size(), 3u);
  EXPECT_EQ(d.warnings[0].rfind("bad.verbs:1:", 0), 0u) << d.warnings[0];
  EXPECT_NE(d.warnings[1].find("bad.verbs:3:"), std::string::npos);
  EXPECT_NE(d.warnings[1].find("'*'"), std::string::npos);
  EXPECT_NE(d.warnings[2].find("bad.verbs:4:"), std::string::npos);
}

TEST(DictReader, CircularSynsetIsAnError) {
  Dictionaries d;
  ParseVerbs("<SYNSETS>\n&A\n+X\n+&A_Y\n&B\n+&C\n</SYNSETS>\nGO [010]\n- * &A [011]\n", "s.verbs", d);
  ASSERT_EQ(d.synsets.size(), 2u);
  EXPECT_EQ(d.synsets[0].size(), 1u);  // +&A_Y rejected
  ASSERT_GE(d.warnings.size(), 2u);
  EXPECT_NE(d.warnings[0].find("circular"), std::string::npos) << d.warnings[0];
  EXPECT_NE(d.warnings[1].find("undefined synset &C"), std::string::npos) << d.warnings[1];
  EXPECT_EQ(d.verbs[0].patterns.size(), 1u);
}

TEST(DictReader, ActorsWithSynonymsAndDatedCodes) {
  Dictionaries d;
  ParseActors(R"(<NOUN>
GOATS
</NOUN>
GOLLUM ; a group
+SMEAGOL
	[HOB < 950601]
	[HOBGOV 950601 - 990815]
	[HOBREB > 990816]
LORIEN  [ELR/GAL]
EAST_GERMANY [GME <901103]
#COMMENTED [XXX]
BROKEN [ 991201-010114]
)",
              "t.actors", d);
  ASSERT_EQ(d.actors.size(), 3u);
  const Actor& g = d.actors[0];
  EXPECT_EQ(g.CodesOn(19950101)[0], "HOB");
  EXPECT_EQ(g.CodesOn(19980101)[0], "HOBGOV");
  EXPECT_EQ(g.CodesOn(20010101)[0], "HOBREB");
  EXPECT_EQ(d.actors[1].CodesOn(20000101).size(), 2u);
  // A single restriction gets a null default.
  EXPECT_EQ(d.actors[2].CodesOn(19900101)[0], "GME");
  EXPECT_EQ(d.actors[2].CodesOn(19950101)[0], "---");
  int gollum_phrases = 0;
  for (const auto& e : d.lex) gollum_phrases += e.kind == LexKind::kActor && e.id == 0;
  EXPECT_EQ(gollum_phrases, 2);
  ASSERT_EQ(d.warnings.size(), 2u);  // "[ 991201-...]" has no code; BROKEN has none left
  EXPECT_NE(d.warnings[0].find("t.actors:12:"), std::string::npos) << d.warnings[0];
}

TEST(DictReader, AgentsAndPetrarchMacros) {
  Dictionaries d;
  ParseAgents("!PERSON! = MAN, WOMAN\nCATTLE!PERSON! [~AGR]\nHUMAN_RIGHTS_ACTIVISTS_ [NGM~]\nPOLICE_ [COP]\n", "a", d);
  ASSERT_EQ(d.agents.size(), 2u);
  EXPECT_EQ(d.agents[0].code, "AGR");
  EXPECT_FALSE(d.agents[0].prefix);
  EXPECT_TRUE(d.agents[1].prefix);
  int n = 0;
  for (const auto& e : d.lex) n += e.kind == LexKind::kAgent;
  EXPECT_EQ(n, 3);  // CATTLEMAN, CATTLEWOMAN, HUMAN_RIGHTS_ACTIVISTS_
  ASSERT_EQ(d.warnings.size(), 1u);
  EXPECT_NE(d.warnings[0].find("missing ~"), std::string::npos);
}

TEST(DictReader, PetrarchVerbBlocks) {
  Dictionaries d;
  ParseVerbs(R"(&AUXVERB1_
+WAS
+WERE
####### VERB PATTERNS #######
---  ACCELERATE   [---]  ---
ACCELERATE
HURRY {HURRIES HURRYING HURRIED }
+ASK_FOR {+ASKED_FOR} [020]
- * AID                                               [070]         # RUSH
- * POLICE (TO BORDER)                                [153]         # RUSH
- &AUXVERB1_ *                                        [154]
)",
             "cameo", d);
  EXPECT_TRUE(d.warnings.empty()) << d.warnings[0];
  ASSERT_EQ(d.verbs.size(), 2u);  // the block and ASK_FOR with its own code
  EXPECT_EQ(d.verbs[0].patterns.size(), 3u);
  EXPECT_EQ(d.verbs[1].patterns.size(), 3u);
  EXPECT_EQ(d.verbs[1].code.code, "020");
}

TEST(DictReader, OptionsCommands) {
  Options o;
  EXPECT_TRUE(o.Apply("COMPLEX: VERBS[5] CONJ[4] NOACTPRIOR EXPLAIN"));
  EXPECT_EQ(o.complex_verbs, 5);
  EXPECT_EQ(o.complex_conj, 4);
  EXPECT_TRUE(o.noactprior);
  EXPECT_TRUE(o.Apply("DEFAULT: SOURCE [DEFSRC] PRIOR TARGET [DEFTAR] AFTER"));
  EXPECT_EQ(o.default_source, "DEFSRC");
  EXPECT_TRUE(o.default_prior && o.default_after);
  EXPECT_TRUE(o.Apply("DEFAULT: OFF"));
  EXPECT_TRUE(o.default_source.empty());
  EXPECT_TRUE(o.Apply("COMMA: MIN = 4 MAX = 6 EMIN = 3 EMAX = 6 BMIN = 3 BMAX = 8"));
  EXPECT_EQ(o.comma_min, 4);
  EXPECT_EQ(o.comma_emin, 3);
  EXPECT_EQ(o.comma_bmax, 8);
  EXPECT_TRUE(o.Apply("SET: CODE ALL"));
  EXPECT_EQ(o.code_by, Options::CodeBy::kAll);
  EXPECT_TRUE(o.Apply("SET: MINIMUM WORDS = 4"));
  EXPECT_EQ(o.minimum_words, 4);
  EXPECT_FALSE(o.Apply("FROBNICATE: YES"));
}

TEST(DictReader, Dates) {
  EXPECT_EQ(ParseTabariDate("950101"), 19950101);
  EXPECT_EQ(ParseTabariDate("010101"), 20010101);
  EXPECT_EQ(ParseTabariDate("9501201"), 19950120);  // first six digits
  EXPECT_EQ(ParseTabariDate("20150607", true), 20150607);
  EXPECT_EQ(ParseTabariDate("951301"), 0);
  EXPECT_EQ(ParseTabariDate("abc"), 0);
}

TEST(DictReader, MissingFileIsAnError) {
  Dictionaries d;
  Status s = ReadVerbsFile("/nonexistent/x.verbs", d);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("/nonexistent/x.verbs"), std::string::npos);
}

TEST(DictReader, PhoenixSetLoads) {
  std::string dir = std::string(TIDINGS_SHARED_DIR) + "/data/events/phoenix/";
  if (!std::filesystem::exists(dir)) GTEST_SKIP() << "shared data not available: " << dir;
  Dictionaries d;
  auto t0 = std::chrono::steady_clock::now();
  ASSERT_TRUE(ReadVerbsFile(dir + "CAMEO.2.0.txt", d).ok());
  for (const char* f : {"Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
                        "Phoenix.MilNonState.actors.txt"})
    ASSERT_TRUE(ReadActorsFile(dir + f, d).ok());
  ASSERT_TRUE(ReadAgentsFile(dir + "Phoenix.agents.txt", d).ok());
  ASSERT_TRUE(ReadDiscardsFile(dir + "Phoenix.discards.txt", d).ok());
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("Phoenix dictionaries: %zu verbs, %zu patterns, %zu actors, %zu agents, %zu phrases, "
              "%zu warnings, %.2f s\n",
              d.verbs.size(), d.pattern_count(), d.actors.size(), d.agents.size(), d.lex.size(),
              d.warnings.size(), s);
  EXPECT_GT(d.verbs.size(), 500u);
  EXPECT_GT(d.pattern_count(), 5000u);
  EXPECT_GT(d.actors.size(), 10000u);
  EXPECT_GT(d.agents.size(), 500u);
}

}  // namespace
}  // namespace tidings::dict
