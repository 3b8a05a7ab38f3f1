// The pipeline shared by the end-to-end tests: built once from the source
// tree's data folder.
#ifndef CRONISTA_TESTS_TEST_PIPELINE_H_
#define CRONISTA_TESTS_TEST_PIPELINE_H_

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "cronista/pipeline.h"
#include "cronista/reader.h"

namespace cronista {

inline const Pipeline& TestPipeline() {
  static const Pipeline* p = [] {
    PipelineOptions opt;
    opt.data_dir = CRONISTA_SOURCE_DATA_DIR;
    auto r = Pipeline::Create(opt);
    if (!r.ok()) {
      ADD_FAILURE() << r.status().ToString();
      std::abort();
    }
    return std::move(r).value().release();
  }();
  return *p;
}

// Reads the first document of `path` and runs TestPipeline() over it.
inline Document CodeFile(const std::string& path) {
  auto source = DocumentSource::Open({path}, {});
  EXPECT_TRUE(source.ok()) << source.status().ToString();
  ReadItem item;
  if (!source.ok()) return std::move(item.doc);
  EXPECT_TRUE((*source)->Next(&item));
  EXPECT_TRUE(item.status.ok()) << item.status.ToString();
  EXPECT_TRUE(TestPipeline().Process(&item.doc).ok());
  return std::move(item.doc);
}

}  // namespace cronista

#endif  // CRONISTA_TESTS_TEST_PIPELINE_H_
