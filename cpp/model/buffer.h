// A float buffer whose allocation can fail without aborting. std::vector
// would call operator new, which aborts in the WASM build (no exceptions) when
// memory cannot grow; the trainer must instead report a Status.
//
// The data starts on a 64-byte boundary: Emscripten's malloc aligns to 8
// bytes only, and a SIMD128 store that straddles a cache line costs about a
// third of a kernel's speed (W2 training ran at 20k or 32k samples/s
// depending on where the heap happened to put the workspace).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <utility>

namespace relu {

class FloatBuffer {
 public:
  FloatBuffer() = default;
  ~FloatBuffer() { std::free(raw_); }
  FloatBuffer(const FloatBuffer&) = delete;
  FloatBuffer& operator=(const FloatBuffer&) = delete;
  FloatBuffer(FloatBuffer&& other) noexcept { swap(other); }
  FloatBuffer& operator=(FloatBuffer&& other) noexcept {
    FloatBuffer(std::move(other)).swap(*this);
    return *this;
  }

  // Resizes to n zeroed floats; contents are not kept. Returns false (and
  // keeps the old contents) when memory is short.
  bool Assign(size_t n) {
    if (n == size_) {
      Zero();
      return true;
    }
    // n floats and the room to align them must fit a size_t.
    if (n > static_cast<size_t>(-1) / sizeof(float) - kAlignFloats) return false;
    // calloc: zeroed pages are cheap, and no float is ever left uninitialised.
    void* fresh = n ? std::calloc(n + kAlignFloats, sizeof(float)) : nullptr;
    if (n && !fresh) return false;
    std::free(raw_);
    raw_ = fresh;
    data_ = n ? Aligned(fresh) : nullptr;
    size_ = n;
    return true;
  }
  bool CopyFrom(const FloatBuffer& other) {
    if (!Assign(other.size_)) return false;
    if (size_) std::memcpy(data_, other.data_, size_ * sizeof(float));
    return true;
  }
  void Zero() {
    if (size_) std::memset(data_, 0, size_ * sizeof(float));
  }
  void Release() { FloatBuffer().swap(*this); }

  float* data() { return data_; }
  const float* data() const { return data_; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  float& operator[](size_t i) { return data_[i]; }
  float operator[](size_t i) const { return data_[i]; }

  void swap(FloatBuffer& other) noexcept {
    std::swap(raw_, other.raw_);
    std::swap(data_, other.data_);
    std::swap(size_, other.size_);
  }

 private:
  static constexpr size_t kAlignBytes = 64;
  static constexpr size_t kAlignFloats = kAlignBytes / sizeof(float);
  static float* Aligned(void* raw) {
    const auto address = reinterpret_cast<uintptr_t>(raw);
    return reinterpret_cast<float*>((address + kAlignBytes - 1) & ~uintptr_t{kAlignBytes - 1});
  }

  void* raw_ = nullptr;  // what calloc returned, for free
  float* data_ = nullptr;
  size_t size_ = 0;
};

}  // namespace relu
