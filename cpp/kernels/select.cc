// The only place a kernel variant is chosen. Each set is built from the variant
// list (variants.h), so a set cannot mix instruction sets by accident.
#include "kernels/variants.h"

namespace relu::kernels {
namespace {

// With a shared slope PReLU is Leaky ReLU with alpha = slope (see variants.h).
#define RELU_ACT_ENTRY(enumerator, name, suffix)                        \
  table.act[static_cast<int>(Act::enumerator)] = {                       \
      name##_f32__##suffix, name##_backward_f32__##suffix, bias_##name##_f32__##suffix};

#define RELU_DEFINE_KERNEL_SET(isa_name, suffix, gemm_suffix, gemm_in_set)      \
  KernelSet MakeKernelSet_##suffix() {                                           \
    KernelSet table{};                                                           \
    table.isa = isa_name;                                                        \
    RELU_FOR_EACH_ACT(RELU_ACT_ENTRY, suffix)                                    \
    table.act[static_cast<int>(Act::kPrelu)] = table[Act::kLeakyRelu];           \
    table.prelu_forward = prelu_f32__##suffix;                                   \
    table.prelu_backward = prelu_backward_f32__##suffix;                         \
    table.count_zeros = count_zeros_f32__##suffix;                               \
    table.gemm = gemm_in_set ? gemm_f32__##gemm_suffix : nullptr;                \
    table.pattern_hash = pattern_hash_f32__##suffix;                             \
    return table;                                                                \
  }
RELU_FOR_EACH_ISA(RELU_DEFINE_KERNEL_SET)
#undef RELU_DEFINE_KERNEL_SET
#undef RELU_ACT_ENTRY

}  // namespace

const KernelSet& ScalarKernels() {
  static const KernelSet kScalar = MakeKernelSet_scalar();
  return kScalar;
}

const KernelSet& SelectKernels() {
#if defined(__wasm_simd128__)
  // Eigen has no SIMD128 packets: under emcc its products run scalar code,
  // which is why this set carries its own GEMM (variants.h).
  static const KernelSet kSimd = MakeKernelSet_wasmsimd_u8();
  return kSimd;
#else
  return ScalarKernels();
#endif
}

}  // namespace relu::kernels
