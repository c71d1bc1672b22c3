#include "tidings/time/timex.h"

#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "tidings/time/calendar.h"

namespace tidings::timex {
namespace {

struct Found {
  std::string text, type, value;
  bool unresolved = false;
};

std::vector<Found> Find(const std::string& text, const std::string& dct) {
  Result r = Annotate(text, dct);
  std::vector<Found> out;
  for (const auto& t : r.times)
    out.push_back({text.substr(t.span.begin, t.span.size()), std::string(TimeTypeName(t.type)), t.value,
                   t.unresolved});
  return out;
}

// The single expression found in `text`; fails the test when not exactly one.
Found One(const std::string& text, const std::string& dct = "2016-12-19") {
  auto v = Find(text, dct);
  EXPECT_EQ(v.size(), 1u) << text;
  if (v.size() != 1) return {};
  return v[0];
}

void ExpectOne(const std::string& text, const std::string& extent, const std::string& type,
               const std::string& value, const std::string& dct = "2016-12-19") {
  Found f = One(text, dct);
  EXPECT_EQ(f.text, extent) << text;
  EXPECT_EQ(f.type, type) << text;
  EXPECT_EQ(f.value, value) << text;
}

TEST(Timex, ReferenceArticleSentences) {
  ExpectOne("The ambassador was shot at an art gallery on Monday.", "Monday", "DATE", "2016-12-19");
  ExpectOne("Rebel resistance ended last week in Aleppo.", "last week", "DATE", "2016-W50");
  ExpectOne("Tensions have escalated in recent weeks.", "recent weeks", "DATE", "PAST_REF");
  ExpectOne("Militants carried out several attacks over the last year.", "the last year", "DURATION", "P1Y");
}

TEST(Timex, ReferenceArticleFile) {
  std::string path = std::string(TIDINGS_SHARED_DIR) + "/seed/ankara.txt";
  std::ifstream in(path);
  if (!in) GTEST_SKIP() << "shared data not available: " << path;
  std::stringstream ss;
  ss << in.rdbuf();
  auto v = Find(ss.str(), "2016-12-19");
  auto has = [&](const std::string& text, const std::string& value) {
    for (const auto& f : v)
      if (f.text == text && f.value == value) return true;
    return false;
  };
  EXPECT_TRUE(has("Monday", "2016-12-19"));
  EXPECT_TRUE(has("last week", "2016-W50"));
  EXPECT_TRUE(has("recent weeks", "PAST_REF"));
  EXPECT_TRUE(has("the last year", "P1Y"));
}

TEST(Timex, AbsoluteDates) {
  ExpectOne("It opened on December 19, 2016 in Ankara.", "December 19, 2016", "DATE", "2016-12-19");
  ExpectOne("It opened on 19 December 2016 in Ankara.", "19 December 2016", "DATE", "2016-12-19");
  ExpectOne("It opened on Dec. 3, 1998.", "Dec. 3, 1998", "DATE", "1998-12-03");
  ExpectOne("It opened on the 4th of July 1976.", "the 4th of July 1976", "DATE", "1976-07-04");
  ExpectOne("Filed 2016-12-19 by the desk.", "2016-12-19", "DATE", "2016-12-19");
  ExpectOne("Filed 12/19/2016 by the desk.", "12/19/2016", "DATE", "2016-12-19");
  ExpectOne("The law passed in March 1998 after a debate.", "March 1998", "DATE", "1998-03");
  ExpectOne("The law passed in 1998 after a debate.", "1998", "DATE", "1998");
  ExpectOne("Prices rose in the 1990s.", "the 1990s", "DATE", "199");
  ExpectOne("Prices rose in the '80s.", "the '80s", "DATE", "198");
  ExpectOne("It was built in the 19th century.", "the 19th century", "DATE", "18");
  ExpectOne("Profit rose in the third quarter of 2015.", "the third quarter of 2015", "DATE", "2015-Q3");
  ExpectOne("Profit rose in fiscal 2015.", "fiscal 2015", "DATE", "2015");
  ExpectOne("The talks resume in the summer of 2017.", "the summer of 2017", "DATE", "2017-SU");
  ExpectOne("Sales rose in the first half of 2015.", "the first half of 2015", "DATE", "2015-H1");
  ExpectOne("It was founded in the mid-1990s.", "the mid-1990s", "DATE", "199");
}

TEST(Timex, RelativeDates) {
  ExpectOne("He arrived yesterday.", "yesterday", "DATE", "2016-12-18");
  ExpectOne("He arrives tomorrow.", "tomorrow", "DATE", "2016-12-20");
  ExpectOne("He arrived today.", "today", "DATE", "2016-12-19");
  ExpectOne("He left two years ago.", "two years ago", "DATE", "2014");
  ExpectOne("He left three days ago.", "three days ago", "DATE", "2016-12-16");
  ExpectOne("It was approved earlier this month.", "earlier this month", "DATE", "2016-12");
  ExpectOne("Growth slowed last year.", "last year", "DATE", "2015");
  ExpectOne("The vote is next week.", "next week", "DATE", "2016-W52");
  ExpectOne("Growth slowed last month.", "last month", "DATE", "2016-11");
  ExpectOne("The plan is due next year.", "next year", "DATE", "2017");
  ExpectOne("It rained last summer.", "last summer", "DATE", "2016-SU");
  ExpectOne("Sales doubled over the past decade.", "the past decade", "DURATION", "P10Y");
}

TEST(Timex, WeekdaysFollowTense) {
  // DCT Monday 2016-12-19.
  ExpectOne("Police said the attack happened on Friday.", "Friday", "DATE", "2016-12-16");
  ExpectOne("Friday's meeting will decide the budget.", "Friday", "DATE", "2016-12-23");
  ExpectOne("Ministers will meet on Wednesday.", "Wednesday", "DATE", "2016-12-21");
  ExpectOne("The envoy was killed on Monday.", "Monday", "DATE", "2016-12-19");
  ExpectOne("He arrived last Friday.", "last Friday", "DATE", "2016-12-16");
  ExpectOne("He arrives next Friday.", "next Friday", "DATE", "2016-12-23");
  ExpectOne("The strike began on Monday morning.", "Monday morning", "TIME", "2016-12-19TMO");
}

TEST(Timex, WeekdayAndMonthDirectionCues) {
  // DCT Monday 2016-12-19. A reporting verb right before the weekday wins over
  // a future verb elsewhere in the sentence.
  ExpectOne("A spokesman said Thursday that the troops will stay.", "Thursday", "DATE", "2016-12-15");
  ExpectOne("The company said on Friday it will cut jobs.", "Friday", "DATE", "2016-12-16");
  // A plan in the past perfect, and "as planned", are not future.
  ExpectOne("The offer had been due to expire Friday.", "Friday", "DATE", "2016-12-16");
  ExpectOne("The offensive began as planned Saturday night.", "Saturday night", "TIME", "2016-12-17TNI");
  // Reported intentions ("would") and deadlines look ahead.
  ExpectOne("He said the delegation would travel Thursday.", "Thursday", "DATE", "2016-12-22");
  ExpectOne("Qantas aims to double its flights by August.", "August", "DATE", "2017-08");
  ExpectOne("The new board is effective Feb. 1.", "Feb. 1", "DATE", "2017-02-01");
  ExpectOne("Thirty members had filed reports by Wednesday.", "Wednesday", "DATE", "2016-12-14");
  ExpectOne("The agency extended its deadline until 9 a.m. EST Tuesday.", "9 a.m. EST Tuesday", "TIME",
            "2016-12-20T09:00");
  // A possessive weekday names a past event unless a future verb follows it.
  ExpectOne("They would look for ways around Wednesday's ruling.", "Wednesday", "DATE", "2016-12-14");
}

TEST(Timex, ResultsReportPeriods) {
  // Periods of company results, DCT 2016-12-19.
  ExpectOne("Profit fell from the 1988 third quarter.", "the 1988 third quarter", "DATE", "1988-Q3");
  ExpectOne("Profit fell from the 1988 second quarter.", "the 1988 second quarter", "DATE", "1988-Q2");
  ExpectOne("Profit fell from the year-ago third quarter.", "the year-ago third quarter", "DATE", "2015-Q3");
  ExpectOne("It reported a loss, compared with a year-earlier loss of $2 million.", "year-earlier", "DATE",
            "2015");
  ExpectOne("Sales rose in the latest period.", "the latest period", "DATE", "2016-Q3");
  auto v = Find("For the year ended Sept. 30, Ralston earned $422.5 million.", "2016-12-19");
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].text, "the year");
  EXPECT_EQ(v[0].type, "DURATION");
  EXPECT_EQ(v[0].value, "P1Y");
  EXPECT_EQ(v[1].text, "Sept. 30");
  // A comparison period takes the quarter under discussion.
  v = Find("Net rose in the third quarter. In the 2015 period, it fell.", "2016-12-19");
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[1].text, "the 2015 period");
  EXPECT_EQ(v[1].value, "2015-Q3");
}

