#include "tidings/io/reader.h"

#include <fcntl.h>
#include <simdjson.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <unordered_set>

#include "tidings/core/utf8.h"

namespace tidings {
namespace fs = std::filesystem;

namespace {

bool EndsWith(std::string_view s, std::string_view suf) {
  return s.size() >= suf.size() && s.compare(s.size() - suf.size(), suf.size(), suf) == 0;
}

bool IsJsonl(std::string_view path) { return EndsWith(path, ".jsonl") || EndsWith(path, ".ndjson"); }

bool Digits(std::string_view s, size_t b, size_t n) {
  if (s.size() < b + n) return false;
  for (size_t i = b; i < b + n; ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

int Num(std::string_view s, size_t b, size_t n) {
  int v = 0;
  for (size_t i = b; i < b + n; ++i) v = v * 10 + (s[i] - '0');
  return v;
}

std::string Trunc(std::string_view s, size_t n = 40) {
  std::string out(s.substr(0, n));
  if (s.size() > n) out += "...";
  // keep messages printable on one line
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  if (utf8::FindInvalid(out) != std::string_view::npos) return "<binary>";
  return out;
}

}  // namespace

StatusOr<std::string> NormalizeDate(std::string_view s) {
  // YYYY-MM-DD, optionally followed by T or space and a time (not checked
  // beyond its first characters) and a zone.
  if (!Digits(s, 0, 4) || s.size() < 10 || s[4] != '-' || !Digits(s, 5, 2) || s[7] != '-' || !Digits(s, 8, 2))
    return InvalidArgument("date '" + Trunc(s) + "' is not YYYY-MM-DD or an ISO 8601 date-time");
  if (s.size() > 10 && s[10] != 'T' && s[10] != ' ' && s[10] != 't')
    return InvalidArgument("date '" + Trunc(s) + "' is not YYYY-MM-DD or an ISO 8601 date-time");
  if (s.size() > 10 && !(s.size() >= 16 && Digits(s, 11, 2) && s[13] == ':' && Digits(s, 14, 2)))
    return InvalidArgument("date '" + Trunc(s) + "' has a malformed time part");
  int y = Num(s, 0, 4), m = Num(s, 5, 2), d = Num(s, 8, 2);
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (m < 1 || m > 12 || d < 1 || d > kDays[m - 1] || (m == 2 && d == 29 && !leap))
    return InvalidArgument("date '" + Trunc(s) + "' does not exist");
  return std::string(s.substr(0, 10));
}

bool LooksLikeLegacyText(std::string_view text) {
  size_t controls = 0;
  for (unsigned char c : text) {
    if (c == 0) return false;
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') ++controls;
  }
  return controls * 100 <= text.size();
}

std::string DecodeWindows1252(std::string_view text) {
  // 0x80-0x9F per Windows-1252; the five undefined bytes become U+FFFD.
  static constexpr char32_t kHigh[32] = {
      0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (unsigned char c : text) {
    if (c < 0x80)
      out += static_cast<char>(c);
    else if (c < 0xA0)
      utf8::Append(kHigh[c - 0x80], out);
    else
      utf8::Append(c, out);
  }
  return out;
}

namespace {

// CheckText, with the UTF-8 scan skipped when the caller has just done it.
Status CheckTextImpl(std::string_view text, bool known_valid_utf8) {
  if (size_t bad = known_valid_utf8 ? std::string_view::npos : utf8::FindInvalid(text); bad != std::string_view::npos)
    return InvalidArgument("line " + std::to_string(utf8::LineOf(text, bad)) + ": invalid UTF-8 at byte " +
                           std::to_string(bad));
  if (const void* nul = std::memchr(text.data(), 0, text.size()))
    return InvalidArgument("line " +
                           std::to_string(utf8::LineOf(text, static_cast<const char*>(nul) - text.data())) +
                           ": NUL byte (binary data?)");
  bool blank = true;
  for (size_t i = 0; i < text.size() && blank;) {
    if (!utf8::IsSpace(utf8::Next(text, i))) blank = false;
  }
  if (blank) return InvalidArgument("empty document");
  return Status::OK();
}

}  // namespace

Status CheckText(std::string_view text) { return CheckTextImpl(text, false); }

struct DocumentReader::Impl {
  // The JSON Lines file being read, if any.
  std::FILE* file = nullptr;
  bool owns_file = false;
  std::string path;
  std::string id_base;
  size_t line = 0;
  std::string buf;  // read buffer
  size_t bpos = 0;
  bool eof = false;
  simdjson::dom::parser parser;
  std::string line_text;

  ~Impl() { Close(); }
  void Close() {
    if (file && owns_file) std::fclose(file);
    file = nullptr;
  }
  // Starts reading JSON Lines from f (closed at the end when `owns`).
  void Open(std::FILE* f, bool owns, std::string name) {
    file = f;
    owns_file = owns;
    path = std::move(name);
    line = 0;
    eof = false;
    buf.clear();
    bpos = 0;
  }
  // Reads the next line into line_text. Returns false at EOF. Sets
  // `too_long` when the line exceeded max bytes (its content is dropped).
  bool ReadLine(size_t max, bool& too_long, bool& read_error) {
    line_text.clear();
    too_long = false;
    read_error = false;
    bool any = false;
    for (;;) {
      if (bpos >= buf.size()) {
        if (eof) return any;
        buf.resize(1 << 16);
        size_t n = std::fread(buf.data(), 1, buf.size(), file);
        if (n == 0 && std::ferror(file)) {
          read_error = true;
          eof = true;
          buf.clear();
          bpos = 0;
          return any;
        }
        buf.resize(n);
        bpos = 0;
        if (n == 0) {
          eof = true;
          return any;
        }
      }
      any = true;
      const char* start = buf.data() + bpos;
      const char* nl = static_cast<const char*>(std::memchr(start, '\n', buf.size() - bpos));
      size_t take = nl ? static_cast<size_t>(nl - start) : buf.size() - bpos;
      if (!too_long) {
        if (line_text.size() + take > max) {
          too_long = true;
          line_text.clear();
          line_text.shrink_to_fit();
        } else {
          line_text.append(start, take);
        }
      }
      bpos += take;
      if (nl) {
        ++bpos;
        return true;
      }
    }
  }
};

DocumentReader::DocumentReader(std::vector<std::string> inputs, ReaderOptions opts)
    : queue_(std::move(inputs)), opts_(std::move(opts)), impl_(std::make_unique<Impl>()) {
  single_input_ = queue_.size() == 1;
  ExpandAll();
}

DocumentReader::~DocumentReader() = default;

void DocumentReader::ExpandAll() {
  // Replace each directory by its files (recursively, sorted). Entries that
  // cannot be listed stay in the queue and produce an error when opened.
  std::vector<std::string> out, out_ids;
  std::vector<Sidecar> out_meta;
  for (size_t i = qpos_; i < queue_.size(); ++i) {
    const std::string& p = queue_[i];
    std::error_code ec;
    if (p != "-" && fs::is_directory(p, ec)) {
      std::vector<std::string> files;
      fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec), end;
      if (ec) {
        out.push_back(p);
        out_ids.push_back(fs::path(p).filename().string());
        out_meta.push_back(Sidecar::kUnknown);
        continue;
      }
      // Sidecars seen in the listing: a file without one needs no look-up.
      std::unordered_set<std::string> metas;
      bool complete = true;
      for (; it != end; it.increment(ec)) {
        if (ec) break;
        std::error_code ec2;
        if (it->is_directory(ec2)) continue;
        std::string f = it->path().string();
        if (EndsWith(f, ".meta.json")) {  // sidecar metadata, not a document
          metas.insert(std::move(f));
          continue;
        }
        std::string base = it->path().filename().string();
        if (!base.empty() && base[0] == '.') continue;  // hidden files
        files.push_back(f);
      }
      if (ec) complete = false;  // listing cut short: look sidecars up
      std::sort(files.begin(), files.end());
      for (const auto& f : files) {
        out.push_back(f);
        out_ids.push_back(fs::path(f).lexically_relative(p).string());
        out_meta.push_back(!complete ? Sidecar::kUnknown
                           : metas.count(fs::path(f).replace_extension(".meta.json").string()) ? Sidecar::kListed
                                                                                               : Sidecar::kAbsent);
      }
      if (files.size() > 1) single_input_ = false;
    } else {
      out.push_back(p);
      out_ids.push_back(fs::path(p).filename().string());
      out_meta.push_back(Sidecar::kUnknown);
    }
  }
  queue_.erase(queue_.begin() + static_cast<std::ptrdiff_t>(qpos_), queue_.end());
  queue_.insert(queue_.end(), out.begin(), out.end());
  ids_.resize(qpos_);
  ids_.insert(ids_.end(), out_ids.begin(), out_ids.end());
  meta_.resize(qpos_);
  meta_.insert(meta_.end(), out_meta.begin(), out_meta.end());
  total_files_ = queue_.size();
  if (std::count(queue_.begin(), queue_.end(), std::string("-")) > 0 && queue_.size() == 1) total_files_ = 0;
}

bool DocumentReader::Next(ReadItem& item) {
  item.doc.reset();
  item.error.clear();
  item.warning.clear();
  for (;;) {
    bool got = false;
    if (impl_->file) {
      got = NextJsonLine(item);
      if (!got) continue;  // file finished
    } else {
      if (qpos_ >= queue_.size()) return false;
      got = OpenNextFile(item);
    }
    if (got) {
      // Error messages are one line of printable text whatever the ids and
      // paths contain.
      for (std::string* m : {&item.error, &item.warning})
        for (char& c : *m)
          if (static_cast<unsigned char>(c) < 0x20) c = ' ';
      return true;
    }
  }
}

// Opens queue_[qpos_]. Plain files are read whole and returned as one item
// (returns true); JSON Lines files are opened for NextJsonLine (returns false).
bool DocumentReader::OpenNextFile(ReadItem& item) {
  std::string path = queue_[qpos_];
  std::string file_id = ids_[qpos_];
  const Sidecar meta = meta_[qpos_];
  ++qpos_;
  ++files_seen_;
  if (path == "-") {
    // stdin: JSON Lines if it starts with '{', otherwise one plain document.
    int c = std::fgetc(stdin);
    while (c == ' ' || c == '\t' || c == '\r' || c == '\n') c = std::fgetc(stdin);
    if (c == '{') {
      std::ungetc(c, stdin);
      impl_->Open(stdin, false, "<stdin>");
      return false;
    }
    std::string text;
    if (c != EOF) text += static_cast<char>(c);
    char buf[1 << 16];
    size_t n;
    bool too_big = false;
    while ((n = std::fread(buf, 1, sizeof buf, stdin)) > 0) {
      if (text.size() + n > opts_.max_doc_bytes) too_big = true;
      if (!too_big) text.append(buf, n);
    }
    if (too_big) {
      item.error = "<stdin>: document larger than " + std::to_string(opts_.max_doc_bytes) + " bytes; skipped";
      return true;
    }
    Document doc;
    doc.id = opts_.default_id.empty() ? "stdin" : opts_.default_id;
    doc.text = std::move(text);
    if (Status st = CheckText(doc.text); !st.ok()) {
      item.error = "<stdin>:" + st.message().substr(5) + " (id " + doc.id + ")";
      return true;
    }
    doc.date = opts_.default_date;
    item.doc = std::move(doc);
    return true;
  }
  if (IsJsonl(path)) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) {
      item.error = path + ": cannot open: " + std::strerror(errno);
      return true;
    }
    impl_->Open(f, true, path);
    return false;
  }
  std::string id;
  if (!opts_.default_id.empty() && single_input_) {
    id = opts_.default_id;
  } else {
    // Inside a directory argument, ids are paths relative to it, so
    // business/001.txt and sport/001.txt stay distinct.
    id = file_id;
  }
  return ReadPlain(path, id, meta, item);
}

bool DocumentReader::ReadPlain(const std::string& path, const std::string& id, Sidecar meta_listed,
                               ReadItem& item) {
  std::error_code ec;
  // One open and one fstat by descriptor (no path look-ups beyond the open);
  // the messages for files that cannot be read are those of the
  // std::filesystem calls: a directory or special file "cannot read", a file
  // that exists but cannot be opened "cannot open". O_NONBLOCK: a FIFO is
  // reported, not waited on (it has no effect on regular files).
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    const int open_errno = errno;
    (void)fs::file_size(path, ec);
    item.error = ec ? path + ": cannot read: " + ec.message() : path + ": cannot open: " + std::strerror(open_errno);
    return true;
  }
  struct stat sb {};
  if (::fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
    const bool is_dir = S_ISDIR(sb.st_mode);
    ::close(fd);
    (void)fs::file_size(path, ec);  // the same error as before, from the same call
    if (!ec) ec = std::make_error_code(is_dir ? std::errc::is_a_directory : std::errc::not_supported);
    item.error = path + ": cannot read: " + ec.message();
    return true;
  }
  const size_t size = static_cast<size_t>(sb.st_size);
  if (size > opts_.max_doc_bytes) {
    ::close(fd);
    item.error = path + ": document larger than " + std::to_string(opts_.max_doc_bytes) + " bytes; skipped (id " +
                 id + ")";
    return true;
  }
  Document doc;
  doc.text.resize(size);
  size_t got = 0;
  bool err = false;
  while (got < size) {
    const ssize_t r = ::read(fd, doc.text.data() + got, size - got);
    if (r < 0) {
      if (errno == EINTR) continue;
      err = true;
      break;
    }
    if (r == 0) break;
    got += static_cast<size_t>(r);
  }
  ::close(fd);
  if (err) {
    item.error = path + ": read error";
    return true;
  }
  doc.text.resize(got);
  doc.id = id;
  size_t bad = utf8::FindInvalid(doc.text);
  if (bad != std::string_view::npos && LooksLikeLegacyText(doc.text)) {
    item.warning = path + ":" + std::to_string(utf8::LineOf(doc.text, bad)) +
                   ": not valid UTF-8; read as Windows-1252 (id " + id + ")";
    doc.text = DecodeWindows1252(doc.text);
  }
  if (Status st = CheckTextImpl(doc.text, bad == std::string_view::npos); !st.ok()) {
    // "line N: msg" -> "path:N: msg"
    std::string m = st.message();
    if (m.rfind("line ", 0) == 0) {
      size_t colon = m.find(':');
      item.error = path + ":" + m.substr(5, colon - 5) + ":" + m.substr(colon + 1) + " (id " + id + ")";
    } else {
      item.error = path + ": " + m + " (id " + id + ")";
    }
    return true;
  }
  doc.date = opts_.default_date;
  // Sidecar metadata: X.meta.json beside X.txt.
  fs::path meta;
  if (meta_listed != Sidecar::kAbsent && fs::exists(meta = fs::path(path).replace_extension(".meta.json"), ec)) {
    simdjson::dom::parser p;
    simdjson::dom::element el;
    if (p.load(meta.string()).get(el) == simdjson::SUCCESS && el.is_object()) {
      std::string_view sv;
      if (el["id"].get_string().get(sv) == simdjson::SUCCESS && opts_.default_id.empty()) doc.id = sv;
      if (el["date"].get_string().get(sv) == simdjson::SUCCESS) {
        auto d = NormalizeDate(sv);
        if (!d.ok()) {
          item.error = meta.string() + ": " + d.status().message() + " (id " + doc.id + ")";
          return true;
        }
        if (opts_.default_date.empty()) doc.date = *d;
      }
      if (el["title"].get_string().get(sv) == simdjson::SUCCESS) doc.title = sv;
      if (el["url"].get_string().get(sv) == simdjson::SUCCESS) doc.url = sv;
    } else {
      item.error = meta.string() + ": not a JSON object (id " + doc.id + ")";
      return true;
    }
  }
  item.doc = std::move(doc);
  return true;
}

