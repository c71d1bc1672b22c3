#include "tidings/io/json_writer.h"

#include <cmath>
#include <cstdio>

namespace tidings {

void JsonWriter::Value(double v) {
  Sep();
  if (!std::isfinite(v)) {
    out_ += "null";
    return;
  }
  char buf[32];
  int n = std::snprintf(buf, sizeof buf, "%.6g", v);
  out_.append(buf, n);
}

void JsonWriter::Escape(std::string_view s, std::string& out) {
  static const char* kHex = "0123456789abcdef";
  size_t run = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 15];
    }
  }
  out.append(s.data() + run, s.size() - run);
}

}  // namespace tidings
