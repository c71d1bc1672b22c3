#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "../common/conll_words.h"
#include "tidings/tagger/conll.h"
#include "tidings/tagger/labels.h"
#include "tidings/tagger/lexicons.h"
#include "tidings/tagger/model.h"
#include "tidings/tagger/tagger.h"
#include "tidings/tagger/trainer.h"

namespace tidings::tagger {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> Split(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> v;
  std::string w;
  while (in >> w) v.push_back(w);
  return v;
}

TrainSentence Sent(const std::string& words, const std::string& tags) {
  TrainSentence s;
  s.words = Split(words);
  s.gold = Split(tags);
  s.pos.assign(s.words.size(), PosTagId("NNP"));
  return s;
}

// A tiny corpus: the model must fit it.
std::vector<TrainDocument> TinyCorpus() {
  TrainDocument d;
  d.push_back(Sent("Peter Blackburn visited Moscow on Monday .", "B-PER I-PER O B-LOC O O O"));
  d.push_back(Sent("The European Commission said it disagreed .", "O B-ORG I-ORG O O O O"));
  d.push_back(Sent("German officials met Anna Smith in Berlin .", "B-MISC O O B-PER I-PER O B-LOC O"));
  d.push_back(Sent("Reuters reported that Smith left Berlin .", "B-ORG O O B-PER O B-LOC O"));
  return {d};
}

std::unique_ptr<SequenceModel> TrainTiny(uint32_t groups = kFgBasic | kFgDocument | kFgNer) {
  TrainOptions opt;
  opt.task = "ner";
  opt.groups = groups;
  opt.bits = 14;
  opt.epochs = 10;
  opt.scheme = Scheme::kBilou;
  AddGazetteerPhrase("Anna Smith", 4, &opt.gazetteer);
  auto m = TrainModel(TinyCorpus(), std::move(opt));
  EXPECT_TRUE(m.ok()) << m.status().message();
  return std::move(*m);
}

std::vector<std::string> TagWords(const SequenceModel& m, const std::vector<std::string>& words) {
  std::vector<std::string_view> v(words.begin(), words.end());
  TagScratch s;
  std::vector<uint16_t> out(v.size());
  m.extractor().BeginDocument(s.fs);
  SentenceIn in{v.data(), static_cast<uint32_t>(v.size()), nullptr};
  m.extractor().AddToDocument(in, s.fs);
  m.Tag(in, s, out.data());
  std::vector<std::string> r;
  for (auto l : out) r.push_back(BilouToBio(m.label(l)));
  return r;
}

std::string TempPath(const std::string& name) {
  return (fs::temp_directory_path() / ("tidings_tagger_test_" + std::to_string(::getpid()) + "_" + name)).string();
}

TEST(Bilou, ConvertsBioBothWays) {
  std::vector<std::string> t = {"B-PER", "I-PER", "I-PER", "O", "B-LOC", "I-ORG", "B-MISC", "B-MISC"};
  BioToBilou(t);
  EXPECT_EQ(t, (std::vector<std::string>{"B-PER", "I-PER", "L-PER", "O", "U-LOC", "U-ORG", "U-MISC", "U-MISC"}));
  EXPECT_EQ(BilouToBio("L-PER"), "I-PER");
  EXPECT_EQ(BilouToBio("U-LOC"), "B-LOC");
  EXPECT_TRUE(BilouAllowed("B-PER", "L-PER"));
  EXPECT_FALSE(BilouAllowed("B-PER", "L-ORG"));
  EXPECT_FALSE(BilouAllowed("O", "I-PER"));
  EXPECT_FALSE(BilouAllowed("", "L-PER"));
  EXPECT_FALSE(BilouCanEnd("B-PER"));
}

TEST(ChunkScore, FollowsConllevalRules) {
  ChunkScore s;
  // Gold: PER(0,2) LOC(3,4); predicted: PER(0,1) [wrong span], LOC(3,4), ORG(5,6) [spurious].
  s.Add({"B-PER", "I-PER", "O", "B-LOC", "O", "O"}, {"B-PER", "B-PER", "O", "I-LOC", "O", "B-ORG"});
  EXPECT_EQ(s.all.gold, 2);
  EXPECT_EQ(s.all.pred, 4);
  EXPECT_EQ(s.all.correct, 1);
  EXPECT_NEAR(ChunkScore::F1(s.all), 2 * 0.25 * 0.5 / 0.75, 1e-9);
}

TEST(Trainer, TinyModelFitsItsTrainingData) {
  auto m = TrainTiny();
  const auto corpus = TinyCorpus();
  for (const auto& s : corpus[0]) EXPECT_EQ(TagWords(*m, s.words), s.gold);
}

TEST(Model, SaveLoadRoundTripTagsTheSame) {
  auto m = TrainTiny(kFgBasic | kFgGazetteer | kFgDocument | kFgNer);
  std::string path = TempPath("rt.tgm");
  ASSERT_TRUE(m->Save(path).ok());
  auto l = SequenceModel::Load(path);
  ASSERT_TRUE(l.ok()) << l.status().message();
  EXPECT_EQ((*l)->labels(), m->labels());
  auto words = Split("Anna Smith visited Moscow and the European Commission .");
  EXPECT_EQ(TagWords(**l, words), TagWords(*m, words));
  fs::remove(path);
}

TEST(Model, MissingTruncatedWrongVersionAndGarbageFailClearly) {
  auto missing = SequenceModel::Load("/nonexistent/dir/ner.tgm");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("/nonexistent/dir/ner.tgm"), std::string::npos);

