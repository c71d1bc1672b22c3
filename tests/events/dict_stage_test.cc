// The events stage with user dictionaries: `extract --verbs/--actors/--agents`
// codes TABARI's validation suite through the pipeline (segmenter + events
// stage), under TABARI's default options as extract has no options file.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "tidings/events/dict/suite.h"
#include "tidings/events/events_stage.h"
#include "tidings/segment/segmenter.h"

namespace tidings {
namespace {

std::string Iso(int32_t d) {
  char b[16];
  std::snprintf(b, sizeof b, "%04d-%02d-%02d", d / 10000, d / 100 % 100, d % 100);
  return b;
}

TEST(DictEventsStage, CodesWithUserDictionaries) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / "tidings_dict_stage_test";
  fs::create_directories(dir);
  {
    std::ofstream(dir / "t.verbs") << "CONDEMN [122]\nMEET [031:031]\n- % HAVE POSTPONED * [191]\n";
    std::ofstream(dir / "t.actors") << "ARNOR [ARN]\nGONDOR [GON]\nOSGILIATH [OSG]\n";
    std::ofstream(dir / "t.agents") << "POLICE_ [~COP]\nGOVERNMENT_ [~GOV]\n";
  }
  Resources res;
  res.verbs_file = (dir / "t.verbs").string();
  res.actor_files = {(dir / "t.actors").string()};
  res.agents_file = (dir / "t.agents").string();
  auto seg = MakeSegmentStage(res);
  auto ev = MakeEventsStage(res);
  ASSERT_TRUE(seg.ok() && ev.ok()) << ev.status().message();
  Document doc;
  doc.date = "1995-01-02";
  doc.text = "The Arnor government condemned the attack on Gondor police in the border town. "
             "Gondor and Osgiliath have postponed their meeting after a long and bitter dispute.";
  ASSERT_TRUE((*seg)->Process(doc).ok());
  ASSERT_TRUE((*ev)->Process(doc).ok());
  ASSERT_EQ(doc.events.size(), 3u);
  EXPECT_EQ(doc.events[0].cameo, "122");
  EXPECT_EQ(doc.events[0].source.code, "ARNGOV");
  EXPECT_EQ(doc.events[0].target.code, "GONCOP");
  EXPECT_EQ(doc.span_text(doc.events[0].source.span), "Arnor");
  EXPECT_EQ(doc.span_text(doc.events[0].trigger), "condemned");
  EXPECT_EQ(doc.events[0].date, "1995-01-02");
  EXPECT_EQ(doc.events[1].sentence, 1u);
  EXPECT_EQ(doc.events[1].cameo, "191");
  std::set<std::string> pairs;
  for (size_t i = 1; i < 3; ++i) pairs.insert(doc.events[i].source.code + "/" + doc.events[i].target.code);
  EXPECT_EQ(pairs, (std::set<std::string>{"GON/OSG", "OSG/GON"}));
}

TEST(DictEventsStage, MissingDictionaryIsAnError) {
  Resources res;
  res.verbs_file = "/nonexistent/x.verbs";
  auto ev = MakeEventsStage(res);
  ASSERT_FALSE(ev.ok());
  EXPECT_NE(ev.status().message().find("/nonexistent/x.verbs"), std::string::npos);
}

// Issue 7 target: TABARI's validation suite with its own dictionaries through
// the extract path; records under the suite's default options (up to the
// first OPTION change) pass at least 90%. Discard/complex/no-event records
// pass when no event is produced.
TEST(DictEventsStage, TabariSuiteThroughThePipeline) {
  std::string base = std::string(TIDINGS_SHARED_DIR) + "/data/events/tabari/";
  if (!std::filesystem::exists(base + "Validate.text")) GTEST_SKIP() << "shared data not available: " << base;
  Resources res;
  res.verbs_file = base + "TABARI.Demo.verbs";
  res.actor_files = {base + "TABARI.Demo.actors"};
  res.agents_file = base + "Validate.agents";
  auto seg = MakeSegmentStage(res);
  auto ev = MakeEventsStage(res);
  ASSERT_TRUE(seg.ok() && ev.ok());
  std::ifstream in(base + "Validate.text");
  std::stringstream ss;
  ss << in.rdbuf();
  auto recs = dict::ParseSuite(ss.str());
  int checked = 0, passed = 0;
  bool coded_events = false;
  for (const auto& r : recs) {
    if (!r.has_fields()) break;
    if (!r.options.empty() && coded_events) break;  // later records need OPTION changes
    if (r.expected.empty() && r.specials.empty()) continue;
    coded_events |= !r.expected.empty();
    int32_t date = dict::ParseTabariDate(r.date_text);
    Document doc;
    // A TABARI record is hard-wrapped; as a JSONL document its text is one line.
    doc.text = r.text;
    for (char& c : doc.text)
      if (c == '\n' || c == '\r') c = ' ';
    if (date) doc.date = Iso(date);
    ASSERT_TRUE((*seg)->Process(doc).ok());
    ASSERT_TRUE((*ev)->Process(doc).ok());
    std::set<std::string> got, want;
    for (const auto& e : doc.events) got.insert(e.source.code + "/" + e.target.code + "/" + e.cameo);
    for (const auto& e : r.expected) want.insert(e.source + "/" + e.target + "/" + e.code);
    bool pass = false;
    if (!r.specials.empty() && got.empty()) pass = true;
    if (!want.empty()) {
      if (r.stop_checking) pass |= std::includes(got.begin(), got.end(), want.begin(), want.end());
      else pass |= got == want;
    }
    ++checked;
    passed += pass;
    if (!pass && std::getenv("TIDINGS_SUITE_VERBOSE")) {
      std::string g;
      for (auto& x : got) g += x + " ";
      std::printf("FAIL %s: produced %s\n", r.id.c_str(), g.c_str());
    }
  }
  double rate = checked ? double(passed) / checked : 0;
  std::printf("TABARI suite through the events stage: %d of %d records passed (%.1f%%)\n", passed, checked,
              100 * rate);
  EXPECT_GT(checked, 300);
  EXPECT_GE(rate, 0.9);
}

}  // namespace
}  // namespace tidings
