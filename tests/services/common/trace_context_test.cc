#include "services/common/trace_context.h"

#include <set>
#include <string>

#include "gtest/gtest.h"

namespace swv {
namespace {

constexpr char kTrace[] = "4bf92f3577b34da6a3ce929d0e0e4736";
constexpr char kSpan[] = "00f067aa0ba902b7";

TEST(ParseTraceparentTest, AVersion00HeaderGivesItsIdsAndFlag) {
  std::optional<TraceContext> sampled =
      ParseTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
  ASSERT_TRUE(sampled.has_value());
  EXPECT_EQ(sampled->trace_id, kTrace);
  EXPECT_EQ(sampled->span_id, kSpan);
  EXPECT_TRUE(sampled->sampled);
  std::optional<TraceContext> not_sampled =
      ParseTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-02");
  ASSERT_TRUE(not_sampled.has_value());
  EXPECT_FALSE(not_sampled->sampled);
}

TEST(ParseTraceparentTest, WhatTheSpecificationSaysToIgnoreIsRefused) {
  for (const char* header : {
           "",
           "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",        // no flags
           "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-",    // v00 with a tail
           "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",     // upper case
           "00-4bf92f3577b34da6a3ce929d0e0e473g-00f067aa0ba902b7-01",     // not hex
           "00-00000000000000000000000000000000-00f067aa0ba902b7-01",     // zero trace id
           "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",     // zero parent id
           "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",     // forbidden version
           "00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01",     // wrong separators
           "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01xyz",  // v01 tail without dash
       }) {
    EXPECT_FALSE(ParseTraceparent(header).has_value()) << header;
  }
}

TEST(ParseTraceparentTest, ALaterVersionIsReadByItsFirstFields) {
  std::optional<TraceContext> trace =
      ParseTraceparent("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-future");
  ASSERT_TRUE(trace.has_value());
  EXPECT_EQ(trace->trace_id, kTrace);
}

TEST(TraceContextTest, FormatIsTheInverseOfParse) {
  const std::string header = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  EXPECT_EQ(FormatTraceparent(*ParseTraceparent(header)), header);
  EXPECT_EQ(FormatTraceparent(TraceContext{kTrace, kSpan, false}),
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00");
}

TEST(TraceContextTest, NewTracesAndSpansAreValidAndDistinct) {
  std::set<std::string> traces;
  std::set<std::string> spans;
  for (int i = 0; i < 100; ++i) {
    TraceContext trace = StartTrace();
    ASSERT_TRUE(ParseTraceparent(FormatTraceparent(trace)).has_value());
    traces.insert(trace.trace_id);
    TraceContext child = ChildSpan(trace);
    EXPECT_EQ(child.trace_id, trace.trace_id);
    EXPECT_NE(child.span_id, trace.span_id);
    spans.insert(child.span_id);
  }
  EXPECT_EQ(traces.size(), 100u);
  EXPECT_EQ(spans.size(), 100u);
}

TEST(TraceContextTest, AValidHeaderIsContinuedAndAnInvalidOneRestarted) {
  TraceContext continued =
      ContinueOrStartTrace("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
  EXPECT_EQ(continued.trace_id, kTrace);
  EXPECT_NE(continued.span_id, kSpan);
  EXPECT_TRUE(continued.sampled);
  TraceContext restarted =
      ContinueOrStartTrace("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01");
  EXPECT_NE(restarted.trace_id, kTrace);
  EXPECT_FALSE(restarted.sampled);
}

TEST(ScopedTraceTest, NestsAndRestores) {
  EXPECT_EQ(CurrentTrace(), nullptr);
  {
    ScopedTrace outer(TraceContext{kTrace, kSpan, false});
    ASSERT_NE(CurrentTrace(), nullptr);
    EXPECT_EQ(CurrentTrace()->span_id, kSpan);
    {
      ScopedTrace inner(ChildSpan(outer.trace()));
      EXPECT_NE(CurrentTrace()->span_id, kSpan);
    }
    EXPECT_EQ(CurrentTrace()->span_id, kSpan);
  }
  EXPECT_EQ(CurrentTrace(), nullptr);
}

}  // namespace
}  // namespace swv
