#include "tidings/segment/segmenter.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace tidings {
namespace {

Document Seg(const std::string& text) {
  Document d;
  d.text = text;
  Segmenter().Segment(d);
  return d;
}

std::vector<std::string> Words(const Document& d) {
  std::vector<std::string> w;
  for (const auto& t : d.tokens) w.emplace_back(d.word(t));
  return w;
}

std::vector<std::string> Surfaces(const Document& d) {
  std::vector<std::string> w;
  for (const auto& t : d.tokens) w.emplace_back(d.token_text(t));
  return w;
}

std::vector<std::string> Sentences(const Document& d) {
  std::vector<std::string> s;
  for (const auto& x : d.sentences) s.emplace_back(d.span_text(x.begin, x.end));
  return s;
}

using V = std::vector<std::string>;

TEST(Tokenizer, PossessivesAndContractionsFollowTreebank) {
  EXPECT_EQ(Words(Seg("Russia's envoy didn't go; we can't, won't, I'm, they're, we've, she'll, he'd.")),
            (V{"Russia", "'s", "envoy", "did", "n't", "go", ";", "we", "ca", "n't", ",", "wo", "n't", ",", "I",
               "'m", ",", "they", "'re", ",", "we", "'ve", ",", "she", "'ll", ",", "he", "'d", "."}));
  EXPECT_EQ(Words(Seg("Reuters' staff")), (V{"Reuters", "'", "staff"}));
}

TEST(Tokenizer, AbbreviationsInitialsAndAcronymsKeepTheirPeriod) {
  EXPECT_EQ(Words(Seg("Mr. J. Smith of the U.S. met Gen. Lee on Jan. 5.")),
            (V{"Mr.", "J.", "Smith", "of", "the", "U.S.", "met", "Gen.", "Lee", "on", "Jan.", "5", "."}));
}

TEST(Tokenizer, NumbersTimesDecimalsAndCurrency) {
  EXPECT_EQ(Words(Seg("It cost $1,234.56, up 5.5% at 3:30 p.m.")),
            (V{"It", "cost", "$", "1,234.56", ",", "up", "5.5", "%", "at", "3:30", "p.m."}));
}

TEST(Tokenizer, HyphensDashesAndEllipses) {
  EXPECT_EQ(Words(Seg("an off-duty officer--armed\xE2\x80\x94" "fled... later")),
            (V{"an", "off-duty", "officer", "--", "armed", "--", "fled", "...", "later"}));
}

TEST(Tokenizer, UrlsAndEmailsStayWhole) {
  EXPECT_EQ(Words(Seg("See https://example.com/a?b=1, or www.example.org. Mail a.b@example.com.")),
            (V{"See", "https://example.com/a?b=1", ",", "or", "www.example.org", ".", "Mail", "a.b@example.com",
               "."}));
}

TEST(Tokenizer, CurlyQuotesAreNormalizedButOffsetsIndexTheOriginal) {
  Document d = Seg("\xE2\x80\x9CWe regard this,\xE2\x80\x9D she said. It\xE2\x80\x99s done.");
  EXPECT_EQ(Words(d), (V{"\"", "We", "regard", "this", ",", "\"", "she", "said", ".", "It", "'s", "done", "."}));
  EXPECT_EQ(Surfaces(d)[0], "\xE2\x80\x9C");
  EXPECT_EQ(Surfaces(d)[10], "\xE2\x80\x99s");
  for (const auto& t : d.tokens) EXPECT_LT(t.begin, t.end);
}

TEST(Tokenizer, NonBreakingSpaceSeparatesTokens) {
  EXPECT_EQ(Words(Seg("10\xC2\xA0km away")), (V{"10", "km", "away"}));
}

TEST(Sentences, SplitsOnTerminatorsButNotAbbreviations) {
  EXPECT_EQ(Sentences(Seg("Mr. Smith went to Washington. He met Gen. Lee at 5 p.m. on Friday. It rained!")),
            (V{"Mr. Smith went to Washington.", "He met Gen. Lee at 5 p.m. on Friday.", "It rained!"}));
}

TEST(Sentences, AcronymAtSentenceEndBeforeAStarter) {
  EXPECT_EQ(Sentences(Seg("He moved to the U.S. The move was quick.")),
            (V{"He moved to the U.S.", "The move was quick."}));
}

TEST(Sentences, QuotationsClosingInTheParagraphStayWhole) {
  EXPECT_EQ(Sentences(Seg("\"He shot him. We ran out,\" said the witness. Then police came.")),
            (V{"\"He shot him. We ran out,\" said the witness.", "Then police came."}));
  EXPECT_EQ(Sentences(Seg("He shouted: \"Don't forget Syria!\" As screams rang out, he ran.")),
            (V{"He shouted: \"Don't forget Syria!\"", "As screams rang out, he ran."}));
}

TEST(Sentences, UnbalancedQuoteDoesNotSwallowTheParagraph) {
  EXPECT_EQ(Sentences(Seg("\"He left. She stayed. They argued.")),
            (V{"\"He left.", "She stayed.", "They argued."}));
}

TEST(Sentences, EllipsisBeforeLowercaseContinues) {
  EXPECT_EQ(Sentences(Seg("He paused... and went on. Then he stopped.")),
            (V{"He paused... and went on.", "Then he stopped."}));
}

TEST(Paragraphs, EachLineIsAParagraphWithoutBlankLines) {
  Document d = Seg("Headline without punctuation\nFirst paragraph. Two sentences.\nSecond one.");
  ASSERT_EQ(d.paragraphs.size(), 3u);
  EXPECT_EQ(Sentences(d), (V{"Headline without punctuation", "First paragraph.", "Two sentences.", "Second one."}));
  EXPECT_EQ(d.sentences[3].paragraph, 2u);
  EXPECT_TRUE(d.tokens[0].flags & kParagraphStart);
}

TEST(Paragraphs, SoftWrappedBlocksAreJoinedListsAreNot) {
  std::string text =
      "Title Line\n\n"
      "This is a long paragraph that has been wrapped at a fixed width by the\n"
      "sender so that lines are short, and it continues on this line here.\n\n"
      "Items:\n- one item\n- another item\n";
  Document d = Seg(text);
  V s = Sentences(d);
  ASSERT_GE(s.size(), 4u);
  EXPECT_EQ(s[0], "Title Line");
  EXPECT_EQ(s[1].substr(0, 14), "This is a long");
  EXPECT_NE(s[1].find("continues on this line here."), std::string::npos);
  EXPECT_EQ(s[s.size() - 2], "- one item");
  EXPECT_EQ(s.back(), "- another item");
}

TEST(Dateline, AgencyDatelineIsRecognised) {
  Document d = Seg("ANKARA (Reuters) - The Russian ambassador was shot.");
  ASSERT_TRUE(d.dateline.has_value());
  EXPECT_EQ(d.span_text(d.dateline->place), "ANKARA");
  EXPECT_EQ(d.span_text(d.dateline->source), "Reuters");
  EXPECT_EQ(Sentences(d), (V{"ANKARA (Reuters) -", "The Russian ambassador was shot."}));
  EXPECT_TRUE(d.tokens[0].flags & kDatelineToken);
}

TEST(Dateline, ColonDatelineAndDatedDateline) {
  Document d = Seg("Ankara: The Russian ambassador was shot.");
  ASSERT_TRUE(d.dateline.has_value());
  EXPECT_EQ(d.span_text(d.dateline->place), "Ankara");
  Document e = Seg("WASHINGTON, Dec 19 (Reuters) - Officials said so.");
  ASSERT_TRUE(e.dateline.has_value());
  EXPECT_EQ(e.span_text(e.dateline->place), "WASHINGTON");
  EXPECT_EQ(e.span_text(e.dateline->date_span), "Dec 19");
}

TEST(Dateline, LabelsAreNotDatelines) {
  EXPECT_FALSE(Seg("Update: The talks resumed.").dateline.has_value());
  EXPECT_FALSE(Seg("He said: The talks resumed.").dateline.has_value());
  EXPECT_FALSE(Seg("The talks resumed on Monday.").dateline.has_value());
}

TEST(Segmenter, TokensAndSentencesCoverTextInOrder) {
  Document d = Seg("A b. C d!\n\n\"E f,\" g h.\n\xE2\x80\x94 i \xE2\x80\xA6 j");
  uint32_t prev = 0;
  for (const auto& t : d.tokens) {
    EXPECT_GE(t.begin, prev);
    EXPECT_LE(t.end, d.text.size());
    prev = t.end;
  }
  uint32_t next_tok = 0;
  for (const auto& s : d.sentences) {
    EXPECT_EQ(s.tok_begin, next_tok);
    EXPECT_LT(s.tok_begin, s.tok_end);
    next_tok = s.tok_end;
  }
  EXPECT_EQ(next_tok, d.tokens.size());
}

TEST(Segmenter, EmptyAndWhitespaceOnlyTextGiveNoTokens) {
  EXPECT_TRUE(Seg("").tokens.empty());
  EXPECT_TRUE(Seg(" \n\t\n").sentences.empty());
}

TEST(Segmenter, VeryLongLineIsHandled) {
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "word ";
  Document d = Seg(text);
  EXPECT_EQ(d.tokens.size(), 20000u);
  EXPECT_EQ(d.sentences.size(), 1u);
}

}  // namespace
}  // namespace tidings

namespace tidings {
namespace {

TEST(Tokenizer, ChunksEndAtEverySpaceWhereverItFalls) {
  // Words of every length around the 8-byte scan step, ended by an ASCII
  // space, a tab, a no-break space or an ideographic space; a non-ASCII
  // letter or a control byte inside a word does not end its chunk.
  for (size_t n = 1; n <= 18; ++n) {
    const std::string w(n, 'a');
    for (const std::string sep : {" ", "\t", "\xC2\xA0", "\xE3\x80\x80"}) {
      const Document d = Seg(w + sep + "bb" + sep + w);
      EXPECT_EQ(Surfaces(d), (V{w, "bb", w})) << n << " [" << sep << "]";
    }
    EXPECT_EQ(Surfaces(Seg(w + "\xC3\xA9" + w + " b")), (V{w + "\xC3\xA9" + w, "b"})) << n;
    EXPECT_EQ(Seg(w + "\x01" + w + " b").tokens.back().begin, 2 * n + 2) << n;  // "b" after one chunk's bytes
  }
}

}  // namespace
}  // namespace tidings
