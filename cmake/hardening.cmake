# Hardening builds (docs/hardening.md). Both options instrument every target of the project,
# generated protobuf code included; the Debian libraries (gRPC, protobuf, Abseil, SQLite, the
# MySQL connector) are linked as they are, uninstrumented.
#
#   -DSWV_SANITIZE=ON   AddressSanitizer + UndefinedBehaviorSanitizer (gcc or clang); any UB
#                       report aborts the process, so a test that triggers one fails.
#   -DSWV_FUZZ=ON       the libFuzzer targets of tests/fuzz (clang only: libFuzzer is clang's),
#                       with the same sanitizers; -DCMAKE_CXX_COMPILER=clang++.
option(SWV_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(SWV_FUZZ "Build the libFuzzer targets in tests/fuzz (clang, implies the sanitizers)" OFF)

set(SWV_SANITIZER_FLAGS -fsanitize=address,undefined -fno-omit-frame-pointer
  -fno-sanitize-recover=undefined)
# Line tables only (-g1): what the sanitizers need for exact reports with file:line stacks. The
# sanitizer suite is built at -O0, which compiles the generated protobuf code about a third faster
# than -O1 (the CI budget; its tests are short); the fuzzers at -O1, where speed is coverage. They
# come after the build type's flags, so they win.
set(SWV_SANITIZER_CODEGEN -O0 -g1)
set(SWV_FUZZ_CODEGEN -O1 -g1)

if(SWV_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "SWV_FUZZ needs clang (libFuzzer): -DCMAKE_CXX_COMPILER=clang++")
  endif()
  # Coverage feedback everywhere; only the fuzz targets link libFuzzer's main (-fsanitize=fuzzer).
  add_compile_options(${SWV_SANITIZER_FLAGS} ${SWV_FUZZ_CODEGEN} -fsanitize=fuzzer-no-link)
  add_link_options(${SWV_SANITIZER_FLAGS})
elseif(SWV_SANITIZE)
  add_compile_options(${SWV_SANITIZER_FLAGS} ${SWV_SANITIZER_CODEGEN})
  add_link_options(${SWV_SANITIZER_FLAGS})
endif()


# The sanitizer stage's test binaries (SWV_SANITIZER_SUITE).
include(${CMAKE_CURRENT_LIST_DIR}/sanitizer-suite.cmake)
