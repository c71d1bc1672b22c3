#include "tidings/events/dict/dict_stage.h"

#include <cstdio>
#include <optional>

#include "tidings/events/dict/coder.h"
#include "tidings/events/lexicon.h"
#include "tidings/events/main_event.h"

namespace tidings::dict {
namespace {

int32_t IsoToTabari(std::string_view iso) {
  // "2016-12-19" -> 20161219
  if (iso.size() < 10 || iso[4] != '-' || iso[7] != '-') return 0;
  int32_t v = 0;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (iso[i] < '0' || iso[i] > '9') return 0;
    v = v * 10 + (iso[i] - '0');
  }
  return v;
}

std::string TabariToIso(int32_t d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d / 10000, d / 100 % 100, d % 100);
  return buf;
}

bool IsDiscardsFile(const std::string& path) {
  return path.find("discard") != std::string::npos || path.find("Discard") != std::string::npos;
}

class DictEventsStage : public Stage {
 public:
  DictEventsStage(std::shared_ptr<const Dictionaries> d, std::optional<events::Lexicon> plover)
      : coder_(std::move(d)), plover_(std::move(plover)) {}

  Status Process(Document& doc) const override {
    doc.events.clear();
    doc.main_event.reset();
    const int32_t date = IsoToTabari(doc.date);
    const Options& opt = coder_.dictionaries().options;
    for (uint32_t si = 0; si < doc.sentences.size(); ++si) {
      const Sentence& s = doc.sentences[si];
      std::string_view text = doc.span_text(s.begin, s.end);
      std::vector<TWord> words = TabariWords(text, s.begin);
      size_t e = text.find_last_not_of(" \t\r\n\"')]");
      bool final_period = e != std::string_view::npos && text[e] == '.';
      CodeResult r = coder_.Code(words, date, opt, final_period);
      if (r.status != CodeStatus::kOk) continue;
      for (const CodedEvent& ce : r.events) {
        Event ev;
        ev.cameo = ce.code;
        if (plover_) ev.plover = std::string(plover_->Plover(ce.code));
        auto actor = [&](int w, const std::string& code) {
          tidings::Actor a;
          a.code = code;
          if (w >= 0) {
            a.span = {words[w].begin, words[w].end};
            for (size_t m = 0; m < doc.mentions.size(); ++m)
              if (doc.mentions[m].span.begin <= a.span.begin && a.span.end <= doc.mentions[m].span.end) {
                a.mention = static_cast<int32_t>(m);
                a.cluster = doc.mentions[m].cluster;
                break;
              }
          }
          if (code.size() >= 3 && code[0] != '~') a.country = Code(std::string_view(code).substr(0, 3));
          if (code.size() >= 6) a.sector = Code(std::string_view(code).substr(3, 3));
          return a;
        };
        ev.source = actor(ce.source_word, ce.source);
        ev.target = actor(ce.target_word, ce.target);
        ev.trigger = {words[ce.verb_word].begin, words[ce.verb_last].end};
        ev.sentence = si;
        ev.date = r.date ? TabariToIso(r.date) : doc.date;
        for (size_t q = 0; q < doc.quotes.size(); ++q)
          if (doc.quotes[q].span.begin <= ev.trigger.begin && ev.trigger.end <= doc.quotes[q].span.end)
            ev.quote = static_cast<int32_t>(q);
        // Trigger token: the first document token inside the trigger.
        for (uint32_t t = s.tok_begin; t < s.tok_end; ++t)
          if (doc.tokens[t].end > ev.trigger.begin) {
            ev.trigger_token = t;
            break;
          }
        ev.confidence = ce.subordinate ? 0.5f : 0.8f;
        doc.events.push_back(std::move(ev));
      }
    }
    events::SelectMainEvent(doc);
    return Status::OK();
  }

 private:
  Coder coder_;
  std::optional<events::Lexicon> plover_;
};

}  // namespace

StatusOr<std::unique_ptr<Stage>> MakeDictEventsStage(const Resources& res) {
  auto d = std::make_shared<Dictionaries>();
  TIDINGS_RETURN_IF_ERROR(ReadVerbsFile(res.verbs_file, *d));
  for (const std::string& f : res.actor_files) {
    if (IsDiscardsFile(f)) TIDINGS_RETURN_IF_ERROR(ReadDiscardsFile(f, *d));
    else TIDINGS_RETURN_IF_ERROR(ReadActorsFile(f, *d));
  }
  if (!res.agents_file.empty()) TIDINGS_RETURN_IF_ERROR(ReadAgentsFile(res.agents_file, *d));
  if (!d->warnings.empty()) {
    size_t shown = 0;
    for (const std::string& w : d->warnings) {
      if (++shown > 20) break;
      std::fprintf(stderr, "tidings: dictionary warning: %s\n", w.c_str());
    }
    if (d->warnings.size() > 20)
      std::fprintf(stderr, "tidings: ... %zu dictionary warnings in all (lines skipped)\n", d->warnings.size());
  }
  std::optional<events::Lexicon> plover;
  if (!res.data_dir.empty()) {
    auto lex = events::Lexicon::Load(res.data_dir + "/events");
    if (lex.ok()) plover.emplace(std::move(lex.value()));
  }
  return std::unique_ptr<Stage>(new DictEventsStage(std::move(d), std::move(plover)));
}

}  // namespace tidings::dict