  auto m = TrainTiny();
  std::string path = TempPath("bad.tgm");
  ASSERT_TRUE(m->Save(path).ok());
  std::string data;
  {
    std::ifstream in(path, std::ios::binary);
    data.assign(std::istreambuf_iterator<char>(in), {});
  }
  auto write = [&](const std::string& d) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(d.data(), static_cast<std::streamsize>(d.size()));
  };
  for (size_t cut : {size_t{3}, size_t{20}, data.size() / 2, data.size() - 1}) {
    write(data.substr(0, cut));
    auto r = SequenceModel::Load(path);
    ASSERT_FALSE(r.ok()) << "cut at " << cut;
    EXPECT_NE(r.status().message().find(path), std::string::npos);
  }
  write(data.substr(0, data.size() / 2));
  EXPECT_NE(SequenceModel::Load(path).status().message().find("truncated"), std::string::npos);

  std::string wrong = data;
  wrong[8] = 99;  // format version
  write(wrong);
  auto v = SequenceModel::Load(path);
  ASSERT_FALSE(v.ok());
  EXPECT_NE(v.status().message().find("version 99"), std::string::npos) << v.status().message();

  std::string feat = data;
  feat[12] = 77;  // feature version
  write(feat);
  auto fv = SequenceModel::Load(path);
  ASSERT_FALSE(fv.ok());
  EXPECT_NE(fv.status().message().find("feature set version 77"), std::string::npos) << fv.status().message();

  std::string flipped = data;
  flipped[28 + (flipped.size() - 28) / 2] ^= 0x5a;  // inside the compressed payload (a byte near the end may be padding bits)
  write(flipped);
  EXPECT_FALSE(SequenceModel::Load(path).ok());

  write("hello, this is not a model at all");
  auto g = SequenceModel::Load(path);
  ASSERT_FALSE(g.ok());
  EXPECT_NE(g.status().message().find("not a tidings tagger model"), std::string::npos);
  fs::remove(path);
}

