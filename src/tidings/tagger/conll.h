// CoNLL column files: reading sentences and documents, and conlleval-style
// scoring of BIO chunks (exact span and type).
#pragma once

#include <cstdint>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "tidings/core/status.h"

namespace tidings::tagger {

struct ConllSentence {
  std::vector<std::string> words;
  std::vector<std::vector<std::string>> cols;  // all columns of each line (cols[i][0] == words[i])
  uint32_t first_line = 0;                     // 1-based line of the first token
};

struct ConllDocument {
  std::vector<ConllSentence> sentences;
};

// One line of the input, to replay the file's layout when writing tags.
struct ConllLine {
  enum Kind : uint8_t { kToken, kBlank, kDocStart } kind;
  uint32_t sentence = 0;  // kToken: global sentence index
  uint32_t index = 0;     // kToken: index within the sentence
  std::string text;       // kDocStart: the line as read
};

struct ConllFile {
  std::vector<ConllDocument> documents;
  std::vector<ConllLine> lines;
  std::vector<uint32_t> invalid_utf8_lines;  // lines whose token is not valid UTF-8
};

// Reads a CoNLL file: one token a line (whitespace-separated columns), blank
// lines between sentences, "-DOCSTART-" lines between documents. Files
// without -DOCSTART- are split into documents before each dateline sentence
// ("BRUSSELS 1996-08-22") so document-level features still see articles.
// min_columns > 1 requires labelled lines (an error names the line).
StatusOr<ConllFile> ReadConll(std::istream& in, const std::string& name, int min_columns = 1);
StatusOr<ConllFile> ReadConllFile(const std::string& path, int min_columns = 1);

// conlleval scoring of BIO(IOB1/IOB2) label sequences.
struct ChunkScore {
  struct Counts {
    int64_t gold = 0, pred = 0, correct = 0;
  };
  Counts all;
  std::vector<std::pair<std::string, Counts>> by_type;
  int64_t tokens = 0, tokens_correct = 0;
  void Add(const std::vector<std::string>& gold, const std::vector<std::string>& pred);
  static double F1(const Counts& c);
  std::string Report() const;
};

}  // namespace tidings::tagger
