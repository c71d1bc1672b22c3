#include "tidings/quotes/quotes.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace tidings::quotes {
namespace {

const QuoteExtractor& Extractor() {
  static const QuoteExtractor* x = [] {
    auto lex = CueLexicon::Load(std::string(TIDINGS_SOURCE_DIR) + "/data/quotes/cues.tsv");
    EXPECT_TRUE(lex.ok()) << lex.status().message();
    return new QuoteExtractor(std::move(*lex));
  }();
  return *x;
}

Document Extract(const std::string& text) {
  Document doc;
  doc.text = text;
  Extractor().Extract(doc);
  return doc;
}

std::string Str(const Document& d, Span s) { return std::string(d.span_text(s)); }

std::string Dump(const Document& d) {
  std::ostringstream os;
  for (const Quote& q : d.quotes) {
    os << (q.type == QuoteType::kDirect ? "D" : q.type == QuoteType::kPartial ? "P" : "I") << " [" << Str(d, q.span)
       << "] speaker=[" << Str(d, q.speaker) << "] name=[" << q.speaker_name << "] cue=[" << Str(d, q.cue) << "]\n";
  }
  return os.str();
}

// Finds the quote whose content is exactly `content`.
const Quote* Find(const Document& d, const std::string& content) {
  for (const Quote& q : d.quotes)
    if (Str(d, q.span) == content) return &q;
  return nullptr;
}

TEST(Quotes, Ankara) {
  std::string path = std::string(TIDINGS_SHARED_DIR) + "/seed/ankara.txt";
  std::ifstream in(path);
  if (!in) GTEST_SKIP() << "no " << path;
  std::stringstream ss;
  ss << in.rdbuf();
  Document d = Extract(ss.str());
  SCOPED_TRACE(Dump(d));
  struct Want {
    const char* content;
    QuoteType type;
    const char* speaker_has;
  };
  const Want want[] = {
      {"Don't forget Aleppo", QuoteType::kDirect, "gunman"},
      {"We regard this as a terrorist act", QuoteType::kDirect, "Maria Zakharova"},
      {"Terrorism will not win and we will fight against it decisively.", QuoteType::kDirect, "Maria Zakharova"},
      {"He took out his gun and shot the ambassador from behind. We saw him lying on the floor and then we ran out",
       QuoteType::kDirect, "witness"},
      {"neutralised", QuoteType::kPartial, "Anadolu news agency"},
      {"Don't forget Aleppo, don't forget Syria!", QuoteType::kDirect, "attacker"},
  };
  for (const Want& w : want) {
    const Quote* q = Find(d, w.content);
    ASSERT_NE(q, nullptr) << w.content;
    EXPECT_EQ(q->type, w.type) << w.content;
    EXPECT_NE(Str(d, q->speaker).find(w.speaker_has), std::string::npos) << w.content;
  }
  // The continuation quote reuses Zakharova's attribution, without a cue.
  const Quote* cont = Find(d, "Terrorism will not win and we will fight against it decisively.");
  EXPECT_TRUE(cont->cue.empty());
  EXPECT_NE(cont->continues, kNone);
  EXPECT_EQ(cont->speaker_name, "Maria Zakharova");
  // The security sources' indirect statement.
  bool sources = false;
  for (const Quote& q : d.quotes)
    sources |= q.type == QuoteType::kIndirect && Str(d, q.speaker) == "Turkish security sources" &&
               Str(d, q.span).find("was an off-duty police officer") != std::string::npos && Str(d, q.cue) == "said";
  EXPECT_TRUE(sources);
}

TEST(Quotes, SplitQuoteBothHalvesGetTheSpeaker) {
  Document d = Extract("Maria Zakharova spoke on Monday.\n\"We regard this,\" she said, \"as a terrorist act.\"");
  SCOPED_TRACE(Dump(d));
  const Quote* a = Find(d, "We regard this");
  const Quote* b = Find(d, "as a terrorist act.");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(Str(d, a->speaker), "she");
  EXPECT_EQ(Str(d, b->speaker), "she");
  EXPECT_EQ(Str(d, a->cue), "said");
  EXPECT_EQ(b->type, QuoteType::kDirect);
}

TEST(Quotes, WordOrders) {
  Document d = Extract(
      "\"We will rebuild,\" the mayor said.\n\"It is over,\" said Police Chief John Baker.\n"
      "Anna Lee told reporters: \"Nobody was hurt.\"\n\"Prices will rise,\" according to the central bank.");
  SCOPED_TRACE(Dump(d));
  EXPECT_EQ(Str(d, Find(d, "We will rebuild")->speaker), "the mayor");
  EXPECT_NE(Str(d, Find(d, "It is over")->speaker).find("John Baker"), std::string::npos);
  EXPECT_EQ(Str(d, Find(d, "Nobody was hurt.")->speaker), "Anna Lee");
  EXPECT_EQ(Str(d, Find(d, "Nobody was hurt.")->cue), "told");
  EXPECT_EQ(Str(d, Find(d, "Prices will rise")->speaker), "the central bank");
  EXPECT_EQ(Str(d, Find(d, "Prices will rise")->cue), "according to");
}

TEST(Quotes, CurlyMarksAndParagraphContinuation) {
  std::string text =
      "The minister, Ali Demir, spoke at length.\n"
      "\u201cWe will not give up. The fight goes on.\n"
      "\u201cOur people deserve better,\u201d Demir said.\n"
      "Later the session closed.";
  Document d = Extract(text);
  SCOPED_TRACE(Dump(d));
  const Quote* q = nullptr;
  for (const Quote& x : d.quotes)
    if (x.type == QuoteType::kDirect) q = &x;
  ASSERT_NE(q, nullptr);
  std::string content = Str(d, q->span);
  EXPECT_EQ(content.rfind("We will not give up.", 0), 0u) << content;
  EXPECT_NE(content.find("Our people deserve better"), std::string::npos);
  EXPECT_EQ(Str(d, q->speaker), "Demir");
}

TEST(Quotes, ColonAndDashAttributions) {
  Document d = Extract(
      "A video showed the attacker shouting: \"Don't forget Aleppo!\"\n"
      "\"Stay calm and carry on.\" \u2014 Winston Hale\n"
      "Putin: 'We will respond'");
  SCOPED_TRACE(Dump(d));
  EXPECT_EQ(Str(d, Find(d, "Don't forget Aleppo!")->speaker), "the attacker");
  EXPECT_EQ(Str(d, Find(d, "Stay calm and carry on.")->speaker), "Winston Hale");
  const Quote* h = Find(d, "We will respond");
  ASSERT_NE(h, nullptr);
  EXPECT_EQ(Str(d, h->speaker), "Putin");
}

TEST(Quotes, ScareQuotesArePartial) {
  Document d = Extract(
      "The agency said the gunman had been \"neutralised\", apparently killed. "
      "Critics called the plan a \"charade\".");
  SCOPED_TRACE(Dump(d));
  EXPECT_EQ(Find(d, "neutralised")->type, QuoteType::kPartial);
  EXPECT_EQ(Str(d, Find(d, "neutralised")->speaker), "The agency");
  EXPECT_EQ(Find(d, "charade")->type, QuoteType::kPartial);
}

std::string Content(const std::string& t, const MarkedSpan& m) {
  return t.substr(m.content_begin, m.content_end - m.content_begin);
}

std::vector<MarkedSpan> Marked(const std::string& t) {
  return FindMarkedSpans(t, {{0, static_cast<uint32_t>(t.size())}});
}

TEST(MarkedSpans, MarksAnywhereAndTheirContext) {
  // A quote at every offset from the start of an 8-byte block.
  for (size_t pad = 0; pad < 20; ++pad) {
    const std::string t = std::string(pad, 'x') + " said \"yes, sir\" twice.";
    const auto m = Marked(t);
    ASSERT_EQ(m.size(), 1u) << pad;
    EXPECT_EQ(Content(t, m[0]), "yes, sir") << pad;
    EXPECT_TRUE(m[0].closed);
    EXPECT_EQ(m[0].open_begin, pad + 6);
  }
  // Apostrophes between letters are no marks; a bullet (U+2022) is no mark.
  EXPECT_TRUE(Marked("Russia's army didn't move.").empty());
  EXPECT_TRUE(Marked("\xE2\x80\xA2 Russia's army").empty());
  // Curly and angle marks; a no-break space before a mark is a space.
  const std::string c = "He said\xC2\xA0\xE2\x80\x9Cno\xE2\x80\x9D and \xC2\xABnon\xC2\xBB.";
  const auto cm = Marked(c);
  ASSERT_EQ(cm.size(), 2u);
  EXPECT_EQ(Content(c, cm[0]), "no");
  EXPECT_EQ(Content(c, cm[1]), "non");
  // An unclosed quote runs to the end of its paragraph when it opens the
  // paragraph (after a bullet and spaces), follows a colon or starts a
  // sentence; otherwise it is no quote.
  for (const std::string t : {"\xE2\x80\xA2  \"We will stay until the end", "He said:  \"We will stay until the end",
                              "It rained. \"We will stay until the end"}) {
    const auto m = Marked(t);
    ASSERT_EQ(m.size(), 1u) << t;
    EXPECT_FALSE(m[0].closed) << t;
    EXPECT_EQ(Content(t, m[0]), "We will stay until the end") << t;
  }
  EXPECT_TRUE(Marked("It rained and \"we will stay until the end").empty());
  EXPECT_TRUE(Marked("x \"").empty());  // a mark at the very end
}

TEST(Quotes, UnbalancedMarksStayInTheirParagraph) {
  Document d = Extract("He said the \"plan was bad.\nSecond paragraph here.\nThird \"quoted\" word.");
  SCOPED_TRACE(Dump(d));
  for (const Quote& q : d.quotes) EXPECT_EQ(Str(d, q.span).find('\n'), std::string::npos) << Str(d, q.span);
  EXPECT_NE(Find(d, "quoted"), nullptr);
  // A stray mark at the start of a paragraph quotes that paragraph only.
  Document d2 = Extract("\"Unclosed opening paragraph.\nNext paragraph is narrative, officials said.");
  SCOPED_TRACE(Dump(d2));
  EXPECT_NE(Find(d2, "Unclosed opening paragraph."), nullptr);
  for (const Quote& q : d2.quotes) EXPECT_EQ(Str(d2, q.span).find('\n'), std::string::npos) << Str(d2, q.span);
}

TEST(Quotes, NestedMarksStayInsideTheOuterQuote) {
  Document d = Extract("\"He told me 'go home' and left,\" the witness said.");
  SCOPED_TRACE(Dump(d));
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_EQ(Str(d, d.quotes[0].span), "He told me 'go home' and left");
  EXPECT_EQ(Str(d, d.quotes[0].speaker), "the witness");
  Document d2 = Extract("\"Outer \u201cinner\u201d outer,\" she said.");
  SCOPED_TRACE(Dump(d2));
  ASSERT_EQ(d2.quotes.size(), 1u);
  EXPECT_EQ(Str(d2, d2.quotes[0].span), "Outer \u201cinner\u201d outer");
}

TEST(Quotes, BadInputNeverCrashes) {
  std::string longq = "\"";
  for (int i = 0; i < 2000; ++i) longq += "word and more words, ";
  longq += "\" she said.";
  Document d = Extract(longq);
  ASSERT_EQ(d.quotes.size(), 1u);
  EXPECT_GT(d.quotes[0].span.size(), 30000u);
  EXPECT_EQ(Str(d, d.quotes[0].speaker), "she");
  const std::string inputs[] = {"",
                                "\"",
                                "\"\"\"\"\"\"",
                                "''''",
                                "\u201c\u201c\u201c\u201d\u201d",
                                "said said said",
                                ": \" said \u2014 \" according to",
                                "\"a\"\n\"b\n\"c",
                                std::string(5000, '"'),
                                "\u201c",
                                "\n\n\n",
                                "according to",
                                "\"x\" said",
                                "- \" -- \u2014 : told"};
  for (const std::string& t : inputs) {
    Document e = Extract(t);
    for (const Quote& q : e.quotes) {
      EXPECT_LE(q.span.end, e.text.size());
      EXPECT_LT(q.span.begin, q.span.end);
      EXPECT_LE(q.speaker.end, e.text.size());
      EXPECT_LE(q.cue.end, e.text.size());
    }
  }
}

TEST(Quotes, OnlyQuotes) {
  Document d = Extract("\"One.\"\n\"Two.\"\n\"Three.\"");
  SCOPED_TRACE(Dump(d));
  EXPECT_EQ(d.quotes.size(), 3u);
  for (const Quote& q : d.quotes) EXPECT_TRUE(q.speaker.empty());
}

TEST(Quotes, IndirectSpeech) {
  Document d = Extract(
      "Police said on Monday that the suspect had fled. "
      "The suspect was armed, according to a police statement. "
      "The ministry confirmed the death of the envoy.");
  SCOPED_TRACE(Dump(d));
  const Quote* a = Find(d, "the suspect had fled");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->type, QuoteType::kIndirect);
  EXPECT_EQ(Str(d, a->speaker), "Police");
  const Quote* b = Find(d, "The suspect was armed");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(Str(d, b->speaker), "a police statement");
  EXPECT_EQ(d.quotes.size(), 2u);
}

