#include "tidings/kb/kb_stage.h"

#include <filesystem>
#include <map>
#include <mutex>

#include "tidings/kb/actors.h"
#include "tidings/kb/geocoder.h"
#include "tidings/kb/normalize.h"

namespace tidings {
namespace kb {

std::string KbPath(const Resources& res) {
  namespace fs = std::filesystem;
  fs::path gz = fs::path(res.data_dir) / "kb.bin.gz";
  fs::path raw = fs::path(res.data_dir) / "kb.bin";
  std::error_code ec;
  // An uncompressed copy (gunzip -k data/kb.bin.gz) loads fastest.
  if (fs::exists(raw, ec)) return raw.string();
  return gz.string();
}

StatusOr<std::shared_ptr<const KnowledgeBase>> SharedKb(const std::string& path) {
  static std::mutex mu;
  static std::map<std::string, std::weak_ptr<const KnowledgeBase>> cache;
  std::lock_guard<std::mutex> lock(mu);
  if (auto it = cache.find(path); it != cache.end())
    if (auto sp = it->second.lock()) return sp;
  auto kb = KnowledgeBase::Load(path);
  if (!kb.ok()) return kb.status();
  cache[path] = *kb;
  return kb;
}

int32_t MentionAt(const Document& doc, uint32_t tok_begin, uint32_t tok_end) {
  int32_t best = kNone;
  uint32_t best_len = UINT32_MAX;
  for (size_t i = 0; i < doc.mentions.size(); ++i) {
    const Mention& m = doc.mentions[i];
    if (m.tok_begin <= tok_begin && tok_end <= m.tok_end && m.tok_end - m.tok_begin < best_len) {
      best = static_cast<int32_t>(i);
      best_len = m.tok_end - m.tok_begin;
    }
  }
  if (best != kNone || tok_begin >= doc.tokens.size()) return best;
  Span s{doc.tokens[tok_begin].begin, doc.tokens[std::min<size_t>(tok_end, doc.tokens.size()) - 1].end};
  for (size_t i = 0; i < doc.mentions.size(); ++i) {
    const Mention& m = doc.mentions[i];
    if (m.head.begin < s.end && s.begin < m.head.end) return static_cast<int32_t>(i);
  }
  return kNone;
}

int32_t MentionAtSpan(const Document& doc, Span span) {
  int32_t best = kNone;
  uint32_t best_len = UINT32_MAX;
  for (size_t i = 0; i < doc.mentions.size(); ++i) {
    const Mention& m = doc.mentions[i];
    if (m.span.begin <= span.begin && span.end <= m.span.end && m.span.size() < best_len) {
      best = static_cast<int32_t>(i);
      best_len = m.span.size();
    }
  }
  if (best != kNone) return best;
  for (size_t i = 0; i < doc.mentions.size(); ++i)
    if (doc.mentions[i].head.begin < span.end && span.begin < doc.mentions[i].head.end) return static_cast<int32_t>(i);
  return kNone;
}

std::string ActorCode(const Document& doc, int32_t mention) {
  if (mention < 0 || static_cast<size_t>(mention) >= doc.mentions.size()) return "";
  const Mention& m = doc.mentions[mention];
  Code c = m.country, s = m.sector;
  if (m.cluster >= 0 && static_cast<size_t>(m.cluster) < doc.clusters.size()) {
    if (c.empty()) c = doc.clusters[m.cluster].country;
    if (s.empty()) s = doc.clusters[m.cluster].sector;
  }
  return std::string(c.view()) + std::string(s.view());
}

std::string_view CanonicalName(const Document& doc, int32_t mention) {
  if (mention < 0 || static_cast<size_t>(mention) >= doc.mentions.size()) return {};
  const Mention& m = doc.mentions[mention];
  if (m.cluster >= 0 && static_cast<size_t>(m.cluster) < doc.clusters.size()) return doc.clusters[m.cluster].name;
  return doc.span_text(m.span);
}

}  // namespace kb

namespace {
class KbStage : public Stage {
 public:
  KbStage(std::shared_ptr<const kb::Geocoder> geo, kb::ActorCoder actors) : geo_(std::move(geo)), actors_(std::move(actors)) {}
  Status Process(Document& doc) const override {
    const kb::TokenKeys keys(doc);  // normalized once for both
    geo_->Run(doc, keys);
    actors_.Run(doc, keys);
    return Status::OK();
  }

 private:
  std::shared_ptr<const kb::Geocoder> geo_;
  kb::ActorCoder actors_;
};
}  // namespace

StatusOr<std::unique_ptr<Stage>> MakeKbStage(const Resources& res) {
  auto kbp = kb::SharedKb(kb::KbPath(res));
  if (!kbp.ok()) return kbp.status();
  auto lex = kb::RoleLexicon::Load((std::filesystem::path(res.data_dir) / "kb" / "roles.tsv").string());
  if (!lex.ok()) return lex.status();
  kb::GeocoderOptions gopt;
  // Optional: without the tagger's cluster lexicon the filter is off.
  const std::string words = (std::filesystem::path(res.data_dir) / "tagger" / "clusters.tsv").string();
  if (std::filesystem::exists(words)) {
    auto cw = kb::LoadCommonWords(words);
    if (!cw.ok()) return cw.status();
    gopt.common_words = std::move(*cw);
  }
  auto geo = std::make_shared<const kb::Geocoder>(*kbp, gopt);
  return std::unique_ptr<Stage>(new KbStage(geo, kb::ActorCoder(geo, std::move(*lex))));
}

}  // namespace tidings