// Reads the next non-blank line of the current JSON Lines file. Returns true
// with an item, or false when the file is finished (and closes it).
bool DocumentReader::NextJsonLine(ReadItem& item) {
  Impl& s = *impl_;
  for (;;) {
    bool too_long = false, read_error = false;
    if (!s.ReadLine(opts_.max_doc_bytes, too_long, read_error)) {
      s.Close();
      if (read_error) {
        item.error = s.path + ":" + std::to_string(s.line + 1) + ": read error";
        return true;
      }
      return false;
    }
    ++s.line;
    const std::string where = s.path + ":" + std::to_string(s.line) + ": ";
    if (read_error) {
      item.error = where + "read error";
      return true;
    }
    if (too_long) {
      item.error = where + "line longer than " + std::to_string(opts_.max_doc_bytes) + " bytes; skipped";
      return true;
    }
    std::string_view line = s.line_text;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    size_t lead = 0;
    while (lead < line.size() && (line[lead] == ' ' || line[lead] == '\t')) ++lead;
    line.remove_prefix(lead);
    if (line.empty()) continue;  // blank lines separate nothing
    simdjson::dom::element el;
    auto err = s.parser.parse(line.data(), line.size(), true).get(el);
    if (err) {
      item.error = where + "invalid JSON: " + simdjson::error_message(err);
      return true;
    }
    if (!el.is_object()) {
      item.error = where + "not a JSON object";
      return true;
    }
    Document doc;
    // id: string or number; default file:line.
    std::string_view sv;
    int64_t iv;
    uint64_t uv;
    auto idel = el["id"];
    if (idel.get_string().get(sv) == simdjson::SUCCESS) {
      doc.id = sv;
    } else if (idel.get_int64().get(iv) == simdjson::SUCCESS) {
      doc.id = std::to_string(iv);
    } else if (idel.get_uint64().get(uv) == simdjson::SUCCESS) {
      doc.id = std::to_string(uv);
    } else {
      doc.id = std::filesystem::path(s.path).filename().string() + ":" + std::to_string(s.line);
    }
    const std::string id_note = " (id " + doc.id + ")";
    bool have_text = false;
    for (const char* key : {"text", "maintext"}) {
      auto t = el[key];
      if (t.error() == simdjson::NO_SUCH_FIELD || t.is_null()) continue;
      if (t.get_string().get(sv) != simdjson::SUCCESS) {
        item.error = where + "\"" + key + "\" is not a string" + id_note;
        return true;
      }
      doc.text = sv;
      have_text = true;
      break;
    }
    if (!have_text) {
      item.error = where + "missing \"text\"" + id_note;
      return true;
    }
    if (Status st = CheckText(doc.text); !st.ok()) {
      item.error = where + "text: " + st.message() + id_note;
      return true;
    }
    doc.date = opts_.default_date;
    for (const char* key : {"date", "date_publish"}) {
      auto d = el[key];
      if (d.error() == simdjson::NO_SUCH_FIELD || d.is_null()) continue;
      if (d.get_string().get(sv) != simdjson::SUCCESS) {
        item.error = where + "\"" + key + "\" is not a string" + id_note;
        return true;
      }
      auto nd = NormalizeDate(sv);
      if (!nd.ok()) {
        item.error = where + nd.status().message() + id_note;
        return true;
      }
      doc.date = *nd;
      break;
    }
    if (el["title"].get_string().get(sv) == simdjson::SUCCESS) doc.title = sv;
    if (el["url"].get_string().get(sv) == simdjson::SUCCESS) doc.url = sv;
    item.doc = std::move(doc);
    return true;
  }
}

}  // namespace tidings
