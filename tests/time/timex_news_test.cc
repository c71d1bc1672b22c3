// Time expressions in present-day news English: patterns that the TimeML
// training corpus has few or none of. Sentences written for these tests.
#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <vector>

#include "tidings/time/timex.h"

namespace tidings::timex {
namespace {

struct Hit {
  std::string text, type, value, mod;
};

std::vector<Hit> Hits(const std::string& text, const std::string& dct) {
  Result r = Annotate(text, dct);
  std::vector<Hit> out;
  for (const auto& t : r.times)
    out.push_back({text.substr(t.span.begin, t.span.size()), std::string(TimeTypeName(t.type)), t.value,
                   std::string(t.mod)});
  return out;
}

// The expression whose text is `extent`; fails when there is none.
Hit At(const std::string& text, const std::string& extent, const std::string& dct) {
  for (const Hit& h : Hits(text, dct))
    if (h.text == extent) return h;
  ADD_FAILURE() << "no expression '" << extent << "' in: " << text;
  return {};
}

// A month named with a past form of its own verb lies in the past, even when
// the same month of next year is nearer the document date.
TEST(TimexNews, PastVerbNextToAMonthKeepsItInThePast) {
  EXPECT_EQ(At("The bill was introduced in January.", "January", "2024-11-15").value, "2024-01");
  EXPECT_EQ(At("The plant opened in December.", "December", "2024-10-03").value, "2023-12");
  EXPECT_EQ(At("The treaty was signed on Jan. 5 in Geneva.", "Jan. 5", "2024-11-15").value, "2024-01-05");
  // A future or a plan keeps the month ahead.
  EXPECT_EQ(At("He said the plant would open in December.", "December", "2024-10-03").value, "2024-12");
  EXPECT_EQ(At("The bill takes effect in January.", "January", "2024-11-15").value, "2025-01");
}

// British-style dates: a weekday before a day-first date is one expression.
TEST(TimexNews, WeekdayBeforeDayFirstDate) {
  Hit h = At("Polls open on Thursday 7 May across the country.", "Thursday 7 May", "2015-05-04");
  EXPECT_EQ(h.value, "2015-05-07");
  EXPECT_EQ(At("The ship docked on Sunday, 3rd May 2015.", "Sunday, 3rd May 2015", "2015-05-04").value,
            "2015-05-03");
}

// "between 14 and 18 March": the first day takes the month of the second.
TEST(TimexNews, DayFirstConjoinedDays) {
  auto v = Hits("Fieldwork ran between 9 and 13 October in five regions.", "2015-11-02");
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].text, "9");
  EXPECT_EQ(v[0].value, "2015-10-09");
  EXPECT_EQ(v[1].value, "2015-10-13");
  v = Hits("The fair will move from 2 to 5 June.", "2015-11-02");
  ASSERT_GE(v.size(), 2u);
  EXPECT_EQ(v[0].value, "2016-06-02");
  EXPECT_EQ(v[1].text, "5 June");
  // A larger number first is no range of days.
  EXPECT_EQ(Hits("They won 21 and 9 June was quiet.", "2015-11-02").size(), 1u);
}

// A clock time with "tonight" or "this morning" is one expression on that day.
TEST(TimexNews, ClockTimeWithTonight) {
  Hit h = At("Counting starts at 10pm tonight in the main hall.", "10pm tonight", "2015-05-07");
  EXPECT_EQ(h.type, "TIME");
  EXPECT_EQ(h.value, "2015-05-07T22:00");
  EXPECT_EQ(At("Firefighters arrived at 6 a.m. this morning.", "6 a.m. this morning", "2015-05-07").value,
            "2015-05-07T06:00");
}

// The day named after an aside in brackets is the day of the clock time.
TEST(TimexNews, ClockTimeThenBracketsThenDay) {
  Hit h = At("The quake struck at 4.15pm local time (1015 GMT) on Saturday, officials said.", "4.15pm local time",
             "2015-05-04");
  EXPECT_EQ(h.value, "2015-05-02T16:15");
}

// The end of a range of weekdays follows its start.
TEST(TimexNews, WeekdayRangeEndFollowsStart) {
  auto v = Hits("The strike lasted from Thursday to Monday, the union said.", "2015-05-06");
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].value, "2015-04-30");
  EXPECT_EQ(v[1].value, "2015-05-04");
}

