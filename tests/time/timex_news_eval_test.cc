// Quality floor on news that the time rules were not developed on: the "test"
// (web news, 2014-2019) and "wire" (Reuters, 1987) sets of
// bench/data/timex_news.tsv, scored with bench/timex_news.py (TempEval-3
// measures). The articles are read from the shared data directory; without it
// the tests are skipped.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <string>

namespace {

std::string RunScript(const std::string& args, int* status) {
  std::string root = std::string(TIDINGS_TEST_DATA) + "/../..";
  std::string cmd = "python3 " + root + "/bench/timex_news.py --shared " + std::string(TIDINGS_SHARED_DIR) +
                    " --tidings " + std::string(TIDINGS_BINARY) + " " + args + " 2>&1";
  std::string out;
  std::FILE* p = popen(cmd.c_str(), "r");
  if (!p) {
    *status = -1;
    return out;
  }
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int st = pclose(p);
  *status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return out;
}

// The number after `label` on the line that starts with `line` ("value", "F1").
double Field(const std::string& out, const std::string& line, const std::string& label) {
  size_t p = out.find("\n" + line + " ");
  if (p == std::string::npos) return -1;
  size_t q = out.find(label + " ", p);
  size_t end = out.find('\n', p + 1);
  if (q == std::string::npos || q > end) return -1;
  return std::stod(out.substr(q + label.size() + 1));
}

// Runs one set and holds it to the time issue's targets with a margin.
void ExpectTargetsMet(const std::string& set) {
  int status = 0;
  std::string out = RunScript("--set " + set, &status);
  if (out.find("skipped") != std::string::npos) GTEST_SKIP() << out;
  ASSERT_EQ(status, 0) << out;
  // 20 articles each; see README for the figures.
  EXPECT_NE(out.find("files 20 "), std::string::npos) << out;
  EXPECT_GE(Field(out, "relaxed", "F1"), 0.90) << out;
  EXPECT_GE(Field(out, "value", "F1"), 0.85) << out;
}

TEST(TimexNewsEval, HeldOutWebNewsMeetsTheTargets) { ExpectTargetsMet("test"); }

TEST(TimexNewsEval, HeldOutNewswireMeetsTheTargets) { ExpectTargetsMet("wire"); }

}  // namespace
