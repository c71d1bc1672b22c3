// `tidings eval-geo FILE [--gold-spans] [--errors N]`: geoparsing evaluation on a
// corpus in the LGL XML format (articles with <text> and gold <toponym>s
// carrying GeoNames coordinates and country).
//
// End to end (default): every article runs through the pipeline up to "kb"
// from raw text; each gold toponym with coordinates counts as right when a
// place mention of ours overlaps it and our point lies within 161 km of the
// gold point, or our place is a country (feature "country") and the gold
// place lies in that country. Missed toponyms count as wrong. Also printed:
// detection recall, the country accuracy of the resolved ones and, with
// --gold-spans, resolution-only accuracy (gold spans given as LOC entities).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tidings/core/utf8.h"
#include "tidings/kb/kb.h"
#include "tidings/kb/kb_stage.h"
#include "tidings/pipeline/pipeline.h"

namespace {

struct GoldTopo {
  size_t start = 0, end = 0;  // code points
  std::string phrase, name, fcode, country;
  double lat = 0, lon = 0;
  bool has_coords = false;
};
struct Article {
  std::string id, text;
  std::vector<GoldTopo> topos;
};

std::string Unescape(std::string s) {
  static const std::pair<const char*, const char*> kEnt[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
  for (auto [from, to] : kEnt) {
    size_t p = 0;
    while ((p = s.find(from, p)) != std::string::npos) {
      s.replace(p, std::strlen(from), to);
      p += std::strlen(to);
    }
  }
  return s;
}

std::string Tag(const std::string& s, const std::string& tag, size_t from = 0, size_t to = std::string::npos) {
  size_t b = s.find("<" + tag, from);
  if (b == std::string::npos || b >= to) return "";
  b = s.find('>', b);
  if (b == std::string::npos) return "";
  size_t e = s.find("</" + tag + ">", b);
  if (e == std::string::npos || e > to) return "";
  return s.substr(b + 1, e - b - 1);
}

bool ParseLgl(const std::string& path, std::vector<Article>& out, std::string& err) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    err = "cannot open " + path;
    return false;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  std::string x = ss.str();
  size_t pos = 0;
  while ((pos = x.find("<article", pos)) != std::string::npos) {
    size_t end = x.find("</article>", pos);
    if (end == std::string::npos) {
      err = path + " line " + std::to_string(tidings::utf8::LineOf(x, pos)) + ": unterminated <article>";
      return false;
    }
    std::string a = x.substr(pos, end - pos);
    Article art;
    size_t id = a.find("docid=\"");
    if (id != std::string::npos) art.id = a.substr(id + 7, a.find('"', id + 7) - id - 7);
    size_t tb = a.find("<text>");
    size_t cd = a.find("<![CDATA[", tb);
    if (tb == std::string::npos) {
      pos = end;
      continue;
    }
    if (cd != std::string::npos && cd < a.find("</text>")) {
      size_t ce = a.find("]]>", cd);
      art.text = a.substr(cd + 9, ce - cd - 9);
    } else {
      art.text = Unescape(Tag(a, "text"));
    }
    size_t tp = 0;
    while ((tp = a.find("<toponym>", tp)) != std::string::npos) {
      size_t te = a.find("</toponym>", tp);
      if (te == std::string::npos) break;
      std::string t = a.substr(tp, te - tp);
      GoldTopo g;
      g.start = std::strtoul(Tag(t, "start").c_str(), nullptr, 10);
      g.end = std::strtoul(Tag(t, "end").c_str(), nullptr, 10);
      g.phrase = Unescape(Tag(t, "phrase"));
      std::string lat = Tag(t, "lat"), lon = Tag(t, "lon");
      if (!lat.empty() && !lon.empty()) {
        g.has_coords = true;
        g.lat = std::atof(lat.c_str());
        g.lon = std::atof(lon.c_str());
        g.name = Unescape(Tag(t, "name"));
        g.fcode = Tag(t, "fcode");
        g.country = Unescape(Tag(t, "country"));
      }
      art.topos.push_back(std::move(g));
      tp = te;
    }
    out.push_back(std::move(art));
    pos = end;
  }
  return true;
}

}  // namespace

