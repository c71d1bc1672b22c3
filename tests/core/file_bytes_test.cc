#include "tidings/core/file_bytes.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <string>
#include <thread>

#include "../common/temp_dir_test_base.h"

namespace tidings {
namespace {

class FileBytesTest : public testing_util::TempDirTest {};

TEST_F(FileBytesTest, RegularFileIsMappedWithAllItsBytes) {
  std::string content(100000, '\0');
  for (size_t i = 0; i < content.size(); ++i) content[i] = static_cast<char>(i * 7 + 3);
  const std::string path = Write("a.bin", content);
  FileBytes f;
  bool missing = false;
  ASSERT_EQ(FileBytes::Read(path, &f, &missing), "");
  EXPECT_FALSE(missing);
  EXPECT_TRUE(f.mapped());
  EXPECT_EQ(f.bytes(), content);
  // Moved, the bytes go along.
  FileBytes g(std::move(f));
  EXPECT_EQ(g.bytes(), content);
  EXPECT_EQ(f.size(), 0u);
}

TEST_F(FileBytesTest, PipeIsReadToItsEndIntoAlignedMemory) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  const std::string content(200000, 'x');
  std::thread writer([&] {
    size_t off = 0;
    while (off < content.size()) {
      const ssize_t w = ::write(fds[1], content.data() + off, content.size() - off);
      if (w <= 0) break;
      off += static_cast<size_t>(w);
    }
    ::close(fds[1]);
  });
  FileBytes f;
  const std::string why = FileBytes::ReadFd(fds[0], &f);
  writer.join();
  ::close(fds[0]);
  ASSERT_EQ(why, "");
  EXPECT_FALSE(f.mapped());
  EXPECT_EQ(f.bytes(), content);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(f.data()) % 64, 0u);
}

TEST_F(FileBytesTest, MissingEmptyAndTooLargeFiles) {
  FileBytes f;
  bool missing = false;
  EXPECT_NE(FileBytes::Read((dir_ / "none").string(), &f, &missing), "");
  EXPECT_TRUE(missing);
  missing = false;
  EXPECT_EQ(FileBytes::Read(Write("empty", ""), &f, &missing), "");
  EXPECT_FALSE(missing);
  EXPECT_EQ(f.size(), 0u);
  EXPECT_EQ(FileBytes::Read(Write("big", std::string(5000, 'y')), &f, nullptr, 4096), "too large");
  EXPECT_EQ(f.size(), 0u);
}

}  // namespace
}  // namespace tidings
