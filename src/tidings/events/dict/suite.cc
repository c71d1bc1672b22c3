#include "tidings/events/dict/suite.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace tidings::dict {
namespace {

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string NoSpaces(std::string_view s) {
  std::string r;
  for (char c : s)
    if (!std::isspace(static_cast<unsigned char>(c))) r += c;
  return r;
}

bool IsBlank(std::string_view s) {
  for (char c : s)
    if (!std::isspace(static_cast<unsigned char>(c))) return false;
  return true;
}

// Reads the validation fields in comment text.
void ParseFields(const std::string& c, SuiteRecord& r) {
  size_t i = 0;
  while ((i = c.find('{', i)) != std::string::npos) {
    bool minus = i > 0 && c[i - 1] == '-';
    size_t close = c.find('}', i);
    size_t eol = c.find('\n', i);
    size_t stop = std::min(close, eol);
    std::string body = c.substr(i + 1, stop == std::string::npos ? std::string::npos : stop - i - 1);
    size_t cmt = body.find("*/");
    if (cmt != std::string::npos) body.resize(cmt);
    std::string t = Trim(body);
    if (minus) {
      r.stop_checking = true;
      i = stop == std::string::npos ? c.size() : stop + 1;
      break;
    }
    if (Upper(t).rfind("OPTION:", 0) == 0) {
      r.options.push_back(Trim(std::string_view(t).substr(7)));
    } else {
      std::string sq = NoSpaces(t);
      if (sq == "---" || sq == "###" || sq == "+++") {
        r.specials.push_back(sq);
      } else {
        std::vector<std::string> parts;
        std::stringstream ss(t);
        std::string part;
        while (std::getline(ss, part, '/')) parts.push_back(Upper(NoSpaces(part)));
        if (parts.size() == 3 && !parts[2].empty()) {
          ExpectedEvent e{parts[0], parts[1], parts[2], ""};
          if (close != std::string::npos && close < eol) {
            size_t k = close + 1;
            while (k < c.size() && (c[k] == ' ' || c[k] == '\t')) ++k;
            std::string d;
            while (k < c.size() && std::isdigit(static_cast<unsigned char>(c[k]))) d += c[k++];
            if (d.size() >= 6) e.date = d;
          }
          r.expected.push_back(e);
        }
      }
    }
    i = stop == std::string::npos ? c.size() : stop + 1;
  }
}

// Value of attribute `name` in the tag text `tag` ("name = \"v\"").
std::string Attr(std::string_view tag, std::string_view name) {
  size_t pos = 0;
  while ((pos = tag.find(name, pos)) != std::string_view::npos) {
    bool start_ok = pos == 0 || std::isspace(static_cast<unsigned char>(tag[pos - 1]));
    size_t k = pos + name.size();
    while (k < tag.size() && std::isspace(static_cast<unsigned char>(tag[k]))) ++k;
    if (start_ok && k < tag.size() && tag[k] == '=') {
      ++k;
      while (k < tag.size() && std::isspace(static_cast<unsigned char>(tag[k]))) ++k;
      if (k < tag.size() && (tag[k] == '"' || tag[k] == '\'')) {
        char q = tag[k];
        size_t e = tag.find(q, k + 1);
        if (e != std::string_view::npos) return std::string(tag.substr(k + 1, e - k - 1));
      }
    }
    pos += name.size();
  }
  return "";
}

std::vector<SuiteRecord> ParseXmlSuite(std::string_view text) {
  std::vector<SuiteRecord> out;
  size_t pos = 0;
  while ((pos = text.find("<Sentence", pos)) != std::string_view::npos) {
    size_t tag_end = text.find('>', pos);
    size_t end = text.find("</Sentence>", pos);
    if (tag_end == std::string_view::npos) break;
    if (end == std::string_view::npos) end = text.size();
    std::string_view tag = text.substr(pos, tag_end - pos);
    std::string_view body = text.substr(tag_end + 1, end > tag_end ? end - tag_end - 1 : 0);
    SuiteRecord r;
    r.line = static_cast<size_t>(std::count(text.begin(), text.begin() + pos, '\n')) + 1;
    r.date_text = Attr(tag, "date");
    r.id = Attr(tag, "id");
    size_t t1 = body.find("<Text>"), t2 = body.find("</Text>");
    if (t1 != std::string_view::npos && t2 != std::string_view::npos && t2 > t1)
      r.text = Trim(body.substr(t1 + 6, t2 - t1 - 6));
    size_t e = 0;
    while ((e = body.find("<EventCoding", e)) != std::string_view::npos) {
      size_t ee = body.find('>', e);
      if (ee == std::string_view::npos) break;
      std::string_view et = body.substr(e, ee - e);
      std::string noev = Upper(Attr(et, "noevents"));
      if (noev == "TRUE" || noev == "T") {
        r.specials.push_back("---");
      } else {
        ExpectedEvent x{Upper(NoSpaces(Attr(et, "sourcecode"))), Upper(NoSpaces(Attr(et, "targetcode"))),
                        Upper(NoSpaces(Attr(et, "eventcode"))), ""};
        if (!x.code.empty()) r.expected.push_back(x);
      }
      e = ee;
    }
    if (body.find("<Skip") != std::string_view::npos) r.stop_checking = true;
    r.final_period = !r.text.empty() && r.text.back() == '.';
    out.push_back(std::move(r));
    pos = end;
  }
  return out;
}

}  // namespace

