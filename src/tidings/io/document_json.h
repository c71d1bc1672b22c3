// Serialization of a processed Document as one JSON object (one JSON Lines
// record). The schema is documented in docs/schema.md; every record carries
// "schema": "tidings/<kSchemaVersion>". Offsets are Unicode code points.
#pragma once

#include <string>

#include "tidings/core/document.h"

namespace tidings {

struct JsonOptions {
  bool include_text = true;  // --no-text omits "text"
};

// Appends the JSON object for doc, followed by '\n', to out.
void WriteDocumentJson(const Document& doc, const JsonOptions& opts, std::string& out);

}  // namespace tidings
