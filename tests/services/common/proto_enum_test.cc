// The mapping between domain and proto enums by stored name (proto_enum.h).
#include "services/common/proto_enum.h"

#include <string>

#include "absl/strings/string_view.h"
#include "absl/types/optional.h"
#include "gtest/gtest.h"
#include "swv/v1/registrations.pb.h"
#include "swv/v1/tlv.pb.h"

namespace swv {
namespace {

namespace pb = ::swv::v1;

TEST(ProtoEnumTest, StoredNameToProtoValue) {
  EXPECT_EQ(ProtoEnumOf<pb::ThuiszitterCause>("waiting_for_care"),
            pb::THUISZITTER_CAUSE_WAITING_FOR_CARE);
  EXPECT_EQ(ProtoEnumOf<pb::ThuiszitterCategory>("relative_4w_3m"),
            pb::THUISZITTER_CATEGORY_RELATIVE_4W_3M);
  EXPECT_EQ(ProtoEnumOf<pb::ExpertProfession>("kinder_jeugdpsycholoog"),
            pb::EXPERT_PROFESSION_KINDER_JEUGDPSYCHOLOOG);
}

TEST(ProtoEnumTest, UnknownNamesAreUnspecified) {
  EXPECT_EQ(ProtoEnumOf<pb::ThuiszitterCause>("unknown"), pb::THUISZITTER_CAUSE_UNSPECIFIED);
  EXPECT_EQ(ProtoEnumOf<pb::ThuiszitterCause>(""), pb::THUISZITTER_CAUSE_UNSPECIFIED);
  EXPECT_EQ(ProtoEnumOf<pb::TlvStatus>("unspecified"), pb::TLV_STATUS_UNSPECIFIED);
}

TEST(ProtoEnumTest, ProtoValueToStoredName) {
  EXPECT_EQ(ProtoEnumName(pb::THUISZITTER_CAUSE_WAITING_FOR_CARE), "waiting_for_care");
  EXPECT_EQ(ProtoEnumName(pb::TLV_STATUS_GRANTED), "granted");
  EXPECT_EQ(ProtoEnumName(pb::THUISZITTER_CAUSE_UNSPECIFIED), "");
  EXPECT_EQ(ProtoEnumName(static_cast<pb::TlvStatus>(99)), "");
}

TEST(ProtoEnumTest, EveryValueRoundTrips) {
  for (int i = pb::ThuiszitterCause_MIN; i <= pb::ThuiszitterCause_MAX; ++i) {
    const auto value = static_cast<pb::ThuiszitterCause>(i);
    EXPECT_EQ(ProtoEnumOf<pb::ThuiszitterCause>(ProtoEnumName(value)), value) << i;
  }
  for (int i = pb::ExpertProfession_MIN; i <= pb::ExpertProfession_MAX; ++i) {
    const auto value = static_cast<pb::ExpertProfession>(i);
    EXPECT_EQ(ProtoEnumOf<pb::ExpertProfession>(ProtoEnumName(value)), value) << i;
  }
}

TEST(ProtoEnumTest, FromProtoEnumAsksTheDomainByName) {
  auto from_name = [](absl::string_view name) -> absl::optional<std::string> {
    if (name.empty()) return absl::nullopt;
    return std::string(name);
  };
  EXPECT_EQ(FromProtoEnum(pb::TLV_STATUS_COMPLETE, from_name), "complete");
  EXPECT_EQ(FromProtoEnum(pb::TLV_STATUS_UNSPECIFIED, from_name), absl::nullopt);
}

}  // namespace
}  // namespace swv
