// Runs the literate golden event records in tests/golden/events/*.txt through
// the full pipeline (format: tests/golden/events/README.md).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tidings/pipeline/pipeline.h"

namespace tidings::events {
namespace {

struct Record {
  std::string name, date, text;
  std::vector<std::string> expect, noevent, main;
  int line = 0;
};

std::vector<Record> ReadRecords(const std::string& path) {
  std::ifstream in(path);
  std::vector<Record> out;
  Record r;
  std::string line;
  int ln = 0;
  auto flush = [&] {
    if (!r.text.empty() || !r.expect.empty()) out.push_back(r);
    r = Record{};
  };
  while (std::getline(in, line)) {
    ++ln;
    if (line == "---") {
      flush();
      continue;
    }
    if (r.line == 0) r.line = ln;
    auto val = [&](size_t n) { return line.substr(n); };
    if (line.rfind("## ", 0) == 0) r.name = val(3);
    else if (line.rfind("DATE: ", 0) == 0) r.date = val(6);
    else if (line.rfind("TEXT: ", 0) == 0) {
      if (!r.text.empty()) r.text += '\n';
      r.text += val(6);
    }
    else if (line.rfind("EXPECT: ", 0) == 0) r.expect.push_back(val(8));
    else if (line.rfind("NOEVENT: ", 0) == 0) r.noevent.push_back(val(9));
    else if (line.rfind("MAIN: ", 0) == 0) r.main.push_back(val(6));
  }
  flush();
  return out;
}

std::vector<std::string> Words(const std::string& s) {
  std::vector<std::string> w;
  std::istringstream ss(s);
  std::string x;
  while (ss >> x) w.push_back(x);
  return w;
}

// Empty string when `e` satisfies `spec`, else the first unmet condition.
std::string Check(const Document& d, const Event& e, const std::string& spec, bool have_kb) {
  auto w = Words(spec);
  if (w.empty()) return "empty spec";
  if (w[0] == "-") {  // an uncoded main event
    if (!e.cameo.empty()) return "code " + e.cameo + ", expected an uncoded main event";
  } else if (e.cameo.empty() || e.cameo.rfind(w[0], 0) != 0) {
    return "code " + e.cameo + " is not " + w[0] + "*";
  }
  for (size_t i = 1; i < w.size(); ++i) {
    std::string k = w[i], v;
    bool contains = false;
    auto p = k.find('~');
    if (p != std::string::npos) contains = true;
    else p = k.find('=');
    if (p == std::string::npos) return "bad condition " + k;
    v = k.substr(p + 1);
    k = k.substr(0, p);
    for (auto& c : v)
      if (c == '_') c = ' ';
    const Actor* a = k.rfind("source", 0) == 0 ? &e.source : k.rfind("target", 0) == 0 ? &e.target : nullptr;
    if (a && (k == "source" || k == "target")) {
      std::string text(d.span_text(a->span));
      if (!contains && v == "none") {
        if (!a->empty()) return k + " is '" + text + "', expected none";
      } else if (text.find(v) == std::string::npos) {
        return k + " is '" + text + "', expected ~" + v;
      }
    } else if (a && k.size() > 7 && k.substr(7) == "code") {
      if (have_kb && a->code != v) return k + " is '" + a->code + "'";
    } else if (a && k.size() > 7 && k.substr(7) == "country") {
      if (have_kb && a->country.view() != v) return k + " is '" + std::string(a->country.view()) + "'";
    } else if (k == "plover") {
      if (e.plover != v) return "plover " + e.plover;
    } else if (k == "negated") {
      if (e.negated != (v == "true")) return "negated mismatch";
    } else if (k == "date") {
      if (e.date != v) return "date " + e.date;
    } else if (k == "place") {
      if (have_kb && (e.place < 0 || d.places[e.place].name != v)) return "place mismatch";
    } else {
      return "unknown key " + k;
    }
  }
  return {};
}

std::string DumpEvents(const Document& d) {
  std::ostringstream o;
  for (size_t i = 0; i < d.events.size(); ++i) {
    const auto& e = d.events[i];
    o << "    " << (d.main_event && d.main_event->event == int(i) ? "*" : " ") << e.cameo << " src=["
      << d.span_text(e.source.span) << "|" << e.source.code << "] tgt=[" << d.span_text(e.target.span) << "|"
      << e.target.code << "] trig=[" << d.span_text(e.trigger) << "] neg=" << e.negated << " date=" << e.date
      << "\n";
  }
  return o.str();
}

TEST(EventsGolden, AllRecordsPass) {
  const std::string dir = std::string(TIDINGS_SOURCE_DIR) + "/tests/golden/events";
  auto pipe = Pipeline::Create({}, DefaultResources());
  ASSERT_TRUE(pipe.ok()) << pipe.status().message();
  int n = 0;
  std::vector<std::string> files;
  for (auto& f : std::filesystem::directory_iterator(dir))
    if (f.path().extension() == ".txt") files.push_back(f.path().string());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    for (const auto& r : ReadRecords(f)) {
      ++n;
      Document d;
      d.text = r.text;
      d.date = r.date;
      ASSERT_TRUE(pipe->Process(d).ok());
      const bool have_kb = d.has_stage("kb");
      const std::string where = f.substr(dir.size() + 1) + ":" + std::to_string(r.line) + " (" + r.name + ")";
      for (const auto& spec : r.expect) {
        std::string why = "no event";
        bool ok = false;
        for (const auto& e : d.events) {
          std::string c = Check(d, e, spec, have_kb);
          if (c.empty()) {
            ok = true;
            break;
          }
          if (e.cameo.rfind(Words(spec)[0], 0) == 0) why = c;
        }
        EXPECT_TRUE(ok) << where << "\n  EXPECT " << spec << ": " << why << "\n" << DumpEvents(d);
      }
      for (const auto& code : r.noevent) {
        for (const auto& e : d.events)
          EXPECT_FALSE(code == "*" || e.cameo.rfind(code, 0) == 0)
              << where << "\n  NOEVENT " << code << " but got " << e.cameo << "\n" << DumpEvents(d);
      }
      for (const auto& spec : r.main) {
        ASSERT_TRUE(d.main_event.has_value()) << where << ": no main event\n" << DumpEvents(d);
        const Event& me = d.main_event->event >= 0 ? d.events[d.main_event->event] : d.main_event->uncoded;
        std::string c = Check(d, me, spec, have_kb);
        EXPECT_TRUE(c.empty()) << where << "\n  MAIN " << spec << ": " << c << "\n" << DumpEvents(d);
      }
    }
  }
  EXPECT_GE(n, 20);
}

}  // namespace
}  // namespace tidings::events
