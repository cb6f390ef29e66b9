# cmake -DCLANG_TIDY=clang-tidy -DSOURCE_DIR=<tree> -DBUILD_DIR=<build> -P CheckTidy.cmake
# Runs clang-tidy (the checks of .clang-tidy) on every lib/ source with the
# build's compile_commands.json; any warning fails. The build states C++17 as a
# compile feature, which adds no -std flag for GCC (its default is C++17) but
# clang's default is C++14: hence -std=c++17 here.
cmake_minimum_required(VERSION 3.16)
file(GLOB_RECURSE files LIST_DIRECTORIES false "${SOURCE_DIR}/lib/*.cpp")
list(SORT files)
if(NOT EXISTS "${BUILD_DIR}/compile_commands.json")
  message(FATAL_ERROR "${BUILD_DIR}/compile_commands.json is missing (CMAKE_EXPORT_COMPILE_COMMANDS)")
endif()
list(LENGTH files count)
execute_process(COMMAND "${CLANG_TIDY}" -p "${BUILD_DIR}" --quiet --extra-arg=-std=c++17 "--warnings-as-errors=*"
                        ${files}
                WORKING_DIRECTORY "${SOURCE_DIR}" RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "clang-tidy found something in lib/ (see above)")
endif()
message(STATUS "clang-tidy: ${count} files of lib/ without a warning")
