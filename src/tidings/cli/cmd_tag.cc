// tidings tag: named entities (and optionally POS and chunks) for tokens in
// CoNLL format: one token a line (first column used), blank lines between
// sentences, -DOCSTART- lines between documents. Writes token<TAB>tag lines,
// keeping blank and -DOCSTART- lines.
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "tidings/pipeline/pipeline.h"
#include "tidings/tagger/conll.h"
#include "tidings/tagger/labels.h"
#include "tidings/tagger/tagger.h"

using namespace tidings;
using namespace tidings::tagger;

namespace {

void TagUsage() {
  std::fprintf(stderr,
               "usage: tidings tag [--format conll] [--models DIR] [--all] [FILE|-]\n"
               "  Reads one token a line (only the first column is used), a blank line\n"
               "  between sentences, -DOCSTART- lines between documents; writes\n"
               "  token<TAB>BIO-entity-tag (with --all: token POS chunk entity).\n"
               "  --models DIR   model directory (default: the project's models/)\n");
}

}  // namespace

int RunTag(int argc, char** argv) {
  std::string format = "conll", models, input = "-";
  bool all = false, have_input = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--help" || a == "-h") {
      TagUsage();
      return 0;
    } else if (a == "--format" && i + 1 < argc) {
      format = argv[++i];
    } else if (a == "--models" && i + 1 < argc) {
      models = argv[++i];
    } else if (a == "--all") {
      all = true;
    } else if ((a.size() > 1 && a[0] == '-' && a != "-") || have_input) {
      std::fprintf(stderr, "tidings tag: unexpected argument '%s'\n", a.c_str());
      TagUsage();
      return 2;
    } else {
      input = a;
      have_input = true;
    }
  }
  if (format != "conll") {
    std::fprintf(stderr, "tidings tag: unsupported format '%s' (supported: conll)\n", format.c_str());
    return 2;
  }
  if (models.empty()) models = DefaultResources().model_dir;
  auto tagger = Tagger::Load(models, all);
  if (!tagger.ok()) {
    std::fprintf(stderr, "tidings tag: %s\n", tagger.status().message().c_str());
    return 2;
  }
  auto file = ReadConllFile(input);
  if (!file.ok()) {
    std::fprintf(stderr, "tidings tag: %s\n", file.status().message().c_str());
    return 2;
  }
  for (uint32_t line : file->invalid_utf8_lines)
    std::fprintf(stderr, "tidings tag: warning: %s:%u: token is not valid UTF-8 (tagged as is)\n",
                 input == "-" ? "<stdin>" : input.c_str(), line);

  // Tag document by document; remember codes per global sentence.
  std::vector<std::vector<uint8_t>> ner_out, pos_out, chunk_out;
  Tagger::Scratch scratch;
  std::vector<std::string_view> words;
  std::vector<uint32_t> bounds;
  for (const auto& doc : file->documents) {
    words.clear();
    bounds.assign(1, 0);
    for (const auto& s : doc.sentences) {
      for (const auto& w : s.words) words.push_back(w);
      bounds.push_back(static_cast<uint32_t>(words.size()));
    }
    std::vector<uint8_t> ner(words.size()), pos(all ? words.size() : 0), chunk(all ? words.size() : 0);
    (*tagger)->Tag(words.data(), bounds.data(), doc.sentences.size(), scratch, all ? pos.data() : nullptr,
                   all ? chunk.data() : nullptr, ner.data());
    for (size_t k = 0; k < doc.sentences.size(); ++k) {
      ner_out.emplace_back(ner.begin() + bounds[k], ner.begin() + bounds[k + 1]);
      if (all) {
        pos_out.emplace_back(pos.begin() + bounds[k], pos.begin() + bounds[k + 1]);
        chunk_out.emplace_back(chunk.begin() + bounds[k], chunk.begin() + bounds[k + 1]);
      }
    }
  }
  // Replay the input's layout. Sentences are numbered in reading order.
  std::string out;
  std::vector<const ConllSentence*> sents;
  for (const auto& d : file->documents)
    for (const auto& s : d.sentences) sents.push_back(&s);
  for (const auto& l : file->lines) {
    if (l.kind == ConllLine::kBlank) {
      out += '\n';
    } else if (l.kind == ConllLine::kDocStart) {
      out += l.text;
      out += '\n';
    } else {
      out += sents[l.sentence]->words[l.index];
      out += '\t';
      if (all) {
        std::string_view p = PosTagName(pos_out[l.sentence][l.index]);
        std::string_view c = ChunkTagName(chunk_out[l.sentence][l.index]);
        out.append(p.empty() ? "_" : p);
        out += '\t';
        out.append(c.empty() ? "_" : c);
        out += '\t';
      }
      out.append(NerCodeName(ner_out[l.sentence][l.index]));
      out += '\n';
    }
    if (out.size() > (1 << 20)) {
      std::fwrite(out.data(), 1, out.size(), stdout);
      out.clear();
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return std::fflush(stdout) == 0 ? 0 : 1;
}
