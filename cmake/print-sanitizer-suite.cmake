# Prints the sanitizer suite's target names, for tools/run-tests.sh: cmake -P this file.
include(${CMAKE_CURRENT_LIST_DIR}/sanitizer-suite.cmake)
string(REPLACE ";" " " names "${SWV_SANITIZER_SUITE}")
execute_process(COMMAND ${CMAKE_COMMAND} -E echo "${names}")