bool ReadXmlEnvironment(std::string_view text, const std::string& dir, ProjectFiles& p) {
  size_t a = text.find("<Environment"), b = text.find("</Environment>");
  if (a == std::string_view::npos) return false;
  std::string_view env = text.substr(a, b == std::string_view::npos ? std::string_view::npos : b - a);
  namespace fs = std::filesystem;
  auto rel = [&](const std::string& f) { return (fs::path(dir) / f).string(); };
  size_t pos = 0;
  while ((pos = env.find('<', pos + 1)) != std::string_view::npos) {
    size_t e = env.find('>', pos);
    if (e == std::string_view::npos) break;
    std::string_view tag = env.substr(pos + 1, e - pos - 1);
    std::string name = Attr(tag, "name");
    if (name.empty()) continue;
    if (tag.rfind("Verbfile", 0) == 0) p.verbs = rel(name);
    else if (tag.rfind("Actorfile", 0) == 0) p.actors.push_back(rel(name));
    else if (tag.rfind("Agentfile", 0) == 0) p.agents = rel(name);
    else if (tag.rfind("Discardfile", 0) == 0) p.discards.push_back(rel(name));
    else if (tag.rfind("Optionsfile", 0) == 0) p.options = rel(name);
  }
  return true;
}

std::vector<SuiteRecord> ParseSuite(std::string_view text) {
  if (text.find("<Sentence") != std::string_view::npos && text.find("<Text>") != std::string_view::npos)
    return ParseXmlSuite(text);
  std::vector<SuiteRecord> out;
  std::vector<std::string_view> lines;
  {
    size_t pos = 0;
    while (pos <= text.size()) {
      size_t nl = text.find('\n', pos);
      if (nl == std::string_view::npos) nl = text.size();
      std::string_view l = text.substr(pos, nl - pos);
      if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
      lines.push_back(l);
      if (nl == text.size()) break;
      pos = nl + 1;
    }
  }
  size_t ln = 0;
  while (ln < lines.size()) {
    std::string_view l = lines[ln];
    if (l.empty() || !std::isdigit(static_cast<unsigned char>(l[0]))) {
      ++ln;
      continue;
    }
    SuiteRecord r;
    r.line = ln + 1;
    {
      std::string h(l);
      size_t sp = h.find_first_of(" \t");
      r.date_text = h.substr(0, sp);
      r.id = sp == std::string::npos ? "" : Trim(std::string_view(h).substr(sp));
      // "950101  950101  AGENTS-11": a repeated date is part of the id.
    }
    ++ln;
    // Body: until a blank line outside a comment.
    std::string body;
    bool in_comment = false;
    for (; ln < lines.size(); ++ln) {
      std::string_view b = lines[ln];
      if (IsBlank(b)) break;
      body += std::string(b);
      body += '\n';
      // Track comment state across lines.
      size_t k = 0;
      while (k < b.size()) {
        if (!in_comment && b.compare(k, 2, "/*") == 0) {
          in_comment = true;
          k += 2;
        } else if (in_comment && b.compare(k, 2, "*/") == 0) {
          in_comment = false;
          k += 2;
        } else {
          ++k;
        }
      }
    }
    // Split text and comments.
    std::string txt, cmt;
    bool seen_comment = false;
    size_t k = 0;
    bool inc = false;
    while (k < body.size()) {
      if (!inc && body.compare(k, 2, "/*") == 0) {
        inc = true;
        seen_comment = true;
        k += 2;
        continue;
      }
      if (inc && body.compare(k, 2, "*/") == 0) {
        inc = false;
        cmt += '\n';
        k += 2;
        continue;
      }
      if (inc) cmt += body[k];
      else if (seen_comment) cmt += body[k];  // stray fields after a comment
      else txt += body[k];
      ++k;
    }
    ParseFields(cmt, r);
    // Text after the comment that is not a field belongs to the sentence
    // (TABARI codes everything outside /* */), e.g. a comment in the middle.
    if (seen_comment) {
      std::string after;
      size_t p = 0;
      bool c2 = false, closed = false;
      while (p < body.size()) {
        if (!c2 && body.compare(p, 2, "/*") == 0) { c2 = true; p += 2; continue; }
        if (c2 && body.compare(p, 2, "*/") == 0) { c2 = false; closed = true; p += 2; after.clear(); continue; }
        if (!c2 && closed) after += body[p];
        ++p;
      }
      // Keep trailing text only when it is not made of fields.
      std::string t = Trim(after);
      if (!t.empty() && t.find('{') == std::string::npos && t.find("\\n") == std::string::npos &&
          txt.size() + t.size() < 20000)
        txt += " " + t;
    }
    // Remove "\n" display markers.
    std::string clean;
    clean.reserve(txt.size());
    for (size_t i = 0; i < txt.size(); ++i) {
      if (txt[i] == '\\' && i + 1 < txt.size() && txt[i + 1] == 'n') {
        clean += ' ';
        ++i;
      } else {
        clean += txt[i];
      }
    }
    r.text = Trim(clean);
    r.final_period = !r.text.empty() && r.text.back() == '.';
    out.push_back(std::move(r));
  }
  return out;
}

