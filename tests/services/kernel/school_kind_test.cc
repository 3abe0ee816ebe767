// The directory's school kinds and their stored names (services/kernel/school_kind.h).
#include "services/kernel/school_kind.h"

#include "gtest/gtest.h"

namespace swv {
namespace {

TEST(SchoolKind, EveryKindRoundTripsByItsName) {
  for (SchoolKind kind : {SchoolKind::kRegular, SchoolKind::kSbo, SchoolKind::kSo,
                          SchoolKind::kOpdc, SchoolKind::kMdo}) {
    EXPECT_EQ(SchoolKindFromName(SchoolKindName(kind)), kind) << SchoolKindName(kind);
  }
  EXPECT_EQ(SchoolKindName(SchoolKind::kSbo), "sbo");
  EXPECT_EQ(SchoolKindName(SchoolKind::kMdo), "mdo");
}

TEST(SchoolKind, UnspecifiedAndUnknownNamesAreNoKind) {
  EXPECT_EQ(SchoolKindName(SchoolKind::kUnspecified), "unspecified");
  EXPECT_EQ(SchoolKindFromName("unspecified"), absl::nullopt);
  EXPECT_EQ(SchoolKindFromName("SBO"), absl::nullopt);
  EXPECT_EQ(SchoolKindFromName(""), absl::nullopt);
}

}  // namespace
}  // namespace swv
