#include "services/common/grpc_handler.h"

#include <grpcpp/test/server_context_test_spouse.h>

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gtest/gtest.h"
#include "runtime_test_service.pb.h"
#include "services/common/grpc_principal.h"
#include "services/common/principal.h"
#include "swv/v1/tlv.pb.h"

namespace swv {
namespace {

using test::runtime::EchoResponse;

// An adapter's ToProto overloads: Respond and friends pick one by the value's type.
void ToProto(const std::string& text, EchoResponse* out) { out->set_text(text); }
void ToProto(const std::string& name, v1::Opp* out) { out->set_name(name); }
void ToProto(const int& version, v1::Opp* out) { out->set_version(version); }

// A page as the services return one: its values, then the next page's token.
struct NamePage {
  std::vector<std::string> names;
  std::string next_page_token;
};

TEST(RespondTest, MapsTheValueIntoTheReply) {
  EchoResponse response;
  EXPECT_TRUE(Respond(absl::StatusOr<std::string>("hello"), ToProto, &response).ok());
  EXPECT_EQ(response.text(), "hello");

  v1::Opp opp;
  EXPECT_TRUE(Respond(absl::StatusOr<int>(3), ToProto, &opp).ok());
  EXPECT_EQ(opp.version(), 3);
  EXPECT_EQ(opp.name(), "");
}

TEST(RespondTest, ReturnsTheCallsErrorAndLeavesTheReplyAlone) {
  EchoResponse response;
  absl::Status status = Respond(absl::StatusOr<std::string>(absl::NotFoundError("no such thing")),
                                ToProto, &response);
  EXPECT_EQ(status, absl::NotFoundError("no such thing"));
  EXPECT_EQ(response.text(), "");
}

TEST(RespondEachTest, AddsOneItemPerValueInOrder) {
  v1::ListOppsResponse response;
  std::vector<std::string> names = {"swvs/PO2203/opps/a", "swvs/PO2203/opps/b"};
  EXPECT_TRUE(
      RespondEach(absl::StatusOr<std::vector<std::string>>(names), ToProto, response.mutable_opps())
          .ok());
  ASSERT_EQ(response.opps_size(), 2);
  EXPECT_EQ(response.opps(0).name(), "swvs/PO2203/opps/a");
  EXPECT_EQ(response.opps(1).name(), "swvs/PO2203/opps/b");

  EXPECT_EQ(RespondEach(absl::StatusOr<std::vector<std::string>>(absl::InternalError("down")),
                        ToProto, response.mutable_opps()),
            absl::InternalError("down"));
  EXPECT_EQ(response.opps_size(), 2);
}

TEST(RespondPageTest, AddsThePagesValuesAndItsToken) {
  v1::ListOppsResponse response;
  NamePage page{{"swvs/PO2203/opps/a", "swvs/PO2203/opps/b"}, "next"};
  EXPECT_TRUE(
      RespondPage(absl::StatusOr<NamePage>(page), ToProto, response.mutable_opps(), &response)
          .ok());
  ASSERT_EQ(response.opps_size(), 2);
  EXPECT_EQ(response.opps(0).name(), "swvs/PO2203/opps/a");
  EXPECT_EQ(response.opps(1).name(), "swvs/PO2203/opps/b");
  EXPECT_EQ(response.next_page_token(), "next");
}

TEST(RespondPageTest, ReturnsTheCallsError) {
  v1::ListOppsResponse response;
  EXPECT_EQ(RespondPage(absl::StatusOr<NamePage>(absl::PermissionDeniedError("not yours")), ToProto,
                        response.mutable_opps(), &response),
            absl::PermissionDeniedError("not yours"));
  EXPECT_EQ(response.opps_size(), 0);
  EXPECT_EQ(response.next_page_token(), "");
}

// A server context as the access check interceptor leaves it for a verified office caller of a
// declared RPC.
class VerifiedOfficeCall {
 public:
  VerifiedOfficeCall() : spouse_(&context_) {
    spouse_.AddClientMetadata(kCalledMethodKey, "/swv.test.runtime.SyncEcho/Echo");
    Principal office;
    office.id = "office:PO2203:t";
    office.kind = PrincipalKind::kOffice;
    office.tenant = "PO2203";
    for (const auto& [key, value] : PrincipalToMetadata(office)) {
      spouse_.AddClientMetadata(key, value);
    }
  }

  const grpc::ServerContext* context() const { return &context_; }

