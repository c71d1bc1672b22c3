#include "tidings/io/document_json.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <string>

#include "tidings/io/json_writer.h"
#include "tidings/tagger/labels.h"

namespace tidings {
namespace {

// One function per layer. A layer is written only when its stage ran, so
// `--stages time` output carries no empty entity arrays.

// [[b,e],[b,e],...] for n spans (begin and end as code point offsets) in one
// pass over a reserved buffer: the token array is the bulk of every record.
template <class Spans>
void WritePairArray(JsonWriter& w, const SpanWriter& sw, const Spans& spans) {
  w.BeginArray();
  // "[" + 10 digits + "," + 10 digits + "]" and a separating comma.
  char* const begin = w.Grow(spans.size() * 24);
  char* p = begin;
  bool first = true;
  for (const auto& s : spans) {
    if (!first) *p++ = ',';
    first = false;
    *p++ = '[';
    p = std::to_chars(p, p + 10, sw.Cp(s.begin)).ptr;
    *p++ = ',';
    p = std::to_chars(p, p + 10, sw.Cp(s.end)).ptr;
    *p++ = ']';
  }
  w.Commit(p, spans.size());
  w.EndArray();
}

void WriteTextLayer(const Document& doc, JsonWriter& w, SpanWriter& sw) {
  w.Key("paragraphs");
  WritePairArray(w, sw, doc.paragraphs);
  w.Key("sentences");
  WritePairArray(w, sw, doc.sentences);
  w.Key("tokens");
  WritePairArray(w, sw, doc.tokens);
  w.Key("dateline");
  if (!doc.dateline) {
    w.Null();
  } else {
    const Dateline& d = *doc.dateline;
    w.BeginObject();
    sw.Fields(d.whole);
    w.Key("place");
    sw.Object(d.place);
    w.Key("source");
    sw.Object(d.source);
    w.Key("date");
    sw.Object(d.date_span);
    w.EndObject();
  }
}

void WriteEntities(const Document& doc, JsonWriter& w, SpanWriter& sw) {
  w.Key("entities");
  w.BeginArray();
  const bool kb = doc.has_stage("kb");
  for (const auto& e : doc.entities) {
    w.BeginObject();
    sw.Fields({e.begin, e.end});
    w.Field("type", EntityTypeName(e.type));
    if (kb) {
      // Codes from the kb stage (docs/schema.md, stage `kb`).
      w.Key("country");
      if (e.country.empty()) w.Null(); else w.Value(e.country.view());
      w.Key("sector");
      if (e.sector.empty()) w.Null(); else w.Value(e.sector.view());
      w.Key("cluster");
      if (e.cluster < 0) w.Null(); else w.Value(e.cluster);
      w.Key("place");
      if (e.place < 0) w.Null(); else w.Value(e.place);
    }
    w.EndObject();
  }
  w.EndArray();
}

std::string_view PlaceFeatureJson(PlaceFeature f) {
  switch (f) {
    case PlaceFeature::kCountry: return "country";
    case PlaceFeature::kRegion: return "region";
    case PlaceFeature::kCity: return "city";
    case PlaceFeature::kCounty: return "county";
    case PlaceFeature::kContinent: return "continent";
    case PlaceFeature::kOther: break;
  }
  return "other";
}

void WriteCode(JsonWriter& w, std::string_view key, const Code& c) {
  w.Key(key);
  if (c.empty()) w.Null(); else w.Value(c.view());
}

void WriteKb(const Document& doc, JsonWriter& w, SpanWriter& sw) {
  static constexpr std::string_view kKinds[] = {"name", "nominal", "pronoun"};
  w.Key("places");
  w.BeginArray();
  for (const auto& p : doc.places) {
    w.BeginObject();
    w.Field("name", p.name);
    WriteCode(w, "country", p.country);
    w.Field("lat", p.lat);
    w.Field("lon", p.lon);
    w.Key("geonames_id");
    if (p.geonames_id > 0) w.Value(p.geonames_id); else w.Null();
    w.Field("feature", PlaceFeatureJson(p.feature));
    w.Key("mentions");
    w.BeginArray();
    for (const auto& m : p.mentions) sw.Pair(m);
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.Key("mentions");
  w.BeginArray();
  for (const auto& m : doc.mentions) {
    w.BeginObject();
    sw.Fields(m.span);
    w.Key("head");
    sw.Pair(m.head);
    w.Field("kind", kKinds[static_cast<int>(m.kind)]);
    w.Key("entity");
    if (m.entity < 0) w.Null(); else w.Value(m.entity);
    WriteCode(w, "country", m.country);
    WriteCode(w, "sector", m.sector);
    w.Key("cluster");
    if (m.cluster < 0) w.Null(); else w.Value(m.cluster);
    w.EndObject();
  }
  w.EndArray();
  w.Key("clusters");
  w.BeginArray();
  for (const auto& c : doc.clusters) {
    w.BeginObject();
    w.Field("name", c.name);
    WriteCode(w, "country", c.country);
    WriteCode(w, "sector", c.sector);
    w.Key("mentions");
    w.BeginArray();
    for (int32_t m : c.mentions) w.Value(m);
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  // Parts of speech and chunks, parallel to "tokens".
  // Each tag id's JSON string, escaped once.
  struct TagJson {
    std::array<std::string, 256> pos, chunk;
    size_t max_len = 0;
    TagJson() {
      for (int i = 0; i < 256; ++i) {
        auto quote = [](std::string_view name) {
          std::string out = "\"";
          JsonWriter::Escape(name, out);
          return out + '"';
        };
        pos[i] = quote(tagger::PosTagName(static_cast<uint8_t>(i)));
        chunk[i] = quote(tagger::ChunkTagName(static_cast<uint8_t>(i)));
        max_len = std::max({max_len, pos[i].size(), chunk[i].size()});
      }
    }
  };
  static const TagJson kTags;
  auto tag_array = [&](const std::array<std::string, 256>& json, uint8_t Token::*field) {
    w.BeginArray();
    char* p = w.Grow(doc.tokens.size() * (kTags.max_len + 1));
    bool first = true;
    for (const auto& t : doc.tokens) {
      if (!first) *p++ = ',';
      first = false;
      const std::string& j = json[t.*field];
      std::memcpy(p, j.data(), j.size());
      p += j.size();
    }
    w.Commit(p, doc.tokens.size());
    w.EndArray();
  };
  w.Key("pos");
  tag_array(kTags.pos, &Token::pos);
  w.Key("chunks");
  tag_array(kTags.chunk, &Token::chunk);
}

void WriteTimes(const Document& doc, JsonWriter& w, SpanWriter& sw) {
  static constexpr std::string_view kTypes[] = {"DATE", "TIME", "DURATION", "SET"};
  w.Key("times");
  w.BeginArray();
  for (const auto& t : doc.times) {
    w.BeginObject();
    sw.Fields(t.span);
    w.Field("type", kTypes[static_cast<int>(t.type)]);
    w.Field("value", t.value);
    w.Key("mod");
    if (t.mod.empty()) w.Null(); else w.Value(std::string_view(t.mod));
    w.Field("unresolved", t.unresolved);
    w.EndObject();
  }
  w.EndArray();
}

void WriteQuotes(const Document& doc, JsonWriter& w, SpanWriter& sw) {
  static constexpr std::string_view kTypes[] = {"direct", "indirect", "partial"};
  w.Key("quotes");
  w.BeginArray();
  for (const auto& q : doc.quotes) {
    w.BeginObject();
    sw.Fields(q.span);
    w.Field("type", kTypes[static_cast<int>(q.type)]);
    w.Key("speaker");
    if (q.speaker.empty()) {
      w.Null();
    } else {
      w.BeginObject();
      sw.Fields(q.speaker);
      w.Key("name");
      if (q.speaker_name.empty()) w.Null(); else w.Value(q.speaker_name);
      w.Key("cluster");
      if (q.speaker_cluster < 0) w.Null(); else w.Value(q.speaker_cluster);
      w.CodeField("country", q.speaker_country);
      w.CodeField("sector", q.speaker_sector);
      w.EndObject();
    }
    w.Key("cue");
    sw.Object(q.cue);
    w.Key("continues");
    if (q.continues < 0) w.Null(); else w.Value(q.continues);
    w.EndObject();
  }
  w.EndArray();
}

// ---- events/ ----

void WriteActor(const Document& doc, const Actor& a, JsonWriter& w, SpanWriter& sw) {
  if (a.empty()) {
    w.Null();
    return;
  }
  w.BeginObject();
  sw.Fields(a.span);
  w.Key("cluster");
  if (a.cluster >= 0) w.Value(a.cluster); else w.Null();
  w.Key("code");
  if (a.code.empty()) w.Null(); else w.Value(a.code);
  w.CodeField("country", a.country);
  w.CodeField("sector", a.sector);
  if (a.implied) w.Field("implied", true);
  w.EndObject();
}

void WriteEventFields(const Document& doc, const Event& e, JsonWriter& w, SpanWriter& sw) {
  w.Key("cameo");
  if (e.cameo.empty()) w.Null(); else w.Value(e.cameo);
  w.Key("plover");
  if (e.plover.empty()) w.Null(); else w.Value(e.plover);
  w.Key("source");
  WriteActor(doc, e.source, w, sw);
  w.Key("target");
  WriteActor(doc, e.target, w, sw);
  w.Key("trigger");
  sw.Object(e.trigger);
  w.Field("sentence", e.sentence);
  w.Key("location");
  if (e.place >= 0 && size_t(e.place) < doc.places.size()) {
    const Place& p = doc.places[e.place];
    w.BeginObject();
    w.Field("place", e.place);
    w.Field("name", p.name);
    w.CodeField("country", p.country);
    w.Field("lat", p.lat);
    w.Field("lon", p.lon);
    w.EndObject();
  } else {
    w.Null();
  }
  w.Key("date");
  if (e.date.empty()) w.Null(); else w.Value(e.date);
  w.Key("quote");
  if (e.quote >= 0) w.Value(e.quote); else w.Null();
  w.Field("negated", e.negated);
  w.Field("confidence", static_cast<double>(e.confidence));
}

void WriteEvents(const Document& doc, JsonWriter& w, SpanWriter& sw) {
  w.Key("events");
  w.BeginArray();
  for (const auto& e : doc.events) {
    w.BeginObject();
    WriteEventFields(doc, e, w, sw);
    w.EndObject();
  }
  w.EndArray();
  w.Key("main_event");
  const auto& m = doc.main_event;
  const bool coded = m && m->event >= 0 && size_t(m->event) < doc.events.size();
  if (!m || (!coded && m->uncoded.trigger.empty())) {
    w.Null();
    return;
  }
  w.BeginObject();
  w.Key("event");
  if (coded) w.Value(m->event); else w.Null();
  WriteEventFields(doc, coded ? doc.events[m->event] : m->uncoded, w, sw);
  const std::pair<const char*, Span> w5h[] = {{"who", m->who},   {"what", m->what}, {"when", m->when},
                                              {"where", m->where}, {"why", m->why},   {"how", m->how}};
  for (const auto& [k, s] : w5h) {
    w.Key(k);
    sw.Object(s);
  }
  w.EndObject();
}

}  // namespace

void WriteDocumentJson(const Document& doc, const JsonOptions& opts, std::string& out) {
  // Records run to about ten times the text (offsets, codes); one reservation
  // saves the repeated growth of a fresh buffer.
  out.reserve(out.size() + 12 * doc.text.size() + 1024);
  JsonWriter w(out);
  SpanWriter sw(doc, w);
  w.BeginObject();
  w.Field("schema", std::string("tidings/") + std::string(kSchemaVersion));
  w.Field("id", doc.id);
  w.Key("date");
  if (doc.date.empty()) w.Null(); else w.Value(doc.date);
  if (!doc.title.empty()) w.Field("title", doc.title);
  if (!doc.url.empty()) w.Field("url", doc.url);
  if (opts.include_text) w.Field("text", doc.text);
  if (doc.has_stage("segment")) WriteTextLayer(doc, w, sw);
  if (doc.has_stage("tagger")) WriteEntities(doc, w, sw);
  if (doc.has_stage("kb")) WriteKb(doc, w, sw);
  if (doc.has_stage("time")) WriteTimes(doc, w, sw);
  if (doc.has_stage("quotes")) WriteQuotes(doc, w, sw);
  if (doc.has_stage("events")) WriteEvents(doc, w, sw);
  w.EndObject();
  out += '\n';
}

}  // namespace tidings
