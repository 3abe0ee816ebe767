// Whole-file reads: the bytes as they are, and a missing file named in the error.
#include "services/common/file_text.h"

#include <cstdio>
#include <fstream>
#include <string>

#include "gtest/gtest.h"

namespace swv {
namespace {

std::string TempPath(const char* name) { return ::testing::TempDir() + name; }

TEST(FileTextTest, ReadsEveryByte) {
  const std::string path = TempPath("file_text_test.bin");
  const std::string bytes("line\r\n\0tail", 11);
  std::ofstream(path, std::ios::binary) << bytes;
  EXPECT_EQ(ReadWholeFile(path), bytes);
  absl::StatusOr<std::string> read = ReadFileOf(path, "--key");
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(*read, bytes);
  std::remove(path.c_str());
}

TEST(FileTextTest, AMissingFileIsNamed) {
  const std::string path = TempPath("file_text_test.missing");
  EXPECT_EQ(ReadWholeFile(path), absl::nullopt);
  absl::StatusOr<std::string> read = ReadFileOf(path, "--key");
  EXPECT_EQ(read.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(read.status().message(), "cannot read --key " + path);
}

}  // namespace
}  // namespace swv