// Four digits before a time zone are a 24-hour clock time, not a year, and a
// day before them keeps its own date.
TEST(TimexNews, TwentyFourHourClockBeforeTimeZone) {
  Hit h = At("The polls close at 2200 GMT on Thursday, 7 May.", "2200 GMT on Thursday, 7 May", "2015-05-04");
  EXPECT_EQ(h.type, "TIME");
  EXPECT_EQ(h.value, "2015-05-07T22:00");
  EXPECT_EQ(At("Shares were down 2% by 1430 GMT.", "1430 GMT", "2015-05-04").value, "2015-05-04T14:30");
  // A fixture listing: the kick-off time on the next line is not the year of the date.
  auto v = Hits("Arsenal v Leeds\nTuesday, 3 March\n1945 GMT\n", "2015-02-27");
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].value, "2015-03-03");
  EXPECT_EQ(v[1].value, "2015-03-03T19:45");  // on the day just named
  // Years stay years.
  EXPECT_EQ(At("The company was founded in 1945 in Leeds.", "1945", "2015-05-04").value, "1945");
}

// A bare verb after a modal ("would cut", "could hit") is no past tense: the
// weekday after it lies ahead ("hit" and "cut" are past forms too).
TEST(TimexNews, ModalThenBareVerbIsNoPastCue) {
  EXPECT_EQ(At("The regulator said it would cut off the funds after Monday.", "Monday", "2015-05-06").value,
            "2015-05-11");
  EXPECT_EQ(At("Forecasters said the storm would hit the coast on Saturday.", "Saturday", "2015-05-06").value,
            "2015-05-09");
  // A past form is still past.
  EXPECT_EQ(At("The storm hit the coast on Saturday.", "Saturday", "2015-05-06").value, "2015-05-02");
}

// "the same day", "that same month": the time just mentioned.
TEST(TimexNews, SameDayIsTheReferenceTime) {
  auto v = Hits("The mayor resigned on 4 May. The same day, the council met.", "2015-05-06");
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[1].text, "The same day");
  EXPECT_EQ(v[1].value, "2015-05-04");
  v = Hits("Prices peaked in June 2012. That same month, the bank failed.", "2015-05-06");
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[1].value, "2012-06");
}

// Halves of a match or a film are no half years; halves of a business year are.
TEST(TimexNews, HalvesOfAMatchAreNoHalfYears) {
  EXPECT_TRUE(Hits("We played a really good second half and deserved the win.", "2015-05-06").empty());
  EXPECT_TRUE(Hits("The visitors dominated the entire first half.", "2015-05-06").empty());
  EXPECT_TRUE(Hits("His first-half effort was ruled out for offside.", "2015-05-06").empty());
  EXPECT_EQ(At("Margins improved in the second half, the retailer said.", "the second half", "2015-05-06").value,
            "2014-H2");
  EXPECT_EQ(At("Sales slipped, but second-half profits rose.", "second-half", "2015-09-06").value, "2015-H2");
}

// "is expected Monday": a schedule, so the day ahead; a month with a
// future verb of its own lies ahead even when last month's is nearer.
TEST(TimexNews, ExpectedTimeIsAhead) {
  EXPECT_EQ(At("A verdict is expected Monday afternoon.", "Monday afternoon", "2015-05-06").value,
            "2015-05-11TAF");
  EXPECT_EQ(At("Final results are expected in April.", "April", "2015-05-20").value, "2016-04");
  EXPECT_EQ(At("The new line will open in April.", "April", "2015-05-20").value, "2016-04");
  // Without a verb of its own, the nearer month wins.
  EXPECT_EQ(At("Figures for April showed a rise.", "April", "2015-05-20").value, "2015-04");
}

// "the week of March 6" is that day's week.
TEST(TimexNews, WeekOfADate) {
  Hit h = At("Hearings will resume in the week of June 8.", "the week of June 8", "2015-05-06");
  EXPECT_EQ(h.value, "2015-W24");
}

