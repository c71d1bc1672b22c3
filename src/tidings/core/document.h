// Document: the one model every stage reads and writes.
//
// A Document owns the original text exactly as given (UTF-8 bytes) and a set
// of annotation layers. Every annotation is a half-open [begin, end) span of
// BYTE offsets into `text`; the JSON writer converts byte offsets to Unicode
// code point offsets (utf8::OffsetMap), so users can slice text[start:end] in
// Python. Each fact lives in exactly one layer.
//
// Layers, in pipeline order, and the stage that fills each:
//   paragraphs, sentences, tokens, dateline  segment/   (stage "segment")
//   token.pos, token.chunk, entities         tagger/    (stage "tagger")
//   places, mentions, clusters, entity codes kb/        (stage "kb")
//   times                                    time/      (stage "time")
//   quotes                                   quotes/    (stage "quotes")
//   events, main_event                       events/    (stage "events")
//
// A Document is not thread-safe; different Documents may be processed
// concurrently by the same (const) Pipeline.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tidings {

// Version of the JSON output schema (docs/schema.md). Bump on any change of
// meaning; additions of optional fields bump the minor number.
inline constexpr std::string_view kSchemaVersion = "1.0";

inline constexpr int32_t kNone = -1;

struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
  bool empty() const { return end <= begin; }
  uint32_t size() const { return end - begin; }
};

// A short fixed-size code such as an ISO alpha-3 country ("RUS") or a sector
// ("GOV"). Empty when unknown. Avoids a heap allocation per annotation.
struct Code {
  char c[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  Code() = default;
  Code(std::string_view s) { set(s); }  // NOLINT: implicit by design
  void set(std::string_view s) {
    size_t n = s.size() < 7 ? s.size() : 7;
    for (size_t i = 0; i < 8; ++i) c[i] = i < n ? s[i] : 0;
  }
  std::string_view view() const { return std::string_view(c); }
  bool empty() const { return c[0] == 0; }
  bool operator==(const Code& o) const { return view() == o.view(); }
};

// ---- segment/ ------------------------------------------------------------

enum TokenFlags : uint8_t {
  kSpaceBefore = 1,      // whitespace precedes the token
  kNewlineBefore = 2,    // a line break precedes the token
  kParagraphStart = 4,   // first token of a paragraph
  kDatelineToken = 8,    // part of a dateline ("ANKARA (Reuters) -")
};

struct Token {
  uint32_t begin = 0;     // byte span in Document::text
  uint32_t end = 0;
  uint32_t norm_off = 0;  // normalized form in Document::norm_pool when norm_len > 0
  uint16_t norm_len = 0;  // 0: the normalized form is the text itself
  uint8_t pos = 0;        // part of speech, tagger::PosTag id (0 = unknown)
  uint8_t chunk = 0;      // chunk tag, tagger::ChunkTag id, BIO (0 = unknown)
  uint8_t flags = 0;      // TokenFlags
};

struct Sentence {
  uint32_t begin = 0;  // byte span
  uint32_t end = 0;
  uint32_t tok_begin = 0;  // token index range [tok_begin, tok_end)
  uint32_t tok_end = 0;
  uint32_t paragraph = 0;  // index into paragraphs
};

struct Paragraph {
  uint32_t begin = 0;
  uint32_t end = 0;
};

// "ANKARA (Reuters) -" or "Ankara:" opening the article. `place` is the place
// name inside it ("ANKARA"), `whole` the dateline including source and dash.
struct Dateline {
  Span whole;
  Span place;
  Span source;       // "Reuters" when present
  Span date_span;    // a date inside the dateline ("Dec 19"), when present
  std::string date;  // ISO YYYY-MM-DD when the dateline date is complete, else empty
};

// ---- tagger/ -------------------------------------------------------------

enum class EntityType : uint8_t { kPer = 0, kOrg = 1, kLoc = 2, kMisc = 3 };
std::string_view EntityTypeName(EntityType t);

struct Entity {
  uint32_t begin = 0;  // byte span
  uint32_t end = 0;
  uint32_t tok_begin = 0;
  uint32_t tok_end = 0;
  EntityType type = EntityType::kMisc;
  // Filled by kb/:
  Code country;             // ISO 3166 alpha-3
  Code sector;              // GOV, MIL, COP, ... (docs/schema.md)
  int32_t cluster = kNone;  // index into Document::clusters
  int32_t place = kNone;    // index into Document::places for LOC entities
};

// ---- kb/ -----------------------------------------------------------------

// JSON names: country, region (admin1: state, province), city, other, county
// (admin2: county, parish, district), continent (also world regions).
enum class PlaceFeature : uint8_t { kCountry, kRegion, kCity, kOther, kCounty, kContinent };

struct Place {
  std::string name;  // canonical name from the knowledge base
  Code country;      // ISO alpha-3
  double lat = 0, lon = 0;
  int64_t geonames_id = 0;
  PlaceFeature feature = PlaceFeature::kOther;
  std::vector<Span> mentions;
};

enum class MentionKind : uint8_t { kName, kNominal, kPronoun };

// An actor-like phrase: a named entity, a role noun phrase ("the Russian
// ambassador", "two security sources") or a pronoun.
struct Mention {
  Span span;
  uint32_t tok_begin = 0;
  uint32_t tok_end = 0;
  Span head;                // the head word(s)
  MentionKind kind = MentionKind::kNominal;
  int32_t entity = kNone;   // index into entities when the mention is a name
  Code country;
  Code sector;
  int32_t cluster = kNone;  // index into Document::clusters
};

struct Cluster {
  std::string name;  // canonical name ("Maria Zakharova")
  Code country;
  Code sector;
  std::vector<int32_t> mentions;  // indices into Document::mentions
};

// ---- time/ ---------------------------------------------------------------

enum class TimeType : uint8_t { kDate, kTime, kDuration, kSet };

struct TimeExpr {
  Span span;
  TimeType type = TimeType::kDate;
  std::string value;  // TimeML value ("2016-12-19", "2016-W50", "P1Y", "PAST_REF")
  std::string mod;    // TimeML mod: START, MID, END, APPROX, LESS_THAN, MORE_THAN... ("" = none)
  bool unresolved = false;  // relative expression left with X's: no document date known
};

// ---- quotes/ -------------------------------------------------------------

enum class QuoteType : uint8_t { kDirect, kIndirect, kPartial };

struct Quote {
  Span span;                // the quoted content, without quotation marks
  QuoteType type = QuoteType::kDirect;
  Span speaker;             // the attributing mention (empty when none)
  int32_t speaker_mention = kNone;  // index into mentions
  Span cue;                 // "said", "according to" (empty when none)
  // The speaker's identity: the canonical name of its coreference cluster,
  // else the name or phrase itself; empty when unknown (unresolved pronoun).
  std::string speaker_name;
  int32_t speaker_cluster = kNone;  // index into clusters
  Code speaker_country;
  Code speaker_sector;
  int32_t continues = kNone;  // continuation quote: index of the quote whose speaker it takes
};

// ---- events/ -------------------------------------------------------------

struct Actor {
  Span span;
  int32_t mention = kNone;  // index into mentions
  std::string code;         // CAMEO-style actor code ("RUSGOV")
  Code country;             // ISO alpha-3 (or IGO...), empty when unknown
  Code sector;              // GOV, MIL, COP, ...
  int32_t cluster = kNone;  // index into clusters
  // Not named in the text: the country where an unattributed attack happened
  // (span = the place's mention).
  bool implied = false;
  bool empty() const { return span.empty(); }
  // The built-in coder's actor code: country then sector ("RUS" + "GOV").
  void ComposeCode() { code = std::string(country.view()) + std::string(sector.view()); }
};

struct Event {
  std::string cameo;   // "186"
  std::string plover;  // "ASSAULT"
  Actor source;
  Actor target;
  Span trigger;
  uint32_t sentence = 0;
  int32_t place = kNone;  // index into places
  std::string date;       // TimeML value
  int32_t quote = kNone;  // index into quotes when reported inside one
  bool negated = false;
  float confidence = 0;
  uint32_t trigger_token = 0;  // first trigger token (document token index)
  bool nominal = false;        // triggered by a noun ("the killing of")
};

struct MainEvent {
  int32_t event = kNone;  // index into events; kNone when no event was coded
  // When no event was coded: the lead's report all the same, with an empty cameo
  // and no actors (trigger, sentence, place and date filled).
  Event uncoded;
  Span who, what, when, where, why, how;
};

// ---- the document --------------------------------------------------------

struct Document {
  std::string id;
  std::string text;   // the original text, exactly as given (valid UTF-8)
  std::string date;   // document creation time, ISO "YYYY-MM-DD" (empty if unknown)
  std::string title;  // optional
  std::string url;    // optional

