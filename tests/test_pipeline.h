// The pipeline shared by the end-to-end tests: built once from the source
// tree's data folder.
#ifndef CRONISTA_TESTS_TEST_PIPELINE_H_
#define CRONISTA_TESTS_TEST_PIPELINE_H_

#include <gtest/gtest.h>

#include <cstdlib>

#include "cronista/pipeline.h"

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

}  // namespace cronista

#endif  // CRONISTA_TESTS_TEST_PIPELINE_H_