TEST(Timex, YearEndFullYearFractionsHolidays) {
  ExpectOne("It expects to complete the deal by year-end.", "year-end", "DATE", "2016");
  ExpectOne("The index is up 5% since year-end.", "year-end", "DATE", "2015");
  ExpectOne("Rules should be in place by year's end.", "year's end", "DATE", "2016");
  ExpectOne("Sales for the full year were $6.6 billion.", "the full year", "DATE", "2016");
  ExpectOne("She spent about 5 1/2 hours in Nairobi.", "about 5 1/2 hours", "DURATION", "PT5H30M");
  ExpectOne("They lived in the camps for 2 1/2 years.", "2 1/2 years", "DURATION", "P2Y6M");
  ExpectOne("The talks lasted two and a half days.", "two and a half days", "DURATION", "P2DT12H");
  ExpectOne("It is a major theme from now to Election Day.", "Election Day", "DATE", "2016-11-08",
            "2016-10-26");
  // A year followed by a dash is still a year.
  ExpectOne("It sold its stake in 1984 -- part of a practice.", "1984", "DATE", "1984");
}

TEST(Timex, UnicodeSpacesSeparateWords) {
  // Narrow no-break space (as some software writes "5 PM"), thin space, no-break space.
  ExpectOne("The vote is at 5\u202Fp.m.\u2009Monday.", "5\u202Fp.m.\u2009Monday", "TIME", "2016-12-19T17:00");
  ExpectOne("It ended last\u00A0week.", "last\u00A0week", "DATE", "2016-W50");
  // Truncated or stray multi-byte sequences are not spaces and do not crash.
  Find("Monday\xE2\x80", "2016-12-19");
  Find("\xC2", "2016-12-19");
}

TEST(Timex, DatelineProbeCutInsideACharacter) {
  // Without a document date the first 300 bytes are searched for a dateline;
  // a dash straddling byte 300 once made the tokenizer loop forever.
  for (size_t pad = 296; pad <= 300; ++pad) {
    std::string text(pad, 'x');
    text += " \xE2\x80\x94 talks resumed on Monday.";
    Result r = Annotate(text, "");
    ASSERT_EQ(r.times.size(), 1u) << pad;
    EXPECT_EQ(r.times[0].value, "XXXX-WXX-1") << pad;
  }
}

TEST(Timex, NotTimes) {
  // Programme and film titles, ordinals.
  EXPECT_TRUE(Find("Baker said on ABC's \"This Week\" that talks would go on.", "2016-12-19").empty());
  EXPECT_TRUE(Find("He said on CBS's \"60 Minutes\" that he was angry.", "2016-12-19").empty());
  EXPECT_TRUE(Find("The poster showed Gary Cooper in High Noon.", "2016-12-19").empty());
  EXPECT_TRUE(Find("It would be a second betrayal.", "2016-12-19").empty());
  EXPECT_TRUE(Find("A second group of directors sued.", "2016-12-19").empty());
  EXPECT_TRUE(Find("P2P networks are here to stay.", "2016-12-19").empty());
  EXPECT_TRUE(Find("Shares rose 2p to 300p.", "2016-12-19").empty());
  EXPECT_TRUE(Find("It runs on servers made by Sun. Oracle bought it.", "2016-12-19").empty());
  // ... but a capitalized first word, a holiday and text in capitals are times.
  ExpectOne("Next Week: the vote.", "Next Week", "DATE", "2016-W52");
  ExpectOne("THE VOTE IS NEXT WEEK.", "NEXT WEEK", "DATE", "2016-W52");
  ExpectOne("He paused for a second.", "a second", "DURATION", "PT1S");
}