StatusOr<ProjectFiles> ReadProject(const std::string& path) {
  std::ifstream in(path);
  if (!in) return NotFound("cannot open project file " + path);
  namespace fs = std::filesystem;
  fs::path dir = fs::path(path).parent_path();
  auto rel = [&](const std::string& f) { return (dir / f).string(); };
  ProjectFiles p;
  std::string line;
  while (std::getline(in, line)) {
    std::string t = Trim(line);
    if (t.empty() || t[0] != '<') continue;
    size_t gt = t.find('>');
    if (gt == std::string::npos) continue;
    std::string tag = Upper(t.substr(1, gt - 1));
    std::string val = Trim(std::string_view(t).substr(gt + 1));
    if (val.empty()) continue;
    if (tag == "VERBSFILE") p.verbs = rel(val);
    else if (tag == "ACTORSFILE") p.actors.push_back(rel(val));
    else if (tag == "AGENTSFILE") p.agents = rel(val);
    else if (tag == "OPTIONSFILE") p.options = rel(val);
    else if (tag == "TEXTFILE") p.text = rel(val);
  }
  if (p.verbs.empty()) return InvalidArgument(path + ": no <verbsfile> in project");
  return p;
}

StatusOr<std::shared_ptr<Dictionaries>> LoadProjectDictionaries(const ProjectFiles& p) {
  auto d = std::make_shared<Dictionaries>();
  TIDINGS_RETURN_IF_ERROR(ReadVerbsFile(p.verbs, *d));
  for (const auto& a : p.actors) TIDINGS_RETURN_IF_ERROR(ReadActorsFile(a, *d));
  if (!p.agents.empty()) TIDINGS_RETURN_IF_ERROR(ReadAgentsFile(p.agents, *d));
  for (const auto& f : p.discards) TIDINGS_RETURN_IF_ERROR(ReadDiscardsFile(f, *d));
  d->options.time_shift = !d->times.empty();
  if (!p.options.empty()) TIDINGS_RETURN_IF_ERROR(ReadOptionsFile(p.options, *d));
  return d;
}

