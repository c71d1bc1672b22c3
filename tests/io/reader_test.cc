#include "tidings/io/reader.h"

#include <gtest/gtest.h>

#include "../common/temp_dir_test_base.h"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

namespace tidings {
namespace {
namespace fs = std::filesystem;

class ReaderTest : public testing_util::TempDirTest {
 protected:
  std::vector<ReadItem> ReadAll(std::vector<std::string> inputs, ReaderOptions o = {}) {
    DocumentReader r(std::move(inputs), o);
    std::vector<ReadItem> items;
    ReadItem it;
    while (r.Next(it)) items.push_back(std::move(it));
    return items;
  }
};

TEST_F(ReaderTest, JsonlDocumentsInOrderWithAllFieldNames) {
  std::string p = Write("a.jsonl",
                        "{\"id\":\"x\",\"text\":\"One.\",\"date\":\"2016-12-19\",\"title\":\"T\",\"url\":\"u\"}\n"
                        "\n"
                        "{\"maintext\":\"Two.\",\"date_publish\":\"2016-12-20 10:11:12\",\"id\":7}\n"
                        "{\"text\":\"Three.\",\"date\":\"2016-12-21T05:00:00Z\"}\n");
  auto items = ReadAll({p});
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].doc->id, "x");
  EXPECT_EQ(items[0].doc->title, "T");
  EXPECT_EQ(items[0].doc->date, "2016-12-19");
  EXPECT_EQ(items[1].doc->id, "7");
  EXPECT_EQ(items[1].doc->text, "Two.");
  EXPECT_EQ(items[1].doc->date, "2016-12-20");
  EXPECT_EQ(items[2].doc->id, "a.jsonl:4");
  EXPECT_EQ(items[2].doc->date, "2016-12-21");
}

TEST_F(ReaderTest, EveryMalformedLineIsReportedWithFileAndLineAndTheRestSurvive) {
  std::string p = Write("bad.jsonl",
                        "{\"id\":\"ok1\",\"text\":\"Fine.\"}\n"
                        "{\"id\":\"trunc\",\"text\":\"cut of\n"
                        "[1,2,3]\n"
                        "{\"id\":\"notext\"}\n"
                        "{\"id\":\"num\",\"text\":42}\n"
                        "{\"id\":\"baddate\",\"text\":\"x\",\"date\":\"19/12/2016\"}\n"
                        "{\"id\":\"nodate\",\"text\":\"x\",\"date\":\"2016-02-30\"}\n"
                        "{\"id\":\"empty\",\"text\":\"   \"}\n"
                        "{\"id\":\"nul\",\"text\":\"a\\u0000b\"}\n"
                        "{\"id\":\"bin\",\"text\":\"\xff\xfe\"}\n"
                        "{\"id\":\"ok2\",\"text\":\"Also fine.\"}");
  auto items = ReadAll({p});
  ASSERT_EQ(items.size(), 11u);
  EXPECT_TRUE(items[0].doc.has_value());
  const char* expect[] = {"bad.jsonl:2: invalid JSON", "bad.jsonl:3: not a JSON object",
                          "bad.jsonl:4: missing \"text\" (id notext)", "bad.jsonl:5: \"text\" is not a string",
                          "bad.jsonl:6: date", "bad.jsonl:7: date", "bad.jsonl:8: text: empty document",
                          "bad.jsonl:9: text: line 1: NUL byte", "bad.jsonl:10: invalid JSON"};
  for (int i = 0; i < 9; ++i) {
    EXPECT_FALSE(items[i + 1].doc.has_value()) << i;
    EXPECT_NE(items[i + 1].error.find(expect[i]), std::string::npos) << items[i + 1].error;
  }
  ASSERT_TRUE(items[10].doc.has_value());
  EXPECT_EQ(items[10].doc->id, "ok2");
}

TEST_F(ReaderTest, OverlongLineIsSkippedNotSlurped) {
  std::string big = "{\"text\":\"" + std::string(3000, 'a') + "\"}\n";
  std::string p = Write("big.jsonl", big + "{\"id\":\"after\",\"text\":\"ok\"}\n");
  ReaderOptions o;
  o.max_doc_bytes = 1000;
  auto items = ReadAll({p}, o);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_NE(items[0].error.find("big.jsonl:1: line longer than 1000 bytes"), std::string::npos);
  EXPECT_EQ(items[1].doc->id, "after");
}