TEST(Timex, MidDayPartsAndOneDay) {
  ExpectOne("By mid afternoon, the operation was over.", "mid afternoon", "TIME", "2016-12-19TAF");
  ExpectOne("At mid-afternoon yesterday, shares were up.", "mid-afternoon yesterday", "TIME", "2016-12-18TAF");
  ExpectOne("Islam will one day be the second largest religion.", "one day", "DATE", "FUTURE_REF");
  ExpectOne("The strike lasted one day.", "one day", "DURATION", "P1D");
}

TEST(Timex, VagueLengthsAndLaterDates) {
  ExpectOne("They will have to live without power for a while.", "a while", "DURATION", "PXX");
  ExpectOne("Forces could be in the region for some time.", "some time", "DURATION", "PXX");
  ExpectOne("It will raise the money at a later date.", "a later date", "DATE", "FUTURE_REF");
  EXPECT_TRUE(Find("It took some time to fix.", "2016-12-19").empty());
}

TEST(Timex, ForTheYearIsTheCurrentOne) {
  ExpectOne("For the year, pet food volume was flat.", "the year", "DATE", "2016");
  ExpectOne("For the week, the index dropped 3.8%.", "the week", "DATE", "2016-W51");
  // ... but not "the year-earlier" period.
  ExpectOne("Net for the year-earlier period fell.", "the year-earlier period", "DATE", "2015");
}

TEST(Timex, RatesAreSets) {
  ExpectOne("It pays a dividend of $1.76 a year.", "a year", "SET", "P1Y");
  ExpectOne("They meet twice a week.", "a week", "SET", "P1W");
  ExpectOne("Profit rose 5% from a year earlier.", "a year earlier", "DATE", "2015");
}

TEST(Timex, VagueReferences) {
  ExpectOne("He is now in Ankara.", "now", "DATE", "PRESENT_REF");
  ExpectOne("He currently lives in Ankara.", "currently", "DATE", "PRESENT_REF");
  ExpectOne("He formerly lived in Ankara.", "formerly", "DATE", "PAST_REF");
  ExpectOne("That may change in the future.", "the future", "DATE", "FUTURE_REF");
}

TEST(Timex, TimesOfDay) {
  ExpectOne("The blast hit at 6am.", "6am", "TIME", "2016-12-19T06:00");
  ExpectOne("The blast hit at 6 a.m. local time.", "6 a.m. local time", "TIME", "2016-12-19T06:00");
  ExpectOne("The blast hit at 10:30 p.m.", "10:30 p.m.", "TIME", "2016-12-19T22:30");
  ExpectOne("The speech is tonight.", "tonight", "TIME", "2016-12-19TNI");
  ExpectOne("The talks ended at noon.", "noon", "TIME", "2016-12-19T12:00");
}

TEST(Timex, DurationsAndNumberWords) {
  ExpectOne("The siege lasted three days.", "three days", "DURATION", "P3D");
  ExpectOne("He signed a two-year contract.", "two-year", "DURATION", "P2Y");
  ExpectOne("The search took twenty-four hours.", "twenty-four hours", "DURATION", "PT24H");
  // TimeBank writes a fraction in the next smaller unit.
  ExpectOne("He served two and a half years.", "two and a half years", "DURATION", "P2Y6M");
  ExpectOne("Output fell in the past two months.", "the past two months", "DURATION", "P2M");
  ExpectOne("The talks lasted about 90 minutes.", "about 90 minutes", "DURATION", "PT90M");
  ExpectOne("Prices fell for several years.", "several years", "DURATION", "PXY");
  // A 45-year-old is an age, not a duration.
  EXPECT_TRUE(Find("A 45-year-old man was arrested.", "2016-12-19").empty());
  EXPECT_TRUE(Find("Mr. Smith, 52 years old, will succeed him.", "2016-12-19").empty());
}

TEST(Timex, Sets) {
  ExpectOne("The market opens every Monday.", "every Monday", "SET", "XXXX-WXX-1");
  ExpectOne("The report is published annually.", "annually", "SET", "P1Y");
  ExpectOne("The paper appears daily.", "daily", "SET", "P1D");
  ExpectOne("They meet each year in Davos.", "each year", "SET", "P1Y");
}

TEST(Timex, WeekdaysWithPluralDayPartsAreSets) {
  ExpectOne("The night market in the square opens on Friday nights.", "Friday nights", "SET", "XXXX-WXX-5TNI");
  ExpectOne("She teaches Sunday mornings at the chapel.", "Sunday mornings", "SET", "XXXX-WXX-7TMO");
  auto v = Find("Extra buses run on Monday and Wednesday evenings from May.", "2016-12-19");
  ASSERT_GE(v.size(), 2u);
  EXPECT_EQ(v[0].text, "Monday");
  EXPECT_EQ(v[0].value, "XXXX-WXX-1TEV");
  EXPECT_EQ(v[1].text, "Wednesday evenings");
  EXPECT_EQ(v[1].value, "XXXX-WXX-3TEV");
  // A single day part stays a date
  ExpectOne("The bridge was closed on Friday night.", "Friday night", "TIME", "2016-12-16TNI");
}

TEST(Timex, TwoQuartersOfAYearAreAHalf) {
  ExpectOne("Margins should improve through the first two quarters of 2017.", "the first two quarters of 2017",
            "DATE", "2017-H1");
  ExpectOne("Orders slowed in the last two quarters of 2015.", "the last two quarters of 2015", "DATE", "2015-H2");
  // Without a year it stays a length of time
  ExpectOne("Orders slowed in the last two quarters.", "the last two quarters", "DURATION", "P2Q");
}