TEST(CueLexicon, RejectsBadLines) {
  EXPECT_FALSE(CueLexicon::Parse("said\n", "x").ok());
  EXPECT_FALSE(CueLexicon::Parse("said\tq\n", "x").ok());
  auto ok = CueLexicon::Parse("# c\nSaid\tdz\n", "x");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->Lookup("said"), kCueDirect | kCueZeroThat);
  EXPECT_FALSE(CueLexicon::Load("/nonexistent/cues.tsv").ok());
}

}  // namespace
}  // namespace tidings::quotes

namespace tidings::quotes {
namespace {

// Random mixtures of words, marks, dashes and line breaks: spans stay inside
// the text and inside one paragraph unless the continuation convention holds.
TEST(Quotes, RandomInputKeepsInvariants) {
  const char* const pieces[] = {"\"", "\u201c", "\u201d", "'", "\u2018", "\u2019", " said ", " she said", ", ",
                                ". ", ": ", " \u2014 ", "\n", "\n\n", "According to ", " the minister ", "Smith",
                                " who ", " told Reuters", " that ", " was ", "word", "x", "!", "?", " - ", "\u00ab",
                                "\u00bb", " according to", "It", " he added."};
  const size_t n = sizeof(pieces) / sizeof(pieces[0]);
  uint64_t state = 12345;
  auto next = [&]() {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<size_t>(state >> 33);
  };
  for (int iter = 0; iter < 3000; ++iter) {
    std::string text;
    size_t len = next() % 60;
    for (size_t i = 0; i < len; ++i) text += pieces[next() % n];
    Document d = Extract(text);
    for (const Quote& q : d.quotes) {
      ASSERT_LT(q.span.begin, q.span.end) << text;
      ASSERT_LE(q.span.end, text.size()) << text;
      ASSERT_LE(q.speaker.begin, q.speaker.end) << text;
      ASSERT_LE(q.speaker.end, text.size()) << text;
      ASSERT_LE(q.cue.end, text.size()) << text;
      if (q.continues != kNone) {
        ASSERT_LT(static_cast<size_t>(q.continues), d.quotes.size());
      }
    }
  }
}

}  // namespace
}  // namespace tidings::quotes

