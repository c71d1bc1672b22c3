#include "tidings/core/file_bytes.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <new>
#include <utility>

namespace tidings {

namespace {
constexpr std::align_val_t kAlign{64};
}  // namespace

FileBytes::~FileBytes() {
  if (map_) ::munmap(map_, map_len_);
  else if (data_) ::operator delete(const_cast<char*>(data_), kAlign);
}

void FileBytes::swap(FileBytes& o) noexcept {
  std::swap(data_, o.data_);
  std::swap(size_, o.size_);
  std::swap(map_, o.map_);
  std::swap(map_len_, o.map_len_);
}

std::string FileBytes::Read(const std::string& path, FileBytes* out, bool* missing, size_t max_bytes) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (missing) *missing = true;
    return "cannot open";
  }
  std::string why = ReadFd(fd, out, max_bytes);
  ::close(fd);
  return why;
}

std::string FileBytes::ReadFd(int fd, FileBytes* out, size_t max_bytes) {
  *out = FileBytes();
  struct stat st;
  if (::fstat(fd, &st) != 0 || st.st_size < 0) return "cannot read its size";
  const size_t n = static_cast<size_t>(st.st_size);
  if (S_ISREG(st.st_mode) && n > max_bytes) return "too large";
  if (S_ISREG(st.st_mode) && n > 0) {
    // Populated at once: loaders read every byte (a checksum) right after.
    void* m = ::mmap(nullptr, n, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    if (m != MAP_FAILED) {
      out->map_ = m;
      out->map_len_ = n;
      out->data_ = static_cast<const char*>(m);
      out->size_ = n;
      return "";
    }
  }
  // Any other file, or a mapping refused: read to its end.
  std::string data;
  char chunk[1 << 16];
  for (;;) {
    const ssize_t r = ::read(fd, chunk, sizeof chunk);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) return "read error";
    if (r == 0) break;
    if (data.size() + static_cast<size_t>(r) > max_bytes) return "too large";
    data.append(chunk, static_cast<size_t>(r));
  }
  if (data.empty()) return "";
  char* b = static_cast<char*>(::operator new(data.size(), kAlign, std::nothrow));
  if (!b) return "out of memory";
  std::memcpy(b, data.data(), data.size());
  out->data_ = b;
  out->size_ = data.size();
  return "";
}

}  // namespace tidings
