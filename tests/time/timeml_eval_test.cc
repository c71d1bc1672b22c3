#include "tidings/time/timeml_eval.h"

#include <gtest/gtest.h>

#include "tidings/time/timex.h"

namespace tidings::timex {
namespace {

const char* kDoc = R"(<?xml version="1.0" ?>
<TimeML>
<DOCID>T1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2016-12-19" functionInDocument="CREATION_TIME">20161219</TIMEX3></DCT>
<TEXT>
Talks &amp; votes were held on <TIMEX3 tid="t1" type="DATE" value="2016-12-19">Monday</TIMEX3>, and the siege lasted <TIMEX3 tid="t2" type="DURATION" value="P3D">three days</TIMEX3>. Prices <EVENT eid="e1">rose</EVENT> <TIMEX3 tid="t3" type="DATE" value="2015">last year</TIMEX3> and <TIMEX3 tid="t4" type="DATE" value="PAST_REF">formerly</TIMEX3>.
</TEXT>
</TimeML>
)";

TEST(TimemlEval, ParsesTextDctAndGold) {
  auto doc = ParseTimeml(kDoc, "t.tml");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->id, "T1");
  EXPECT_EQ(doc->dct, "2016-12-19");
  ASSERT_EQ(doc->gold.size(), 4u);
  EXPECT_EQ(doc->text.substr(doc->gold[0].span.begin, doc->gold[0].span.size()), "Monday");
  EXPECT_EQ(doc->gold[1].type, "DURATION");
  EXPECT_NE(doc->text.find("Talks & votes"), std::string::npos);
}

TEST(TimemlEval, ScoresRelaxedStrictAndValue) {
  auto doc = ParseTimeml(kDoc, "t.tml");
  ASSERT_TRUE(doc.ok());
  std::vector<TimeExpr> sys;
  auto add = [&](const std::string& text, TimeType type, const std::string& value) {
    size_t p = doc->text.find(text);
    ASSERT_NE(p, std::string::npos);
    TimeExpr t;
    t.span = {static_cast<uint32_t>(p), static_cast<uint32_t>(p + text.size())};
    t.type = type;
    t.value = value;
    sys.push_back(t);
  };
  add("Monday", TimeType::kDate, "2016-12-19");           // exact, right value
  add("siege lasted three", TimeType::kDuration, "P3D");  // overlapping span
  add("last year", TimeType::kDate, "2014");              // wrong value
  add("votes", TimeType::kDate, "PRESENT_REF");           // false alarm
  std::vector<Diff> diffs;
  Counts c = ScoreDoc(*doc, sys, &diffs);
  EXPECT_EQ(c.gold, 4);
  EXPECT_EQ(c.sys, 4);
  EXPECT_EQ(c.relaxed, 3);
  EXPECT_EQ(c.strict, 2);
  EXPECT_EQ(c.value_ok, 2);
  Scores s = ComputeScores(c);
  EXPECT_NEAR(s.f1, 0.75, 1e-9);
  EXPECT_NEAR(s.value_f1, 0.75 * 2.0 / 3.0, 1e-9);
}

TEST(TimemlEval, AnnotatorOnSmallDocument) {
  auto doc = ParseTimeml(kDoc, "t.tml");
  ASSERT_TRUE(doc.ok());
  Result r = Annotate(doc->text, doc->dct);
  Counts c = ScoreDoc(*doc, r.times, nullptr);
  EXPECT_EQ(c.relaxed, 4);
  EXPECT_EQ(c.value_ok, 4);
}

TEST(TimemlEval, MissingTextIsAnError) {
  auto doc = ParseTimeml("<TimeML><DOCID>x</DOCID></TimeML>", "bad.tml");
  EXPECT_FALSE(doc.ok());
  EXPECT_NE(doc.status().message().find("bad.tml"), std::string::npos);
  auto doc2 = ParseTimeml("<TEXT>a <TIMEX3 value=\"x\" </TEXT>", "bad2.tml");
  EXPECT_FALSE(doc2.ok());
}

}  // namespace
}  // namespace tidings::timex
