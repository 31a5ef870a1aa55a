// The table of per-kind operations (config_kinds.cc): every kind has all four,
// and they agree with each other, so that a new kind missing one, or writing
// JSON its own parser reads back differently, fails here.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "model/config/config.h"
#include "model/config/config_fields.h"

namespace relu {
namespace {

using config_internal::FieldSpec;
using config_internal::Fields;
using config_internal::Kind;
using config_internal::KindOps;
using config_internal::OpsOf;

TEST(ConfigKinds, EveryKindHasEveryOperation) {
  for (int k = 0; k < static_cast<int>(Kind::kCount); ++k) {
    const KindOps& ops = OpsOf(static_cast<Kind>(k));
    EXPECT_NE(ops.check, nullptr) << "kind " << k;
    EXPECT_NE(ops.to_json, nullptr) << "kind " << k;
    EXPECT_NE(ops.same_value, nullptr) << "kind " << k;
    EXPECT_NE(ops.parse, nullptr) << "kind " << k;
  }
}

// A config away from the defaults in one field of every kind.
constexpr const char* kEveryKindChanged =
    R"({"seed":7,"dataset":"custom","numSamples":200,"noise":5,"features":["x1","x1x2"],)"
    R"("points":[[1,2,0],[-0.5,3.25,1]],"hidden":[3,2],"activation":["tanh","elu"],)"
    R"("preluPerUnit":true,"optimizer":"adam"})";

TEST(ConfigKinds, JsonOfEveryKindReadsBackAsTheSameValue) {
  Config changed;
  ASSERT_TRUE(ParseConfig(kEveryKindChanged, &changed).ok());
  Config read_back;
  const Status status = ParseConfig(ConfigToJson(changed), &read_back);
  ASSERT_TRUE(status.ok()) << status.message();

  const Config defaults;
  std::set<Kind> kinds_changed;
  for (const FieldSpec& field : Fields()) {
    const KindOps& ops = OpsOf(field.kind);
    EXPECT_TRUE(ops.same_value(field, changed, read_back)) << field.name;
    EXPECT_EQ(ops.to_json(field, read_back), ops.to_json(field, changed)) << field.name;
    EXPECT_EQ(ops.check(field, read_back), "") << field.name;
    if (!ops.same_value(field, changed, defaults)) kinds_changed.insert(field.kind);
  }
  // same_value tells a change apart in every kind, so the test above compared real values.
  EXPECT_EQ(kinds_changed.size(), static_cast<size_t>(Kind::kCount));
}

}  // namespace
}  // namespace relu