TEST(Timex, GenericTodayAndHighNoonAreNoDates) {
  EXPECT_TRUE(Find("Critics say today's teenagers read fewer newspapers.", "2016-12-19").empty());
  EXPECT_TRUE(Find("In today's global economy, few firms stand alone.", "2016-12-19").empty());
  EXPECT_TRUE(Find("For the coalition it was high noon.", "2016-12-19").empty());
  ExpectOne("Today's vote was postponed.", "Today", "DATE", "2016-12-19");
  ExpectOne("The vote is at noon.", "noon", "TIME", "2016-12-19T12:00");
}

TEST(Timex, HyphenatedRatesAndDayPartSets) {
  ExpectOne("Unions want $18-an-hour wages.", "an-hour", "SET", "PT1H");
  ExpectOne("It costs $9-a-month after the trial.", "a-month", "SET", "P1M");
  ExpectOne("Guards patrol the port every night.", "every night", "SET", "XXXX-XX-XXTNI");
  ExpectOne("She swims each morning.", "each morning", "SET", "XXXX-XX-XXTMO");
}

TEST(Timex, OverBeforeAVagueLengthIsAPreposition) {
  ExpectOne("The dam was built over several years.", "several years", "DURATION", "PXY");
  Found f = One("He has run the club for over a decade.");
  EXPECT_EQ(f.text, "over a decade");
  EXPECT_EQ(f.value, "P10Y");
}

TEST(Timex, ScheduleVerbsAndClausesDirectWeekdays) {
  // 2013-03-22 is a Friday.
  const std::string dct = "2013-03-22";
  ExpectOne("The wedding takes place on Saturday.", "Saturday", "DATE", "2013-03-23", dct);
  ExpectOne("The wedding took place on Saturday.", "Saturday", "DATE", "2013-03-16", dct);
  ExpectOne("The two leaders meet again on Sunday.", "Sunday", "DATE", "2013-03-24", dct);
  ExpectOne("The final kicks off on Saturday.", "Saturday", "DATE", "2013-03-23", dct);
  ExpectOne("Final figures are due on Tuesday.", "Tuesday", "DATE", "2013-03-26", dct);
  ExpectOne("The border will stay closed until Tuesday.", "Tuesday", "DATE", "2013-03-26", dct);
  // A verb of another coordinated clause does not decide
  auto v = Find("The senate rejected the plan on Tuesday and will vote again next month.", dct);
  ASSERT_FALSE(v.empty());
  EXPECT_EQ(v[0].text, "Tuesday");
  EXPECT_EQ(v[0].value, "2013-03-19");
  // "late"/"earlier" between the verb and "on" keep the verb next to the day
  v = Find("Officials said late on Tuesday that the road would reopen.", dct);
  ASSERT_FALSE(v.empty());
  EXPECT_EQ(v[0].value, "2013-03-19");
  v = Find("The show opened on Wednesday and will close in May.", dct);
  ASSERT_FALSE(v.empty());
  EXPECT_EQ(v[0].value, "2013-03-20");
}

TEST(Timex, PossessiveWeekdayAfterAFutureVerb) {
  const std::string dct = "2013-03-22";  // a Friday
  ExpectOne("The striker will miss Sunday's final.", "Sunday", "DATE", "2013-03-24", dct);
  ExpectOne("The coalition is expected to win Tuesday's vote.", "Tuesday", "DATE", "2013-03-26", dct);
  ExpectOne("The coalition won Tuesday's vote.", "Tuesday", "DATE", "2013-03-19", dct);
  ExpectOne("Tuesday's vote was close.", "Tuesday", "DATE", "2013-03-19", dct);
  // A future verb of another clause does not count
  ExpectOne("Fans will gather, but Tuesday's vote was close.", "Tuesday", "DATE", "2013-03-19", dct);
}

TEST(Timex, VerbRightBeforeInMonthDecides) {
  const std::string dct = "2013-03-22";
  auto v = Find("The merger, announced in December, should close in May.", dct);
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].value, "2012-12");
  EXPECT_EQ(v[1].value, "2013-05");
  ExpectOne("The lease expires in December.", "December", "DATE", "2013-12", dct);
  // A capitalized schedule word is a name, no verb
  ExpectOne("She has not played since losing at the US Open in September.", "September", "DATE", "2012-09", dct);
}

TEST(Timex, NamedDaysAreNotPlainWeekdays) {
  // 2013-03-22: Easter 2013 is March 31, Thanksgiving 2012 November 22.
  const std::string dct = "2013-03-22";
  ExpectOne("Shops will close on Good Friday.", "Good Friday", "DATE", "2013-03-29", dct);
  ExpectOne("Crowds packed the malls on Black Friday.", "Black Friday", "DATE", "2012-11-23", dct);
  ExpectOne("The parade was held on Easter Monday 2011.", "Easter Monday 2011", "DATE", "2011-04-25", dct);
  ExpectOne("Lent began on Ash Wednesday.", "Ash Wednesday", "DATE", "2013-02-13", dct);
  ExpectOne("Retailers cut prices on Boxing Day.", "Boxing Day", "DATE", "2012-12-26", dct);
  EXPECT_TRUE(Find("Candidates campaigned hard before Super Tuesday.", dct).empty());
  EXPECT_TRUE(Find("Memories of Bloody Sunday remain raw.", dct).empty());
}

TEST(Timex, VagueCenturiesUseTheTimeMLUnit) {
  ExpectOne("The two peoples have traded for centuries.", "centuries", "DURATION", "PXC");
  ExpectOne("The bridge stood for two centuries.", "two centuries", "DURATION", "P200Y");
}

