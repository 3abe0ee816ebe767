// Enum name tables read both ways (services/kernel/enum_names.h).
#include "services/kernel/enum_names.h"

#include "gtest/gtest.h"

namespace swv {
namespace {

enum class Colour { kRed, kGreen, kBlue, kNotNamed };

constexpr EnumName<Colour> kColourNames[] = {
    {Colour::kRed, "red"},
    {Colour::kGreen, "green"},
    {Colour::kBlue, "blue"},
};

TEST(EnumNames, EveryValueRoundTripsByItsName) {
  for (const EnumName<Colour>& entry : kColourNames) {
    EXPECT_EQ(ValueOf(kColourNames, NameOf(kColourNames, entry.value)), entry.value) << entry.name;
  }
  EXPECT_EQ(absl::string_view(NameOf(kColourNames, Colour::kGreen)), "green");
}

TEST(EnumNames, NamesAreKnownAtCompileTime) {
  static_assert(absl::string_view(NameOf(kColourNames, Colour::kBlue)) == "blue", "");
}

TEST(EnumNames, AValueNotInTheTableHasTheFallbackName) {
  EXPECT_EQ(absl::string_view(NameOf(kColourNames, Colour::kNotNamed)), "unknown");
  EXPECT_EQ(absl::string_view(NameOf(kColourNames, static_cast<Colour>(42))), "unknown");
  EXPECT_EQ(absl::string_view(NameOf(kColourNames, Colour::kNotNamed, "")), "");
}

TEST(EnumNames, ANameNotInTheTableIsNoValue) {
  EXPECT_EQ(ValueOf(kColourNames, "purple"), absl::nullopt);
  EXPECT_EQ(ValueOf(kColourNames, "RED"), absl::nullopt);  // case counts
  EXPECT_EQ(ValueOf(kColourNames, "red "), absl::nullopt);
  EXPECT_EQ(ValueOf(kColourNames, ""), absl::nullopt);
  EXPECT_EQ(ValueOf(kColourNames, "unknown"), absl::nullopt);
}

}  // namespace
}  // namespace swv
