#include "tidings/time/timeml_eval.h"

#include "tidings/time/timex.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace tidings::timex {

namespace {

// Value of attribute `name` in a start tag ("<TIMEX3 tid=... value="x">").
std::string Attr(std::string_view tag, std::string_view name) {
  size_t p = 0;
  while ((p = tag.find(name, p)) != std::string_view::npos) {
    bool boundary = p > 0 && (tag[p - 1] == ' ' || tag[p - 1] == '\t' || tag[p - 1] == '\n');
    size_t q = p + name.size();
    while (q < tag.size() && tag[q] == ' ') ++q;
    if (boundary && q < tag.size() && tag[q] == '=') {
      ++q;
      while (q < tag.size() && tag[q] == ' ') ++q;
      if (q < tag.size() && (tag[q] == '"' || tag[q] == '\'')) {
        char quote = tag[q];
        size_t e = tag.find(quote, q + 1);
        if (e == std::string_view::npos) return "";
        return std::string(tag.substr(q + 1, e - q - 1));
      }
    }
    p = q;
  }
  return "";
}

// Appends XML character data with entities decoded.
void AppendDecoded(std::string_view s, std::string* out) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out->push_back(s[i]);
      continue;
    }
    size_t semi = s.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) {
      out->push_back('&');
      continue;
    }
    std::string_view ent = s.substr(i + 1, semi - i - 1);
    if (ent == "amp") out->push_back('&');
    else if (ent == "lt") out->push_back('<');
    else if (ent == "gt") out->push_back('>');
    else if (ent == "quot") out->push_back('"');
    else if (ent == "apos") out->push_back('\'');
    else {
      out->append(s.substr(i, semi - i + 1));
    }
    i = semi;
  }
}

}  // namespace

StatusOr<TimemlDoc> ParseTimeml(std::string_view content, std::string_view name) {
  TimemlDoc doc;
  size_t id0 = content.find("<DOCID>");
  if (id0 != std::string_view::npos) {
    size_t id1 = content.find("</DOCID>", id0);
    if (id1 != std::string_view::npos) doc.id = std::string(content.substr(id0 + 7, id1 - id0 - 7));
  }
  size_t dct0 = content.find("<DCT>");
  if (dct0 != std::string_view::npos) {
    size_t t0 = content.find("<TIMEX3", dct0);
    size_t t1 = t0 == std::string_view::npos ? t0 : content.find('>', t0);
    if (t1 != std::string_view::npos) {
      std::string v = Attr(content.substr(t0, t1 - t0), "value");
      doc.dct = v.substr(0, 10);
    }
  }
  size_t tx0 = content.find("<TEXT>");
  size_t tx1 = content.find("</TEXT>");
  if (tx0 == std::string_view::npos || tx1 == std::string_view::npos || tx1 < tx0)
    return DataLoss(std::string(name) + ": no <TEXT> element");
  std::string_view body = content.substr(tx0 + 6, tx1 - tx0 - 6);
  size_t i = 0;
  bool open = false;
  GoldTimex cur;
  while (i < body.size()) {
    size_t lt = body.find('<', i);
    if (lt == std::string_view::npos) {
      AppendDecoded(body.substr(i), &doc.text);
      break;
    }
    AppendDecoded(body.substr(i, lt - i), &doc.text);
    size_t gt = body.find('>', lt);
    if (gt == std::string_view::npos) {
      // line number of the problem
      size_t line = 1;
      for (size_t k = 0; k < tx0 + 6 + lt; ++k) line += content[k] == '\n';
      return DataLoss(std::string(name) + ":" + std::to_string(line) + ": unterminated tag");
    }
    std::string_view tag = body.substr(lt, gt - lt + 1);
    if (tag.rfind("<TIMEX3", 0) == 0) {
      cur = GoldTimex();
      cur.span.begin = static_cast<uint32_t>(doc.text.size());
      cur.type = Attr(tag, "type");
      cur.value = Attr(tag, "value");
      open = true;
      if (tag.size() >= 2 && tag[tag.size() - 2] == '/') open = false;  // empty element
    } else if (tag.rfind("</TIMEX3", 0) == 0 && open) {
      cur.span.end = static_cast<uint32_t>(doc.text.size());
      doc.gold.push_back(cur);
      open = false;
    }
    i = gt + 1;
  }
  return doc;
}