TEST(Timex, TheFallOfSomethingIsNoAutumn) {
  EXPECT_TRUE(Find("Crowds cheered the fall of the regime.", "2013-03-22").empty());
  EXPECT_TRUE(Find("Traders blamed the fall in oil prices.", "2013-03-22").empty());
  ExpectOne("The school reopens in the fall.", "the fall", "DATE", "2013-FA", "2013-03-22");
  ExpectOne("It opened in the fall of 2011.", "the fall of 2011", "DATE", "2011-FA", "2013-03-22");
}

TEST(Timex, MatchHalvesOrdinalsAndFractionsAreNoTimes) {
  const std::string dct = "2013-03-22";
  EXPECT_TRUE(Find("A second-half goal from the captain sealed it.", dct).empty());
  EXPECT_TRUE(Find("He came on as a second- half replacement.", dct).empty());
  EXPECT_TRUE(Find("Three first-half tries settled the match.", dct).empty());
  EXPECT_TRUE(Find("Calls are passed to a second or third adviser.", dct).empty());
  EXPECT_TRUE(Find("The bank raised rates by a quarter point.", dct).empty());
  EXPECT_TRUE(Find("The club reached a quarter-final.", dct).empty());
  // Halves of a year and seconds of time stay
  ExpectOne("Second-half profit rose 5%.", "Second-half", "DATE", "2012-H2", dct);
  ExpectOne("Data moves at one gigabit a second - a record.", "a second", "SET", "PT1S", dct);
  ExpectOne("The light flickered for a second.", "a second", "DURATION", "PT1S", dct);
}

TEST(Timex, IsoDateTimesAndNineEleven) {
  const std::string dct = "2013-03-22";
  ExpectOne("Posted 2013-03-21T18:45:10Z by staff.", "2013-03-21T18:45:10Z", "TIME", "2013-03-21T18:45:10", dct);
  ExpectOne("Posted 2013-03-21T18:45 by staff.", "2013-03-21T18:45", "TIME", "2013-03-21T18:45", dct);
  ExpectOne("Airports changed after 9/11.", "9/11", "DATE", "2001-09-11", dct);
  // Impossible dates and clocks give no such value, and no crash
  for (const char* bad : {"Posted 2013-02-30T10:00:00Z.", "Posted 2013-03-21T29:61:00Z.", "Posted 2013-03-21T.",
                          "Posted 2013-03-21T1", "9/11/"}) {
    for (const auto& f : Find(bad, dct)) {
      EXPECT_EQ(f.value.find("2013-02-30"), std::string::npos) << bad;
      EXPECT_EQ(f.value.find("T29"), std::string::npos) << bad;
    }
  }
  // Before the attacks, 9/11 is no such date
  for (const auto& f : Find("The score was 9/11 on the test.", "1998-05-01")) EXPECT_NE(f.value, "2001-09-11");
}

TEST(Timex, IsoWeeksAcrossYearBoundaries) {
  // 2016-01-02 is a Saturday in ISO week 2015-W53.
  ExpectOne("Talks continue this week.", "this week", "DATE", "2015-W53", "2016-01-02");
  // 2017-01-02 is Monday of 2017-W01; last week is 2016-W52.
  ExpectOne("Talks broke down last week.", "last week", "DATE", "2016-W52", "2017-01-02");
  int64_t wy;
  int wn;
  IsoWeek(DaysFromCivil(2008, 12, 29), &wy, &wn);
  EXPECT_EQ(wy, 2009);
  EXPECT_EQ(wn, 1);
  EXPECT_EQ(FmtDays(EasterDays(2016)), "2016-03-27");
}

TEST(Timex, MonthsWithoutYearUseNearestYearAndTense) {
  // DCT 2017-01-05: "Dec. 28" in a past sentence is 2016-12-28.
  ExpectOne("The deal was signed on Dec. 28.", "Dec. 28", "DATE", "2016-12-28", "2017-01-05");
  // DCT 2016-11-20: "in March" with future tense is 2017-03.
  ExpectOne("Elections will be held in March.", "March", "DATE", "2017-03", "2016-11-20");
}

TEST(Timex, BadInput) {
  // Impossible day: keep the sound part.
  ExpectOne("It happened on February 30, 2016.", "February 30, 2016", "DATE", "2016-02");
  // Two-digit years.
  ExpectOne("Filed 12/19/16 by the desk.", "12/19/16", "DATE", "2016-12-19");
  ExpectOne("Filed 11/02/89 by the desk.", "11/02/89", "DATE", "1989-11-02");
  // Absurd numbers: a duration, and a date offset that leaves the calendar.
  ExpectOne("The sun will die in 99999 years.", "99999 years", "DURATION", "P99999Y");
  ExpectOne("It formed 99999999 years ago.", "99999999 years ago", "DATE", "PAST_REF");
  // Impossible numeric dates are not dates.
  EXPECT_TRUE(Find("Code 13/45/2016 was shown.", "2016-12-19").empty());
  // Missing or malformed document dates: relative values stay unresolved.
  for (const char* dct : {"", "2016-13-45", "garbage", "2016-02-30", "20161"}) {
    Found f = One("The envoy was killed on Monday.", dct);
    EXPECT_EQ(f.value, "XXXX-WXX-1") << dct;
    EXPECT_TRUE(f.unresolved) << dct;
  }
  // Absolute dates resolve without a document date.
  Found f = One("It happened on December 19, 2016.", "");
  EXPECT_EQ(f.value, "2016-12-19");
  EXPECT_FALSE(f.unresolved);
  EXPECT_TRUE(Find("", "2016-12-19").empty());
}

TEST(Timex, DatelineDateAnchorsWhenNoDocumentDate) {
  Result r = Annotate("WASHINGTON, Dec. 19, 2016 - Talks collapsed on Friday, officials said.", "");
  EXPECT_EQ(r.anchor, "2016-12-19");
  EXPECT_TRUE(r.anchor_from_text);
  ASSERT_EQ(r.times.size(), 2u);
  EXPECT_EQ(r.times[1].value, "2016-12-16");
}

