#include "cronista/status.h"

#include <gtest/gtest.h>

#include "cronista/strings.h"

namespace cronista {
namespace {

TEST(StatusTest, OkIsDefaultAndCheap) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kOk);
  EXPECT_EQ(s.message(), "");
  EXPECT_EQ(s.ToString(), "ok");
}

TEST(StatusTest, ErrorCarriesCodeAndMessage) {
  Status s = Status::DataLoss("doc.txt: not UTF-8");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kDataLoss);
  EXPECT_EQ(s.ToString(), "data_loss: doc.txt: not UTF-8");
  Status copy = s;
  EXPECT_EQ(copy.message(), s.message());
  copy = Status::Ok();
  EXPECT_TRUE(copy.ok());
  EXPECT_FALSE(s.ok());
}

TEST(ResultTest, HoldsValueOrStatus) {
  Result<int> good = 42;
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 42);
  EXPECT_TRUE(good.status().ok());
  Result<int> bad = Status::NotFound("x");
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kNotFound);
}

TEST(StringStoreTest, SameStringSameIdAcrossStores) {
  StringStore a, b;
  StrId x = a.Intern("alleato");
  EXPECT_EQ(x, b.Intern("alleato"));
  EXPECT_EQ(x, HashString("alleato"));
  EXPECT_NE(x, a.Intern("alleata"));
  EXPECT_EQ(a.Lookup(x), "alleato");
  EXPECT_EQ(a.Intern("alleato"), x);
  EXPECT_EQ(a.size(), 2u);
  EXPECT_EQ(a.Lookup(HashString("mai visto")), "");
  EXPECT_NE(HashString(""), kNoStr);
}

}  // namespace
}  // namespace cronista
