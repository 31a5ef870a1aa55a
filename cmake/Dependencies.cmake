# Eigen 3.4 and nlohmann-json are header-only and come from the system (Debian:
# libeigen3-dev, nlohmann-json3-dev). Under Emscripten the toolchain hides host
# packages from find_package, so we fall back to the header folders directly,
# taking care never to put /usr/include itself on emcc's include path.

find_package(Eigen3 3.4 QUIET NO_MODULE)
if(NOT TARGET Eigen3::Eigen)
  find_path(RELU_EIGEN_INCLUDE_DIR Eigen/Dense
            PATHS /usr/include/eigen3 /usr/local/include/eigen3
            NO_CMAKE_FIND_ROOT_PATH)
  if(NOT RELU_EIGEN_INCLUDE_DIR)
    message(FATAL_ERROR "Eigen 3.4 not found: install libeigen3-dev or set RELU_EIGEN_INCLUDE_DIR")
  endif()
  add_library(Eigen3::Eigen INTERFACE IMPORTED)
  target_include_directories(Eigen3::Eigen SYSTEM INTERFACE ${RELU_EIGEN_INCLUDE_DIR})
endif()

find_package(nlohmann_json 3.10 QUIET)
if(NOT TARGET nlohmann_json::nlohmann_json)
  find_path(RELU_NLOHMANN_DIR nlohmann/json.hpp
            PATHS /usr/include /usr/local/include
            NO_CMAKE_FIND_ROOT_PATH)
  if(NOT RELU_NLOHMANN_DIR)
    message(FATAL_ERROR "nlohmann/json.hpp not found: install nlohmann-json3-dev or set RELU_NLOHMANN_DIR")
  endif()
  # Expose only the nlohmann/ folder, through a private include root.
  set(_relu_json_root ${CMAKE_BINARY_DIR}/third_party_include)
  file(MAKE_DIRECTORY ${_relu_json_root})
  if(NOT EXISTS ${_relu_json_root}/nlohmann)
    file(CREATE_LINK ${RELU_NLOHMANN_DIR}/nlohmann ${_relu_json_root}/nlohmann SYMBOLIC)
  endif()
  add_library(nlohmann_json::nlohmann_json INTERFACE IMPORTED)
  target_include_directories(nlohmann_json::nlohmann_json SYSTEM INTERFACE ${_relu_json_root})
endif()

if(RELU_BUILD_TESTS)
  if(NOT EXISTS ${RELU_GTEST_SOURCE_DIR}/CMakeLists.txt)
    message(FATAL_ERROR "GoogleTest sources not found at ${RELU_GTEST_SOURCE_DIR}: "
                        "install Debian's googletest or pass -DRELU_GTEST_SOURCE_DIR=..., "
                        "or configure with -DRELU_BUILD_TESTS=OFF")
  endif()
  set(INSTALL_GTEST OFF CACHE BOOL "" FORCE)
  set(BUILD_GMOCK OFF CACHE BOOL "" FORCE)
  if(EMSCRIPTEN)
    set(gtest_disable_pthreads ON CACHE BOOL "" FORCE)
  endif()
  add_subdirectory(${RELU_GTEST_SOURCE_DIR} ${CMAKE_BINARY_DIR}/googletest EXCLUDE_FROM_ALL)
  if(EMSCRIPTEN)
    # As the test code (tests/cpp/CMakeLists.txt): the framework needs no -O3.
    target_compile_options(gtest PRIVATE -O1)
    target_compile_options(gtest_main PRIVATE -O1)
  endif()
endif()