TEST(Model, LongSentencesInvalidUtf8AndEmptyInput) {
  auto m = TrainTiny();
  std::vector<std::string> words;
  for (int i = 0; i < 10000; ++i) words.push_back(i % 7 == 0 ? "Berlin" : i % 5 == 0 ? "\xff\xfe" : "said");
  auto tags = TagWords(*m, words);
  ASSERT_EQ(tags.size(), words.size());
  EXPECT_EQ(tags[7], "B-LOC");
  EXPECT_TRUE(TagWords(*m, {}).empty());
  EXPECT_EQ(TagWords(*m, {"", "\xc3", "\x80\x80"}).size(), 3u);
}

TEST(Conll, ReaderKeepsLayoutAndSplitsDocuments) {
  std::istringstream in(
      "\n\n-DOCSTART- -X- O O\n\nSOCCER NN O\n-\n\n\nLONDON\n1996-08-30\n\nHe\nsaid\n.\n\n"
      "OTHER\nHEADLINE\n\nPARIS\n1996-08-30\n\nText\n.\n");
  auto f = ReadConll(in, "t");
  ASSERT_TRUE(f.ok());
  ASSERT_EQ(f->documents.size(), 2u);
  EXPECT_EQ(f->documents[0].sentences.size(), 3u);
  EXPECT_EQ(f->documents[1].sentences[0].words[0], "OTHER");
  EXPECT_EQ(f->lines[0].kind, ConllLine::kBlank);
  EXPECT_EQ(f->lines[2].kind, ConllLine::kDocStart);
  std::istringstream bad("a B\nc\n");
  auto b = ReadConll(bad, "bad.txt", 2);
  ASSERT_FALSE(b.ok());
  EXPECT_NE(b.status().message().find("bad.txt:2"), std::string::npos);
}

TEST(Labels, InventoriesRoundTrip) {
  for (int i = 1; i < PosTagCount(); ++i) EXPECT_EQ(PosTagId(PosTagName(static_cast<uint8_t>(i))), i);
  for (int i = 1; i < ChunkTagCount(); ++i) EXPECT_EQ(ChunkTagId(ChunkTagName(static_cast<uint8_t>(i))), i);
  EXPECT_EQ(PosTagId("NOT-A-TAG"), 0);
  EXPECT_TRUE(IsVerbTag(PosTagId("VBD")));
  EXPECT_TRUE(IsProperNounTag(PosTagId("NNP")));
}

TEST(Tagger, MissingModelDirectoryIsAClearError) {
  auto t = Tagger::Load("/nonexistent-models");
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.status().message().find("ner.tgm"), std::string::npos);
}

std::string ModelDir() { return std::string(TIDINGS_SOURCE_DIR) + "/models"; }

TEST(ShippedModels, DevF1AndNoCrossTalk) {
  std::string dev = std::string(TIDINGS_SHARED_DIR) + "/data/conll2003/dev.txt";
  if (!fs::exists(dev)) GTEST_SKIP() << "shared CoNLL data not found: " << dev;
  auto t = Tagger::Load(ModelDir());
  ASSERT_TRUE(t.ok()) << t.status().message();
  auto f = ReadConllFile(dev, 4);
  ASSERT_TRUE(f.ok());
  ChunkScore ner, chunk;
  int64_t pos_ok = 0, pos_n = 0;
  Tagger::Scratch s;
  for (const auto& d : f->documents) {
    auto [words, b] = testing_util::Flatten(d);
    std::vector<uint8_t> pos(words.size()), ch(words.size()), ne(words.size());
    (*t)->Tag(words.data(), b.data(), d.sentences.size(), s, pos.data(), ch.data(), ne.data());
    for (size_t k = 0; k < d.sentences.size(); ++k) {
      std::vector<std::string> g, p, gc, pc;
      for (uint32_t i = b[k]; i < b[k + 1]; ++i) {
        const auto& cols = d.sentences[k].cols[i - b[k]];
        g.push_back(cols[3]);
        p.push_back(std::string(NerCodeName(ne[i])));
        gc.push_back(cols[2]);
        pc.push_back(std::string(ChunkTagName(ch[i])));
        pos_ok += PosTagName(pos[i]) == cols[1];
        ++pos_n;
      }
      ner.Add(g, p);
      chunk.Add(gc, pc);
    }
  }
  EXPECT_GE(ChunkScore::F1(ner.all), 0.92) << ner.Report();
  EXPECT_GE(ChunkScore::F1(chunk.all), 0.90) << chunk.Report();
  EXPECT_GE(static_cast<double>(pos_ok) / pos_n, 0.93);
}

