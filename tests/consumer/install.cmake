# cmake -DBUILD_DIR=<parole build> -DSOURCE_DIR=<parole tree> -DPREFIX=<empty scratch prefix>
#       [-DCONFIG=Release] -DLIBDIR=lib -DINCLUDEDIR=include -DBINDIR=bin -DDATADIR=share/parole
#       -DCMAKEDIR=lib/cmake/parole -DVERSION=x.y.z -DSOVERSION=... [-DCLI=ON] -P install.cmake
# `cmake --install BUILD_DIR --prefix PREFIX` into an emptied PREFIX, then checks that
# everything issue 9 lists is there and that no installed text file names parole's
# build or source tree.
cmake_minimum_required(VERSION 3.16)
file(REMOVE_RECURSE "${PREFIX}")
set(config_option "")
if(CONFIG)
  set(config_option --config "${CONFIG}")
endif()
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${PREFIX}" ${config_option}
                RESULT_VARIABLE result OUTPUT_QUIET)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "cmake --install ${BUILD_DIR} --prefix ${PREFIX} failed (${result})")
endif()

set(expected
  "${INCLUDEDIR}/parole/parole.hpp"
  "${INCLUDEDIR}/parole/version.hpp"
  "${LIBDIR}/libparole.a"
  "${LIBDIR}/libparole.so"
  "${LIBDIR}/libparole.so.${SOVERSION}"
  "${LIBDIR}/libparole.so.${VERSION}"
  "${CMAKEDIR}/parole-config.cmake"
  "${CMAKEDIR}/parole-config-version.cmake"
  "${CMAKEDIR}/parole-targets.cmake"
  "${LIBDIR}/pkgconfig/parole.pc"
  "${DATADIR}/lexicon/quote_marks.tsv"
  "${DATADIR}/gazetteer/SOURCES.md"
  "${DATADIR}/schema/parole-output.schema.json")
if(CLI)
  list(APPEND expected "${BINDIR}/parole")
endif()
# Every public header of the tree.
file(GLOB headers RELATIVE "${SOURCE_DIR}/include" "${SOURCE_DIR}/include/parole/*.hpp")
foreach(header IN LISTS headers)
  list(APPEND expected "${INCLUDEDIR}/${header}")
endforeach()
set(missing "")
foreach(file IN LISTS expected)
  if(NOT EXISTS "${PREFIX}/${file}")
    list(APPEND missing "${file}")
  endif()
endforeach()
if(missing)
  message(FATAL_ERROR "not installed under ${PREFIX}: ${missing}")
endif()

# The installed version.hpp carries the version of the VERSION file.
file(READ "${PREFIX}/${INCLUDEDIR}/parole/version.hpp" version_hpp)
if(NOT version_hpp MATCHES "#define PAROLE_VERSION_STRING \"${VERSION}\"")
  message(FATAL_ERROR "installed version.hpp does not say ${VERSION}")
endif()

# Nothing installed may lead back to the build or source tree (PREFIX is inside
# the build tree, so its own name is taken out first).
file(GLOB_RECURSE texts "${PREFIX}/${CMAKEDIR}/*.cmake" "${PREFIX}/${LIBDIR}/pkgconfig/*.pc"
     "${PREFIX}/${INCLUDEDIR}/parole/*.hpp")
foreach(file IN LISTS texts)
  file(READ "${file}" content)
  string(REPLACE "${PREFIX}" "<prefix>" content "${content}")
  foreach(tree IN ITEMS "${BUILD_DIR}" "${SOURCE_DIR}")
    string(FIND "${content}" "${tree}" at)
    if(NOT at EQUAL -1)
      message(FATAL_ERROR "${file} names ${tree}")
    endif()
  endforeach()
endforeach()
list(LENGTH expected count)
message(STATUS "installed into ${PREFIX}: the ${count} expected files, no path into the build or source tree")
