#include "tidings/tagger/conll.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "tidings/core/utf8.h"

namespace tidings::tagger {
namespace {

bool IsDateline(const ConllSentence& s) {
  if (s.words.empty() || s.words.size() > 8) return false;
  const std::string& w = s.words.back();
  if (w.size() != 10 || w[4] != '-' || w[7] != '-') return false;
  for (size_t i = 0; i < 10; ++i)
    if (i != 4 && i != 7 && (w[i] < '0' || w[i] > '9')) return false;
  return true;
}

}  // namespace

StatusOr<ConllFile> ReadConll(std::istream& in, const std::string& name, int min_columns) {
  ConllFile f;
  std::vector<ConllSentence> pending;  // sentences of the current -DOCSTART- block
  ConllSentence cur;
  uint32_t nsent = 0;
  auto end_sentence = [&] {
    if (cur.words.empty()) return;
    pending.push_back(std::move(cur));
    cur = ConllSentence();
    ++nsent;
  };
  auto end_block = [&] {
    end_sentence();
    // Split the block into documents at dateline sentences (headline before).
    ConllDocument doc;
    for (size_t i = 0; i < pending.size(); ++i) {
      bool split = i + 1 < pending.size() && IsDateline(pending[i + 1]) && !doc.sentences.empty();
      if (split) {
        f.documents.push_back(std::move(doc));
        doc = ConllDocument();
      }
      doc.sentences.push_back(std::move(pending[i]));
    }
    if (!doc.sentences.empty()) f.documents.push_back(std::move(doc));
    pending.clear();
  };
  std::string line;
  uint32_t lineno = 0;
  std::vector<std::string> cols;
  while (std::getline(in, line)) {
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    cols.clear();
    size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
      size_t b = i;
      while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
      if (i > b) cols.emplace_back(line, b, i - b);
    }
    if (cols.empty()) {
      end_sentence();
      f.lines.push_back({ConllLine::kBlank, 0, 0, {}});
      continue;
    }
    if (cols[0] == "-DOCSTART-") {
      end_block();
      f.lines.push_back({ConllLine::kDocStart, 0, 0, line});
      continue;
    }
    if (static_cast<int>(cols.size()) < min_columns)
      return InvalidArgument(name + ":" + std::to_string(lineno) + ": expected at least " +
                             std::to_string(min_columns) + " columns, got " + std::to_string(cols.size()));
    if (utf8::FindInvalid(cols[0]) != std::string_view::npos) f.invalid_utf8_lines.push_back(lineno);
    if (cur.words.empty()) cur.first_line = lineno;
    f.lines.push_back({ConllLine::kToken, nsent, static_cast<uint32_t>(cur.words.size()), {}});
    cur.words.push_back(cols[0]);
    cur.cols.push_back(cols);
  }
  if (in.bad()) return Internal(name + ": read error");
  end_block();
  return f;
}

StatusOr<ConllFile> ReadConllFile(const std::string& path, int min_columns) {
  if (path == "-") return ReadConll(std::cin, "<stdin>", min_columns);
  std::ifstream in(path);
  if (!in) return NotFound("cannot open " + path);
  return ReadConll(in, path, min_columns);
}

namespace {

struct Chunk {
  size_t b, e;
  std::string type;
  bool operator<(const Chunk& o) const { return b != o.b ? b < o.b : e != o.e ? e < o.e : type < o.type; }
  bool operator==(const Chunk& o) const { return b == o.b && e == o.e && type == o.type; }
};

// conlleval's chunk boundaries (IOB1 and IOB2 both accepted).
std::vector<Chunk> Chunks(const std::vector<std::string>& tags) {
  std::vector<Chunk> out;
  std::string open_type;
  size_t open_b = 0;
  bool open = false;
  for (size_t i = 0; i <= tags.size(); ++i) {
    std::string_view t = i < tags.size() ? std::string_view(tags[i]) : std::string_view("O");
    char p = t.size() >= 2 && t[1] == '-' ? t[0] : 'O';
    std::string_view ty = p == 'O' ? std::string_view() : t.substr(2);
    bool starts = p == 'B' || p == 'S' || p == 'U' || (p != 'O' && (!open || ty != open_type));
    if (open && (p == 'O' || starts)) {
      out.push_back({open_b, i, open_type});
      open = false;
    }
    if (p != 'O' && starts) {
      open = true;
      open_b = i;
      open_type = std::string(ty);
    }
    if (open && (p == 'E' || p == 'L' || p == 'U' || p == 'S')) {
      out.push_back({open_b, i + 1, open_type});
      open = false;
    }
  }
  return out;
}

}  // namespace

void ChunkScore::Add(const std::vector<std::string>& gold, const std::vector<std::string>& pred) {
  size_t n = std::min(gold.size(), pred.size());
  for (size_t i = 0; i < n; ++i) {
    ++tokens;
    tokens_correct += gold[i] == pred[i];
  }
  auto g = Chunks(gold), p = Chunks(pred);
  auto counts = [&](const std::string& type) -> Counts& {
    for (auto& [t, c] : by_type)
      if (t == type) return c;
    by_type.push_back({type, {}});
    std::sort(by_type.begin(), by_type.end(), [](auto& a, auto& b) { return a.first < b.first; });
    for (auto& [t, c] : by_type)
      if (t == type) return c;
    return all;  // unreachable
  };
  for (auto& c : g) ++all.gold, ++counts(c.type).gold;
  for (auto& c : p) ++all.pred, ++counts(c.type).pred;
  size_t i = 0, j = 0;
  std::sort(g.begin(), g.end());
  std::sort(p.begin(), p.end());
  while (i < g.size() && j < p.size()) {
    if (g[i] == p[j]) {
      ++all.correct;
      ++counts(g[i].type).correct;
      ++i, ++j;
    } else if (g[i] < p[j]) {
      ++i;
    } else {
      ++j;
    }
  }
}

double ChunkScore::F1(const Counts& c) {
  if (c.correct == 0) return 0;
  double p = static_cast<double>(c.correct) / c.pred, r = static_cast<double>(c.correct) / c.gold;
  return 2 * p * r / (p + r);
}

std::string ChunkScore::Report() const {
  char buf[256];
  std::string s;
  auto line = [&](const std::string& name, const Counts& c) {
    double p = c.pred ? 100.0 * c.correct / c.pred : 0, r = c.gold ? 100.0 * c.correct / c.gold : 0;
    std::snprintf(buf, sizeof buf, "%-8s precision %6.2f%%  recall %6.2f%%  F1 %6.2f  (gold %lld, predicted %lld)\n",
                  name.c_str(), p, r, 100 * F1(c), static_cast<long long>(c.gold), static_cast<long long>(c.pred));
    s += buf;
  };
  std::snprintf(buf, sizeof buf, "tokens %lld, accuracy %.2f%%\n", static_cast<long long>(tokens),
                tokens ? 100.0 * tokens_correct / tokens : 0.0);
  s += buf;
  line("overall", all);
  for (auto& [t, c] : by_type) line(t, c);
  return s;
}

}  // namespace tidings::tagger
