// A gateway store on a scratch SQLite database, for the stage tests that need one.
#ifndef SWV_TESTS_SERVICES_GATEWAY_STAGES_STORE_FIXTURE_H_
#define SWV_TESTS_SERVICES_GATEWAY_STAGES_STORE_FIXTURE_H_

#include <memory>

#include "gtest/gtest.h"
#include "services/common/clock.h"
#include "services/gateway/gateway_store.h"
#include "tests/testing/scratch_database.h"

namespace swv::gateway::testing {

class StoreFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    auto scratch = swv::testing::ScratchDatabase::Create(storage::Dialect::kSqlite);
    ASSERT_TRUE(scratch.ok()) << scratch.status();
    scratch_ = *std::move(scratch);
    auto store = GatewayStore::Open(&scratch_->db(), &clock_);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
  }

  FakeClock clock_{absl::FromUnixSeconds(1'790'000'000)};
  std::unique_ptr<swv::testing::ScratchDatabase> scratch_;
  std::unique_ptr<GatewayStore> store_;
};

}  // namespace swv::gateway::testing

#endif  // SWV_TESTS_SERVICES_GATEWAY_STAGES_STORE_FIXTURE_H_
