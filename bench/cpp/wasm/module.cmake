# The WASM bench module's target, over relu_model and relu_flags: included by
# this folder's own project (CMakeLists.txt) and by the root CMakeLists under
# Emscripten, so both build it from the same definition. The module lands in
# the including project's build folder.
set(RELU_BENCH_COMMON ${CMAKE_CURRENT_LIST_DIR}/../common)
add_executable(relu_bench ${CMAKE_CURRENT_LIST_DIR}/bench_module.cc
  ${RELU_BENCH_COMMON}/relu_bench.cc
  ${RELU_BENCH_COMMON}/core_gemm_bench.cc
  ${RELU_BENCH_COMMON}/mlp_bench.cc)
target_include_directories(relu_bench PRIVATE ${RELU_BENCH_COMMON})
target_link_libraries(relu_bench PRIVATE relu_model relu_flags)
set_target_properties(relu_bench PROPERTIES OUTPUT_NAME relu-bench-${RELU_WASM_VARIANT} SUFFIX ".mjs")
# As the shipped core: web,worker only, and Node passes the .wasm bytes (wasmBinary).
# The heap views are exported for the data W3 copies in.
target_link_options(relu_bench PRIVATE
  -O3
  -sMODULARIZE=1
  -sEXPORT_ES6=1
  -sEXPORT_NAME=createReluBench
  -sENVIRONMENT=web,worker
  -sFILESYSTEM=0
  -sEXPORTED_RUNTIME_METHODS=HEAPF32,HEAP32)
