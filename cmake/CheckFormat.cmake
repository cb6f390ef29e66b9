# cmake -DCLANG_FORMAT=clang-format -DSOURCE_DIR=<top of the tree> -P CheckFormat.cmake
# Fails when clang-format (.clang-format) would change a C++ file of lib/,
# include/, examples/ or tests/; prints where. Fix with:
#   clang-format -i $(git ls-files 'lib/*.[ch]pp' 'include/*.hpp' 'examples/*.[ch]pp' 'tests/*.[ch]pp')
cmake_minimum_required(VERSION 3.16)
file(GLOB_RECURSE files LIST_DIRECTORIES false
  "${SOURCE_DIR}/lib/*.cpp" "${SOURCE_DIR}/lib/*.hpp" "${SOURCE_DIR}/lib/*.h"
  "${SOURCE_DIR}/include/*.hpp" "${SOURCE_DIR}/include/*.h"
  "${SOURCE_DIR}/examples/*.cpp" "${SOURCE_DIR}/examples/*.hpp" "${SOURCE_DIR}/examples/*.h"
  "${SOURCE_DIR}/tests/*.cpp" "${SOURCE_DIR}/tests/*.hpp" "${SOURCE_DIR}/tests/*.h")
# tests/consumer/main.cpp is issue 9's acceptance program, kept byte for byte as written there.
list(FILTER files EXCLUDE REGEX "/tests/consumer/main\\.cpp$")
list(SORT files)
list(LENGTH files count)
if(count EQUAL 0)
  message(FATAL_ERROR "no C++ file found under ${SOURCE_DIR}")
endif()
execute_process(COMMAND "${CLANG_FORMAT}" --dry-run --Werror ${files}
                WORKING_DIRECTORY "${SOURCE_DIR}" RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "clang-format: the files above are not formatted (clang-format -i FILE)")
endif()
message(STATUS "clang-format: ${count} files formatted")
