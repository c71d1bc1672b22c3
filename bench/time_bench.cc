// time_bench: throughput of the time expression annotator, and the text dump
// used to run a peer tool (chrono-node) on exactly the same texts.
//
//   time_bench [--reps N] [--dump FILE] PATH...
//
// PATH: .tml files (TimeML: TEXT annotated with the file's DCT) or .txt files
// (annotated with --dct, default 2005-06-01), or directories of them.
// Prints documents, characters (code points), seconds, characters/s, MB/s and
// peak memory. --dump writes one JSON object per line {"dct","text","gold":
// [[start,end,type,value]...]} with code point offsets (UTF-16 for the BMP).
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tidings/time/timeml_eval.h"
#include "tidings/time/timex.h"

namespace {

struct Item {
  std::string dct, text;
  std::vector<tidings::timex::GoldTimex> gold;
};

void JsonString(const std::string& s, std::string* out) {
  out->push_back('"');
  for (unsigned char c : s) {
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      default:
        if (c < 0x20) {
          char b[8];
          std::snprintf(b, sizeof b, "\\u%04x", c);
          out->append(b);
        } else {
          out->push_back(static_cast<char>(c));
        }
    }
  }
  out->push_back('"');
}

// UTF-16 code unit offset of byte offset b.
size_t U16(const std::string& s, size_t b) {
  size_t n = 0;
  for (size_t i = 0; i < b && i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) != 0x80) n += (c >= 0xF0) ? 2 : 1;
  }
  return n;
}

size_t CodePoints(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  int reps = 5;
  std::string dump, dct_txt = "2005-06-01";
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--reps" && i + 1 < argc) reps = std::max(1, std::atoi(argv[++i]));
    else if (a == "--dump" && i + 1 < argc) dump = argv[++i];
    else if (a == "--dct" && i + 1 < argc) dct_txt = argv[++i];
    else if (!a.empty() && a[0] == '-') {
      std::fprintf(stderr, "usage: time_bench [--reps N] [--dump FILE] [--dct DATE] PATH...\n");
      return 2;
    } else paths.push_back(a);
  }
  if (paths.empty()) {
    std::fprintf(stderr, "usage: time_bench [--reps N] [--dump FILE] [--dct DATE] PATH...\n");
    return 2;
  }
  std::vector<std::string> files;
  for (const auto& p : paths) {
    std::error_code ec;
    if (std::filesystem::is_directory(p, ec)) {
      for (auto it = std::filesystem::recursive_directory_iterator(p, ec);
           !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        auto ext = it->path().extension();
        if (it->is_regular_file() && (ext == ".tml" || ext == ".txt")) files.push_back(it->path().string());
      }
    } else {
      files.push_back(p);
    }
  }
  std::sort(files.begin(), files.end());
  std::vector<Item> items;
  for (const auto& f : files) {
    if (f.size() > 4 && f.substr(f.size() - 4) == ".tml") {
      auto d = tidings::timex::ReadTimeml(f);
      if (!d.ok()) {
        std::fprintf(stderr, "time_bench: %s\n", d.status().message().c_str());
        continue;
      }
      items.push_back({d->dct, d->text, d->gold});
    } else {
      std::ifstream in(f, std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      items.push_back({dct_txt, ss.str(), {}});
    }
  }
  size_t bytes = 0, chars = 0, found = 0;
  for (const auto& it : items) {
    bytes += it.text.size();
    chars += CodePoints(it.text);
  }
  // warm-up pass, then timed passes
  for (const auto& it : items) found += tidings::timex::Annotate(it.text, it.dct).times.size();
  auto t0 = std::chrono::steady_clock::now();
  for (int r = 0; r < reps; ++r)
    for (const auto& it : items) found += tidings::timex::Annotate(it.text, it.dct).times.size();
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() / reps;
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  std::printf("tidings-time: docs %zu  chars %zu  expressions %zu  seconds %.4f  chars/s %.0f  MB/s %.2f  peak_rss_mb %.1f\n",
              items.size(), chars, found / (reps + 1), secs, chars / secs, bytes / secs / 1e6, ru.ru_maxrss / 1024.0);
  if (!dump.empty()) {
    std::ofstream out(dump, std::ios::binary);
    std::string line;
    for (const auto& it : items) {
      line.clear();
      line += "{\"dct\":";
      JsonString(it.dct, &line);
      line += ",\"text\":";
      JsonString(it.text, &line);
      line += ",\"gold\":[";
      for (size_t g = 0; g < it.gold.size(); ++g) {
        if (g) line += ",";
        line += "[" + std::to_string(U16(it.text, it.gold[g].span.begin)) + "," +
                std::to_string(U16(it.text, it.gold[g].span.end)) + ",";
        JsonString(it.gold[g].type, &line);
        line += ",";
        JsonString(it.gold[g].value, &line);
        line += "]";
      }
      line += "]}\n";
      out << line;
    }
  }
  return 0;
}
