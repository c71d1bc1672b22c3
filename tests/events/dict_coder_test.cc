// The dictionary-driven coder on hand-written dictionaries: one behaviour per
// test, following the TABARI manual.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tidings/events/dict/coder.h"
#include "tidings/events/dict/suite.h"

namespace tidings::dict {
namespace {

const char* kVerbs = R"(<SYNSETS>
&MONEY
+DOLLAR
+SWISS_FRANC
</SYNSETS>
RESTOR [064]
- * DIPLOMATIC [064]
- NOT * RELATIONS [112]
CONDEMN [122]
PROMISE [050]
MEET [031:031]
- % HAVE POSTPONED * [191]
FREE [066]
- + * FROM $ [066]
OPPOS [112]
SAID [023?]
REGRET [111]
- SAID $ * [113]
CONTRIBUT [070]
- * &MONEY [903]
- * DOLLAR [071]
BLAST [+++]
ATTEND [031!]
LEFT_ [032:033]
DEPLORE_ [122]
BAN= [191]
SOCCER [###]
ACCORD [---]
- IN_* [075]
)";

const char* kActors = R"(<ADJECTIVE>
EVIL
</ADJECTIVE>
ARNOR [ARN]
GONDOR [GON]
OSGILIATH [OSG]
ROHAN [ROH]
ESTONIA_ [EST]
GOLLUM [HOB <950601] [HOBGOV]
THE_SHIRE [FRO/BIL]
NASGUL [###]
BOROMIR [---]
)";

const char* kAgents = "GOVERNMENT_ [~GOV]\nPOLICE_ [~COP]\nHUMAN_RIGHTS_ACTIVISTS_ [NGM~]\nMINISTER_ [~GOV]\n";

class DictCoder : public ::testing::Test {
 protected:
  void SetUp() override {
    auto d = std::make_shared<Dictionaries>();
    ParseVerbs(kVerbs, "v", *d);
    ParseActors(kActors, "a", *d);
    ParseAgents(kAgents, "g", *d);
    ASSERT_TRUE(d->warnings.empty()) << d->warnings[0];
    coder_ = std::make_unique<Coder>(d);
    opt_ = d->options;
  }
  // "SRC/TGT/CODE ..." or the status name.
  std::string Code(const std::string& text, int32_t date = 19950101) {
    auto words = TabariWords(text);
    auto r = coder_->Code(words, date, opt_, !text.empty() && text.back() == '.');
    if (r.status != CodeStatus::kOk) return std::string(CodeStatusName(r.status));
    std::vector<std::string> ev;
    for (const auto& e : r.events) ev.push_back(e.source + "/" + e.target + "/" + e.code);
    std::sort(ev.begin(), ev.end());
    std::string s;
    for (const auto& e : ev) s += (s.empty() ? "" : " ") + e;
    return s;
  }
  std::unique_ptr<Coder> coder_;
  Options opt_;
};

TEST_F(DictCoder, FilterMakesUpperCaseWordsWithOffsets) {
  std::string t = "Al-Gore's aide, in 1,500 U.S. towns, said: \"no\".";
  auto w = TabariWords(t);
  std::vector<std::string> got;
  for (auto& x : w) got.push_back(x.text);
  std::vector<std::string> want = {"AL", "GORE'S", "AIDE", ",", "IN", "1500", "U.S.", "TOWNS", ",", "SAID", "NO"};
  EXPECT_EQ(got, want);
  EXPECT_EQ(t.substr(w[1].begin, w[1].end - w[1].begin), "Gore's");
  EXPECT_TRUE(w[0].capitalized);
  EXPECT_FALSE(w[2].capitalized);
}

TEST_F(DictCoder, SimpleSourceVerbTarget) {
  EXPECT_EQ(Code("Arnor is about to restore full diplomatic ties with Gondor almost five years later."),
            "ARN/GON/064");
}

TEST_F(DictCoder, TooShortSentencesAreNotCoded) {
  EXPECT_EQ(Code("Arnor condemned Gondor."), "short");
}

TEST_F(DictCoder, PatternWithDesignatedActorsReversesRoles) {
  EXPECT_EQ(Code("Rohan's palace guard militia was freed from Osgiliath after six days of fighting."),
            "OSG/ROH/066");
}

TEST_F(DictCoder, PassiveVoiceSwapsSourceAndTarget) {
  EXPECT_EQ(Code("Arnor was opposed by Gondor in being drawn into the peace process yesterday."), "GON/ARN/112");
}

TEST_F(DictCoder, CompoundSubjectWithPercentPattern) {
  EXPECT_EQ(Code("Old foes Gondor and Osgiliath have postponed their meeting after a long dispute."),
            "GON/OSG/191 OSG/GON/191");
}

TEST_F(DictCoder, CompoundTargetAndPairedCode) {
  EXPECT_EQ(Code("Rohan will meet Gondor and the evil Osgiliath during a brief private trip on Sunday."),
            "GON/ROH/031 OSG/ROH/031 ROH/GON/031 ROH/OSG/031");
}

TEST_F(DictCoder, AgentsJoinActors) {
  EXPECT_EQ(Code("The Arnor government condemned the attack on Gondor police in the border town."),
            "ARNGOV/GONCOP/122");
  EXPECT_EQ(Code("Human rights activists in Arnor condemned the attack on Gondor in the border town."),
            "NGMARN/GON/122");
}

TEST_F(DictCoder, DatedActorCodes) {
  EXPECT_EQ(Code("Gollum condemned the attack on Gondor in the border town on Monday.", 19950101),
            "HOB/GON/122");
  EXPECT_EQ(Code("Gollum condemned the attack on Gondor in the border town on Monday.", 19990101),
            "HOBGOV/GON/122");
}

TEST_F(DictCoder, CodedCompoundActor) {
  EXPECT_EQ(Code("The Shire condemned the attack on Gondor in the border town on Monday."),
            "BIL/GON/122 FRO/GON/122");
}

TEST_F(DictCoder, DiscardAndComplexCodes) {
  EXPECT_EQ(Code("The Nasgul condemned the attack on Gondor in the border town on Monday."), "###");
  EXPECT_EQ(Code("Arnor condemned Gondor soccer hooligans in the border town on Monday."), "###");
  // After a determiner SOCCER is a noun and does not discard.
  EXPECT_EQ(Code("Arnor condemned the soccer hooligans from Gondor in the border town."), "ARN/GON/122");
  EXPECT_EQ(Code("Arnor blasted Gondor in their first cup final despite the loss of a scorer."), "+++");
}

TEST_F(DictCoder, DeterminerAndCapitalisationMakeNouns) {
  EXPECT_EQ(Code("Arnor is about to restore full diplomatic ties with Gondor almost five years later."), "ARN/GON/064");
  EXPECT_EQ(Code("Arnor is about the restore full diplomatic ties with Gondor almost five years later."), "---");
  EXPECT_EQ(Code("Arnor is about To Restore full diplomatic ties with Gondor almost five years later."), "---");
}

TEST_F(DictCoder, RegularEndingsAndExactWords) {
  EXPECT_EQ(Code("Estonia deplored the raid on Gondor almost five years after the last one."), "EST/GON/122");
  EXPECT_EQ(Code("Estonias deplores the raid on Gondor almost five years after the last one."), "EST/GON/122");
  EXPECT_EQ(Code("Estoniab deplorez the raid on Gondor almost five years after the last one."), "---");
  EXPECT_EQ(Code("Arnor will ban Gondor almost five years after crowds trashed its embassy."), "ARN/GON/191");
  EXPECT_EQ(Code("Arnor has baned Gondor almost five years after crowds trashed its embassy."), "---");
}

TEST_F(DictCoder, SubordinateCodeYieldsToMainEvent) {
  EXPECT_EQ(Code("Gondor's minister said he regretted Rohan's refusal to talk to Arnor on Friday."),
            "GONGOV/ROH/113");
  EXPECT_EQ(Code("Gondor's minister said that Rohan's plans were on the table for the talks."), "GONGOV/ROH/023");
}

TEST_F(DictCoder, CompoundClausesKeepTheSource) {
  EXPECT_EQ(Code("The Arnor government condemned an attack by Osgiliath in south Rohan on Thursday "
                 "and promised aid to the affected Gondor villages."),
            "ARNGOV/GON/050 ARNGOV/OSG/122");
}

TEST_F(DictCoder, CommaClausesAreRemoved) {
  // The clause between commas (3..10 words) is dropped, so Rohan is not the target.
  EXPECT_EQ(Code("Arnor, in a statement issued by Rohan on Monday, condemned the attack on Gondor."),
            "ARN/GON/122");
}

TEST_F(DictCoder, SynsetsAndLongestMatch) {
  EXPECT_EQ(Code("Arnor will contribute a million swiss francs to Gondor almost five years later."),
            "ARN/GON/903");
  // A fixed pattern as long as the synset member that matched wins.
  EXPECT_EQ(Code("Arnor will contribute a million dollars to Gondor almost five years later."),
            "ARN/GON/071");
}

TEST_F(DictCoder, NullCodedActorIsANoun) {
  EXPECT_EQ(Code("Arnor is about to restore full diplomatic ties with Boromir in Gondor very soon."),
            "ARN/GON/064");
}

TEST_F(DictCoder, DominantCodeWinsInCodeAll) {
  opt_.code_by = Options::CodeBy::kAll;
  EXPECT_EQ(Code("Arnor left for Gondor on Wednesday to attend meetings of the committee with Rohan."),
            "ARN/ROH/031");  // only ATTEND [031!] codes, not LEFT_ [032:033]
}

TEST_F(DictCoder, HundredsOfTokensDoNotHang) {
  std::string s = "Arnor";
  for (int i = 0; i < 400; ++i) s += i % 7 == 0 ? " and Gondor, Rohan" : " restored ties with";
  s += " Osgiliath.";
  auto r = coder_->Code(TabariWords(s), 19950101, opt_, true);
  EXPECT_NE(r.status, CodeStatus::kTooShort);
}

TEST(DictSuite, ParsesRecordsFieldsAndOptions) {
  auto recs = ParseSuite(R"(###### header, not a record
950101  DEMO-01
Arnor is about to restore ties with Gondor. /*\n-----
\n{ ARN / GON / 064 } 950101
\n{ OPTION: SET: CODE ALL } */

950102  DEMO-02
Text. /* -{ ARN / GON / 064 } */

950103  DEMO-03
Text two.
/* {---} {###} */
)");
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_EQ(recs[0].id, "DEMO-01");
  EXPECT_EQ(recs[0].text, "Arnor is about to restore ties with Gondor.");
  ASSERT_EQ(recs[0].expected.size(), 1u);
  EXPECT_EQ(recs[0].expected[0].code, "064");
  EXPECT_EQ(recs[0].expected[0].date, "950101");
  ASSERT_EQ(recs[0].options.size(), 1u);
  EXPECT_EQ(recs[0].options[0], "SET: CODE ALL");
  EXPECT_TRUE(recs[1].stop_checking);
  EXPECT_EQ(recs[2].specials.size(), 2u);
}

// TABARI's own validation suite with its own dictionaries: issue 7's target
// is that at least 90% of the records pass.
TEST(DictSuite, TabariValidationSuitePassRate) {
  std::string project = std::string(TIDINGS_SHARED_DIR) + "/data/events/tabari/Validate.project";
  if (!std::filesystem::exists(project)) GTEST_SKIP() << "shared data not available: " << project;
  auto files = ReadProject(project);
  ASSERT_TRUE(files.ok()) << files.status().message();
  auto d = LoadProjectDictionaries(*files);
  ASSERT_TRUE(d.ok()) << d.status().message();
  std::ifstream in(files->text);
  std::stringstream ss;
  ss << in.rdbuf();
  auto recs = ParseSuite(ss.str());
  Coder coder(*d);
  auto rep = RunSuite(recs, coder);
  std::printf("TABARI validation suite: %d of %d records passed (%.1f%%)\n", rep.passed, rep.checked,
              100 * rep.rate());
  EXPECT_GT(rep.checked, 400);
  EXPECT_EQ(rep.stopped_at, "FINAL-01");
  EXPECT_GE(rep.rate(), 0.9);
}

}  // namespace
}  // namespace tidings::dict