StatusOr<TimemlDoc> ReadTimeml(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(path + ": cannot open");
  std::stringstream ss;
  ss << in.rdbuf();
  return ParseTimeml(ss.str(), path);
}

Scores ComputeScores(const Counts& c) {
  Scores s;
  auto f = [](double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0.0; };
  s.p = c.sys ? double(c.relaxed) / c.sys : 0;
  s.r = c.gold ? double(c.relaxed) / c.gold : 0;
  s.f1 = f(s.p, s.r);
  s.strict_p = c.sys ? double(c.strict) / c.sys : 0;
  s.strict_r = c.gold ? double(c.strict) / c.gold : 0;
  s.strict_f1 = f(s.strict_p, s.strict_r);
  s.type_acc = c.relaxed ? double(c.type_ok) / c.relaxed : 0;
  s.value_acc = c.relaxed ? double(c.value_ok) / c.relaxed : 0;
  s.type_f1 = s.type_acc * s.f1;
  s.value_f1 = s.value_acc * s.f1;
  return s;
}

namespace {
// Span without surrounding whitespace.
Span Trim(const std::string& text, Span s) {
  while (s.begin < s.end && (text[s.begin] == ' ' || text[s.begin] == '\n' || text[s.begin] == '\t')) ++s.begin;
  while (s.end > s.begin && (text[s.end - 1] == ' ' || text[s.end - 1] == '\n' || text[s.end - 1] == '\t')) --s.end;
  return s;
}
}  // namespace

Counts ScoreDoc(const TimemlDoc& doc, const std::vector<TimeExpr>& sys, std::vector<Diff>* diffs) {
  Counts c;
  c.gold = static_cast<int64_t>(doc.gold.size());
  c.sys = static_cast<int64_t>(sys.size());
  std::vector<int> sys_match(sys.size(), -1);
  for (size_t g = 0; g < doc.gold.size(); ++g) {
    Span gs = Trim(doc.text, doc.gold[g].span);
    int best = -1;
    uint32_t best_ov = 0;
    for (size_t s = 0; s < sys.size(); ++s) {
      if (sys_match[s] >= 0) continue;
      uint32_t b = std::max(gs.begin, sys[s].span.begin), e = std::min(gs.end, sys[s].span.end);
      if (e > b && e - b > best_ov) {
        best_ov = e - b;
        best = static_cast<int>(s);
      }
    }
    const GoldTimex& gt = doc.gold[g];
    if (best < 0) {
      if (diffs) diffs->push_back({"FN", doc.text.substr(gs.begin, gs.end - gs.begin), gt.value, "", gt.type, "", "", gs.begin});
      continue;
    }
    sys_match[best] = static_cast<int>(g);
    const TimeExpr& st = sys[best];
    ++c.relaxed;
    bool strict = st.span.begin == gs.begin && st.span.end == gs.end;
    c.strict += strict;
    bool type_ok = TimeTypeName(st.type) == gt.type;
    c.type_ok += type_ok;
    bool val_ok = st.value == gt.value;
    c.value_ok += val_ok;
    if (diffs) {
      std::string stext = doc.text.substr(st.span.begin, st.span.end - st.span.begin);
      std::string gtext = doc.text.substr(gs.begin, gs.end - gs.begin);
      if (!val_ok)
        diffs->push_back({"VAL", gtext, gt.value, st.value, gt.type, std::string(TimeTypeName(st.type)), stext, gs.begin});
      if (!strict)
        diffs->push_back({"SPAN", gtext, gt.value, st.value, gt.type, std::string(TimeTypeName(st.type)), stext, gs.begin});
    }
  }
  if (diffs) {
    for (size_t s = 0; s < sys.size(); ++s) {
      if (sys_match[s] >= 0) continue;
      const TimeExpr& st = sys[s];
      std::string stext = doc.text.substr(st.span.begin, st.span.end - st.span.begin);
      diffs->push_back({"FP", "", "", st.value, "", std::string(TimeTypeName(st.type)), stext, st.span.begin});
    }
  }
  return c;
}

}  // namespace tidings::timex
