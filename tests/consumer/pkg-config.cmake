# cmake -DPKG_CONFIG=pkg-config -DPREFIX=<install prefix> -DLIBDIR=lib -DINCLUDEDIR=include
#       -DVERSION=x.y.z -DCXX=<compiler> [-DCXX_FLAGS=...] -DMAIN=<main.cpp> -DWORK=<scratch dir>
#       -P pkg-config.cmake
# With PKG_CONFIG_PATH=PREFIX/LIBDIR/pkgconfig: `pkg-config --libs parole` works
# and names the prefix, --cflags and --modversion too; then main.cpp compiles
# with those flags alone, links the shared libparole and runs.
cmake_minimum_required(VERSION 3.16)
set(ENV{PKG_CONFIG_PATH} "${PREFIX}/${LIBDIR}/pkgconfig")
function(pkg_config out)
  execute_process(COMMAND "${PKG_CONFIG}" ${ARGN} parole RESULT_VARIABLE result OUTPUT_VARIABLE output
                  ERROR_VARIABLE error OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "pkg-config ${ARGN} parole failed (${result}): ${error}")
  endif()
  string(REPLACE ";" " " args "${ARGN}")
  message(STATUS "pkg-config ${args} parole: ${output}")
  set(${out} "${output}" PARENT_SCOPE)
endfunction()

pkg_config(libs --libs)
separate_arguments(libs_list UNIX_COMMAND "${libs}")
if(NOT "-L${PREFIX}/${LIBDIR}" IN_LIST libs_list OR NOT "-lparole" IN_LIST libs_list)
  message(FATAL_ERROR "pkg-config --libs parole does not give -L${PREFIX}/${LIBDIR} -lparole")
endif()
pkg_config(cflags --cflags)
separate_arguments(cflags_list UNIX_COMMAND "${cflags}")
if(NOT "-I${PREFIX}/${INCLUDEDIR}" IN_LIST cflags_list)
  message(FATAL_ERROR "pkg-config --cflags parole does not give -I${PREFIX}/${INCLUDEDIR}")
endif()
pkg_config(version --modversion)
if(NOT version STREQUAL VERSION)
  message(FATAL_ERROR "pkg-config --modversion parole is ${version}, not ${VERSION}")
endif()
pkg_config(static_libs --static --libs)  # the private dependencies resolve too

file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
separate_arguments(flags UNIX_COMMAND "${CXX_FLAGS}")
execute_process(COMMAND "${CXX}" ${flags} -std=c++17 "${MAIN}" ${cflags_list} ${libs_list}
                        "-Wl,-rpath,${PREFIX}/${LIBDIR}" -o "${WORK}/app"
                RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "${CXX} main.cpp $(pkg-config --cflags --libs parole) failed (${result})")
endif()
execute_process(COMMAND "${WORK}/app" RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "the program built with pkg-config's flags exits ${result}")
endif()
message(STATUS "main.cpp built with pkg-config's flags alone and ran, exit 0")
