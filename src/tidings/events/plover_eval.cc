#include "tidings/events/plover_eval.h"

#include <simdjson.h>

#include <cstdio>

namespace tidings::events {
namespace {

std::string Country3(std::string_view code) { return std::string(code.substr(0, 3)); }

std::vector<std::string> GoldCodes(simdjson::dom::element rec, const char* key) {
  std::vector<std::string> out;
  simdjson::dom::array arr;
  if (rec[key].get_array().get(arr)) return out;
  for (auto a : arr) {
    std::string_view code;
    if (!a["code"].get_string().get(code)) out.push_back(Country3(code));
  }
  return out;
}

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  for (const auto& x : v)
    if (x == s) return true;
  return false;
}

}  // namespace

std::string LegacyPlover(std::string_view cameo, std::string_view p2021) {
  if (cameo.size() < 2) return {};
  int r = (cameo[0] - '0') * 10 + (cameo[1] - '0');
  switch (r) {
    case 2: case 10: return "DEMAND";
    case 3: return "AGREE";
    case 4: return "CONSULT";
    case 5: return "SUPPORT";
    case 6: return "COOPERATE";
    case 7: return "AID";
    case 8: return (cameo.size() >= 3 && cameo[2] >= '4') ? "RETREAT" : "CONCEDE";  // 080-083 yield, 084-087 retreat
    case 9: return "INVESTIGATE";
    case 11: return "DISAPPROVE";
    case 12: return "REJECT";
    case 13: return "THREATEN";
    case 14: return "PROTEST";
    case 15: return "MOBILIZE";
    case 16: return "SANCTION";
    case 17: return "COERCE";
    case 18: case 20: return "ASSAULT";
    case 19: return "FIGHT";
    default: return {};
  }
}

StatusOr<PloverScore> EvalPlover(const std::string& json, const Pipeline& pipe, bool details) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (auto err = parser.parse(json).get(root)) return InvalidArgument(simdjson::error_message(err));
  simdjson::dom::array recs;
  if (root.get_array().get(recs)) return InvalidArgument("expected a JSON array of records");
  PloverScore sc;
  for (auto rec : recs) {
    std::string_view text, gold_event, id, version, date;
    if (rec["text"].get_string().get(text) || text.empty()) continue;
    if (rec["event"].get_string().get(gold_event)) continue;
    // Optional fields: left empty when absent or not strings.
    if (rec["id"].get_string().get(id)) id = {};
    if (rec["version"].get_string().get(version)) version = {};
    if (rec["date"].get_string().get(date)) date = {};
    bool legacy = version.empty() || version < std::string_view("0.8");
    auto gsrc = GoldCodes(rec, "source");
    auto gtgt = GoldCodes(rec, "target");
    Document doc;
    doc.text = std::string(text);
    if (date.size() == 10) doc.date = std::string(date);
    doc.id = std::string(id);
    auto st = pipe.Process(doc);
    ++sc.records;
    if (!st.ok()) continue;
    const Event* best = nullptr;
    for (const auto& e : doc.events) {
      if (e.negated || e.plover.empty()) continue;
      if (!best || e.confidence > best->confidence) best = &e;
    }
    std::string cat, src, tgt;
    if (best) {
      ++sc.coded;
      cat = legacy ? LegacyPlover(best->cameo, best->plover) : best->plover;
      src = best->source.code.empty() ? "" : Country3(best->source.code);
      tgt = best->target.code.empty() ? "" : Country3(best->target.code);
    }
    bool cat_ok = cat == gold_event;
    bool src_ok = !src.empty() ? Contains(gsrc, src) : gsrc.empty();
    bool tgt_ok = gtgt.empty() ? (tgt.empty() || Contains(gsrc, tgt)) : (!tgt.empty() && Contains(gtgt, tgt));
    sc.category += cat_ok;
    sc.category_actors += cat_ok && src_ok && tgt_ok;
    if (details) {
      std::string gs, gt;
      for (auto& g : gsrc) gs += (gs.empty() ? "" : ",") + g;
      for (auto& g : gtgt) gt += (gt.empty() ? "" : ",") + g;
      char buf[512];
      std::snprintf(buf, sizeof buf, "%s\t%s\tgold=%s %s->%s\tgot=%s(%s) %s->%s [%s]\n",
                    cat_ok ? (src_ok && tgt_ok ? "OK  " : "CAT ") : "MISS", std::string(id).c_str(),
                    std::string(gold_event).c_str(), gs.c_str(), gt.c_str(), cat.c_str(),
                    best ? best->cameo.c_str() : "-", src.c_str(), tgt.c_str(),
                    best ? std::string(doc.span_text(best->trigger)).c_str() : "");
      sc.details += buf;
    }
  }
  return sc;
}

}  // namespace tidings::events
