// The guards every parser of untrusted JSON shares (json_guard.h), with
// small limits so that each one is reached by a short text.
#include "model/config/json_guard.h"

#include <gtest/gtest.h>

#include <string>

namespace relu::testing {
namespace {

constexpr JsonLimits kSmall{"doc", 100, 3, 10};

std::string Error(const std::string& text, const JsonLimits& limits = kSmall) {
  const Status status = CheckJson(text, limits);
  return status.ok() ? "ok" : status.message();
}

TEST(JsonGuard, EachLimitIsReachedAndNamed) {
  EXPECT_EQ(Error("[[[1]]]"), "ok");
  EXPECT_EQ(Error("[[[[1]]]]"), "doc: JSON nested deeper than 3 levels at byte 3");
  EXPECT_EQ(Error("[{\"a\":[{}]}]"), "doc: JSON nested deeper than 3 levels at byte 7");
  EXPECT_EQ(Error("[\"[[[[\"]"), "ok");          // brackets in strings are text
  EXPECT_EQ(Error("[\"\\\"[[[[\"]"), "ok");      // even after an escaped quote
  EXPECT_EQ(Error("[1,2,3,4,5,6,7,8,9]"), "ok");  // 10 values with the array
  EXPECT_EQ(Error("[1,2,3,4,5,6,7,8,9,0]"), "doc: more than 10 JSON values");
  EXPECT_EQ(Error("{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6,\"g\":7,\"h\":8,\"i\":9}"), "ok");  // keys are not values
  EXPECT_EQ(Error(std::string(101, ' ')), "doc: 101 bytes is more than the 100 allowed");
}

TEST(JsonGuard, SyntaxErrorsGiveTheByteAndAShortExcerpt) {
  EXPECT_EQ(Error("[1,]"), "doc: not valid JSON at byte 3: syntax error while parsing value - unexpected ']'; expected '[', '{', or a literal");
  EXPECT_EQ(Error("[1e400]"), "doc: not valid JSON at byte 5: number overflow parsing '1e400'");
  const JsonLimits roomy{"doc", 1 << 20, 3, 10};
  const std::string message = Error("[\"" + std::string(100000, 'z'), roomy);
  EXPECT_EQ(message, "doc: not valid JSON at byte 100002: syntax error while parsing value - "
                     "invalid string: missing closing quote; last read: '\"" + std::string(39, 'z') + "...'");
}

TEST(JsonGuard, ExcerptCutsOnACharacterBoundary) {
  EXPECT_EQ(Excerpt("short"), "short");
  EXPECT_EQ(Excerpt(std::string(40, 'a')), std::string(40, 'a'));
  EXPECT_EQ(Excerpt(std::string(41, 'a')), std::string(40, 'a') + "...");
  // "é" is two bytes: a cut through it keeps neither.
  EXPECT_EQ(Excerpt("abc\xc3\xa9z", 4), "abc...");
  EXPECT_EQ(Excerpt("abc\xc3\xa9z", 5), "abc\xc3\xa9...");
}

// Inner consumers see every event and may stop the parse themselves.
struct StopAtString : AcceptAllSax {
  int numbers = 0;
  bool stopped = false;
  bool number_unsigned(Json::number_unsigned_t) { return ++numbers, true; }
  bool string(Json::string_t&) { return stopped = true, false; }
};

TEST(JsonGuard, InnerConsumerSeesTheValuesAndMayStop) {
  StopAtString inner;
  EXPECT_TRUE(ParseGuarded("[1,2,\"x\",3]", kSmall, &inner).ok());
  EXPECT_EQ(inner.numbers, 2);
  EXPECT_TRUE(inner.stopped);
}

}  // namespace
}  // namespace relu::testing
