// JsonWriter: a small, allocation-friendly JSON emitter appending to a string.
// Strings must be valid UTF-8 (Document text is validated on input); control
// characters, quotes and backslashes are escaped, everything else is copied.
// Spans are written as Unicode code point offsets via the OffsetMap given.
#pragma once

#include <charconv>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "tidings/core/document.h"
#include "tidings/core/utf8.h"

namespace tidings {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  void BeginObject() { Sep(); out_ += '{'; first_ = true; }
  void EndObject() { out_ += '}'; first_ = false; }
  void BeginArray() { Sep(); out_ += '['; first_ = true; }
  void EndArray() { out_ += ']'; first_ = false; }
  // Writes "name": and leaves the writer expecting a value. A short key that
  // needs no escaping (every field name of the schema) goes in one append.
  void Key(std::string_view k) {
    char buf[40];
    bool plain = k.size() + 4 <= sizeof buf;
    for (size_t i = 0; plain && i < k.size(); ++i) {
      const unsigned char c = static_cast<unsigned char>(k[i]);
      plain = c >= 0x20 && c != '"' && c != '\\';
    }
    if (plain) {
      char* p = buf;
      if (!first_) *p++ = ',';
      *p++ = '"';
      std::memcpy(p, k.data(), k.size());
      p += k.size();
      *p++ = '"';
      *p++ = ':';
      out_.append(buf, static_cast<size_t>(p - buf));
    } else {
      Sep();
      String(k);
      out_ += ':';
    }
    first_ = true;
  }
  void Value(std::string_view s) { Sep(); String(s); }
  void Value(const char* s) { Value(std::string_view(s)); }
  void Value(int64_t v) {
    Sep();
    char buf[24];
    out_.append(buf, static_cast<size_t>(std::to_chars(buf, buf + sizeof buf, v).ptr - buf));
  }
  // [a,b] as one append (token offsets: the bulk of every record).
  void Pair(uint32_t a, uint32_t b) {
    char buf[32];  // "],[" + 2 x 10 digits + ",]" fit in 25
    char* p = buf;
    *p++ = first_ ? '[' : ',';
    if (!first_) *p++ = '[';
    p = std::to_chars(p, buf + sizeof buf - 12, a).ptr;  // room left for ',' b ']'
    *p++ = ',';
    p = std::to_chars(p, buf + sizeof buf - 1, b).ptr;
    *p++ = ']';
    out_.append(buf, static_cast<size_t>(p - buf));
    first_ = false;
  }
  void Value(uint32_t v) { Value(static_cast<int64_t>(v)); }
  void Value(int32_t v) { Value(static_cast<int64_t>(v)); }
  void Value(double v);
  void Value(bool b) { Sep(); out_ += b ? "true" : "false"; }
  void Null() { Sep(); out_ += "null"; }
  // Writes a pre-serialized JSON value verbatim.
  void Raw(std::string_view json) { Sep(); out_ += json; }

  // Bulk writing of many array elements at once (token offsets, tags): Grow
  // returns room for at most `max_bytes` bytes at the end of the output,
  // Commit(end) keeps what was written up to `end`. `elements` is the number
  // of values written (for the separator state); the first of them needs no
  // comma when the bulk starts an array. Nothing else may be written between
  // the two calls.
  char* Grow(size_t max_bytes) {
    const size_t old = out_.size();
    out_.resize(old + max_bytes);
    return out_.data() + old;
  }
  void Commit(char* end, size_t elements) {
    out_.resize(static_cast<size_t>(end - out_.data()));
    if (elements) first_ = false;
  }

  template <typename T>
  void Field(std::string_view k, const T& v) {
    Key(k);
    Value(v);
  }
  // "key": "code" or "key": null when the code is empty.
  void CodeField(std::string_view k, const Code& c) {
    Key(k);
    if (c.empty()) Null(); else Value(c.view());
  }

  static void Escape(std::string_view s, std::string& out);

 private:
  void Sep() {
    if (!first_) out_ += ',';
    first_ = false;
  }
  void String(std::string_view s) {
    out_ += '"';
    Escape(s, out_);
    out_ += '"';
  }
  std::string& out_;
  bool first_ = true;
};

// Writes span fields of a document: "start", "end" (code points) and "text".
class SpanWriter {
 public:
  SpanWriter(const Document& doc, JsonWriter& w) : doc_(doc), w_(w), map_(doc.text) {}
  uint32_t Cp(uint32_t byte) const { return map_.ToCodePoint(byte); }
  // "start": s, "end": e, "text": "..." inside the current object.
  void Fields(Span s) {
    w_.Field("start", Cp(s.begin));
    w_.Field("end", Cp(s.end));
    w_.Field("text", doc_.span_text(s));
  }
  // [start, end]
  void Pair(Span s) { w_.Pair(Cp(s.begin), Cp(s.end)); }
  // {"start":..,"end":..,"text":..} or null when the span is empty.
  void Object(Span s) {
    if (s.empty()) {
      w_.Null();
      return;
    }
    w_.BeginObject();
    Fields(s);
    w_.EndObject();
  }

 private:
  const Document& doc_;
  JsonWriter& w_;
  utf8::OffsetMap map_;
};

}  // namespace tidings