TEST(Timex, RandomBytesNeverCrash) {
  std::mt19937 rng(7);
  const char* pieces[] = {"Monday", " ", "12/", "31", "-", "'", "99s", "last", "year", "ago", "the", "a.m.",
                          "\xE2\x80\x99", "\xC2\xA0", ".", ",", "2016", "99999", "of", "March", "half",
                          "twenty", "first", "quarter", "every", "\xFF", "\n\n", "0:", "1st"};
  for (int round = 0; round < 2000; ++round) {
    std::string s;
    int len = static_cast<int>(rng() % 20);
    for (int k = 0; k < len; ++k) s += pieces[rng() % (sizeof(pieces) / sizeof(pieces[0]))];
    Result r = Annotate(s, round % 3 ? "2016-12-19" : "");
    for (const auto& t : r.times) {
      ASSERT_LE(t.span.end, s.size());
      ASSERT_LT(t.span.begin, t.span.end);
    }
  }
}

TEST(Timex, ParseIsoDate) {
  CivilDate d;
  EXPECT_TRUE(ParseIsoDate("2016-12-19", &d));
  EXPECT_EQ(d.y, 2016);
  EXPECT_EQ(d.m, 12);
  EXPECT_EQ(d.d, 19);
  EXPECT_TRUE(ParseIsoDate("2016-12-19T10:00:00Z", &d));
  EXPECT_TRUE(ParseIsoDate("20161219", &d));
  EXPECT_FALSE(ParseIsoDate("2016-02-30", &d));
  EXPECT_FALSE(ParseIsoDate("2016-12", &d));
  EXPECT_FALSE(ParseIsoDate("yesterday", &d));
}

}  // namespace
}  // namespace tidings::timex

namespace tidings {
namespace {

TEST(TimeStage, FillsDocumentTimesFromDocDateOrDateline) {
  auto stage = MakeTimeStage(Resources{});
  ASSERT_TRUE(stage.ok());
  Document doc;
  doc.text = "The ambassador was shot on Monday.";
  doc.date = "2016-12-19";
  ASSERT_TRUE((*stage)->Process(doc).ok());
  ASSERT_EQ(doc.times.size(), 1u);
  EXPECT_EQ(doc.times[0].value, "2016-12-19");
  EXPECT_EQ(doc.span_text(doc.times[0].span), "Monday");

  Document d2;
  d2.text = "ANKARA, Dec. 19, 2016 - The ambassador was shot on Monday.";
  d2.dateline = Dateline{};
  d2.dateline->date_span = {8, 21};
  ASSERT_TRUE((*stage)->Process(d2).ok());
  ASSERT_EQ(d2.times.size(), 2u);
  EXPECT_EQ(d2.span_text(d2.dateline->date_span), "Dec. 19, 2016");
  EXPECT_EQ(d2.times[1].value, "2016-12-19");
  EXPECT_FALSE(d2.times[1].unresolved);
}

}  // namespace
}  // namespace tidings

namespace tidings::timex {
namespace {

TEST(Timex, SpokenYearsAndMonthWithRelativeYear) {
  ExpectOne("The bomb went off in nineteen ninety-six.", "nineteen ninety-six", "DATE", "1996");
  ExpectOne("Prices collapsed in the winter of nineteen ninety-four.", "the winter of nineteen ninety-four", "DATE",
            "1994-WI");
  ExpectOne("He was arrested in June last year.", "June last year", "DATE", "2015-06");
  ExpectOne("The vote was held a week or so ago.", "a week or so ago", "DATE", "2016-W50");
}

TEST(Timex, ReportingVerbsDoNotOverrideFutureTense) {
  // DCT Monday 2016-12-19: the reported event is in the future.
  ExpectOne("Officials said the talks will resume on Thursday.", "Thursday", "DATE", "2016-12-22");
  ExpectOne("The company said it plans to close the plant in March.", "March", "DATE", "2017-03");
}

TEST(Timex, RelativeToReferenceTime) {
  auto v = Find("Profit rose in the third quarter. Sales were flat from a year earlier.", "2016-11-02");
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].value, "2016-Q3");
  EXPECT_EQ(v[1].value, "2015-Q3");
  auto w = Find("The plant closed on Oct. 3, 2015. Two days earlier, workers protested.", "2016-11-02");
  ASSERT_EQ(w.size(), 2u);
  EXPECT_EQ(w[1].value, "2015-10-01");
  // "later" is a TimeML signal: "two days later" is the duration "two days".
  w = Find("The plant closed on Oct. 3, 2015. Two days later, workers protested.", "2016-11-02");
  ASSERT_EQ(w.size(), 2u);
  EXPECT_EQ(w[1].text, "Two days");
  EXPECT_EQ(w[1].type, "DURATION");
  EXPECT_EQ(w[1].value, "P2D");
}

}  // namespace
}  // namespace tidings::timex

namespace tidings {
namespace {

TEST(TimeStage, UsesTheDatelineIsoDate) {
  auto stage = MakeTimeStage(Resources{});
  ASSERT_TRUE(stage.ok());
  Document doc;
  doc.text = "ANKARA - The ambassador was shot on Monday.";
  doc.dateline = Dateline{};
  doc.dateline->date = "2016-12-19";
  ASSERT_TRUE((*stage)->Process(doc).ok());
  ASSERT_EQ(doc.times.size(), 1u);
  EXPECT_EQ(doc.times[0].value, "2016-12-19");
}

}  // namespace
}  // namespace tidings

namespace tidings::timex {
namespace {

TEST(Timex, QuartersRelativeToTheDocumentDate) {
  // DCT 2016-11-02 is in Q4: the latest (reported) quarter is Q3.
  ExpectOne("Profit fell in the latest quarter.", "the latest quarter", "DATE", "2016-Q3", "2016-11-02");
  ExpectOne("Profit will rise next quarter.", "next quarter", "DATE", "2017-Q1", "2016-11-02");
  ExpectOne("Third-quarter profit fell.", "Third-quarter", "DATE", "2016-Q3", "2016-11-02");
}

}  // namespace
}  // namespace tidings::timex

