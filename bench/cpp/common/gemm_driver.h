// G1's two drivers (the model's products in the bench module,
// core_gemm_bench.h; Eigen's in the native ceiling, gemm_bench.h) share
// their shape here: the product's orientation, parsed from the name the
// bench passes around, and its sizes. Each driver only allocates its
// operands and runs its product.
#pragma once

#include <cstring>

namespace relu::bench {

// "NN" (W X, forward), "NT" (dZ X^T, weight gradient), "TN" (W^T dZ, input gradient).
enum class GemmTrans { kNN, kNT, kTN };

// False for a name that is none of the three.
inline bool ParseGemmTrans(const char* name, GemmTrans* out) {
  if (std::strcmp(name, "NN") == 0) *out = GemmTrans::kNN;
  else if (std::strcmp(name, "NT") == 0) *out = GemmTrans::kNT;
  else if (std::strcmp(name, "TN") == 0) *out = GemmTrans::kTN;
  else return false;
  return true;
}

// One dense-layer product C[m x n] = op(A) op(B) at one size, repeated on demand.
class GemmDriver {
 public:
  virtual ~GemmDriver() = default;
  // Returns false for an unknown `trans`.
  bool Prepare(int m, int k, int n, const char* trans) {
    if (!ParseGemmTrans(trans, &kind_)) return false;
    m_ = m;
    k_ = k;
    n_ = n;
    Allocate();
    return true;
  }
  // The product `reps` times, so the caller can time many with one call.
  virtual void Run(long reps) = 0;
  // An element of C, so that the products cannot be optimised away.
  virtual float Checksum() const = 0;

 protected:
  // Sizes the operands for kind_, m_, k_, n_ (A holds m*k floats and B k*n,
  // whichever way round they are stored).
  virtual void Allocate() = 0;

  GemmTrans kind_ = GemmTrans::kNN;
  int m_ = 0, k_ = 0, n_ = 0;
};

}  // namespace relu::bench
