// The registrations adapters map every enum by its stored name (services/common/proto_enum.h):
// each proto value other than UNSPECIFIED must name a domain value, and that value must map back.
#include <string>

#include "absl/strings/string_view.h"
#include "gtest/gtest.h"
#include "services/common/proto_enum.h"
#include "services/registrations/domain/directory.h"
#include "services/registrations/domain/escalation.h"
#include "services/registrations/domain/leerplicht_action.h"
#include "services/registrations/domain/opp.h"
#include "services/registrations/domain/register.h"
#include "services/registrations/domain/support.h"
#include "services/registrations/domain/thuiszitter.h"
#include "services/registrations/domain/tlv.h"
#include "services/registrations/domain/waiting_list.h"
#include "swv/v1/directory.pb.h"
#include "swv/v1/escalations.pb.h"
#include "swv/v1/registrations.pb.h"
#include "swv/v1/support.pb.h"
#include "swv/v1/tlv.pb.h"

namespace swv::registrations {
namespace {

namespace pb = ::swv::v1;

// For every defined value of ProtoEnum in [min, max].
template <typename ProtoEnum, typename FromName, typename NameOf>
void ExpectEveryValueMaps(int min, int max, FromName from_name, NameOf name_of) {
  for (int i = min; i <= max; ++i) {
    const auto proto = static_cast<ProtoEnum>(i);
    const std::string name = ProtoEnumName(proto);
    if (i == 0) {
      EXPECT_FALSE(FromProtoEnum(proto, from_name).has_value());
      continue;
    }
    auto value = FromProtoEnum(proto, from_name);
    ASSERT_TRUE(value.has_value()) << name;
    EXPECT_EQ(ProtoEnumOf<ProtoEnum>(name_of(*value)), proto) << name;
  }
}

TEST(ProtoEnumsTest, EveryProtoValueNamesADomainValue) {
  ExpectEveryValueMaps<pb::SchoolKind>(pb::SchoolKind_MIN, pb::SchoolKind_MAX, SchoolKindFromName,
                                       SchoolKindName);
  ExpectEveryValueMaps<pb::ParentalConsent>(pb::ParentalConsent_MIN, pb::ParentalConsent_MAX,
                                            ParentalConsentFromName, ParentalConsentName);
  ExpectEveryValueMaps<pb::TlvKind>(pb::TlvKind_MIN, pb::TlvKind_MAX, TlvKindFromName, TlvKindName);
  ExpectEveryValueMaps<pb::SoCategory>(pb::SoCategory_MIN, pb::SoCategory_MAX, SoCategoryFromName,
                                       SoCategoryName);
  ExpectEveryValueMaps<pb::TlvStatus>(pb::TlvStatus_MIN, pb::TlvStatus_MAX, TlvStatusFromName,
                                      TlvStatusName);
  ExpectEveryValueMaps<pb::ExpertProfession>(pb::ExpertProfession_MIN, pb::ExpertProfession_MAX,
                                             ExpertProfessionFromName, ExpertProfessionName);
  ExpectEveryValueMaps<pb::ArrangementTarget>(pb::ArrangementTarget_MIN, pb::ArrangementTarget_MAX,
                                              ArrangementTargetFromName, ArrangementTargetName);
  ExpectEveryValueMaps<pb::ArrangementStatus>(pb::ArrangementStatus_MIN, pb::ArrangementStatus_MAX,
                                              ArrangementStatusFromName, ArrangementStatusName);
  ExpectEveryValueMaps<pb::AbsenceKind>(pb::AbsenceKind_MIN, pb::AbsenceKind_MAX,
                                        AbsenceKindFromName, AbsenceKindName);
  ExpectEveryValueMaps<pb::ThuiszitterCause>(pb::ThuiszitterCause_MIN, pb::ThuiszitterCause_MAX,
                                             ThuiszitterCauseFromName, ThuiszitterCauseName);
  ExpectEveryValueMaps<pb::ThuiszitterCategory>(
      pb::ThuiszitterCategory_MIN, pb::ThuiszitterCategory_MAX, ThuiszitterCategoryFromName,
      ThuiszitterCategoryName);
  ExpectEveryValueMaps<pb::CaseStatus>(pb::CaseStatus_MIN, pb::CaseStatus_MAX, CaseStatusFromName,
                                       CaseStatusName);
  ExpectEveryValueMaps<pb::MonitorkindReason>(pb::MonitorkindReason_MIN, pb::MonitorkindReason_MAX,
                                              MonitorkindReasonFromName, MonitorkindReasonName);
  ExpectEveryValueMaps<pb::ExemptionArticle>(pb::ExemptionArticle_MIN, pb::ExemptionArticle_MAX,
                                             ExemptionArticleFromName, ExemptionArticleName);
  ExpectEveryValueMaps<pb::SwvAdvice>(pb::SwvAdvice_MIN, pb::SwvAdvice_MAX, SwvAdviceFromName,
                                      SwvAdviceName);
  ExpectEveryValueMaps<pb::LeerplichtActionKind>(
      pb::LeerplichtActionKind_MIN, pb::LeerplichtActionKind_MAX, LeerplichtActionKindFromName,
      LeerplichtActionKindName);
  ExpectEveryValueMaps<pb::EscalationLevel>(pb::EscalationLevel_MIN, pb::EscalationLevel_MAX,
                                            EscalationLevelFromName, EscalationLevelName);
  ExpectEveryValueMaps<pb::WaitingKind>(pb::WaitingKind_MIN, pb::WaitingKind_MAX,
                                        WaitingKindFromName, WaitingKindName);
  ExpectEveryValueMaps<pb::WaitingOutcome>(pb::WaitingOutcome_MIN, pb::WaitingOutcome_MAX,
                                           WaitingOutcomeFromName, WaitingOutcomeName);
}

}  // namespace
}  // namespace swv::registrations
