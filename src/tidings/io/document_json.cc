#include "tidings/io/document_json.h"

#include "tidings/io/json_writer.h"

namespace tidings {
namespace {

// One function per layer. A layer is written only when its stage ran, so
// `--stages time` output carries no empty entity arrays.

void WriteTextLayer(const Document& doc, JsonWriter& w, SpanWriter& sw) {
  w.Key("paragraphs");
  w.BeginArray();
  for (const auto& p : doc.paragraphs) sw.Pair({p.begin, p.end});
  w.EndArray();
  w.Key("sentences");
  w.BeginArray();
  for (const auto& s : doc.sentences) sw.Pair({s.begin, s.end});
  w.EndArray();
  w.Key("tokens");
  w.BeginArray();
  for (const auto& t : doc.tokens) sw.Pair({t.begin, t.end});
  w.EndArray();
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
  for (const auto& e : doc.entities) {
    w.BeginObject();
    sw.Fields({e.begin, e.end});
    w.Field("type", EntityTypeName(e.type));
    w.EndObject();
  }
  w.EndArray();
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
    w.EndObject();
  }
  w.EndArray();
}

}  // namespace

void WriteDocumentJson(const Document& doc, const JsonOptions& opts, std::string& out) {
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
  if (doc.has_stage("time")) WriteTimes(doc, w, sw);
  w.EndObject();
  out += '\n';
}

}  // namespace tidings