int RunEvalGeo(int argc, char** argv) {
  std::string file;
  bool gold_spans = false;
  int show_errors = 0;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--gold-spans") gold_spans = true;
    else if (a == "--errors" && i + 1 < argc) show_errors = std::atoi(argv[++i]);
    else if (!a.empty() && a[0] != '-' && file.empty()) file = a;
    else {
      std::fprintf(stderr, "usage: tidings eval-geo FILE.xml [--gold-spans] [--errors N]\n");
      return 2;
    }
  }
  if (file.empty()) {
    std::fprintf(stderr, "usage: tidings eval-geo FILE.xml [--gold-spans] [--errors N]\n");
    return 2;
  }
  std::vector<Article> arts;
  std::string err;
  if (!ParseLgl(file, arts, err)) {
    std::fprintf(stderr, "tidings: %s\n", err.c_str());
    return 1;
  }
  tidings::Resources res = tidings::DefaultResources();
  auto kbp = tidings::kb::SharedKb(tidings::kb::KbPath(res));
  auto kb_stage = tidings::MakeKbStage(res);
  if (!kbp.ok() || !kb_stage.ok()) {
    std::fprintf(stderr, "tidings: %s\n", (kbp.ok() ? kb_stage.status() : kbp.status()).message().c_str());
    return 1;
  }
  // Upstream stages: everything "kb" needs.
  std::vector<std::string> upstream;
  for (auto dep : tidings::FindStage("kb")->requires_stages) upstream.emplace_back(dep);
  auto pipe = tidings::Pipeline::Create(upstream, res);
  if (!pipe.ok()) {
    std::fprintf(stderr, "tidings: %s\n", pipe.status().message().c_str());
    return 1;
  }
  const tidings::kb::KnowledgeBase& kb = **kbp;
  size_t n = 0, matched = 0, right = 0, country_right = 0, docs_failed = 0, ours = 0, ours_gold = 0;
  double secs = 0;
  int printed = 0;
  for (const Article& art : arts) {
    tidings::Document doc;
    doc.id = art.id;
    doc.text = art.text;
    if (tidings::utf8::FindInvalid(doc.text) != std::string::npos) {
      ++docs_failed;
      continue;
    }
    auto t0 = std::chrono::steady_clock::now();
    auto st = pipe->Process(doc);
    if (!st.ok()) {
      ++docs_failed;
      continue;
    }
    // code point -> byte offsets
    std::vector<uint32_t> cp2b;
    for (size_t i = 0; i < doc.text.size(); ++i)
      if ((static_cast<unsigned char>(doc.text[i]) & 0xC0) != 0x80) cp2b.push_back(static_cast<uint32_t>(i));
    cp2b.push_back(static_cast<uint32_t>(doc.text.size()));
    auto to_byte = [&](size_t cp) { return cp < cp2b.size() ? cp2b[cp] : static_cast<uint32_t>(doc.text.size()); };
    if (gold_spans) {
      doc.entities.erase(std::remove_if(doc.entities.begin(), doc.entities.end(),
                                        [](const tidings::Entity& e) { return e.type == tidings::EntityType::kLoc; }),
                         doc.entities.end());
      for (const GoldTopo& g : art.topos) {
        uint32_t b = to_byte(g.start), e = to_byte(g.end);
        tidings::Entity en;
        en.type = tidings::EntityType::kLoc;
        en.tok_begin = UINT32_MAX;
        for (uint32_t i = 0; i < doc.tokens.size(); ++i)
          if (doc.tokens[i].end > b && doc.tokens[i].begin < e) {
            if (en.tok_begin == UINT32_MAX) en.tok_begin = i;
            en.tok_end = i + 1;
          }
        if (en.tok_begin == UINT32_MAX) continue;
        // Drop overlapping tagger entities.
        doc.entities.erase(std::remove_if(doc.entities.begin(), doc.entities.end(),
                                          [&](const tidings::Entity& x) {
                                            return x.tok_begin < en.tok_end && en.tok_begin < x.tok_end;
                                          }),
                           doc.entities.end());
        en.begin = doc.tokens[en.tok_begin].begin;
        en.end = doc.tokens[en.tok_end - 1].end;
        doc.entities.push_back(en);
      }
      std::sort(doc.entities.begin(), doc.entities.end(),
                [](const tidings::Entity& a, const tidings::Entity& b) { return a.tok_begin < b.tok_begin; });
    }
    st = (*kb_stage)->Process(doc);
    secs += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!st.ok()) {
      ++docs_failed;
      continue;
    }
    // Precision side: our place mentions that overlap some gold toponym (a lower
    // bound, since a corpus may leave some place names unannotated).
    for (const auto& p : doc.places)
      for (const auto& m : p.mentions) {
        ++ours;
        for (const GoldTopo& g : art.topos)
          if (to_byte(g.start) < m.end && m.begin < to_byte(g.end)) {
            ++ours_gold;
            break;
          }
      }
    for (const GoldTopo& g : art.topos) {
      if (!g.has_coords) continue;
      ++n;
      uint32_t b = to_byte(g.start), e = to_byte(g.end);
      const tidings::Place* best = nullptr;
      uint32_t best_ov = 0;
      for (const auto& p : doc.places)
        for (const auto& m : p.mentions) {
          uint32_t ov = std::min(m.end, e) > std::max(m.begin, b) ? std::min(m.end, e) - std::max(m.begin, b) : 0;
          if (ov > best_ov) best_ov = ov, best = &p;
        }
      uint16_t gc = kb.FindCountryByName(g.country);
      std::string gold_a3 = gc == tidings::kb::kNoIndex16 ? "" : std::string(kb.country_a3(gc));
      bool ok = false;
      double d = -1;
      if (best) {
        ++matched;
        d = tidings::kb::DistanceKm(best->lat, best->lon, g.lat, g.lon);
        bool same_country = best->country.view() == gold_a3;
        ok = d <= 161.0 || (best->feature == tidings::PlaceFeature::kCountry && same_country);
        if (same_country) ++country_right;
      }
      if (ok) ++right;
      if (!ok && printed < show_errors) {
        ++printed;
        // Context: the tagger's entity over the gold span and the words around it.
        std::string ent = "-";
        for (const auto& en : doc.entities)
          if (en.begin < e && b < en.end) {
            static const char* const kT[] = {"PER", "ORG", "LOC", "MISC"};
            int ti = static_cast<int>(en.type);
            ent = std::string(ti >= 0 && ti < 4 ? kT[ti] : "?") + ":" + std::string(doc.span_text(en.begin, en.end));
            break;
          }
        uint32_t cb = b > 40 ? b - 40 : 0, ce = std::min<uint32_t>(static_cast<uint32_t>(doc.text.size()), e + 40);
        while (cb > 0 && (static_cast<unsigned char>(doc.text[cb]) & 0xC0) == 0x80) --cb;
        while (ce < doc.text.size() && (static_cast<unsigned char>(doc.text[ce]) & 0xC0) == 0x80) ++ce;
        std::string ctx(doc.span_text(cb, ce));
        std::replace(ctx.begin(), ctx.end(), '\n', ' ');
        std::replace(ctx.begin(), ctx.end(), '\t', ' ');
        std::printf("%s\t%s\tgold=%s/%s/%s\tours=%s\tent=%s\tctx=%s\n", art.id.c_str(), g.phrase.c_str(), g.name.c_str(),
                    g.fcode.c_str(), gold_a3.c_str(),
                    best ? (best->name + "/" + std::string(best->country.view()) + "/" +
                            std::string(tidings::kb::PlaceFeatureName(best->feature)) + " " +
                            std::to_string(static_cast<int>(d)) + "km")
                               .c_str()
                         : "MISSED",
                    ent.c_str(), ctx.c_str());
      }
    }
  }
  std::printf("eval-geo %s (%s): %zu articles, %zu gold toponyms with coordinates\n", file.c_str(),
              gold_spans ? "gold spans, resolution only" : "end to end", arts.size(), n);
  std::printf("  accuracy@161km        %.4f  (%zu/%zu; missed count as wrong)\n", n ? double(right) / n : 0.0, right, n);
  std::printf("  detected (overlap)    %.4f  (%zu/%zu)\n", n ? double(matched) / n : 0.0, matched, n);
  std::printf("  accuracy of detected  %.4f\n", matched ? double(right) / matched : 0.0);
  std::printf("  country of detected   %.4f  (%zu/%zu)\n", matched ? double(country_right) / matched : 0.0,
              country_right, matched);
  std::printf("  our mentions on gold  %.4f  (%zu/%zu; precision, a lower bound where gold is not exhaustive)\n",
              ours ? double(ours_gold) / ours : 0.0, ours_gold, ours);
  std::printf("  documents failed      %zu\n  time                  %.2f s\n", docs_failed, secs);
  return docs_failed ? 1 : 0;
}
