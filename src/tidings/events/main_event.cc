#include "tidings/events/main_event.h"
#include "tidings/events/shallow.h"
#include "tidings/tagger/labels.h"

#include <cstdlib>
#include <algorithm>
#include <cstring>
#include <string_view>

namespace tidings::events {
namespace {

std::string Lower(std::string_view w) {
  std::string s(w);
  for (auto& c : s)
    if (c >= 'A' && c <= 'Z') c = char(c + 32);
  return s;
}

bool IsAttackerNoun(std::string_view w) {
  static constexpr std::string_view kNouns[] = {"gunman", "gunmen", "attacker", "attackers", "assailant", "assailants", "killer",
                                 "killers", "shooter", "shooters", "bomber", "bombers", "assassin", "perpetrator",
                                 "perpetrators", "hijacker", "hijackers", "kidnapper", "kidnappers"};
  for (auto n : kNouns)
    if (w == n) return true;
  return false;
}

bool IsWeaponNoun(std::string_view w) {
  static constexpr std::string_view kNouns[] = {"gun",    "pistol", "rifle",  "knife",   "machete", "machetes", "bomb",
                                 "bombs",  "missile", "missiles", "rocket", "rockets", "grenade", "grenades",
                                 "explosives", "tank", "tanks", "artillery", "drone", "drones", "mortar"};
  for (auto n : kNouns)
    if (w == n) return true;
  return false;
}

int Root(const std::string& c) { return c.size() >= 2 ? (c[0] - '0') * 10 + (c[1] - '0') : 0; }

// The sentence index where the lead ends (exclusive): the first three sentences
// with words, plus the title line when the text starts with it.
uint32_t LeadEnd(const Document& doc) {
  uint32_t n = 0, i = 0;
  for (; i < doc.sentences.size() && n < 3; ++i)
    if (doc.sentences[i].tok_end - doc.sentences[i].tok_begin > 3) ++n;
  return i;
}

// A sentence written in capitals only (a wire headline), at least three words.
bool CapitalsOnly(const Document& doc, uint32_t sent) {
  const Sentence& s = doc.sentences[sent];
  int words = 0;
  for (uint32_t t = s.tok_begin; t < s.tok_end; ++t) {
    std::string_view w = doc.word(t);
    bool letter = false;
    for (char c : w) {
      if (c >= 'a' && c <= 'z') return false;
      letter |= c >= 'A' && c <= 'Z';
    }
    words += letter;
  }
  return words >= 3;
}

// The place that is country `c` itself (its name or a nationality word), or kNone.
int32_t CountryPlace(const Document& doc, const Code& c) {
  for (size_t p = 0; p < doc.places.size(); ++p)
    if (doc.places[p].feature == PlaceFeature::kCountry && doc.places[p].country == c) return int32_t(p);
  return kNone;
}

// Whether the dateline names a place in country `c`.
bool DatelineIn(const Document& doc, const Code& c) {
  for (const Place& q : doc.places)
    if (q.country == c && doc.in_dateline(q)) return true;
  return false;
}

// A day-precise calendar value: "2016-12-19", "2016-12-19TNI", "2016-12-19T06:00".
bool IsDayValue(std::string_view v) {
  if (v.size() < 10 || v[4] != '-' || v[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (v[i] < '0' || v[i] > '9') return false;
  return true;
}

// The time expression of the event's own sentence that gave it a day-precise
// date (the coder's choice), if any.
const TimeExpr* OwnDayDate(const Document& doc, const Event& e) {
  if (!IsDayValue(e.date)) return nullptr;
  const Sentence& s = doc.sentences[e.sentence];
  for (const auto& t : doc.times)
    if (t.span.begin >= s.begin && t.span.end <= s.end &&
        (t.type == TimeType::kDate || t.type == TimeType::kTime) && t.value.compare(0, 10, e.date, 0, 10) == 0)
      return &t;
  return nullptr;
}

// The event's place is named in its own sentence as where it happened: after a
// locative word ("near Basra", "in southern Lebanon", "the city of Aleppo",
// "east of Basra"),
// outside its actors and within twenty words of the trigger - not "the U.S.
// Embassy in Moscow" at the end of a long sentence, nor a headline's subject.
bool OwnPlace(const Document& doc, const Event& e) {
  if (e.place == kNone || size_t(e.place) >= doc.places.size()) return false;
  const Sentence& s = doc.sentences[e.sentence];
  for (const auto& sp : doc.places[e.place].mentions) {
    if (sp.begin < s.begin || sp.end > s.end) continue;
    // (An implied source is the place itself: "a car bomb exploded in Kandahar".)
    bool in_src = !e.source.empty() && !e.source.implied && sp.begin >= e.source.span.begin && sp.end <= e.source.span.end;
    bool in_tgt = !e.target.empty() && sp.begin >= e.target.span.begin && sp.end <= e.target.span.end;
    if (in_src || in_tgt) continue;
    uint32_t t = s.tok_begin;
    while (t < s.tok_end && doc.tokens[t].begin < sp.begin) ++t;
    if (t >= s.tok_end) continue;
    uint32_t d = t > e.trigger_token ? t - e.trigger_token : e.trigger_token - t;
    if (d > 20) continue;
    for (uint32_t k = t, steps = 0; k > s.tok_begin && steps < 3; --k, ++steps) {
      std::string w = Lower(doc.word(k - 1));
      if (IsLocativePrep(w) && w != "from") {
        // "the U.S. Embassy in Moscow": the phrase belongs to the name before it,
        // unless that name is itself a place ("Kurdistan in northern Iraq") or
        // what the event acted on ("entered the Golden Temple in Amritsar").
        if (k - 1 > s.tok_begin) {
          std::string_view prev = doc.word(k - 2);
          if (!prev.empty() && prev[0] >= 'A' && prev[0] <= 'Z' && k - 2 > s.tok_begin) {
            const Token& pt = doc.tokens[k - 2];
            bool place_or_target = !e.target.empty() && pt.begin >= e.target.span.begin && pt.end <= e.target.span.end;
            for (const Place& q : doc.places)
              for (const auto& m : q.mentions) place_or_target |= m.begin <= pt.begin && pt.end <= m.end;
            if (!place_or_target) break;
          }
        }
        return true;
      }
      if (w == "of" && k - 1 > s.tok_begin) {
        std::string n = Lower(doc.word(k - 2));
        if (n == "city" || n == "town" || n == "village" || n == "province" || n == "region" || n == "capital" ||
            n == "outskirts" || n == "district" || n == "port" || n == "north" || n == "south" || n == "east" || n == "west" ||
            n == "northeast" || n == "northwest" || n == "southeast" || n == "southwest")
          return true;
      }
    }
  }
  return false;
}

// Two events of the headline and lead that may report the same happening: the
// same CAMEO root, or both violent (18-20: "ATTACK REPULSED" / "repelled an attack").
bool SameHappening(const Event& a, const Event& b) {
  int ra = Root(a.cameo), rb = Root(b.cameo);
  return ra == rb || (ra >= 18 && rb >= 18);
}

Actor ImplicitAttacker(const Document& doc, uint32_t upto_sentence, int32_t place) {
  Actor a;
  const uint32_t lim = upto_sentence < doc.sentences.size() ? upto_sentence : uint32_t(doc.sentences.size());
  if (lim == 0) return a;
  const uint32_t end_byte = doc.sentences[lim - 1].end;
  // 1. kb mentions headed by an attacker noun.
  for (size_t m = 0; m < doc.mentions.size(); ++m) {
    const auto& mm = doc.mentions[m];
    if (mm.span.end > end_byte) break;
    std::string head = Lower(doc.span_text(mm.head.empty() ? mm.span : mm.head));
    auto sp = head.rfind(' ');
    if (sp != std::string::npos) head = head.substr(sp + 1);
    if (!IsAttackerNoun(head)) continue;
    a.span = mm.span;
    a.mention = int32_t(m);
    a.country = mm.country;
    a.sector = mm.sector;
    a.cluster = mm.cluster;
    if (a.cluster >= 0 && size_t(a.cluster) < doc.clusters.size()) {
      if (a.country.empty()) a.country = doc.clusters[a.cluster].country;
      if (a.sector.empty()) a.sector = doc.clusters[a.cluster].sector;
    }
    // "the gunman ... was an off-duty police officer" / "identified the gunman as a ...":
    // the predicate nominal in the same sentence gives the identity.
    if (a.sector.empty() || a.country.empty()) {
      uint32_t s = doc.sentence_of_token(mm.tok_begin);
      for (size_t k = m + 1; k < doc.mentions.size(); ++k) {
        const auto& pm = doc.mentions[k];
        if (pm.tok_begin >= doc.sentences[s].tok_end) break;
        if (pm.tok_begin < 1) continue;
        uint32_t t = pm.tok_begin;
        std::string prev = Lower(doc.word(t - 1));
        std::string prev2 = t >= 2 ? Lower(doc.word(t - 2)) : "";
        bool pred = ((prev == "a" || prev == "an") &&
                     (prev2 == "was" || prev2 == "is" || prev2 == "as" || prev2 == "been")) ||
                    prev == "was" || prev == "as";
        if (!pred) continue;
        if (a.sector.empty()) a.sector = pm.sector;
        if (a.country.empty()) a.country = pm.country;
        if (pm.cluster >= 0 && size_t(pm.cluster) < doc.clusters.size()) {
          if (a.sector.empty()) a.sector = doc.clusters[pm.cluster].sector;
          if (a.country.empty()) a.country = doc.clusters[pm.cluster].country;
        }
        break;
      }
    }
    break;
  }
  // 2. Without mentions: the first attacker noun token.
  if (a.empty()) {
    for (uint32_t t = 0; t < doc.tokens.size() && doc.tokens[t].end <= end_byte; ++t) {
      if (IsAttackerNoun(Lower(doc.word(t)))) {
        a.span = {doc.tokens[t].begin, doc.tokens[t].end};
        if (t > 0 && Lower(doc.word(t - 1)) == "the") a.span.begin = doc.tokens[t - 1].begin;
        break;
      }
    }
  }
  if (!a.empty() && a.country.empty() && !a.sector.empty() && place != kNone)
    a.country = doc.places[place].country;
  a.ComposeCode();
  return a;
}

Span SentenceSpanAfter(const Document& doc, uint32_t sent, uint32_t from_byte, const char* const* cues, size_t ncue) {
  const Sentence& s = doc.sentences[sent];
  for (uint32_t t = s.tok_begin; t < s.tok_end; ++t) {
    if (doc.tokens[t].begin < from_byte) continue;
    std::string w = Lower(doc.word(t));
    for (size_t c = 0; c < ncue; ++c) {
      std::string_view cue = cues[c];
      auto sp = cue.find(' ');
      std::string_view first = cue.substr(0, sp);
      if (w != first) continue;
      if (sp != std::string_view::npos) {
        if (t + 1 >= s.tok_end || Lower(doc.word(t + 1)) != cue.substr(sp + 1)) continue;
      }
      // To the end of the clause (comma/period) or sentence.
      uint32_t e = t + 1;
      while (e < s.tok_end) {
        auto x = doc.word(e);
        if (x == "," || x == "." || x == ";") break;
        ++e;
      }
      return {doc.tokens[t].begin, doc.tokens[e - 1].end};
    }
  }
  return {};
}

}  // namespace

// No event was coded ("Raytheon has been awarded a contract", "A bomb rocked a
// white area of Johannesburg"): the lead still reports something, somewhere, on
// some day. The main event is then its first sentence in ordinary case with a
// verb: the verb as trigger, the noun phrase before it as who, the place named
// there as where it happened (else the dateline's, else the lead's first), and
// the day named there (else the dateline's, else the document's).
void UncodedMainEvent(Document& doc, uint32_t lead) {
  for (uint32_t si = 0; si < lead && si < doc.sentences.size(); ++si) {
    if (CapitalsOnly(doc, si)) continue;
    const Sentence& s = doc.sentences[si];
    uint32_t b = s.tok_begin;
    if (doc.dateline)  // the dateline is no part of the report
      while (b < s.tok_end && doc.tokens[b].begin < doc.dateline->whole.end) ++b;
    uint32_t verb = s.tok_end;
    for (uint32_t t = b; t < s.tok_end && verb == s.tok_end; ++t) {
      const std::string_view tag = tagger::PosTagName(doc.tokens[t].pos);
      if (tag == "VBD" || tag == "VBZ" || tag == "VBP" || tag == "VBN" || tag == "MD") verb = t;
    }
    if (verb == s.tok_end) continue;
    // The head of the verb group: past auxiliaries and modals ("has been awarded").
    uint32_t head = verb;
    while (head + 1 < s.tok_end && tagger::PosTagName(doc.tokens[head + 1].pos).rfind("VB", 0) == 0) ++head;
    MainEvent me;
    Event& ev = me.uncoded;
    ev.sentence = si;
    ev.trigger = {doc.tokens[head].begin, doc.tokens[head].end};
    ev.trigger_token = head;
    ev.confidence = 0.1f;
    if (verb > b) me.who = {doc.tokens[b].begin, doc.tokens[verb - 1].end};
    uint32_t we = head + 1;
    while (we < s.tok_end && doc.word(we) != "," && doc.word(we) != ";" && doc.word(we) != ".") ++we;
    me.what = {doc.tokens[verb].begin, doc.tokens[we - 1].end};
    // Where.
    for (size_t p = 0; p < doc.places.size() && ev.place == kNone; ++p)
      for (const auto& sp : doc.places[p].mentions) {
        if (sp.begin < doc.tokens[b].begin || sp.end > s.end) continue;
        uint32_t t = b;
        while (t < s.tok_end && doc.tokens[t].begin < sp.begin) ++t;
        bool loc = false;
        for (uint32_t k = t, steps = 0; k > b && steps < 3 && !loc; --k, ++steps) loc = IsLocativePrep(Lower(doc.word(k - 1)));
        if (loc) {
          ev.place = int32_t(p);
          me.where = sp;
          break;
        }
      }
    for (size_t p = 0; p < doc.places.size() && ev.place == kNone; ++p)
      if (doc.in_dateline(doc.places[p])) {
        ev.place = int32_t(p);
        me.where = doc.dateline->place;
      }
    if (ev.place == kNone && !doc.places.empty()) ev.place = 0;
    // When.
    for (const auto& t : doc.times)
      if (t.span.begin >= doc.tokens[b].begin && t.span.end <= s.end && IsDayValue(t.value)) {
        ev.date = t.value.substr(0, 10);
        me.when = t.span;
        break;
      }
    if (ev.date.empty() && doc.dateline)
      for (const auto& t : doc.times)
        if (t.span.begin >= doc.dateline->whole.begin && t.span.end <= doc.dateline->whole.end && IsDayValue(t.value))
          ev.date = t.value.substr(0, 10);
    if (ev.date.empty()) ev.date = doc.date;
    doc.main_event = me;
    return;
  }
}

void SelectMainEvent(Document& doc) {
  doc.main_event.reset();
  if (doc.events.empty()) {
    UncodedMainEvent(doc, LeadEnd(doc));
    return;
  }
  const uint32_t lead = LeadEnd(doc);
  // Cluster salience.
  auto salience = [&](const Actor& a) {
    if (a.cluster < 0 || size_t(a.cluster) >= doc.clusters.size()) return 0.0f;
    size_t n = doc.clusters[a.cluster].mentions.size();
    return n >= 5 ? 0.25f : 0.05f * float(n);
  };
  int best = -1;
  float best_score = -1e9f;
  for (size_t i = 0; i < doc.events.size(); ++i) {
    const Event& e = doc.events[i];
    float s = e.confidence;
    if (e.sentence < lead) s += 1.0f - 0.25f * float(e.sentence);
    else s -= 0.02f * float(e.sentence - lead);
    if (!e.source.empty() && !e.source.implied) s += 0.2f;
    if (!e.target.empty()) s += 0.2f;
    s += salience(e.source) + salience(e.target);
    int r = Root(e.cameo);
    if (r >= 14) s += 0.02f * float(r - 13);        // material, severe events lead the news
    if (r == 1 || r == 2) s -= 0.2f;
    s += 0.001f * float(e.cameo.size());          // more specific codes
    s += 0.00002f * float(std::atoi(e.cameo.c_str()) % 100);  // within a root: the graver sub-code (186 > 185)
    if (e.negated) s -= 1.0f;
    if (e.quote != kNone) s -= 0.4f;
    if (e.nominal) s -= 0.15f;
    if (s > best_score) {
      best_score = s;
      best = int(i);
    }
  }
  if (best < 0) return;
  // A headline in capitals is tagged and parsed worst ("PHILIPPINE ARMY ACADEMY
  // BOMBED" takes the academy for the bomber): when the lead reports the same
  // happening in ordinary case with its actors, that report is the main event.
  if (CapitalsOnly(doc, doc.events[best].sentence)) {
    const Event& h = doc.events[best];
    auto actors = [](const Event& x) { return int(!x.source.empty() && !x.source.implied) + int(!x.target.empty()); };
    for (size_t j = 0; j < doc.events.size(); ++j) {
      const Event& o = doc.events[j];
      if (o.sentence >= lead || o.sentence == h.sentence || o.negated || !SameHappening(h, o) ||
          CapitalsOnly(doc, o.sentence) || actors(o) < actors(h) || actors(o) == 0)
        continue;
      best = int(j);
      break;
    }
  }
  Event& ev = doc.events[best];
  int r = Root(ev.cameo);
  if ((ev.source.empty() || ev.source.implied) && r >= 18) {
    Actor a = ImplicitAttacker(doc, lead + 3, ev.place);
    if (!a.empty()) {
      ev.source = a;
      // The same attack told in one clause by several verbs ("was shot in the
      // back and killed") has one attacker: the sentence's other violent
      // events against the same victim take it too.
      for (size_t j = 0; j < doc.events.size(); ++j) {
        Event& o = doc.events[j];
        if (int(j) == best || o.sentence != ev.sentence || o.negated || Root(o.cameo) < 18 ||
            !(o.source.empty() || o.source.implied) || o.target.empty() || o.target.cluster < 0 ||
            o.target.cluster != ev.target.cluster)
          continue;
        o.source = a;
      }
    }
  }
  // Headlines and first sentences often report the happening without saying
  // when or where; the next report of it in the lead does ("Iraq crushes
  // Iranian offensive" / "... crushed a new Iranian offensive near Basra on
  // Thursday"). The main event takes the day and the place from the first
  // such report when its own sentence has none.
  {
    bool need_date = OwnDayDate(doc, ev) == nullptr;
    bool need_place = !OwnPlace(doc, ev);
    for (size_t j = 0; j < doc.events.size() && (need_date || need_place); ++j) {
      const Event& o = doc.events[j];
      if (int(j) == best || o.sentence > lead || o.negated || !SameHappening(ev, o)) continue;
      if (need_date) {
        // A day inside the event's own coarser date ("last month" -> "on Feb. 21"),
        // or any day when the event only had the document's date.
        const TimeExpr* t = OwnDayDate(doc, o);
        if (t && (ev.date == doc.date || t->value.compare(0, ev.date.size(), ev.date) == 0)) {
          ev.date = t->value.substr(0, 10);
          need_date = false;
        }
      }
      if (need_place && OwnPlace(doc, o)) {
        ev.place = o.place;
        need_place = false;
      }
    }
    // Air strikes and shelling (195, 194) land on the target's ground: with no
    // place named as where, a strike on another country's targets happened in
    // that country ("BAGHDAD - Iraq said its warplanes had attacked ... four
    // Iranian oil sites" is Iran, not Baghdad). The strike may be the lead's
    // report of the headline's happening ("IRAQ REPORTS ATTACKS").
    if (need_place) {
      auto strike = [](const Event& x) { return x.cameo.rfind("194", 0) == 0 || x.cameo.rfind("195", 0) == 0; };
      Code from = ev.source.country, at;
      for (size_t j = 0; j < doc.events.size() && at.empty(); ++j) {
        const Event& o = doc.events[j];
        if (o.negated || !strike(o) || (int(j) != best && (o.sentence > lead || !SameHappening(ev, o)))) continue;
        if (!o.target.country.empty() && !o.target.implied) at = o.target.country;
        if (from.empty()) from = o.source.country;
      }
      const int32_t p = at.empty() || at == from ? kNone : CountryPlace(doc, at);
      if (p != kNone) {
        ev.place = p;
        need_place = false;
      }
    }
    // A domestic event (source and target of one country) reported from
    // abroad happened in that country: "BANGKOK - Vietnam has ordered its
    // army ..." is Vietnam.
    if (need_place && !ev.source.country.empty() && ev.source.country == ev.target.country &&
        !DatelineIn(doc, ev.source.country)) {
      const int32_t p = CountryPlace(doc, ev.source.country);
      if (p != kNone) {
        ev.place = p;
        need_place = false;
      }
    }
    // A dateline that is a listening post ("NICOSIA - Iran said ..., Tehran radio
    // reported"; "a broadcast monitored in Nicosia"; "IRNA, received in London")
    // says where the broadcast was heard, not where the source acted: a
    // government's statement or act is placed in its country.
    if (need_place && !ev.source.empty() && !ev.source.implied && !ev.source.country.empty()) {
      bool post = false;
      const uint32_t lead_end = doc.sentences[std::min<size_t>(lead + 1, doc.sentences.size()) - 1].end;
      const std::string_view head = std::string_view(doc.text).substr(0, lead_end);
      for (const char* cue : {"monitored", "received in", "received here", "reported by radio", "radio reported",
                              "television reported", "radio said", "television said"})
        post |= head.find(cue) != std::string_view::npos;
      const int32_t p = post && !DatelineIn(doc, ev.source.country) ? CountryPlace(doc, ev.source.country) : kNone;
      if (p != kNone) {
        ev.place = p;
        need_place = false;
      }
    }
    // Else where the report comes from: a place merely mentioned in the
    // sentence ("protested to the U.N. over Turkish violations") is a topic,
    // not where the event happened.
    for (size_t p = 0; p < doc.places.size() && need_place; ++p)
      if (doc.in_dateline(doc.places[p])) {
        ev.place = int32_t(p);
        need_place = false;
      }
  }
  if (ev.place == kNone && !doc.places.empty()) {
    // The article's place: the first city or region named in the lead, else the most
    // mentioned place.
    int32_t first = kNone, most = kNone;
    uint32_t first_at = UINT32_MAX;
    size_t most_n = 0;
    const uint32_t lead_end = doc.sentences[std::min<size_t>(lead + 1, doc.sentences.size()) - 1].end;
    for (size_t p = 0; p < doc.places.size(); ++p) {
      const auto& pl = doc.places[p];
      for (const auto& sp : pl.mentions)
        if (sp.end <= lead_end && sp.begin < first_at && pl.feature != PlaceFeature::kCountry) {
          first_at = sp.begin;
          first = int32_t(p);
        }
      if (pl.mentions.size() > most_n) {
        most_n = pl.mentions.size();
        most = int32_t(p);
      }
    }
    ev.place = first != kNone ? first : most;
  }
  // A country is the least precise answer to "where": when the dateline names
  // a city or region of that country, the report comes from there ("LIMA -
  // ... Bank of Tokyo in Peru was wounded").
  if (ev.place != kNone && doc.places[ev.place].feature == PlaceFeature::kCountry) {
    for (size_t p = 0; p < doc.places.size(); ++p) {
      const Place& pl = doc.places[p];
      if (pl.feature != PlaceFeature::kCountry && pl.country == doc.places[ev.place].country && doc.in_dateline(pl)) {
        ev.place = int32_t(p);
        break;
      }
    }
  }
  MainEvent me;
  me.event = best;
  if (!ev.source.implied) me.who = ev.source.span;  // an implied source is a place, not who did it
  me.what = ev.trigger;
  if (!ev.target.empty() && ev.target.span.begin >= ev.trigger.end &&
      ev.target.span.begin <= doc.sentences[ev.sentence].end)
    me.what.end = ev.target.span.end;
  const Sentence& s = doc.sentences[ev.sentence];
  for (const auto& t : doc.times)
    if (t.span.begin >= s.begin && t.span.end <= s.end && t.type != TimeType::kDuration) {
      me.when = t.span;
      break;
    }
  if (ev.place != kNone) {
    const auto& pl = doc.places[ev.place];
    for (const auto& sp : pl.mentions)
      if (sp.begin >= s.begin && sp.end <= s.end) {
        me.where = sp;
        break;
      }
    if (me.where.empty() && doc.dateline && !doc.dateline->place.empty()) me.where = doc.dateline->place;
    if (me.where.empty() && !pl.mentions.empty()) me.where = pl.mentions[0];
  }
  static const char* const kWhy[] = {"because", "due to", "in protest", "to protest", "in response", "in retaliation",
                                     "over", "after", "following", "for"};
  me.why = SentenceSpanAfter(doc, ev.sentence, ev.trigger.end, kWhy, sizeof(kWhy) / sizeof(kWhy[0]));
  static const char* const kHow[] = {"with", "by", "using"};
  me.how = SentenceSpanAfter(doc, ev.sentence, ev.trigger.end, kHow, sizeof(kHow) / sizeof(kHow[0]));
  if (me.how.empty()) {
    // A weapon named in the lead.
    for (uint32_t t = s.tok_begin; t < doc.tokens.size(); ++t) {
      uint32_t st = doc.sentence_of_token(t);
      if (st > ev.sentence + 6) break;
      if (IsWeaponNoun(Lower(doc.word(t)))) {
        me.how = {doc.tokens[t].begin, doc.tokens[t].end};
        break;
      }
    }
  }
  doc.main_event = me;
}

}  // namespace tidings::events
