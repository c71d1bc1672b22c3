// Speech-cue lexicon loading.
#include <fstream>
#include <sstream>

#include "tidings/quotes/quotes.h"

namespace tidings::quotes {

StatusOr<CueLexicon> CueLexicon::Parse(std::string_view tsv, std::string_view origin) {
  CueLexicon lex;
  size_t line_no = 0, pos = 0;
  while (pos < tsv.size()) {
    size_t nl = tsv.find('\n', pos);
    if (nl == std::string_view::npos) nl = tsv.size();
    std::string_view line = tsv.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    size_t tab = line.find('\t');
    if (tab == std::string_view::npos || tab == 0)
      return InvalidArgument(std::string(origin) + ":" + std::to_string(line_no) + ": expected 'form<TAB>flags'");
    std::string form(line.substr(0, tab));
    uint8_t flags = 0;
    for (char c : line.substr(tab + 1)) {
      switch (c) {
        case 'd': flags |= kCueDirect; break;
        case 'z': flags |= kCueZeroThat; break;
        case 't': flags |= kCueThat; break;
        case 'n': flags |= kCueNoun; break;
        default:
          return InvalidArgument(std::string(origin) + ":" + std::to_string(line_no) + ": unknown flag '" +
                                 std::string(1, c) + "' (expected d, z, t or n)");
      }
    }
    for (char& c : form)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    lex.map_[form] = flags;
  }
  if (lex.map_.empty()) return InvalidArgument(std::string(origin) + ": no cues");
  return lex;
}

StatusOr<CueLexicon> CueLexicon::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(path + ": cannot open the speech-cue lexicon");
  std::stringstream ss;
  ss << in.rdbuf();
  return Parse(ss.str(), path);
}

}  // namespace tidings::quotes
