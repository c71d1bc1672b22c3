// The bytes of a whole file, read once for a loader that then parses them:
// a regular file is mapped read-only from the page cache (MAP_POPULATE: no
// copy into fresh memory, which on this project's machines costs a page
// fault per 4 KB touched); anything else (a pipe, a device) or a file that
// cannot be mapped is read to its end into memory aligned to 64 bytes. Used
// by the knowledge base (kb/kb.cc) and the tagger's model files
// (tagger/model.cc), whose arrays are then used in place.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace tidings {

class FileBytes {
 public:
  FileBytes() = default;
  FileBytes(FileBytes&& o) noexcept { swap(o); }
  FileBytes& operator=(FileBytes&& o) noexcept {
    FileBytes t(std::move(o));
    swap(t);
    return *this;
  }
  FileBytes(const FileBytes&) = delete;
  FileBytes& operator=(const FileBytes&) = delete;
  ~FileBytes();

  // Reads the file at path into *out. "" on success, else the reason (and
  // *missing, when given, set if the file cannot be opened). A regular file
  // larger than max_bytes, or other input going past it, is refused.
  static std::string Read(const std::string& path, FileBytes* out, bool* missing = nullptr,
                          size_t max_bytes = size_t{1} << 31);
  // The same for an open file (fd is left open, its offset may move).
  static std::string ReadFd(int fd, FileBytes* out, size_t max_bytes = size_t{1} << 31);

  const char* data() const { return data_; }
  size_t size() const { return size_; }
  std::string_view bytes() const { return {data_, size_}; }
  bool mapped() const { return map_ != nullptr; }

 private:
  void swap(FileBytes& o) noexcept;
  const char* data_ = nullptr;
  size_t size_ = 0;
  void* map_ = nullptr;  // the file mapping, else data_ is an aligned block of ours
  size_t map_len_ = 0;
};

}  // namespace tidings