// Newspapers, programmes, products and events named with a time word, and
// idioms with one, are no times: "the Daily Mirror", "Fox News Sunday", "Prime
// Now", "the People's Daily", "every now and then", "now-defunct", "Christmas
// cards", "at the last minute".
TEST(TimexNews, TimeWordsInsideNamesAndIdioms) {
  for (const char* text : {"The minister told the Daily Mirror and the Sunday Herald about the plan.",
                           "She appeared on Fox News Sunday before the Winter Olympics.",
                           "Tickets for the Summer Games sold out.",
                           "Shoppers switched to Instacart, Prime Now and Shipt.",
                           "Start-ups such as Chime, Varo, Current and SoFi grew.",
                           "The claim was repeated by the People's Daily.", "He calls every now and then.",
                           "The now-defunct band reunited.", "She sent Christmas cards and bought a Halloween costume.",
                           "The deal was agreed at the last minute."})
    EXPECT_TRUE(Hits(text, "2015-05-06").empty()) << text;
  // ... but the time words themselves still are.
  EXPECT_EQ(At("The paper is published daily.", "daily", "2015-05-06").value, "P1D");
  EXPECT_EQ(At("He spoke on Sunday in Rome.", "Sunday", "2015-05-06").value, "2015-05-03");
  EXPECT_EQ(At("The games open in the summer.", "the summer", "2015-05-06").value, "2015-SU");
  EXPECT_EQ(At("Talks resume on Monday March 9.", "Monday March 9", "2015-03-06").value, "2015-03-09");
  EXPECT_EQ(At("Now the agency has a plan.", "Now", "2019-11-14").value, "PRESENT_REF");
  EXPECT_EQ(At("He said, \"Now we wait.\"", "Now", "2019-11-14").value, "PRESENT_REF");
  EXPECT_EQ(At("The shops open on Christmas Day.", "Christmas Day", "2019-11-14").value, "2019-12-25");
  EXPECT_EQ(At("Prices rose in the last minute of trading.", "the last minute", "2019-11-14").value, "PT1M");
}

// "the first week of April": a week of the month, not "the last week" plus a month.
TEST(TimexNews, NthWeekOfAMonth) {
  EXPECT_EQ(At("Voting starts in the first week of June.", "the first week of June", "2015-05-06").value,
            "2015-W23");
  EXPECT_EQ(At("Exports fell in the last week of March 2014.", "the last week of March 2014", "2015-05-06").value,
            "2014-W13");
  // Without "of" and a month it stays a span of a week.
  EXPECT_EQ(At("Prices rose in the last week.", "the last week", "2015-05-06").value, "P1W");
}

// "end-2013", "early-2012": the hyphenated modifier is part of the expression.
TEST(TimexNews, HyphenatedStartAndEndModifiers) {
  Hit h = At("Analysts expect the rate to reach 3% by end-2016.", "end-2016", "2015-05-06");
  EXPECT_EQ(h.value, "2016");
  EXPECT_EQ(h.mod, "END");
  h = At("Oil prices began to fall in early-2014.", "early-2014", "2015-05-06");
  EXPECT_EQ(h.mod, "START");
}

// Each case: text, extent, document date, expected value.
struct Want {
  const char* text;
  const char* extent;
  const char* dct;
  const char* value;
};
void ExpectValues(std::initializer_list<Want> cases) {
  for (const Want& w : cases) EXPECT_EQ(At(w.text, w.extent, w.dct).value, w.value) << w.text;
}

// A reporting verb after the expression gives its tense; a future in the
// reported clause does not ("In August, the agency announced it would ...").
TEST(TimexNews, ReportingVerbGovernsTheReportedFuture) {
  ExpectValues({
      {"In August, the agency announced that it would stop the scheme.", "August", "2019-11-19", "2019-08"},
      // A parenthetical reporting verb leaves the clause's own tense in charge.
      {"In March, the minister said, elections will be held.", "March", "2019-11-19", "2020-03"},
      {"He said the plant would open in December.", "December", "2019-10-03", "2019-12"},
  });
}

