# Compiler and linker flags shared by every target.

add_library(relu_flags INTERFACE)
if(MSVC)
  target_compile_options(relu_flags INTERFACE /W4)
else()
  target_compile_options(relu_flags INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                         -Wno-sign-conversion)
endif()
# The core never throws: errors are returned as relu::Status. nlohmann-json is
# used through its non-throwing API only.
target_compile_definitions(relu_flags INTERFACE JSON_NOEXCEPTION)

if(EMSCRIPTEN)
  # Eigen's SSE path does not compile under emcc; with -msimd128 its scalar path
  # is auto-vectorised. Our own SIMD128 kernels are selected by __wasm_simd128__.
  if(RELU_WASM_SIMD)
    target_compile_options(relu_flags INTERFACE -msimd128)
    target_link_options(relu_flags INTERFACE -msimd128)
    set(RELU_WASM_VARIANT simd)
  else()
    set(RELU_WASM_VARIANT scalar)
  endif()
  target_compile_options(relu_flags INTERFACE -fno-exceptions)
  # malloc returns NULL when the memory cannot grow, for FloatBuffer to report
  # it; growth already implies this in 3.1.6 (emcc.py), said here so it stays so.
  # (operator new still aborts: the core's large buffers do not go through it.)
  target_link_options(relu_flags INTERFACE -sALLOW_MEMORY_GROWTH=1 -sMAXIMUM_MEMORY=4GB -sABORTING_MALLOC=0)
  # Emscripten 3.1.6 calls fetch() on a file path under Node >= 18 unless told not to.
  set(CMAKE_CROSSCOMPILING_EMULATOR "node;--no-experimental-fetch")
elseif(RELU_FUZZ)
  # Coverage for libFuzzer in every library; the targets link -fsanitize=fuzzer.
  target_compile_options(relu_flags INTERFACE -fsanitize=fuzzer-no-link,address,undefined
                         -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(relu_flags INTERFACE -fsanitize=address,undefined)
elseif(RELU_SANITIZE)
  target_compile_options(relu_flags INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
                         -fno-sanitize-recover=undefined)
  target_link_options(relu_flags INTERFACE -fsanitize=address,undefined)
endif()
