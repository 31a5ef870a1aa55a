#include "gemm_bench.h"

#include <cstring>

namespace relu::bench {

bool GemmBench::Prepare(int m, int k, int n, const char* trans) {
  if (std::strcmp(trans, "NN") == 0) {
    kind_ = Kind::kNN;
    a_.setConstant(m, k, 0.5f);
    b_.setConstant(k, n, 0.25f);
  } else if (std::strcmp(trans, "NT") == 0) {
    kind_ = Kind::kNT;
    a_.setConstant(m, k, 0.5f);
    b_.setConstant(n, k, 0.25f);
  } else if (std::strcmp(trans, "TN") == 0) {
    kind_ = Kind::kTN;
    a_.setConstant(k, m, 0.5f);
    b_.setConstant(k, n, 0.25f);
  } else {
    return false;
  }
  c_.setZero(m, n);
  return true;
}

void GemmBench::Run(long reps) {
  for (long r = 0; r < reps; ++r) {
    switch (kind_) {
      case Kind::kNN: c_.noalias() = a_ * b_; break;
      case Kind::kNT: c_.noalias() = a_ * b_.transpose(); break;
      case Kind::kTN: c_.noalias() = a_.transpose() * b_; break;
    }
  }
}

float GemmBench::Checksum() const { return c_.size() ? c_(c_.rows() - 1, c_.cols() - 1) : 0.0f; }

}  // namespace relu::bench