// Schedules in the present tense with an object: "visits Paris on Friday".
TEST(TimexNews, ScheduleVerbWithAnObject) {
  ExpectValues({
      {"The president visits Paris on Friday.", "Friday", "2019-11-20", "2019-11-22"},
      {"The president visited Paris on Friday.", "Friday", "2019-11-20", "2019-11-15"},
      {"Lakers: Visit the Thunder on Friday.", "Friday", "2019-11-20", "2019-11-22"},
      {"Chelsea host Arsenal on Sunday.", "Sunday", "2019-11-20", "2019-11-24"},
      // "visit" as a noun is no schedule.
      {"Consider the president's visit to the hospital on Saturday.", "Saturday", "2019-11-18", "2019-11-16"},
  });
}

// Quarters and halves of a game are no quarters of the year.
TEST(TimexNews, QuartersAndHalvesOfAGame) {
  EXPECT_TRUE(Hits("He left the court in the second quarter after a foul.", "2019-11-20").empty());
  EXPECT_TRUE(Hits("The winger scored the winner in the first half.", "2019-11-20").empty());
  ExpectValues({
      {"Profit fell in the second quarter.", "the second quarter", "2019-11-20", "2019-Q2"},
      // A financial word outweighs a game word.
      {"The team's revenue rose in the first half.", "the first half", "2019-11-20", "2019-H1"},
      {"Fourth quarter turnover was $44.7bn.", "Fourth quarter", "2005-01-20", "2004-Q4"},
  });
}

// "the September quarter": the calendar quarter ending with that month.
TEST(TimexNews, QuarterNamedByItsLastMonth) {
  Hit h = At("Earnings for the September quarter improved.", "the September quarter", "2019-11-20");
  EXPECT_EQ(h.value, "2019-Q3");
  ExpectValues({
      {"The June quarter will be weak.", "The June quarter", "2019-03-02", "2019-Q2"},
  });
}

// "this past May", "long ago".
TEST(TimexNews, ThisPastMonthAndLongAgo) {
  ExpectValues({
      {"This past May, the agency chose 11 firms.", "This past May", "2018-04-27", "2017-05"},
      {"A call the White House long ago released.", "long ago", "2019-11-20", "PAST_REF"},
  });
  EXPECT_TRUE(Hits("Not that long ago, the town was quiet.", "2019-11-20").empty());
}

// Decimal amounts: "3.2 years", "6.6 seconds", "2.5 hours"; "min" and "hr".
TEST(TimexNews, DecimalAndAbbreviatedDurations) {
  ExpectValues({
      {"Smog has shaved 3.2 years off lives.", "3.2 years", "2019-11-08", "P3.2Y"},
      {"It reaches 62 mph in 6.6 seconds.", "6.6 seconds", "2019-11-08", "PT6.6S"},
      {"The flight took 2.5 hours.", "2.5 hours", "2019-11-08", "PT2H30M"},
      {"Climbing the stairs was a 30 min effort.", "30 min", "2019-11-08", "PT30M"},
  });
  // An age is no time.
  EXPECT_TRUE(Hits("Everyone above age 6 months should get a flu shot.", "2019-11-08").empty());
}

// "this weekend" in a past-tense report early in the week: the weekend just past.
TEST(TimexNews, ThisWeekendInThePast) {
  ExpectValues({
      {"Soldiers cleared barricades this weekend.", "this weekend", "2019-11-18", "2019-W46-WE"},
      {"Protests will continue this weekend.", "this weekend", "2019-11-18", "2019-W47-WE"},
  });
}

// "the launch day is Tuesday", "kick-off is at 7.30pm on Saturday": a
// schedule, ahead of the document date; "17.30 GMT" is a clock time.
TEST(TimexNews, WeekdayAfterIsIsAhead) {
  ExpectValues({
      {"Kick-off is at 7.30pm on Saturday.", "7.30pm on Saturday", "2019-11-20", "2019-11-23T19:30"},
      {"Kick-off was at 7.30pm on Saturday.", "7.30pm on Saturday", "2019-11-20", "2019-11-16T19:30"},
      {"The race starts at 17.30 GMT.", "17.30 GMT", "2019-11-20", "2019-11-20T17:30"},
      {"The launch day is Tuesday, sort of.", "Tuesday", "2019-11-18", "2019-11-19"},
      {"The deadline was Tuesday.", "Tuesday", "2019-11-18", "2019-11-12"},
  });
}

