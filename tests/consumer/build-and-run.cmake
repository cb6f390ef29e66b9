# cmake -DPROJECT=<consumer project dir> -DMAIN=<main.cpp> -DWORK=<scratch dir>
#       -DGENERATOR=... [-DMAKE_PROGRAM=...] -DCXX=<compiler> [-DBUILD_TYPE=...]
#       [-DCXX_FLAGS=...] [-DLINKER_FLAGS=...]
#       -P build-and-run.cmake -- [configure option...]
# Copies the project and main.cpp to WORK/src (outside parole's tree), configures
# it in WORK/build with the options and nothing from the environment that could
# point at parole, builds it and runs WORK/build/app, which must exit 0.
cmake_minimum_required(VERSION 3.16)
set(options "")
set(seen_separator OFF)
math(EXPR last "${CMAKE_ARGC} - 1")
foreach(i RANGE 1 ${last})
  if(seen_separator)
    list(APPEND options "${CMAKE_ARGV${i}}")
  elseif(CMAKE_ARGV${i} STREQUAL "--")
    set(seen_separator ON)
  endif()
endforeach()
if(NOT BUILD_TYPE)
  set(BUILD_TYPE Release)
endif()

file(REMOVE_RECURSE "${WORK}")
file(COPY "${PROJECT}/" DESTINATION "${WORK}/src")
file(COPY "${MAIN}" DESTINATION "${WORK}/src")

set(generator_options -G "${GENERATOR}")
if(MAKE_PROGRAM)
  list(APPEND generator_options "-DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}")
endif()
function(run step)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE result)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "${step} failed (${result}): ${ARGN}")
  endif()
endfunction()

run(configure "${CMAKE_COMMAND}" -E env --unset=CMAKE_PREFIX_PATH --unset=parole_DIR --unset=parole_ROOT
    --unset=PKG_CONFIG_PATH
    "${CMAKE_COMMAND}" -S "${WORK}/src" -B "${WORK}/build" ${generator_options}
    "-DCMAKE_CXX_COMPILER=${CXX}" "-DCMAKE_BUILD_TYPE=${BUILD_TYPE}" "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}"
    "-DCMAKE_EXE_LINKER_FLAGS=${LINKER_FLAGS}"
    -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF ${options})
run(build "${CMAKE_COMMAND}" --build "${WORK}/build" --config "${BUILD_TYPE}" --parallel 2)
set(app "${WORK}/build/app")
if(NOT EXISTS "${app}" AND EXISTS "${WORK}/build/${BUILD_TYPE}/app")
  set(app "${WORK}/build/${BUILD_TYPE}/app")  # multi-config generators
endif()
run(run "${app}")
message(STATUS "${app}: built and ran, exit 0")