namespace tidings::dict {
namespace {

TEST(DictSuite, ParsesPetrarchXmlRecords) {
  std::string xml = R"(<Validation>
<Environment>
<Verbfile name="v.txt"></Verbfile>
<Actorfile name = "a.txt"></Actorfile>
<Discardfile name="d.txt"></Discardfile>
</Environment>
<Sentence date="19950101" id="DEMO-01" category="DEMO">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064">
<Text>
Arnor is about to restore full diplomatic ties with Gondor.
</Text>
<Parse>(ROOT (S (NP (NNP Arnor))))</Parse>
</Sentence>
<Sentence date = "19950102" id ="DEMO-02">
<EventCoding noevents="True">
<Text>Nothing here.</Text>
</Sentence>
</Validation>)";
  auto recs = ParseSuite(xml);
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[0].id, "DEMO-01");
  EXPECT_EQ(ParseTabariDate(recs[0].date_text), 19950101);
  EXPECT_EQ(recs[0].text, "Arnor is about to restore full diplomatic ties with Gondor.");
  ASSERT_EQ(recs[0].expected.size(), 1u);
  EXPECT_EQ(recs[0].expected[0].target, "GON");
  EXPECT_EQ(recs[1].specials, std::vector<std::string>{"---"});
  ProjectFiles p;
  ASSERT_TRUE(ReadXmlEnvironment(xml, "/x", p));
  EXPECT_EQ(p.verbs, "/x/v.txt");
  ASSERT_EQ(p.actors.size(), 1u);
  EXPECT_EQ(p.actors[0], "/x/a.txt");
  ASSERT_EQ(p.discards.size(), 1u);
}

}  // namespace
}  // namespace tidings::dict