std::string FormatEvents(const std::vector<CodedEvent>& ev) {
  std::string s;
  for (const auto& e : ev) {
    if (!s.empty()) s += ' ';
    s += e.source + "/" + e.target + "/" + e.code;
  }
  return s;
}

std::string FormatExpected(const SuiteRecord& r) {
  std::string s;
  for (const auto& sp : r.specials) s += (s.empty() ? "" : " ") + sp;
  for (const auto& e : r.expected) s += (s.empty() ? "" : " ") + e.source + "/" + e.target + "/" + e.code;
  return s;
}

SuiteReport RunSuite(const std::vector<SuiteRecord>& records, const Coder& coder,
                     const SuiteRunOptions& ro) {
  SuiteReport rep;
  Options opt = coder.dictionaries().options;
  bool coded_any = false;
  for (const SuiteRecord& r : records) {
    if (ro.stop_without_fields && !r.has_fields()) {
      rep.stopped_at = r.id;
      break;
    }
    if (!r.options.empty()) {
      if (ro.defaults_only && coded_any) {
        rep.stopped_at = r.id;
        break;
      }
      for (const auto& o : r.options) {
        std::string line = o;
        size_t cmt = line.find("*/");
        if (cmt != std::string::npos) line.resize(cmt);
        opt.Apply(line);
      }
    }
    RecordOutcome out;
    out.record = &r;
    if (r.expected.empty() && r.specials.empty()) {
      out.checked = false;
      out.note = r.stop_checking ? "unchecked" : "options";
      if (r.stop_checking) ++rep.unchecked;
      rep.outcomes.push_back(std::move(out));
      continue;
    }
    coded_any = coded_any || !r.expected.empty();
    int32_t date = ParseTabariDate(r.date_text, opt.yyyy);
    if (!date) {
      out.checked = true;
      out.note = "bad date " + r.date_text;
      out.passed = false;
      for (const auto& s : r.specials) out.passed |= s == "---";
      ++rep.checked;
      rep.passed += out.passed;
      rep.outcomes.push_back(std::move(out));
      continue;
    }
    std::vector<TWord> words = TabariWords(r.text);
    out.result = coder.Code(words, date, opt, r.final_period);
    const CodeResult& res = out.result;
    bool pass = false;
    for (const auto& s : r.specials) {
      if (s == "---" && (res.status == CodeStatus::kNoEvents || res.status == CodeStatus::kTooShort)) pass = true;
      if (s == "###" && res.status == CodeStatus::kDiscard) pass = true;
      if (s == "+++" && res.status == CodeStatus::kComplex) pass = true;
    }
    if (!pass && !r.expected.empty() && res.status == CodeStatus::kOk) {
      std::set<std::tuple<std::string, std::string, std::string>> exp, got;
      for (const auto& e : r.expected) exp.insert({e.source, e.target, e.code});
      for (const auto& e : res.events) got.insert({Upper(e.source), Upper(e.target), Upper(e.code)});
      if (r.stop_checking) pass = std::includes(got.begin(), got.end(), exp.begin(), exp.end());
      else pass = exp == got;
      if (pass && opt.time_shift && !r.expected[0].date.empty()) {
        int32_t want = ParseTabariDate(r.expected[0].date, opt.yyyy);
        if (want != res.date) {
          pass = false;
          out.note = "date " + std::to_string(res.date);
        }
      }
    }
    out.checked = true;
    out.passed = pass;
    ++rep.checked;
    rep.passed += pass;
    rep.outcomes.push_back(std::move(out));
  }
  return rep;
}

}  // namespace tidings::dict
