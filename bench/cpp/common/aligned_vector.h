// std::vector on 64-byte boundaries, for the bench's matrix operands: the
// core's own buffers are 64-byte aligned (model/buffer.h), while Emscripten's
// malloc gives 8 bytes, so plain vectors would time G1 at whatever alignment
// the heap happened to give (up to a third slower when stores straddle lines).
#pragma once

#include <cstddef>
#include <cstdlib>
#include <new>
#include <vector>

namespace relu::bench {

template <class T>
struct AlignedAllocator {
  using value_type = T;
  static constexpr size_t kAlignment = 64;

  AlignedAllocator() = default;
  template <class U>
  AlignedAllocator(const AlignedAllocator<U>&) {}

  T* allocate(size_t n) {
    // aligned_alloc wants a multiple of the alignment.
    const size_t bytes = (n * sizeof(T) + kAlignment - 1) / kAlignment * kAlignment;
    void* p = std::aligned_alloc(kAlignment, bytes ? bytes : kAlignment);
    if (!p) std::abort();  // a bench out of memory has nothing to report
    return static_cast<T*>(p);
  }
  void deallocate(T* p, size_t) { std::free(p); }

  template <class U>
  bool operator==(const AlignedAllocator<U>&) const { return true; }
  template <class U>
  bool operator!=(const AlignedAllocator<U>&) const { return false; }
};

template <class T>
using AlignedVector = std::vector<T, AlignedAllocator<T>>;

}  // namespace relu::bench