 private:
  grpc::ServerContext context_;
  grpc::testing::ServerContextTestSpouse spouse_;  // holds the metadata `context_` points into
};

struct Register {};

TEST(ServeCallIfHostedTest, RunsTheBodyWhenTheServiceIsHosted) {
  VerifiedOfficeCall call;
  Register hosted;
  std::string seen;
  grpc::Status status =
      ServeCallIfHosted(call.context(), &hosted, [&](const Principal& caller) -> absl::Status {
        seen = caller.id;
        return absl::OkStatus();
      });
  EXPECT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(seen, "office:PO2203:t");
}

TEST(ServeCallIfHostedTest, AnswersUnimplementedWhenTheServiceIsNotHosted) {
  VerifiedOfficeCall call;
  const Register* not_hosted = nullptr;
  bool ran = false;
  grpc::Status status =
      ServeCallIfHosted(call.context(), not_hosted, [&](const Principal&) -> absl::Status {
        ran = true;
        return absl::OkStatus();
      });
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNIMPLEMENTED);
  EXPECT_EQ(status.error_message(), "not hosted by this process");
  EXPECT_FALSE(ran);
}

TEST(ServeCallIfHostedTest, ChecksTheCallerFirst) {
  grpc::ServerContext context;  // no verified principal
  const Register* not_hosted = nullptr;
  grpc::Status status = ServeCallIfHosted(
      &context, not_hosted, [&](const Principal&) -> absl::Status { return absl::OkStatus(); });
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
}

// A service as the handlers call one: the caller first, then the names' parts and arguments.
struct Notes {
  absl::StatusOr<std::string> Get(const Principal& caller, const std::string& swv,
                                  const std::string& id) {
    return swv + "/" + id + " for " + caller.tenant;
  }
  absl::StatusOr<int> Count(const Principal&, const std::string& swv, int extra) {
    if (swv != "PO2203") return absl::NotFoundError("no such SWV");
    return extra + 1;
  }
  absl::StatusOr<NamePage> List(const Principal&, const std::string& swv, int page_size,
                                const std::string& page_token, const std::string& filter) {
    return NamePage{{swv + ":" + std::to_string(page_size) + ":" + filter}, page_token + "+"};
  }
};

TEST(ServeOnRecordTest, CallsTheServiceWithTheNamesPartsAndMapsTheValue) {
  VerifiedOfficeCall call;
  Notes notes;
  EchoResponse reply;
  grpc::Status status = ServeOnRecord(call.context(), "name", "swvs/PO2203/notes/n1", "notes",
                                      &notes, &Notes::Get, ToProto, &reply);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(reply.text(), "PO2203/n1 for PO2203");
}

TEST(ServeOnRecordTest, RefusesANameOfAnotherCollectionNamingTheField) {
  VerifiedOfficeCall call;
  Notes notes;
  EchoResponse reply;
  grpc::Status status = ServeOnRecord(call.context(), "note.name", "swvs/PO2203/other/n1", "notes",
                                      &notes, &Notes::Get, ToProto, &reply);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("note.name"), std::string::npos) << status.error_message();
  EXPECT_TRUE(reply.text().empty());
}

TEST(ServeOnRecordTest, AnswersUnimplementedWhenTheServiceIsNotHosted) {
  VerifiedOfficeCall call;
  Notes* not_hosted = nullptr;
  EchoResponse reply;
  grpc::Status status = ServeOnRecord(call.context(), "name", "swvs/PO2203/notes/n1", "notes",
                                      not_hosted, &Notes::Get, ToProto, &reply);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNIMPLEMENTED);
}

TEST(ServeOnParentTest, PassesTheSwvAndTheArgumentsAndReturnsTheCallsError) {
  VerifiedOfficeCall call;
  Notes notes;
  v1::Opp reply;
  ASSERT_TRUE(
      ServeOnParent(call.context(), "swvs/PO2203", &notes, &Notes::Count, ToProto, &reply, 41)
          .ok());
  EXPECT_EQ(reply.version(), 42);
  EXPECT_EQ(ServeOnParent(call.context(), "swvs/PO9999", &notes, &Notes::Count, ToProto, &reply, 1)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(
      ServeOnParent(call.context(), "schools/PO2203", &notes, &Notes::Count, ToProto, &reply, 1)
          .error_code(),
      grpc::StatusCode::INVALID_ARGUMENT);
}

TEST(ServeListTest, PassesThePagingAndTheFiltersAndSetsTheNextToken) {
  VerifiedOfficeCall call;
  Notes notes;
  v1::ListOppsRequest request;
  request.set_parent("swvs/PO2203");
  request.set_page_size(7);
  request.set_page_token("t");
  v1::ListOppsResponse reply;
  grpc::Status status = ServeList(call.context(), request, &notes, &Notes::List, ToProto,
                                  reply.mutable_opps(), &reply, std::string("open"));
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(reply.opps_size(), 1);
  EXPECT_EQ(reply.opps(0).name(), "PO2203:7:open");
  EXPECT_EQ(reply.next_page_token(), "t+");
}

}  // namespace
}  // namespace swv
