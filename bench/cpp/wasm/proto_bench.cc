#include "proto_bench.h"

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "gemm_trans.h"
#include "kernels/kernels.h"
#include "proto_simd.h"

namespace relu::bench {
namespace {

using Matrix = Eigen::MatrixXf;

template <class Vector>
void Fill(Vector* values, unsigned seed) {
  for (size_t i = 0; i < values->size(); ++i) {
    (*values)[i] = static_cast<float>(((i + seed) * 7919u) % 2001u) / 1000.0f - 1.0f;
  }
}

// C = op(A) op(B) with the prototype; scratch holds the transposed operand.
void Product(int m, int k, int n, const char* trans, const float* a, const float* b, float* c,
             AlignedVector<float>* scratch, const float* bias, float* act, proto::Epilogue epilogue) {
  if (std::strcmp(trans, "NT") == 0) {  // B is [n x k]
    scratch->resize(static_cast<size_t>(k) * n);
    proto::Transpose(n, k, b, scratch->data());
    proto::GemmNN(m, n, k, a, scratch->data(), c, bias, act, epilogue);
  } else if (std::strcmp(trans, "TN") == 0) {  // A is [k x m]
    scratch->resize(static_cast<size_t>(m) * k);
    proto::Transpose(k, m, a, scratch->data());
    proto::GemmNN(m, n, k, scratch->data(), b, c, bias, act, epilogue);
  } else {
    proto::GemmNN(m, n, k, a, b, c, bias, act, epilogue);
  }
}

bool Known(const char* trans) {
  GemmTrans parsed;
  return ParseGemmTrans(trans, &parsed);
}

// Same value, or both NaN; +0 and -0 differ.
bool SameFloat(float a, float b) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  return a == b && std::signbit(a) == std::signbit(b);
}

std::string CheckGemm() {
  const int sizes[][3] = {{1, 1, 1}, {3, 2, 5}, {8, 8, 10}, {10, 9, 7}, {13, 4, 3}, {16, 33, 6}, {5, 17, 9}};
  AlignedVector<float> scratch;
  for (const auto& size : sizes) {
    const int m = size[0], k = size[1], n = size[2];
    for (const char* trans : {"NN", "NT", "TN"}) {
      const bool ta = std::strcmp(trans, "TN") == 0, tb = std::strcmp(trans, "NT") == 0;
      std::vector<float> a(static_cast<size_t>(m) * k), b(static_cast<size_t>(k) * n), bias(static_cast<size_t>(m));
      Fill(&a, 1);
      Fill(&b, 2);
      Fill(&bias, 3);
      const Eigen::Map<const Matrix> am(a.data(), ta ? k : m, ta ? m : k), bm(b.data(), tb ? n : k, tb ? k : n);
      Matrix expected(m, n);
      if (ta) expected.noalias() = am.transpose() * bm;
      else if (tb) expected.noalias() = am * bm.transpose();
      else expected.noalias() = am * bm;
      expected.colwise() += Eigen::Map<const Eigen::VectorXf>(bias.data(), m);
      std::vector<float> c(static_cast<size_t>(m) * n), act(c.size());
      Product(m, k, n, trans, a.data(), b.data(), c.data(), &scratch, bias.data(), act.data(),
              proto::Epilogue::kBiasRelu);
      for (int j = 0; j < n; ++j) {
        for (int i = 0; i < m; ++i) {
          const float z = c[static_cast<size_t>(j) * m + i], want = expected(i, j);
          const float relu = act[static_cast<size_t>(j) * m + i];
          if (std::fabs(z - want) > 1e-4f * (1.0f + std::fabs(want)) || relu != std::max(z, 0.0f)) {
            return "GemmNN " + std::string(trans) + " " + std::to_string(m) + "x" + std::to_string(k) + "x" +
                   std::to_string(n) + " differs from Eigen at (" + std::to_string(i) + "," + std::to_string(j) + ")";
          }
        }
      }
    }
  }
  return "";
}

std::string CheckRelu() {
  const float inf = std::numeric_limits<float>::infinity();
  const float nan = std::numeric_limits<float>::quiet_NaN();
  std::vector<float> x = {0.0f, -0.0f, inf, -inf, nan, -nan, 1e-40f, -1e-40f, 3.5f, -2.0f, 1e38f, -1e38f};
  for (int i = 0; i < 29; ++i) x.push_back(static_cast<float>(i % 7) - 3.0f);  // a tail past a multiple of 8
  std::vector<float> got(x.size()), want(x.size());
  proto::ReluForward(x.size(), x.data(), got.data());
  const kernels::ActParams params;
  kernels::ScalarKernels()[kernels::Act::kRelu].forward(x.size(), x.data(), want.data(), &params);
  for (size_t i = 0; i < x.size(); ++i) {
    if (!SameFloat(got[i], want[i])) {
      return "ReluForward(" + std::to_string(x[i]) + ") = " + std::to_string(got[i]) + ", the scalar reference gives " +
             std::to_string(want[i]);
    }
  }
  return "";
}

// GridForward against a double-precision forward pass, pixel by pixel.
std::string CheckGrid() {
  const int sizes[] = {2, 8, 5, 1};
  const int layers = 3, n = 7;
  const float domain = 6.0f;
  std::vector<float> params;
  for (int l = 0; l < layers; ++l) params.resize(params.size() + static_cast<size_t>(sizes[l + 1]) * (sizes[l] + 1));
  Fill(&params, 4);
  for (float& p : params) p *= 0.7f;
  const int nodes = 8 + 5 + 1, pixels = n * n;
  std::vector<float> out(static_cast<size_t>(nodes) * pixels), scratch(proto::GridScratchFloats(sizes, layers, n));
  proto::GridForward(params.data(), sizes, layers, n, domain, out.data(), scratch.data());
  const double step = 2.0 * domain / n;
  for (int p = 0; p < pixels; ++p) {
    std::vector<double> h = {-domain + (p % n + 0.5) * step, domain - (p / n + 0.5) * step};
    size_t offset = 0;
    int node = 0;
    for (int l = 0; l < layers; ++l) {
      const int fan_in = sizes[l], units = sizes[l + 1];
      std::vector<double> next(static_cast<size_t>(units));
      for (int u = 0; u < units; ++u) {
        double z = params[offset + static_cast<size_t>(units) * fan_in + u];
        for (int i = 0; i < fan_in; ++i) z += params[offset + static_cast<size_t>(i) * units + u] * h[i];
        next[u] = l == layers - 1 ? std::tanh(z) : std::max(z, 0.0);
        const double got = out[static_cast<size_t>(node++) * pixels + p];
        if (std::fabs(got - next[u]) > 1e-4 * (1.0 + std::fabs(next[u]))) {
          return "GridForward differs from the reference at node " + std::to_string(node - 1) + ", pixel " +
                 std::to_string(p);
        }
      }
      offset += static_cast<size_t>(units) * (fan_in + 1);
      h = next;
    }
  }
  return "";
}

}  // namespace

