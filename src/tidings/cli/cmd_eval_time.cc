// tidings eval-time: scores the time expression annotator on TimeML files.
//
//   tidings eval-time [--errors] DIR_OR_FILE...
//
// Every .tml file (directories are searched recursively) is read, its TEXT is
// annotated with the file's DCT, and the TIMEX3 annotations are compared the
// TempEval-3 way: relaxed (overlap) and strict (exact) span P/R/F1, type and
// value accuracy on relaxed matches, value F1 = value accuracy x relaxed F1.
// --errors prints every miss, false alarm and wrong value (for development).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "tidings/time/timeml_eval.h"
#include "tidings/time/timex.h"

using namespace tidings;

int RunEvalTime(int argc, char** argv) {
  bool errors = false;
  std::vector<std::string> inputs;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--errors") errors = true;
    else if (a == "-h" || a == "--help") {
      std::printf("usage: tidings eval-time [--errors] DIR_OR_FILE...\n");
      return 0;
    } else if (!a.empty() && a[0] == '-') {
      std::fprintf(stderr, "eval-time: unknown option %s\n", a.c_str());
      return 2;
    } else {
      inputs.push_back(a);
    }
  }
  if (inputs.empty()) {
    std::fprintf(stderr, "usage: tidings eval-time [--errors] DIR_OR_FILE...\n");
    return 2;
  }
  std::vector<std::string> files;
  for (const auto& in : inputs) {
    std::error_code ec;
    if (std::filesystem::is_directory(in, ec)) {
      for (auto it = std::filesystem::recursive_directory_iterator(in, ec);
           !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file() && it->path().extension() == ".tml") files.push_back(it->path().string());
      }
    } else if (std::filesystem::exists(in, ec)) {
      files.push_back(in);
    } else {
      std::fprintf(stderr, "eval-time: %s: no such file or directory\n", in.c_str());
      return 2;
    }
  }
  std::sort(files.begin(), files.end());
  timex::Counts total;
  int failed = 0;
  size_t chars = 0;
  double secs = 0;
  for (const auto& f : files) {
    auto doc = timex::ReadTimeml(f);
    if (!doc.ok()) {
      std::fprintf(stderr, "eval-time: %s\n", doc.status().message().c_str());
      ++failed;
      continue;
    }
    auto t0 = std::chrono::steady_clock::now();
    timex::Result r = timex::Annotate(doc->text, doc->dct);
    secs += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    chars += doc->text.size();
    std::vector<timex::Diff> diffs;
    timex::Counts c = timex::ScoreDoc(*doc, r.times, errors ? &diffs : nullptr);
    total.Add(c);
    for (const auto& d : diffs) {
      // a little context, on one line
      size_t cb = d.begin > 80 ? d.begin - 80 : 0;
      std::string ctx = doc->text.substr(cb, 160);
      for (char& ch : ctx)
        if (ch == '\n' || ch == '\t') ch = ' ';
      std::printf("%s\t%s\t%s|%s\tgold=%s %s\tsys=%s %s\tdct=%s\t%s\n", d.kind.c_str(), doc->id.c_str(),
                  d.text.c_str(), d.sys_text.c_str(), d.gold_type.c_str(), d.gold_value.c_str(),
                  d.sys_type.c_str(), d.sys_value.c_str(), doc->dct.c_str(), ctx.c_str());
    }
  }
  timex::Scores s = timex::ComputeScores(total);
  std::printf("files %zu  gold %lld  system %lld  relaxed matches %lld  strict matches %lld\n",
              files.size() - failed, static_cast<long long>(total.gold), static_cast<long long>(total.sys),
              static_cast<long long>(total.relaxed), static_cast<long long>(total.strict));
  std::printf("relaxed  P %.4f  R %.4f  F1 %.4f\n", s.p, s.r, s.f1);
  std::printf("strict   P %.4f  R %.4f  F1 %.4f\n", s.strict_p, s.strict_r, s.strict_f1);
  std::printf("type     accuracy %.4f  F1 %.4f\n", s.type_acc, s.type_f1);
  std::printf("value    accuracy %.4f  F1 %.4f\n", s.value_acc, s.value_f1);
  std::printf("speed    %.1f MB/s (%zu bytes in %.3f s)\n", secs > 0 ? chars / secs / 1e6 : 0.0, chars, secs);
  return failed ? 1 : 0;
}
