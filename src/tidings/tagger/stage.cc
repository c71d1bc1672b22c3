// The "tagger" pipeline stage: fills Token::pos, Token::chunk and
// Document::entities from the segmenter's tokens and sentences.
#include <memory>

#include "tidings/tagger/tagger.h"

namespace tidings::tagger {
namespace {

class TaggerStage : public Stage {
 public:
  explicit TaggerStage(std::unique_ptr<Tagger> t) : tagger_(std::move(t)) {}

  Status Process(Document& doc) const override {
    doc.entities.clear();
    const size_t n = doc.tokens.size();
    if (n == 0 || doc.sentences.empty()) return Status::OK();
    // Scratch memory reused by the documents of a thread.
    thread_local Scratch scratch_tl;
    Scratch& sc = scratch_tl;
    std::vector<std::string_view>& words = sc.words;
    words.resize(n);
    for (size_t i = 0; i < n; ++i) words[i] = doc.word(i);
    std::vector<uint32_t>& bounds = sc.bounds;
    bounds.clear();
    uint32_t next = 0;
    for (const auto& s : doc.sentences) {
      if (s.tok_begin != next || s.tok_end < s.tok_begin || s.tok_end > n)
        return Internal("tagger: document " + doc.id + ": sentences do not cover the tokens in order");
      bounds.push_back(s.tok_begin);
      next = s.tok_end;
    }
    if (next != n) return Internal("tagger: document " + doc.id + ": sentences do not cover all tokens");
    bounds.push_back(static_cast<uint32_t>(n));
    std::vector<uint8_t>& pos = sc.pos;
    std::vector<uint8_t>& chunk = sc.chunk;
    std::vector<uint8_t>& ner = sc.ner;
    pos.resize(n);
    chunk.resize(n);
    ner.resize(n);
    tagger_->Tag(words.data(), bounds.data(), doc.sentences.size(), sc.tagger, pos.data(), chunk.data(), ner.data());
    for (size_t i = 0; i < n; ++i) {
      doc.tokens[i].pos = pos[i];
      doc.tokens[i].chunk = chunk[i];
    }
    // Entities from BIO codes, never crossing a sentence.
    for (size_t k = 0; k + 1 < bounds.size(); ++k) {
      for (uint32_t i = bounds[k]; i < bounds[k + 1];) {
        uint8_t c = ner[i];
        if (c == 0) {
          ++i;
          continue;
        }
        uint8_t type = static_cast<uint8_t>((c - 1) / 2);
        uint32_t j = i + 1;
        while (j < bounds[k + 1] && ner[j] == 2 + 2 * type) ++j;
        Entity e;
        e.tok_begin = i;
        e.tok_end = j;
        e.begin = doc.tokens[i].begin;
        e.end = doc.tokens[j - 1].end;
        e.type = static_cast<EntityType>(type);
        doc.entities.push_back(e);
        i = j;
      }
    }
    return Status::OK();
  }

 private:
  struct Scratch {
    Tagger::Scratch tagger;
    std::vector<std::string_view> words;
    std::vector<uint32_t> bounds;
    std::vector<uint8_t> pos, chunk, ner;
  };
  std::unique_ptr<Tagger> tagger_;
};

}  // namespace

StatusOr<std::unique_ptr<Stage>> MakeTaggerStage(const Resources& res) {
  auto t = Tagger::Load(res.model_dir, true);
  if (!t.ok()) return t.status();
  return std::unique_ptr<Stage>(new TaggerStage(std::move(*t)));
}

}  // namespace tidings::tagger