bool ProtoGemmBench::Prepare(int m, int k, int n, const char* trans) {
  if (!Known(trans)) return false;
  m_ = m, k_ = k, n_ = n;
  std::memcpy(trans_, trans, 2);
  a_.resize(static_cast<size_t>(m) * k);
  b_.resize(static_cast<size_t>(k) * n);
  c_.assign(static_cast<size_t>(m) * n, 0.0f);
  Fill(&a_, 1);
  Fill(&b_, 2);
  return true;
}

void ProtoGemmBench::Run(long reps) {
  for (long r = 0; r < reps; ++r) {
    Product(m_, k_, n_, trans_, a_.data(), b_.data(), c_.data(), &scratch_, nullptr, nullptr, proto::Epilogue::kNone);
  }
}

void ProtoReluBench::Prepare(size_t n) {
  x_.resize(n);
  y_.assign(n, 0.0f);
  for (size_t i = 0; i < n; ++i) x_[i] = static_cast<float>((i * 7919) % 2001) / 1000.0f - 1.0f;
}

void ProtoReluBench::RunForward(long reps) {
  for (long r = 0; r < reps; ++r) proto::ReluForward(x_.size(), x_.data(), y_.data());
}

std::string ProtoSelfCheck() {
  for (auto check : {CheckGemm, CheckRelu, CheckGrid}) {
    std::string problem = check();
    if (!problem.empty()) return problem;
  }
  return "";
}

}  // namespace relu::bench
