// A float buffer whose allocation can fail without aborting. std::vector
// would call operator new, which aborts in the WASM build (no exceptions) when
// memory cannot grow; the trainer must instead report a Status.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <utility>

namespace relu {

class FloatBuffer {
 public:
  FloatBuffer() = default;
  ~FloatBuffer() { std::free(data_); }
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
    if (n > static_cast<size_t>(-1) / sizeof(float)) return false;
    // calloc: zeroed pages are cheap, and no float is ever left uninitialised.
    auto* fresh = static_cast<float*>(n ? std::calloc(n, sizeof(float)) : nullptr);
    if (n && !fresh) return false;
    std::free(data_);
    data_ = fresh;
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
    std::swap(data_, other.data_);
    std::swap(size_, other.size_);
  }

 private:
  float* data_ = nullptr;
  size_t size_ = 0;
};

}  // namespace relu