  // Layers.
  std::vector<Paragraph> paragraphs;
  std::vector<Sentence> sentences;
  std::vector<Token> tokens;
  std::string norm_pool;  // storage for Token normalized forms
  std::optional<Dateline> dateline;
  std::vector<Entity> entities;
  std::vector<Mention> mentions;
  std::vector<Cluster> clusters;
  std::vector<Place> places;
  std::vector<TimeExpr> times;
  std::vector<Quote> quotes;
  std::vector<Event> events;
  std::optional<MainEvent> main_event;

  // Stages that have run, in order (e.g. {"segment", "tagger"}).
  std::vector<std::string_view> stages_run;

  std::string_view span_text(Span s) const { return std::string_view(text).substr(s.begin, s.end - s.begin); }
  std::string_view span_text(uint32_t b, uint32_t e) const { return std::string_view(text).substr(b, e - b); }
  // The surface text of a token.
  std::string_view token_text(const Token& t) const { return span_text(t.begin, t.end); }
  // The normalized form of a token (curly quotes straightened, NBSP removed...).
  std::string_view word(const Token& t) const {
    return t.norm_len ? std::string_view(norm_pool).substr(t.norm_off, t.norm_len) : token_text(t);
  }
  std::string_view word(size_t i) const { return word(tokens[i]); }
  bool has_stage(std::string_view name) const {
    for (auto s : stages_run)
      if (s == name) return true;
    return false;
  }
  // Index of the sentence containing token i (binary search).
  uint32_t sentence_of_token(uint32_t i) const;
  // True when a mention of the place overlaps the dateline's place name
  // ("ANKARA" in "ANKARA (Reuters) -"); false without a dateline place.
  bool in_dateline(const Place& p) const;
};

}  // namespace tidings
