#include <gtest/gtest.h>

#include <sstream>

#include "events_test_util.h"
#include "tidings/events/coder.h"
#include "tidings/events/events_stage.h"
#include "tidings/events/main_event.h"

namespace tidings::events {
namespace {

using testing::AddMention;
using testing::AddPlace;
using testing::Tokenize;

const Lexicon& Lex() {
  static Lexicon lex = [] {
    auto l = LoadBuiltinLexicon(DefaultResources().data_dir);
    if (!l.ok()) {
      ADD_FAILURE() << l.status().message();
      return Lexicon();
    }
    return std::move(l.value());
  }();
  return lex;
}

std::string Dump(const Document& d) {
  std::ostringstream o;
  for (const auto& e : d.events)
    o << e.cameo << " src=[" << d.span_text(e.source.span) << "|" << e.source.code << "] tgt=["
      << d.span_text(e.target.span) << "|" << e.target.code << "] trig=[" << d.span_text(e.trigger)
      << "] neg=" << e.negated << "\n";
  return o.str();
}

// Codes `text` (tagged with the shipped tagger when available) and returns the
// events; `setup` adds mentions etc.
Document Code(std::string text, const std::function<void(Document&)>& setup = nullptr, bool tag = true) {
  Document d = Tokenize(std::move(text), "2016-12-19");
  if (tag) testing::Tag(d);
  if (setup) setup(d);
  static PosTable pos = BuildPosTable();
  Coder coder(Lex());
  coder.CodeDocument(d, &pos);
  SelectMainEvent(d);
  return d;
}

const Event* Find(const Document& d, std::string_view root) {
  for (const auto& e : d.events)
    if (e.cameo.substr(0, root.size()) == root) return &e;
  return nullptr;
}

TEST(EventsCoder, ActiveVerbSourceAndTarget) {
  for (bool tag : {true, false}) {
    auto d = Code("Russia condemned Turkey on Monday.", [](Document& d) {
      AddMention(d, "Russia", "RUS");
      AddMention(d, "Turkey", "TUR");
    }, tag);
    const Event* e = Find(d, "111");
    ASSERT_NE(e, nullptr) << "tagger=" << tag << "\n" << Dump(d);
    EXPECT_EQ(e->source.code, "RUS");
    EXPECT_EQ(e->target.code, "TUR");
    EXPECT_EQ(e->plover, "ACCUSE");
    EXPECT_EQ(e->date, "2016-12-19");
  }
}

TEST(EventsCoder, PassiveWithAgentSwapsRoles) {
  auto d = Code("A camp for refugees was attacked by Burundian militiamen.", [](Document& d) {
    AddMention(d, "A camp for refugees", "", "REF");
    AddMention(d, "Burundian militiamen", "BDI", "REB");
  });
  const Event* e = Find(d, "18");
  ASSERT_NE(e, nullptr) << Dump(d);
  EXPECT_EQ(e->source.code, "BDIREB");
  EXPECT_EQ(d.span_text(e->target.span), "A camp for refugees");
}

TEST(EventsCoder, PassiveCoordinationAndEliteTarget) {
  auto d = Code("The Russian ambassador to Ankara was shot in the back and killed while giving a speech.",
                [](Document& d) {
                  AddMention(d, "The Russian ambassador to Ankara", "RUS", "GOV");
                  AddPlace(d, "Ankara", "Ankara", "TUR");
                });
  const Event* e = Find(d, "186");
  ASSERT_NE(e, nullptr) << Dump(d);
  EXPECT_EQ(e->target.code, "RUSGOV");
  EXPECT_TRUE(e->source.empty());
  ASSERT_GE(e->place, 0);
  EXPECT_EQ(d.places[e->place].name, "Ankara");
}

TEST(EventsCoder, RelativeClauseSubject) {
  auto d = Code("The rebels, who had lost all trust, attacked the army.", [](Document& d) {
    AddMention(d, "The rebels", "", "REB");
    AddMention(d, "the army", "", "MIL");
  });
  const Event* e = Find(d, "18");
  ASSERT_NE(e, nullptr) << Dump(d);
  EXPECT_EQ(e->source.code, "REB");
  EXPECT_EQ(e->target.code, "MIL");
}

TEST(EventsCoder, CoordinatedSubjectsAreReciprocal) {
  auto d = Code("Jordan and Britain met in Amman.", [](Document& d) {
    AddMention(d, "Jordan", "JOR");
    AddMention(d, "Britain", "GBR");
  });
  int n = 0;
  for (const auto& e : d.events)
    if (e.cameo.substr(0, 2) == "04") {
      ++n;
      EXPECT_NE(e.source.code, e.target.code);
    }
  EXPECT_EQ(n, 2) << Dump(d);
}

TEST(EventsCoder, NominalEventWithPossessor) {
  auto d = Code("Russia's air strikes on Aleppo continued.", [](Document& d) {
    AddMention(d, "Russia", "RUS");
    AddMention(d, "Aleppo", "SYR");
  });
  const Event* e = Find(d, "195");
  ASSERT_NE(e, nullptr) << Dump(d);
  EXPECT_EQ(e->source.code, "RUS");
  EXPECT_EQ(e->target.code, "SYR");
  EXPECT_TRUE(e->nominal);
}

TEST(EventsCoder, ThreatenToRecodesComplement) {
  auto d = Code("Iran threatened to impose sanctions on Iraq.", [](Document& d) {
    AddMention(d, "Iran", "IRN");
    AddMention(d, "Iraq", "IRQ");
  });
  const Event* e = Find(d, "13");
  ASSERT_NE(e, nullptr) << Dump(d);
  EXPECT_EQ(e->cameo, "1312");
  EXPECT_EQ(e->target.code, "IRQ");
  EXPECT_EQ(Find(d, "163"), nullptr) << "the complement must not be coded twice\n" << Dump(d);
}

TEST(EventsCoder, DenialAndNegation) {
  auto d = Code("Syria denied attacking Israel.", [](Document& d) {
    AddMention(d, "Syria", "SYR");
    AddMention(d, "Israel", "ISR");
  });
  ASSERT_NE(Find(d, "016"), nullptr) << Dump(d);
  EXPECT_EQ(Find(d, "18"), nullptr) << Dump(d);
  auto d2 = Code("Syria will not accept the plan.", [](Document& d) { AddMention(d, "Syria", "SYR"); });
  const Event* e2 = Find(d2, "12");
  ASSERT_NE(e2, nullptr) << "negated cooperation is a rejection\n" << Dump(d2);
  auto d3 = Code("Israel did not attack Syria.", [](Document& d) {
    AddMention(d, "Israel", "ISR");
    AddMention(d, "Syria", "SYR");
  });
  const Event* e3 = Find(d3, "18");
  ASSERT_NE(e3, nullptr) << Dump(d3);
  EXPECT_TRUE(e3->negated);
}

TEST(EventsCoder, AppealWithObjectAndComplement) {
  auto d = Code("The secretary-general urged the European Community to support the PLO.", [](Document& d) {
    AddMention(d, "The secretary-general", "IGO", "GOV");
    AddMention(d, "the European Community", "IGO");
    AddMention(d, "the PLO", "PSE");
  });
  const Event* e = Find(d, "02");
  ASSERT_NE(e, nullptr) << Dump(d);
  EXPECT_EQ(e->cameo, "022");
  EXPECT_EQ(d.span_text(e->target.span), "the European Community");
}

TEST(EventsCoder, LightVerbTakesNounCode) {
  auto d = Code("Students staged mass demonstrations against the government.", [](Document& d) {
    AddMention(d, "Students", "", "EDU");
    AddMention(d, "the government", "", "GOV");
  });
  const Event* e = Find(d, "14");
  ASSERT_NE(e, nullptr) << Dump(d);
  EXPECT_EQ(e->target.code, "GOV");
}

TEST(EventsCoder, QuoteSpeakerIsTheSourceOfWe) {
  auto d = Code("\"We condemn this terrorist act,\" said Maria Zakharova.", [](Document& d) {
    int m = AddMention(d, "Maria Zakharova", "RUS", "GOV");
    Quote q;
    q.span = {1, uint32_t(d.text.find(",\""))};
    q.speaker_mention = m;
    d.quotes.push_back(q);
  });
  const Event* e = Find(d, "11");
  ASSERT_NE(e, nullptr) << Dump(d);
  EXPECT_EQ(e->source.code, "RUSGOV");
  EXPECT_EQ(e->quote, 0);
}

TEST(EventsCoder, MainEventPrefersLeadAndFindsImplicitAttacker) {
  auto d = Code(
      "The Russian ambassador was shot and killed in Ankara on Monday.\n"
      "Security sources said the gunman was an off-duty police officer.\n"
      "The State Department condemned the attack.",
      [](Document& d) {
        AddMention(d, "The Russian ambassador", "RUS", "GOV");
        AddMention(d, "the gunman", "", "");
        AddMention(d, "an off-duty police officer", "", "COP");
        AddMention(d, "The State Department", "USA", "GOV");
        AddPlace(d, "Ankara", "Ankara", "TUR");
      });
  ASSERT_TRUE(d.main_event.has_value()) << Dump(d);
  const Event& e = d.events[d.main_event->event];
  EXPECT_EQ(e.cameo, "186") << Dump(d);
  EXPECT_EQ(e.source.code, "TURCOP");
  EXPECT_EQ(e.target.code, "RUSGOV");
  EXPECT_EQ(d.span_text(d.main_event->where), "Ankara");
  ASSERT_NE(Find(d, "111"), nullptr) << Dump(d);
}

TEST(EventsCoder, BadInputNeverCrashes) {
  Document empty;
  Coder coder(Lex());
  coder.CodeDocument(empty, nullptr);
  SelectMainEvent(empty);
  EXPECT_TRUE(empty.events.empty());
  std::string big;
  for (int i = 0; i < 3000; ++i) big += (i % 7 == 0) ? "attacked " : (i % 5 == 0 ? "and " : "Russia ");
  auto d = Code(big, nullptr, false);
  SUCCEED() << d.events.size();
  std::string commas;
  for (int i = 0; i < 2000; ++i) commas += ", who";
  auto d2 = Code("The rebels" + commas + " attacked", nullptr, false);
  SUCCEED() << d2.events.size();
}

}  // namespace
}  // namespace tidings::events

namespace tidings::events {
namespace {

// Background clauses rank below the main clause: "after X accused ..." (a
// preposition opening a clause is a subordinator).
TEST(EventsCoder, BackgroundClausesRankBelowTheMainClause) {
  auto mentions = [](Document& d) {
    AddMention(d, "Iran", "IRN");
    AddMention(d, "Britain", "GBR");
    AddMention(d, "Israeli officials", "ISR", "GOV");
    AddMention(d, "Tehran", "IRN");
  };
  auto d = Code("Iran recalled its ambassador from Britain after Israeli officials accused Tehran of spying.", mentions);
  const Event* recall = nullptr;
  const Event* accuse = Find(d, "112");
  for (const auto& e : d.events)
    if (d.span_text(e.trigger).find("recall") != std::string_view::npos) recall = &e;
  ASSERT_NE(recall, nullptr) << Dump(d);
  ASSERT_NE(accuse, nullptr) << Dump(d);
  EXPECT_GT(recall->confidence, accuse->confidence) << Dump(d);
}

}  // namespace
}  // namespace tidings::events
