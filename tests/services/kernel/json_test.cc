#include "services/kernel/json.h"

#include <string>

#include "gtest/gtest.h"

namespace swv {
namespace {

TEST(JsonQuoteTest, EscapesWhatJsonRequires) {
  EXPECT_EQ(JsonQuote("plain"), "\"plain\"");
  EXPECT_EQ(JsonQuote("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(JsonQuote("line1\nline2\r\t"), "\"line1\\nline2\\r\\t\"");
  EXPECT_EQ(JsonQuote(std::string("nul\0x", 5)), "\"nul\\u0000x\"");
  EXPECT_EQ(JsonQuote("\x01\x1f\x7f"), "\"\\u0001\\u001f\\u007f\"");
  EXPECT_EQ(JsonQuote("\b\f"), "\"\\b\\f\"");
}

TEST(JsonQuoteTest, KeepsValidUtf8AndReplacesInvalidBytes) {
  EXPECT_EQ(JsonQuote("Zoë – 😀"), "\"Zoë – 😀\"");
  EXPECT_EQ(JsonQuote("bad\xff"), "\"bad\\ufffd\"");
  EXPECT_EQ(JsonQuote("\xc3"), "\"\\ufffd\"");                        // truncated sequence
  EXPECT_EQ(JsonQuote("\xc0\xaf"), "\"\\ufffd\\ufffd\"");             // overlong '/'
  EXPECT_EQ(JsonQuote("\xed\xa0\x80"), "\"\\ufffd\\ufffd\\ufffd\"");  // surrogate
}

TEST(JsonNameTest, IsTheLowerCamelCaseOfASnakeCaseField) {
  EXPECT_EQ(JsonName("lvs_pupil_number"), "lvsPupilNumber");
  EXPECT_EQ(JsonName("school"), "school");
  EXPECT_EQ(JsonName("so_tlv_profile"), "soTlvProfile");
  EXPECT_EQ(JsonName("absence_start2"), "absenceStart2");
}

TEST(JsonObjectTest, WritesFieldsInOrderWithEscapedValues) {
  EXPECT_EQ(JsonObject().Build(), "{}");
  EXPECT_EQ(JsonObject()
                .String("school", "12\"AB")
                .Int("version", -3)
                .Bool("ended", false)
                .Date("startDate", absl::CivilDay(2026, 3, 9))
                .Date("endDate", absl::nullopt)
                .Raw("plan", "{\"a\":1}")
                .Build(),
            "{\"school\":\"12\\\"AB\",\"version\":-3,\"ended\":false,"
            "\"startDate\":\"2026-03-09\",\"endDate\":null,\"plan\":{\"a\":1}}");
}

}  // namespace
}  // namespace swv
