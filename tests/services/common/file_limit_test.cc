// The open-file limit: raised to the hard limit, and raising it again changes nothing.
#include "services/common/file_limit.h"

#include <sys/resource.h>

#include "gtest/gtest.h"

namespace swv {
namespace {

TEST(FileLimitTest, SoftLimitBecomesTheHardLimit) {
  rlimit before{};
  ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &before), 0);
  RaiseFileLimitToHard();
  RaiseFileLimitToHard();
  rlimit after{};
  ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &after), 0);
  EXPECT_EQ(after.rlim_max, before.rlim_max);
  EXPECT_EQ(after.rlim_cur, after.rlim_max);
}

}  // namespace
}  // namespace swv