namespace tidings::timex {
namespace {

TEST(Timex, PartsOfTheCurrentPeriod) {
  ExpectOne("The law takes effect at the end of the year.", "the end of the year", "DATE", "2016");
  ExpectOne("Prices rose earlier in the month.", "earlier in the month", "DATE", "2016-12");
  ExpectOne("The talks need two more weeks.", "two more weeks", "DURATION", "P2W");
}

}  // namespace
}  // namespace tidings::timex

namespace tidings::timex {
namespace {

TEST(Timex, PlanNounsAreNotFutureCues) {
  // DCT Monday 2016-12-19. "holiday plans" and "the hastily planned visit" are
  // a noun and an adjective; the past tense ("cancelled") decides.
  ExpectOne("On Friday, the minister cancelled her holiday plans for the hastily planned visit.", "Friday",
            "DATE", "2016-12-16");
  // A plan as a verb still looks ahead.
  ExpectOne("The mayor has scheduled a briefing Thursday to present the budget.", "Thursday", "DATE",
            "2016-12-22");
  ExpectOne("The union plans to strike on Thursday.", "Thursday", "DATE", "2016-12-22");
}

TEST(Timex, PastPerfectOnlyInTheExpressionsClause) {
  // DCT 2016-10-30. A "had" in a distant relative clause does not cancel the
  // deadline reading of "by February".
  auto v = Find(
      "The sale, which had been expected by analysts for a long while, is part of the group's plan to repay "
      "most of its bridge loan by February.",
      "2016-10-30");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].value, "2017-02");
  // Within its clause it still does: a deadline that has passed.
  ExpectOne("Thirty members had filed reports by Wednesday.", "Wednesday", "DATE", "2016-12-14");
}

TEST(Timex, YearAgoQuarterKeepsQuarterGranularity) {
  // DCT 2016-11-02: the quarter under discussion is Q3; "the year-ago quarter"
  // is the same quarter a year earlier, even after a day-level date.
  auto v = Find(
      "Profit rose in the third quarter ended Sept. 30. The firm earned $3 million in the year-ago quarter.",
      "2016-11-02");
  ASSERT_EQ(v.size(), 3u);
  EXPECT_EQ(v[0].value, "2016-Q3");
  EXPECT_EQ(v[1].value, "2016-09-30");
  EXPECT_EQ(v[2].text, "the year-ago quarter");
  EXPECT_EQ(v[2].value, "2015-Q3");
  // Without a quarter in the text it stays a year.
  ExpectOne("The firm earned $3 million in the year-ago period.", "the year-ago period", "DATE", "2015",
            "2016-11-02");
}

}  // namespace
}  // namespace tidings::timex

namespace tidings::timex {
namespace {

TEST(Timex, LongAdjectivesAreDurations) {
  ExpectOne("After a week-long siege the town fell.", "week-long", "DURATION", "P1W");
  ExpectOne("The talks ended a months-long standoff.", "months-long", "DURATION", "PXM");
  ExpectOne("A three-day-long festival opened.", "three-day-long", "DURATION", "P3D");
  ExpectOne("The feud lasted for decades.", "decades", "DURATION", "PXY");
}

TEST(Timex, SpokenYearsWithoutPreposition) {
  ExpectOne("Sarajevo, nineteen ninety-four. The siege goes on.", "nineteen ninety-four", "DATE", "1994");
  ExpectOne("It recalled a nineteen eighty-five attack.", "nineteen eighty-five", "DATE", "1985");
  // Two words alone ("nineteen ninety") stay a number without a preposition.
  EXPECT_TRUE(Find("She counted nineteen ninety times.", "2016-12-19").empty());
}

}  // namespace
}  // namespace tidings::timex

namespace tidings::timex {
namespace {

TEST(Timex, FocusAdverbsStayOutsideTheExtent) {
  ExpectOne("The envoy stayed only five hours in the capital.", "five hours", "DURATION", "PT5H");
  ExpectOne("The town was rebuilt just a decade ago.", "a decade ago", "DATE", "2006");
  // "about" is an approximation and stays in the extent (mod APPROX).
  ExpectOne("The envoy stayed about five hours in the capital.", "about five hours", "DURATION", "PT5H");
}

TEST(Timex, DayRangesAndFinancialPeriods) {
  // A range of days is valued by its first day.
  ExpectOne("The summit is on January 5-6 in Paris.", "January 5-6", "DATE", "2017-01-05");
  ExpectOne("The summit is on 5-6 January in Paris.", "5-6 January", "DATE", "2017-01-05");
  // Not a range: a score.
  ExpectOne("They lost 3-1 in May.", "May", "DATE", "2016-05");
  ExpectOne("Sales rose in H1 2016.", "H1 2016", "DATE", "2016-H1");
  ExpectOne("The FY2016 results beat forecasts.", "FY2016", "DATE", "2016");
  ExpectOne("The company cut its FY17 outlook.", "FY17", "DATE", "2017");
  // "H1" without a year is a name.
  EXPECT_TRUE(Find("The H1 visa programme was cut.", "2016-12-19").empty());
}

}  // namespace
}  // namespace tidings::timex

namespace tidings::timex {
namespace {

TEST(Timex, LastAsAVerbAndCountedYearsAgo) {
  // DCT Friday 2013-03-22.
  ExpectOne("The visit will last three days.", "three days", "DURATION", "P3D", "2013-03-22");
  // A quarter under discussion makes "a year ago" that quarter a year earlier,
  // but "25 years ago" stays a year.
  auto v = Find("Analysts expect growth this quarter. The firm was founded 25 years ago.", "2013-03-22");
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].value, "2013-Q1");
  EXPECT_EQ(v[1].value, "1988");
  v = Find("Profit rose this quarter from $3 million a year ago.", "2013-03-22");
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[1].value, "2012-Q1");
}

TEST(Timex, PostponedUntilLooksAhead) {
  // DCT Friday 2013-03-22: put off until a weekday is the next one, even in the past tense.
  ExpectOne("Officials postponed until Tuesday any action on the case.", "Tuesday", "DATE", "2013-03-26",
            "2013-03-22");
  ExpectOne("He stayed until Tuesday.", "Tuesday", "DATE", "2013-03-19", "2013-03-22");
}

}  // namespace
}  // namespace tidings::timex

