# API reference and code checks of a top-level build (included by CMakeLists.txt).
#
#   cmake --build build --target docs    API reference in build/docs/html (docs/Doxyfile)
#
# CTest tests, each registered when its tool is installed (scripts/install-deps.sh
# installs them all):
#   docs               doxygen on include/parole/ fails on any warning
#   lint.clang-format  clang-format --dry-run --Werror on lib/ include/ examples/ tests/
#   lint.clang-tidy    clang-tidy (.clang-tidy, build/compile_commands.json) on lib/, no warning allowed

find_program(PAROLE_DOXYGEN NAMES doxygen DOC "doxygen, for the API reference")
find_program(PAROLE_CLANG_FORMAT NAMES clang-format clang-format-14 DOC "clang-format, for lint.clang-format")
find_program(PAROLE_CLANG_TIDY NAMES clang-tidy clang-tidy-14 DOC "clang-tidy, for lint.clang-tidy")
find_package(Python3 COMPONENTS Interpreter QUIET)
mark_as_advanced(PAROLE_DOXYGEN PAROLE_CLANG_FORMAT PAROLE_CLANG_TIDY)

# --- Doxygen --------------------------------------------------------------------
# docs/Doxyfile plus what only the build knows: the version, the generated
# version.hpp, where to write, absolute paths.
function(parole_doxyfile out output_dir)
  file(WRITE "${out}"
    "@INCLUDE = \"${PROJECT_SOURCE_DIR}/docs/Doxyfile\"\n"
    "PROJECT_NUMBER = ${PROJECT_VERSION}\n"
    "OUTPUT_DIRECTORY = \"${output_dir}\"\n"
    "INPUT = \"${PROJECT_SOURCE_DIR}/docs/mainpage.md\" \"${PROJECT_SOURCE_DIR}/include/parole\" "
    "\"${PROJECT_BINARY_DIR}/include/parole/version.hpp\"\n"
    "USE_MDFILE_AS_MAINPAGE = \"${PROJECT_SOURCE_DIR}/docs/mainpage.md\"\n"
    "STRIP_FROM_PATH = \"${PROJECT_SOURCE_DIR}/include\" \"${PROJECT_BINARY_DIR}/include\"\n"
    "STRIP_FROM_INC_PATH = \"${PROJECT_SOURCE_DIR}/include\" \"${PROJECT_BINARY_DIR}/include\"\n"
    "FILTER_PATTERNS = *.hpp=\"${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/docs/doxygen_filter.py\"\n")
endfunction()

if(PAROLE_DOXYGEN AND Python3_Interpreter_FOUND)
  parole_doxyfile("${PROJECT_BINARY_DIR}/docs/Doxyfile" "${PROJECT_BINARY_DIR}/docs")
  add_custom_target(docs
    COMMAND "${PAROLE_DOXYGEN}" "${PROJECT_BINARY_DIR}/docs/Doxyfile"
    COMMAND "${CMAKE_COMMAND}" -E echo "API reference: ${PROJECT_BINARY_DIR}/docs/html/index.html"
    WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}"
    COMMENT "Doxygen: API reference from include/parole/"
    VERBATIM)
  if(PAROLE_BUILD_TESTS)
    parole_doxyfile("${PROJECT_BINARY_DIR}/docs-test/Doxyfile" "${PROJECT_BINARY_DIR}/docs-test")
    add_test(NAME docs COMMAND "${PAROLE_DOXYGEN}" "${PROJECT_BINARY_DIR}/docs-test/Doxyfile"
             WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}")
  endif()
else()
  message(STATUS "doxygen or Python 3 not found: no `docs` target and no docs test (scripts/install-deps.sh)")
endif()

if(NOT PAROLE_BUILD_TESTS)
  return()
endif()

# --- clang-format and clang-tidy --------------------------------------------------
if(PAROLE_CLANG_FORMAT)
  add_test(NAME lint.clang-format
    COMMAND "${CMAKE_COMMAND}" "-DCLANG_FORMAT=${PAROLE_CLANG_FORMAT}" "-DSOURCE_DIR=${PROJECT_SOURCE_DIR}"
            -P "${PROJECT_SOURCE_DIR}/cmake/CheckFormat.cmake")
else()
  message(STATUS "clang-format not found: no lint.clang-format test (scripts/install-deps.sh)")
endif()

if(PAROLE_CLANG_TIDY AND CMAKE_EXPORT_COMPILE_COMMANDS AND CMAKE_GENERATOR MATCHES "Makefiles|Ninja")
  add_test(NAME lint.clang-tidy
    COMMAND "${CMAKE_COMMAND}" "-DCLANG_TIDY=${PAROLE_CLANG_TIDY}" "-DSOURCE_DIR=${PROJECT_SOURCE_DIR}"
            "-DBUILD_DIR=${PROJECT_BINARY_DIR}" -P "${PROJECT_SOURCE_DIR}/cmake/CheckTidy.cmake")
  set_tests_properties(lint.clang-tidy PROPERTIES TIMEOUT 900)
else()
  message(STATUS "clang-tidy or compile_commands.json not available: no lint.clang-tidy test")
endif()