// A year that ends a name ("Football Manager 2020") is no date; years after
// function words, at the start of a sentence or after "FY" still are.
TEST(TimexNews, YearsEndingNames) {
  EXPECT_TRUE(Hits("New games include Farming Simulator 2019 and Football Manager 2020.", "2019-11-18").empty());
  ExpectValues({
      {"\"Clearly 2004 was a hard year,\" he said.", "2004", "2005-01-10", "2004"},
      {"Sales grew between 2010 and 2015.", "2010", "2019-11-18", "2010"},
      {"Earnings recover in FY 2020.", "FY 2020", "2019-11-18", "2020"},
      {"Copyright 2019 The Associated Press.", "2019", "2019-11-18", "2019"},
  });
}

// "the short term nature of ...": an adjective, not a time.
TEST(TimexNews, ShortTermAsAnAdjective) {
  EXPECT_TRUE(Hits("Due to the short term nature of custody, no vaccines are given.", "2019-11-18").empty());
  ExpectValues({
      {"In the short term, prices will rise.", "the short term", "2019-11-18", "FUTURE_REF"},
  });
}

// "in the coming weeks": a stretch of unknown length ahead (TimeBank's PXW);
// "recent weeks" stays PAST_REF.
TEST(TimexNews, ComingWeeksIsADuration) {
  Hit h = At("More job cuts are expected in the coming weeks.", "the coming weeks", "2019-11-18");
  EXPECT_EQ(h.type, "DURATION");
  EXPECT_EQ(h.value, "PXW");
  ExpectValues({
      {"Growth will slow in the coming years.", "the coming years", "2019-11-18", "PXY"},
      {"Tensions rose in recent weeks.", "recent weeks", "2019-11-18", "PAST_REF"},
  });
}

// "today" meaning nowadays, and "as recently as" before the time itself.
TEST(TimexNews, NowadaysAndAsRecentlyAs) {
  ExpectValues({
      {"The city looks as it is today.", "today", "2019-11-18", "PRESENT_REF"},
      {"Even today, the term is used.", "today", "2019-11-18", "PRESENT_REF"},
      {"The galaxies we observe today formed early.", "today", "2019-11-18", "PRESENT_REF"},
      {"We have today announced a deal.", "today", "2019-11-18", "2019-11-18"},
  });
  auto v = Hits("Talks went well as recently as yesterday.", "2019-11-18");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].text, "yesterday");
}

// "When February rolls around": the next February.
TEST(TimexNews, WhenAMonthComesAround) {
  ExpectValues({
      {"When February rolls around, try it.", "February", "2019-11-18", "2020-02"},
      {"In February, he tried it.", "February", "2019-11-18", "2019-02"},
  });
}

// Ranges ("10-15 minutes", "two to three weeks", "the next 12 to 18 months")
// are one duration of unknown exact length; "13.8 billion years"; "billions
// of years"; "in the near-term".
TEST(TimexNews, RangesAndLargeAmounts) {
  ExpectValues({
      {"The session lasts for 10-15 minutes.", "10-15 minutes", "2019-11-18", "PTXM"},
      {"Recovery takes two to three weeks.", "two to three weeks", "2019-11-18", "PXW"},
      {"Growth will slow over the next 12 to 18 months.", "the next 12 to 18 months", "2019-11-18", "PXM"},
      {"It has been 13.8 billion years since the Big Bang.", "13.8 billion years", "2019-11-18", "P13800000000Y"},
      {"Stars formed over billions of years.", "billions of years", "2019-11-18", "PXY"},
      {"Consolidation is likely in the near-term.", "the near-term", "2019-11-18", "FUTURE_REF"},
  });
}

// "the day before last Tuesday", "the day after Christmas": a day off that date.
TEST(TimexNews, TheDayBeforeADate) {
  ExpectValues({
      {"The day before last Tuesday's hearing, he went home.", "The day before last Tuesday", "2000-02-24",
       "2000-02-21"},
      {"We met the day after Christmas.", "the day after Christmas", "2000-02-24", "1999-12-26"},
  });
  // A range before "ago" is a range of dates, and "a 5-10 year plan" an adjective.
  EXPECT_TRUE(Hits("They agreed a 5-10 year plan.", "2019-11-18").empty());
  EXPECT_TRUE(Hits("Help for the long-term unemployed.", "2019-11-18").empty());
}

}  // namespace
}  // namespace tidings::timex
