// End-to-end tests of the tidings program: exit statuses, order with -j,
// stdin, error messages.
#include <gtest/gtest.h>

#include "../common/temp_dir_test_base.h"
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <algorithm>
#include <unistd.h>

namespace {
namespace fs = std::filesystem;

struct Result {
  int status;
  std::string out;
};

Result Sh(const std::string& cmd) {
  std::string full = cmd + " 2>&1";
  std::FILE* p = popen(full.c_str(), "r");
  Result r{-1, ""};
  if (!p) return r;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

Result Tidings(const std::string& args) { return Sh(std::string(TIDINGS_BINARY) + " " + args); }

class CliTest : public tidings::testing_util::TempDirTest {
};

TEST_F(CliTest, HelpAndVersion) {
  Result h = Tidings("--help");
  EXPECT_EQ(h.status, 0);
  EXPECT_NE(h.out.find("extract"), std::string::npos);
  Result v = Tidings("--version");
  EXPECT_EQ(v.status, 0);
  EXPECT_NE(v.out.find("tidings 0."), std::string::npos);
  Result eh = Tidings("extract --help");
  EXPECT_EQ(eh.status, 0);
  EXPECT_NE(eh.out.find("--stages"), std::string::npos);
}

TEST_F(CliTest, UsageErrorsExitWithTwo) {
  EXPECT_EQ(Tidings("extract --bogus x").status, 2);
  EXPECT_EQ(Tidings("extract --date 2016-19-12 x").status, 2);
  EXPECT_EQ(Tidings("extract -j zero x").status, 2);
  EXPECT_EQ(Tidings("extract --stages nonsense x").status, 2);
  EXPECT_EQ(Tidings("frobnicate").status, 2);
  EXPECT_EQ(Tidings("").status, 2);
}

TEST_F(CliTest, OutputKeepsInputOrderWithThreads) {
  std::string jsonl;
  for (int i = 0; i < 300; ++i)
    jsonl += "{\"id\":\"d" + std::to_string(i) + "\",\"text\":\"" + std::string(static_cast<size_t>(i % 7) * 50, 'x') +
             " Sentence number " + std::to_string(i) + ". Another one.\"}\n";
  std::string in = Write("many.jsonl", jsonl);
  Result r = Tidings("extract --no-progress --stages segment -j 3 --no-text " + in);
  ASSERT_EQ(r.status, 0) << r.out;
  size_t pos = 0;
  for (int i = 0; i < 300; ++i) {
    std::string key = "\"id\":\"d" + std::to_string(i) + "\"";
    size_t f = r.out.find(key, pos);
    ASSERT_NE(f, std::string::npos) << "document " << i << " missing or out of order";
    pos = f;
  }
  EXPECT_EQ(r.out.find("\"text\":"), std::string::npos);
}

TEST_F(CliTest, BadDocumentsAreReportedSkippedAndExitOne) {
  std::string in = Write("mixed.jsonl",
                         "{\"id\":\"a\",\"text\":\"First.\"}\n{\"id\":\"b\",\"text\":\n{\"id\":\"c\",\"text\":\"Third.\"}\n");
  std::string bin = Write("junk.txt", std::string("\x00\x01\x02\xff", 4));
  Result r = Tidings("extract --no-progress --stages segment " + in + " " + bin);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("mixed.jsonl:2: invalid JSON"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("junk.txt:1: invalid UTF-8"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"id\":\"a\""), std::string::npos);
  EXPECT_NE(r.out.find("\"id\":\"c\""), std::string::npos);
}

TEST_F(CliTest, ReadsStdinAsPlainTextWithIdAndDate) {
  std::string in = Write("a.txt", "ANKARA (Reuters) - Envoy shot. Police said so.");
  Result r = Sh("cat " + in + " | " + std::string(TIDINGS_BINARY) +
             " extract --no-progress --stages segment --id art1 --date 2016-12-19 -");
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("\"id\":\"art1\""), std::string::npos);
  EXPECT_NE(r.out.find("\"date\":\"2016-12-19\""), std::string::npos);
  EXPECT_NE(r.out.find("\"dateline\":{\"start\":0,\"end\":18,\"text\":\"ANKARA (Reuters) -\""), std::string::npos)
      << r.out;
}

TEST_F(CliTest, WritesToOutputFileAndListsStages) {
  std::string in = Write("a.txt", "Hello there. General Kenobi.");
  std::string out = (dir_ / "out.jsonl").string();
  Result r = Tidings("extract --no-progress --stages segment -o " + out + " " + in);
  ASSERT_EQ(r.status, 0) << r.out;
  std::ifstream f(out);
  std::string line;
  std::getline(f, line);
  EXPECT_NE(line.find("\"sentences\":[[0,12],[13,28]]"), std::string::npos) << line;
  Result s = Tidings("stages");
  EXPECT_EQ(s.status, 0);
  EXPECT_NE(s.out.find("segment"), std::string::npos);
}

TEST_F(CliTest, ReferenceArticleSegmentation) {
  fs::path seed = fs::path(TIDINGS_SHARED_DIR) / "seed" / "ankara.txt";
  if (!fs::exists(seed)) GTEST_SKIP() << "reference article not found at " << seed << " (../shared absent)";
  Result r = Tidings("extract --no-progress --stages segment --date 2016-12-19 " + seed.string());
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("\"dateline\":{\"start\":0,\"end\":7,\"text\":\"Ankara:\""), std::string::npos);
  // 15 paragraphs; the witness's two-sentence quote is one sentence.
  size_t p = r.out.find("\"paragraphs\":[");
  ASSERT_NE(p, std::string::npos);
  std::string paras = r.out.substr(p, r.out.find("]]", p) - p);
  EXPECT_EQ(std::count(paras.begin(), paras.end(), '['), 16);  // outer + 15
}

}  // namespace
