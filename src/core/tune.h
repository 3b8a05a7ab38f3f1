// Process-wide tuning for programs that code many documents.
#ifndef CRONISTA_CORE_TUNE_H_
#define CRONISTA_CORE_TUNE_H_

namespace cronista {

// Keeps glibc from returning memory to the kernel after every document: CLD2
// and per-document buffers allocate and free the same large blocks for each
// document, and by default each such block is mmap()ed and munmap()ed again,
// costing page faults and TLB flushes (measured: a fifth of the text
// pipeline's time on short articles). Peak memory is unchanged; freed memory
// is reused instead of unmapped. Call once, early, from main(); it changes
// process-wide allocator settings, so the library never calls it by itself.
void TuneAllocator();

}  // namespace cronista

#endif  // CRONISTA_CORE_TUNE_H_
