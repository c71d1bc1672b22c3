#include "tidings/quotes/eval.h"

#include <simdjson.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace tidings::quotes {
namespace {

// Lowercase, without a leading article ("The Pope" ~ "Pope").
std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  for (std::string_view art : {"the ", "a ", "an "})
    if (out.size() > art.size() && out.compare(0, art.size(), art) == 0) return out.substr(art.size());
  return out;
}

bool IsWordChar(char c) { return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || (c & 0x80); }

bool ContainsWords(const std::string& hay, const std::string& needle) {
  if (needle.empty()) return false;
  for (size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) {
    bool lb = p == 0 || !IsWordChar(hay[p - 1]);
    size_t e = p + needle.size();
    bool rb = e >= hay.size() || !IsWordChar(hay[e]);
    if (lb && rb) return true;
  }
  return false;
}

}  // namespace

StatusOr<std::vector<EvalCase>> LoadEvalSet(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(path + ": cannot open");
  std::vector<EvalCase> out;
  simdjson::dom::parser parser;
  std::string line;
  size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty()) continue;
    std::string where = path + ":" + std::to_string(line_no) + ": ";
    simdjson::dom::element doc;
    if (auto err = parser.parse(line).get(doc)) return InvalidArgument(where + simdjson::error_message(err));
    EvalCase c;
    std::string_view sv;
    if (doc["id"].get(sv)) return InvalidArgument(where + "missing \"id\"");
    c.id = std::string(sv);
    if (doc["text"].get(sv)) return InvalidArgument(where + "missing \"text\"");
    c.text = std::string(sv);
    simdjson::dom::array qs;
    if (doc["quotes"].get(qs)) return InvalidArgument(where + "missing \"quotes\" array");
    for (simdjson::dom::element q : qs) {
      GoldQuote g;
      if (q["text"].get(sv)) return InvalidArgument(where + "quote without \"text\"");
      g.text = std::string(sv);
      if (!q["type"].get(sv)) g.partial = sv == "partial";
      simdjson::dom::array sp;
      if (!q["speaker"].get(sp))
        for (simdjson::dom::element s : sp)
          if (!s.get(sv)) g.speakers.emplace_back(sv);
      c.quotes.push_back(std::move(g));
    }
    out.push_back(std::move(c));
  }
  return out;
}

EvalCounts Score(const EvalCase& c, const Document& doc, std::vector<std::string>* errors) {
  EvalCounts n;
  struct G {
    Span span;
    const GoldQuote* q;
    bool used = false;
  };
  std::vector<G> gold;
  size_t from = 0;
  for (const GoldQuote& g : c.quotes) {
    size_t p = doc.text.find(g.text, from);
    if (p == std::string::npos) p = doc.text.find(g.text);
    if (p == std::string::npos) {
      if (errors) errors->push_back(c.id + ": gold quote not in text: " + g.text);
      continue;
    }
    gold.push_back({{static_cast<uint32_t>(p), static_cast<uint32_t>(p + g.text.size())}, &g});
    from = p + 1;
  }
  n.gold = static_cast<int>(c.quotes.size());
  for (const Quote& q : doc.quotes) {
    if (q.type == QuoteType::kIndirect) continue;
    ++n.predicted;
    G* best = nullptr;
    uint32_t best_ov = 0;
    for (G& g : gold) {
      if (g.used) continue;
      uint32_t b = std::max(g.span.begin, q.span.begin), e = std::min(g.span.end, q.span.end);
      uint32_t ov = e > b ? e - b : 0;
      if (ov * 2 >= std::max(g.span.size(), q.span.size()) && ov > best_ov) best = &g, best_ov = ov;
    }
    std::string qtext(doc.span_text(q.span));
    if (!best) {
      if (errors) errors->push_back(c.id + ": spurious: [" + qtext + "]");
      continue;
    }
    best->used = true;
    ++n.matched;
    std::string text = Lower(doc.span_text(q.speaker)), name = Lower(q.speaker_name);
    bool ok;
    if (best->q->speakers.empty()) {
      ok = q.speaker.empty();
    } else {
      ok = false;
      for (const std::string& a : best->q->speakers) {
        std::string la = Lower(a);
        ok |= (!q.speaker.empty() && (name == la || ContainsWords(text, la) || ContainsWords(name, la)));
      }
    }
    if (ok) {
      ++n.correct;
    } else if (errors) {
      errors->push_back(c.id + ": wrong speaker for [" + qtext + "]: got [" + std::string(doc.span_text(q.speaker)) +
                        "] name [" + q.speaker_name + "], want [" +
                        (best->q->speakers.empty() ? std::string("null") : best->q->speakers[0]) + "]");
    }
  }
  if (errors)
    for (const G& g : gold)
      if (!g.used) errors->push_back(c.id + ": missed: [" + g.q->text + "]");
  return n;
}

}  // namespace tidings::quotes