TEST(ShippedModels, StageFillsEntitiesPosAndChunks) {
  if (!fs::exists(ModelDir() + "/ner.tgm")) GTEST_SKIP() << "no shipped models";
  Resources res;
  res.model_dir = ModelDir();
  auto stage = MakeTaggerStage(res);
  ASSERT_TRUE(stage.ok()) << stage.status().message();
  Document doc;
  doc.text = "Maria Zakharova said Russia would respond. Reuters reported it.";
  // Tokens by hand (whitespace and final periods), two sentences.
  auto add = [&](uint32_t b, uint32_t e) { doc.tokens.push_back(Token{b, e}); };
  add(0, 5), add(6, 15), add(16, 20), add(21, 27), add(28, 33), add(34, 41), add(41, 42);
  add(43, 50), add(51, 59), add(60, 62), add(62, 63);
  doc.sentences.push_back(Sentence{0, 42, 0, 7, 0});
  doc.sentences.push_back(Sentence{43, 63, 7, 11, 0});
  ASSERT_TRUE((*stage)->Process(doc).ok());
  ASSERT_GE(doc.entities.size(), 3u);
  EXPECT_EQ(doc.span_text(doc.entities[0].begin, doc.entities[0].end), "Maria Zakharova");
  EXPECT_EQ(doc.entities[0].type, EntityType::kPer);
  bool russia = false, reuters = false;
  for (const auto& e : doc.entities) {
    auto t = doc.span_text(e.begin, e.end);
    russia |= t == "Russia" && e.type == EntityType::kLoc;
    reuters |= t == "Reuters" && e.type == EntityType::kOrg;
  }
  EXPECT_TRUE(russia);
  EXPECT_TRUE(reuters);
  EXPECT_EQ(PosTagName(doc.tokens[2].pos), "VBD");
  EXPECT_NE(doc.tokens[0].chunk, 0);
  // Sentences that do not cover the tokens are an error, not a crash.
  doc.sentences[1].tok_end = 50;
  EXPECT_FALSE((*stage)->Process(doc).ok());
}

TEST(Cli, TagKeepsLayoutAndReportsBadModels) {
  if (!fs::exists(ModelDir() + "/ner.tgm")) GTEST_SKIP() << "no shipped models";
  std::string in = TempPath("in.txt"), out = TempPath("out.txt");
  {
    std::ofstream f(in);
    f << "-DOCSTART- -X- O O\n\n\nPeter NNP\nSmith\nvisited\nBerlin\n.\n\n\n\xff\xfe\nx\n";
  }
  std::string cmd = std::string(TIDINGS_BINARY) + " tag --models " + ModelDir() + " " + in + " > " + out + " 2>/dev/null";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  std::ifstream r(out);
  std::string all((std::istreambuf_iterator<char>(r)), {});
  EXPECT_EQ(all.substr(0, 21), "-DOCSTART- -X- O O\n\n\n");
  EXPECT_NE(all.find("Peter\tB-PER\nSmith\tI-PER\nvisited\tO\nBerlin\tB-LOC\n.\tO\n\n\n"), std::string::npos) << all;
  EXPECT_NE(all.find("x\t"), std::string::npos);
  std::string bad = std::string(TIDINGS_BINARY) + " tag --models /nonexistent " + in + " > /dev/null 2>&1";
  EXPECT_EQ(WEXITSTATUS(std::system(bad.c_str())), 2);
  fs::remove(in);
  fs::remove(out);
}

}  // namespace
}  // namespace tidings::tagger