namespace tidings::quotes {
namespace {

// With kb output present, speakers take their mention and cluster.
TEST(Quotes, UsesMentionsAndClusters) {
  Document d;
  d.text = "Maria Zakharova spoke.\n\"We regard this,\" she said.\n\"It is over,\" said the witness.";
  auto at = [&](const std::string& s, size_t from = 0) {
    uint32_t b = static_cast<uint32_t>(d.text.find(s, from));
    return Span{b, static_cast<uint32_t>(b + s.size())};
  };
  Cluster c;
  c.name = "Maria Zakharova";
  c.country = Code("RUS");
  c.sector = Code("GOV");
  c.mentions = {0, 1};
  d.clusters.push_back(c);
  Mention name;
  name.span = at("Maria Zakharova");
  name.kind = MentionKind::kName;
  name.cluster = 0;
  Mention she;
  she.span = at("she");
  she.kind = MentionKind::kPronoun;
  she.cluster = 0;
  Mention witness;
  witness.span = at("the witness");
  witness.head = at("witness");
  witness.kind = MentionKind::kNominal;
  d.mentions = {name, she, witness};
  Extractor().Extract(d);
  SCOPED_TRACE(Dump(d));
  const Quote* a = Find(d, "We regard this");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(Str(d, a->speaker), "she");
  EXPECT_EQ(a->speaker_mention, 1);
  EXPECT_EQ(a->speaker_cluster, 0);
  EXPECT_EQ(a->speaker_name, "Maria Zakharova");
  EXPECT_EQ(a->speaker_country.view(), "RUS");
  EXPECT_EQ(a->speaker_sector.view(), "GOV");
  const Quote* b = Find(d, "It is over");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->speaker_mention, 2);
  EXPECT_EQ(b->speaker_name, "the witness");  // anonymous speaker, no cluster
}

}  // namespace
}  // namespace tidings::quotes
