// Test helpers for the event coder: hand-built Documents (a simple tokenizer
// independent of the segmenter), optional tagging with the shipped tagger
// models, and hand-added mentions/places/times/quotes.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "tidings/core/document.h"
#include "tidings/pipeline/pipeline.h"
#include "tidings/pipeline/registry.h"

namespace tidings::events::testing {

// Splits text into sentences (". ", "? ", "! " or newline) and tokens (spaces;
// punctuation and "'s"/"n't" split off).
inline Document Tokenize(std::string text, std::string date = "") {
  Document d;
  d.text = std::move(text);
  d.date = std::move(date);
  const std::string& t = d.text;
  size_t i = 0;
  uint32_t sent_tok = 0, sent_begin = 0;
  auto close_sentence = [&](uint32_t end) {
    if (d.tokens.size() > sent_tok) {
      Sentence s;
      s.begin = sent_begin;
      s.end = end;
      s.tok_begin = sent_tok;
      s.tok_end = uint32_t(d.tokens.size());
      d.sentences.push_back(s);
    }
    sent_tok = uint32_t(d.tokens.size());
  };
  auto is_punct = [](char c) {
    return c == ',' || c == '.' || c == ';' || c == ':' || c == '"' || c == '?' || c == '!' || c == '(' ||
           c == ')';
  };
  while (i < t.size()) {
    if (t[i] == '\n') {
      close_sentence(uint32_t(i));
      ++i;
      continue;
    }
    if (t[i] == ' ') {
      ++i;
      continue;
    }
    if (d.tokens.size() == sent_tok) sent_begin = uint32_t(i);
    size_t j = i;
    if (is_punct(t[i])) {
      j = i + 1;
    } else {
      while (j < t.size() && t[j] != ' ' && t[j] != '\n' && !is_punct(t[j])) ++j;
      // A period inside an abbreviation ("U.S.") stays in the token.
      while (j < t.size() && t[j] == '.' && j + 1 < t.size() && t[j + 1] != ' ' && t[j + 1] != '\n') {
        ++j;
        while (j < t.size() && t[j] != ' ' && t[j] != '\n' && !is_punct(t[j])) ++j;
      }
      std::string_view w(t.data() + i, j - i);
      if (w.size() > 2 && (w.substr(w.size() - 2) == "'s")) j -= 2;
      else if (w.size() > 3 && w.substr(w.size() - 3) == "n't") j -= 3;
    }
    Token tok;
    tok.begin = uint32_t(i);
    tok.end = uint32_t(j);
    d.tokens.push_back(tok);
    bool end = (t[i] == '.' || t[i] == '?' || t[i] == '!') && j - i == 1;
    i = j;
    if (end) close_sentence(uint32_t(j));
  }
  close_sentence(uint32_t(t.size()));
  if (d.sentences.empty()) {
    Sentence s;
    s.begin = 0;
    s.end = uint32_t(t.size());
    d.sentences.push_back(s);
  }
  d.paragraphs.push_back({0, uint32_t(t.size())});
  d.stages_run.push_back("segment");
  return d;
}

// Token index of the first token starting at byte offset of `needle`.
inline uint32_t TokenAt(const Document& d, size_t byte) {
  for (uint32_t i = 0; i < d.tokens.size(); ++i)
    if (d.tokens[i].begin >= byte) return i;
  return uint32_t(d.tokens.size());
}

// Adds a mention over the first occurrence of `phrase` (after `from`).
inline int AddMention(Document& d, std::string_view phrase, std::string_view country, std::string_view sector = "",
                      size_t from = 0, MentionKind kind = MentionKind::kName) {
  size_t b = d.text.find(phrase, from);
  if (b == std::string::npos) return -1;
  Mention m;
  m.span = {uint32_t(b), uint32_t(b + phrase.size())};
  m.tok_begin = TokenAt(d, b);
  m.tok_end = m.tok_begin;
  while (m.tok_end < d.tokens.size() && d.tokens[m.tok_end].end <= b + phrase.size()) ++m.tok_end;
  m.head = {d.tokens[m.tok_end - 1].begin, d.tokens[m.tok_end - 1].end};
  m.kind = kind;
  m.country = Code(country);
  m.sector = Code(sector);
  d.mentions.push_back(m);
  return int(d.mentions.size() - 1);
}

inline int AddPlace(Document& d, std::string_view phrase, std::string name, std::string_view country,
                    PlaceFeature f = PlaceFeature::kCity) {
  size_t b = d.text.find(phrase);
  if (b == std::string::npos) return -1;
  Place p;
  p.name = std::move(name);
  p.country = Code(country);
  p.feature = f;
  p.mentions.push_back({uint32_t(b), uint32_t(b + phrase.size())});
  d.places.push_back(p);
  return int(d.places.size() - 1);
}

// Runs the tagger stage on a hand-tokenized document when its models load;
// returns false (and leaves pos = 0: fallback word classes) otherwise.
inline bool Tag(Document& d) {
  static std::shared_ptr<Stage> tagger = []() -> std::shared_ptr<Stage> {
    const StageInfo* info = FindStage("tagger");
    if (!info) return nullptr;
    auto s = info->make(DefaultResources());
    if (!s.ok()) return nullptr;
    return std::shared_ptr<Stage>(std::move(s.value()));
  }();
  if (!tagger) return false;
  if (!tagger->Process(d).ok()) return false;
  d.stages_run.push_back("tagger");
  return true;
}

}  // namespace tidings::events::testing