TEST_F(ReaderTest, PlainFilesDirectoriesAndSidecarMetadata) {
  Write("d/b/002.txt", "Second.");
  Write("d/a/001.txt", "First.");
  Write("d/a/001.meta.json", "{\"id\":\"first\",\"date\":\"2016-12-19\"}");
  Write("d/c/bad.txt", std::string("line one\nline \x01\x02\x03\xC3 two", 22));
  Write("d/c/empty.txt", "");
  auto items = ReadAll({(dir_ / "d").string()});
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(items[0].doc->id, "first");
  EXPECT_EQ(items[0].doc->date, "2016-12-19");
  EXPECT_EQ(items[1].doc->id, "b/002.txt");
  EXPECT_NE(items[2].error.find("bad.txt:2: invalid UTF-8"), std::string::npos) << items[2].error;
  EXPECT_NE(items[3].error.find("empty.txt: empty document"), std::string::npos) << items[3].error;
}

TEST_F(ReaderTest, LegacyEightBitTextIsDecodedWithAWarning) {
  std::string p = Write("latin1.txt", "A fee of \xA3" "15.8m.\nQuote: \x93yes\x94.");
  auto items = ReadAll({p});
  ASSERT_EQ(items.size(), 1u);
  ASSERT_TRUE(items[0].doc.has_value()) << items[0].error;
  EXPECT_EQ(items[0].doc->text, "A fee of \xC2\xA3" "15.8m.\nQuote: \xE2\x80\x9Cyes\xE2\x80\x9D.");
  EXPECT_NE(items[0].warning.find("latin1.txt:1: not valid UTF-8; read as Windows-1252"), std::string::npos);
}

TEST_F(ReaderTest, SidecarOfAFileNamedOnTheCommandLineAndSpecialFilesAreReportedNotWaitedOn) {
  std::string txt = Write("e/x.txt", "Text.");
  Write("e/x.meta.json", "{\"id\":\"named\"}");
  std::string fifo = (dir_ / "e" / "pipe.txt").string();
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  auto items = ReadAll({txt, fifo, (dir_ / "e").string()});
  ASSERT_EQ(items.size(), 4u);  // x.txt, the FIFO, then the directory's pipe.txt and x.txt
  ASSERT_TRUE(items[0].doc.has_value()) << items[0].error;
  EXPECT_EQ(items[0].doc->id, "named");
  for (int i : {1, 2}) {
    EXPECT_FALSE(items[i].doc.has_value());
    EXPECT_NE(items[i].error.find("pipe.txt: cannot read"), std::string::npos) << items[i].error;
  }
  ASSERT_TRUE(items[3].doc.has_value()) << items[3].error;
  EXPECT_EQ(items[3].doc->id, "named");
}

TEST_F(ReaderTest, MissingFileIsAnErrorItem) {
  auto items = ReadAll({(dir_ / "nope.txt").string()});
  ASSERT_EQ(items.size(), 1u);
  EXPECT_NE(items[0].error.find("nope.txt"), std::string::npos);
}

TEST(NormalizeDate, AcceptsIsoFormsAndRejectsTheRest) {
  EXPECT_EQ(*NormalizeDate("2016-12-19"), "2016-12-19");
  EXPECT_EQ(*NormalizeDate("2016-12-19T10:00:00+03:00"), "2016-12-19");
  EXPECT_EQ(*NormalizeDate("2016-02-29"), "2016-02-29");
  EXPECT_FALSE(NormalizeDate("2015-02-29").ok());
  EXPECT_FALSE(NormalizeDate("2016-13-01").ok());
  EXPECT_FALSE(NormalizeDate("Dec 19, 2016").ok());
  EXPECT_FALSE(NormalizeDate("2016-12-19Tnonsense").ok());
  EXPECT_FALSE(NormalizeDate("").ok());
}

}  // namespace
}  // namespace tidings