namespace tidings::timex {
namespace {

TEST(Timex, QuarterAsAFraction) {
  EXPECT_TRUE(Find("Funds hold more than a quarter of the market.", "2013-03-22").empty());
  EXPECT_TRUE(Find("About three quarters of voters agreed.", "2013-03-22").empty());
  ExpectOne("He ruled for a quarter of a century.", "a quarter of a century", "DURATION", "P25Y", "2013-03-22");
  ExpectOne("He waited three quarters of an hour.", "three quarters of an hour", "DURATION", "PT45M",
            "2013-03-22");
  // Quarters of a year are still quarters (two of them a half year).
  auto v = Find("Sales grew in the first two quarters of 2014.", "2013-03-22");
  ASSERT_FALSE(v.empty());
  EXPECT_EQ(v[0].value, "2014-H1");
  v = Find("Sales grew in the first two quarters.", "2013-03-22");
  ASSERT_FALSE(v.empty());
  EXPECT_EQ(v[0].value, "P2Q");
}

}  // namespace
}  // namespace tidings::timex

namespace tidings::timex {
namespace {

TEST(Timex, ClockHoursWithAPartOfTheDay) {
  ExpectOne("The convoy will leave at 4 in the morning.", "4 in the morning", "TIME", "2016-12-19T04:00");
  ExpectOne("The convoy left at ten in the evening.", "ten in the evening", "TIME", "2016-12-19T22:00");
}

TEST(Timex, PartsOfTheDayAndQuartersAfterAReference) {
  // DCT Thursday 2000-02-24: relative to the day last mentioned.
  auto v = Find("He was arrested on Tuesday and appeared in court the next morning.", "2000-02-24");
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[1].text, "the next morning");
  EXPECT_EQ(v[1].value, "2000-02-23TMO");
  v = Find("Profit rose in the third quarter. Results for that quarter included a charge.", "2016-11-02");
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[1].text, "that quarter");
  EXPECT_EQ(v[1].value, "2016-Q3");
}

}  // namespace
}  // namespace tidings::timex

namespace tidings::timex {
namespace {

TEST(Timex, PresentTenseScheduleVerbs) {
  // DCT Monday 2016-12-19: a timetable in the present tense looks ahead.
  ExpectOne("The two leaders meet Thursday in Geneva.", "Thursday", "DATE", "2016-12-22");
  ExpectOne("The two leaders meet separately Thursday.", "Thursday", "DATE", "2016-12-22");
  ExpectOne("The new rules take effect as the session opens Wednesday.", "Wednesday", "DATE", "2016-12-21");
  // Negated or governed by a past plan, they do not.
  ExpectOne("The leaders did not meet Thursday.", "Thursday", "DATE", "2016-12-15");
  ExpectOne("The offer had been due to expire Friday.", "Friday", "DATE", "2016-12-16");
}

}  // namespace
}  // namespace tidings::timex

namespace tidings::timex {
namespace {

TEST(Timex, AheadOfLooksAheadAndThenCurrentIsPast) {
  // DCT Monday 2016-12-19.
  ExpectOne("Stocks rose ahead of Friday's jobs report.", "Friday", "DATE", "2016-12-23");
  ExpectOne("Friday's jobs report showed gains.", "Friday", "DATE", "2016-12-16");
  ExpectOne("Traders sold ahead of the weekend.", "the weekend", "DATE", "2016-W51-WE");
  ExpectOne("Holders may buy shares at the then current price.", "then current", "DATE", "PAST_REF");
}

}  // namespace
}  // namespace tidings::timex

namespace tidings::timex {
namespace {

TEST(Timex, SoonInPastNarrative) {
  EXPECT_TRUE(Find("He was soon released from the hospital.", "2016-12-19").empty());
  EXPECT_TRUE(Find("The trickle of cash soon became a flood.", "2016-12-19").empty());
  ExpectOne("The budget will soon move into surplus.", "soon", "DATE", "FUTURE_REF");
}

}  // namespace
}  // namespace tidings::timex

namespace tidings::timex {
namespace {

TEST(Timex, ConjoinedDaysOfAMonth) {
  auto v = Find("The summit will be held on April 24 and 25.", "2016-12-19");
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].value, "2017-04-24");
  EXPECT_EQ(v[1].text, "25");
  EXPECT_EQ(v[1].value, "2017-04-25");
  v = Find("Talks are planned on Jan. 5 or 6 in Paris.", "2016-12-19");
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[1].value, "2017-01-06");
  // A count after "and" is no day.
  v = Find("The vote on March 3 and 4 people abstained.", "2016-12-19");
  ASSERT_EQ(v.size(), 1u);
}

}  // namespace
}  // namespace tidings::timex

namespace tidings::timex {
namespace {

TEST(Timex, NewRulesOnBadInput) {
  const char* text =
      "Feb 28 and 30. The next morning. FY99999 and FY0 and H1 99999. January 0-40 and 31-32 May. "
      "In 99999 quarters of an hour. At 99 in the morning. That quarter and the following night. "
      "April 24 and 25 and the then current price. Good Friday 99999 and Black Friday and Easter Monday 0. "
      "Stamped 2016-02-30T10:00:00Z and 2016-01-01T25:61 and 9/11/ and 9/11. Friday nights and Monday and "
      "Tuesday evenings. The first two quarters of 99999. $5-a-month, every night, a second-half try.";
  for (const char* dct : {"2016-12-19", "", "garbage", "2016-02-30", "99999-01-01"}) {
    for (const auto& f : Find(text, dct)) {
      EXPECT_EQ(f.value.find("-02-30"), std::string::npos) << dct << ": " << f.text;
      EXPECT_EQ(f.value.find("-31-"), std::string::npos) << dct << ": " << f.text;
      EXPECT_FALSE(f.value.empty()) << dct << ": " << f.text;
    }
  }
}

}  // namespace
}  // namespace tidings::timex
