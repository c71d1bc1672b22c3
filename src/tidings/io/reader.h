// Input readers: plain-text files, JSON Lines files, directories and stdin.
//
// DocumentReader streams documents one at a time in input order, so memory
// stays bounded however large the input. A bad document (invalid UTF-8, NUL
// bytes, empty text, malformed JSON, missing "text", unparsable date, over
// the size limit) yields an error item naming file, line and id where known;
// reading continues with the next document.
#pragma once

#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tidings/core/document.h"
#include "tidings/core/status.h"

namespace tidings {

struct ReaderOptions {
  std::string default_date;       // --date: used when a document has none
  std::string default_id;         // --id: for a single plain-text input
  size_t max_doc_bytes = 16u << 20;  // larger documents (or JSON lines) are skipped
};

struct ReadItem {
  std::optional<Document> doc;  // set on success
  std::string error;            // "file:line: message (id X)" otherwise
  std::string warning;          // set with doc when the input needed repair
};

// Validates a date given as YYYY-MM-DD or an ISO 8601 date-time (also
// "YYYY-MM-DD HH:MM:SS" as news-please writes it) and returns YYYY-MM-DD.
StatusOr<std::string> NormalizeDate(std::string_view s);

// Plain-text files that are not valid UTF-8 but look like 8-bit legacy text
// (Windows-1252 / ISO 8859-1, as older corpora are) are decoded as
// Windows-1252 with a warning; binary data (NUL or other control bytes) is not.
bool LooksLikeLegacyText(std::string_view text);
std::string DecodeWindows1252(std::string_view text);

// Checks a document's text: valid UTF-8, no NUL bytes, not blank. On failure
// the message names the 1-based line of the problem.
Status CheckText(std::string_view text);

class DocumentReader {
 public:
  // `inputs`: files, directories (read recursively, sorted by path) or "-"
  // for stdin. Files ending in .jsonl (or .ndjson) are JSON Lines; any other
  // file is one plain-text document. "X.meta.json" beside "X.txt" supplies
  // the plain document's id and date.
  DocumentReader(std::vector<std::string> inputs, ReaderOptions opts);
  ~DocumentReader();
  DocumentReader(const DocumentReader&) = delete;
  DocumentReader& operator=(const DocumentReader&) = delete;

  // Next item; false at the end of all inputs.
  bool Next(ReadItem& item);

  // Number of input files found so far (directories are expanded lazily).
  size_t files_seen() const { return files_seen_; }
  // Total input files when known in advance (0 when unknown, e.g. stdin).
  size_t total_files() const { return total_files_; }
  // Expands directories now so total_files() is known (for progress display).
  void ExpandAll();

 private:
  struct Impl;
  bool OpenNextFile(ReadItem& item);
  // What the directory listing said of X.meta.json beside a file.
  enum class Sidecar : uint8_t { kUnknown, kListed, kAbsent };
  // `meta`: kAbsent spares the look-up of the sidecar.
  bool ReadPlain(const std::string& path, const std::string& id, Sidecar meta, ReadItem& item);
  bool NextJsonLine(ReadItem& item);

  std::vector<std::string> queue_;  // pending paths, in order
  std::vector<std::string> ids_;    // document id of each plain file in queue_
  std::vector<Sidecar> meta_;       // per queue_ entry (see ReadPlain)
  size_t qpos_ = 0;
  ReaderOptions opts_;
  std::unique_ptr<Impl> impl_;
  size_t files_seen_ = 0;
  size_t total_files_ = 0;
  bool single_input_ = false;
};

}  // namespace tidings
