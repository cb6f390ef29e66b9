# Install rules, the CMake package and parole.pc. Included by the top-level
# CMakeLists.txt when PAROLE_INSTALL is on, after every target exists.
#
# `cmake --install build --prefix P` gives (GNUInstallDirs names):
#   P/include/parole/*.hpp           the public headers, with the generated version.hpp
#   P/lib/libparole.a                the static library   -> parole::parole_static
#   P/lib/libparole.so.0.1.0         the shared library, soname libparole.so.${PAROLE_SOVERSION},
#     .so.0.1, .so                   -> parole::parole_shared
#   P/lib/cmake/parole/              parole-config.cmake, parole-config-version.cmake, parole-targets*.cmake
#   P/lib/pkgconfig/parole.pc
#   P/bin/parole                     the CLI
#   P/share/parole/lexicon/, gazetteer/   the default data (the library embeds it: the files are for
#                                    reading, editing and passing with --gazetteer)
#   P/share/parole/schema/parole-output.schema.json
#   P/share/doc/parole/              README.md, LICENSE
# `parole::parole` in the package is the static or the shared library (see cmake/parole-config.cmake.in).
#
# Components: parole_runtime (shared library, CLI, data) and parole_development (the rest):
#   cmake --install build --component parole_runtime
include(CMakePackageConfigHelpers)

# PAROLE_INSTALL_CMAKEDIR and PAROLE_INSTALL_DATADIR are set in CMakeLists.txt.

# --- Both variants of the library -------------------------------------------
# cmake/ParoleLibraryVariants.cmake (included at the end of lib/CMakeLists.txt,
# where the library's dependencies are visible) made the other variant.
parole_link_lists(_parole_other _parole_links _parole_interface)

# --- What a consumer must find: derived from what libparole links ------------
# find_dependency() lines for parole-config.cmake and the private part of
# parole.pc, from the imported targets `parole` links (lib/CMakeLists.txt), so
# that both stay exactly what the build used when a dependency is added there.
set(PAROLE_FIND_DEPENDENCIES "")
set(_parole_packages "")
set(_parole_pc_requires "")
set(_parole_pc_libs "")
set(_parole_all_links ${_parole_links} ${_parole_interface})
list(REMOVE_DUPLICATES _parole_all_links)
foreach(_parole_lib IN LISTS _parole_all_links)
  if(_parole_lib MATCHES "^PkgConfig::(.+)$")
    # pkg_check_modules(PREFIX IMPORTED_TARGET module...): FindPkgConfig keeps its
    # arguments in __pkg_config_arguments_PREFIX.
    set(_parole_prefix "${CMAKE_MATCH_1}")
    set(_parole_modules ${__pkg_config_arguments_${_parole_prefix}})
    list(REMOVE_ITEM _parole_modules REQUIRED QUIET IMPORTED_TARGET GLOBAL NO_CMAKE_PATH NO_CMAKE_ENVIRONMENT_PATH)
    if(NOT _parole_modules)
      string(TOLOWER "${_parole_prefix}" _parole_modules)
    endif()
    string(REPLACE ";" " " _parole_modules_text "${_parole_modules}")
    string(APPEND PAROLE_FIND_DEPENDENCIES "_parole_find_pkg_config(${_parole_prefix} ${_parole_modules_text})\n")
    list(APPEND _parole_pc_requires ${_parole_modules})
  elseif(_parole_lib MATCHES "^([A-Za-z0-9_]+)::(.+)$")
    set(_parole_package "${CMAKE_MATCH_1}")
    set(_parole_component "${CMAKE_MATCH_2}")
    if(NOT _parole_package IN_LIST _parole_packages)
      list(APPEND _parole_packages ${_parole_package})
      set(_parole_components_${_parole_package} "")
    endif()
    if(NOT _parole_component STREQUAL _parole_package)
      list(APPEND _parole_components_${_parole_package} ${_parole_component})
    endif()
    if(_parole_package STREQUAL "ICU")
      list(APPEND _parole_pc_requires icu-${_parole_component})
    elseif(_parole_package STREQUAL "Boost")
      list(APPEND _parole_pc_libs -lboost_${_parole_component})
    elseif(_parole_package STREQUAL "Threads")
      list(APPEND _parole_pc_libs -pthread)
    elseif(_parole_package STREQUAL "nlohmann_json")
      # header-only: nothing to link
    else()
      message(AUTHOR_WARNING "parole.pc: no pkg-config equivalent known for ${_parole_lib} (cmake/ParoleInstall.cmake)")
    endif()
  elseif(_parole_lib MATCHES "^-")
    list(APPEND _parole_pc_libs "${_parole_lib}")
  elseif(NOT _parole_lib MATCHES "[/$<]")
    list(APPEND _parole_pc_libs "-l${_parole_lib}")
  else()
    message(AUTHOR_WARNING "parole.pc and parole-config.cmake: cannot express ${_parole_lib} for consumers")
  endif()
endforeach()
foreach(_parole_package IN LISTS _parole_packages)
  list(REMOVE_DUPLICATES _parole_components_${_parole_package})
  if(_parole_components_${_parole_package})
    string(REPLACE ";" " " _parole_components_text "${_parole_components_${_parole_package}}")
    string(APPEND PAROLE_FIND_DEPENDENCIES "find_dependency(${_parole_package} COMPONENTS ${_parole_components_text})\n")
  else()
    string(APPEND PAROLE_FIND_DEPENDENCIES "find_dependency(${_parole_package})\n")
  endif()
endforeach()

# --- Install rules -------------------------------------------------------------
install(TARGETS parole ${_parole_other}
  EXPORT parole-targets
  ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT parole_development
  LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT parole_runtime NAMELINK_COMPONENT parole_development
  RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}" COMPONENT parole_runtime)
install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/parole" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}"
        COMPONENT parole_development FILES_MATCHING PATTERN "*.hpp")
install(FILES "${PROJECT_BINARY_DIR}/include/parole/version.hpp" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/parole"
        COMPONENT parole_development)

if(TARGET parole_cli)
  if(_parole_type STREQUAL "SHARED_LIBRARY")
    file(RELATIVE_PATH _parole_rpath "${CMAKE_INSTALL_FULL_BINDIR}" "${CMAKE_INSTALL_FULL_LIBDIR}")
    set_property(TARGET parole_cli PROPERTY INSTALL_RPATH "$ORIGIN/${_parole_rpath}")
  endif()
  install(TARGETS parole_cli RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}" COMPONENT parole_runtime)
endif()

install(DIRECTORY "${PROJECT_SOURCE_DIR}/data/" DESTINATION "${PAROLE_INSTALL_DATADIR}" COMPONENT parole_runtime
        PATTERN ".*" EXCLUDE PATTERN "*~" EXCLUDE)
install(FILES "${PROJECT_SOURCE_DIR}/schema/parole-output.schema.json" DESTINATION "${PAROLE_INSTALL_DATADIR}/schema"
        COMPONENT parole_runtime)
install(FILES "${PROJECT_SOURCE_DIR}/README.md" "${PROJECT_SOURCE_DIR}/LICENSE" DESTINATION "${CMAKE_INSTALL_DOCDIR}"
        COMPONENT parole_runtime)

# --- CMake package -------------------------------------------------------------
install(EXPORT parole-targets NAMESPACE parole:: FILE parole-targets.cmake
        DESTINATION "${PAROLE_INSTALL_CMAKEDIR}" COMPONENT parole_development)
configure_package_config_file("${PROJECT_SOURCE_DIR}/cmake/parole-config.cmake.in"
  "${PROJECT_BINARY_DIR}/cmake/parole-config.cmake"
  INSTALL_DESTINATION "${PAROLE_INSTALL_CMAKEDIR}"
  PATH_VARS PAROLE_INSTALL_DATADIR)
# Versions 0.x promise nothing across minor versions, as the soname says.
if(PROJECT_VERSION_MAJOR EQUAL 0)
  set(_parole_compatibility SameMinorVersion)
else()
  set(_parole_compatibility SameMajorVersion)
endif()
write_basic_package_version_file("${PROJECT_BINARY_DIR}/cmake/parole-config-version.cmake"
  VERSION "${PROJECT_VERSION}" COMPATIBILITY ${_parole_compatibility})
install(FILES "${PROJECT_BINARY_DIR}/cmake/parole-config.cmake" "${PROJECT_BINARY_DIR}/cmake/parole-config-version.cmake"
        DESTINATION "${PAROLE_INSTALL_CMAKEDIR}" COMPONENT parole_development)

# --- parole.pc -----------------------------------------------------------------
# Written at install time, so that its prefix is the one given to `cmake --install --prefix`.
list(REMOVE_DUPLICATES _parole_pc_requires)
list(REMOVE_DUPLICATES _parole_pc_libs)
set(PAROLE_PC_PRIVATE "")
if(_parole_pc_requires)
  string(REPLACE ";" " " _parole_text "${_parole_pc_requires}")
  string(APPEND PAROLE_PC_PRIVATE "Requires.private: ${_parole_text}\n")
endif()
if(_parole_pc_libs)
  string(REPLACE ";" " " _parole_text "${_parole_pc_libs}")
  string(APPEND PAROLE_PC_PRIVATE "Libs.private: ${_parole_text}\n")
endif()
foreach(_parole_dir IN ITEMS LIBDIR INCLUDEDIR)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${_parole_dir}}")
    set(PAROLE_PC_${_parole_dir} "${CMAKE_INSTALL_${_parole_dir}}")
  else()
    set(PAROLE_PC_${_parole_dir} "\${prefix}/${CMAKE_INSTALL_${_parole_dir}}")
  endif()
endforeach()
set(PAROLE_PC_PREFIX "@PAROLE_PC_PREFIX@")  # filled in at install time
configure_file("${PROJECT_SOURCE_DIR}/cmake/parole.pc.in" "${PROJECT_BINARY_DIR}/cmake/parole.pc.in" @ONLY)
install(CODE "
  set(PAROLE_PC_PREFIX \"\${CMAKE_INSTALL_PREFIX}\")
  configure_file(\"${PROJECT_BINARY_DIR}/cmake/parole.pc.in\" \"${PROJECT_BINARY_DIR}/cmake/parole.pc\" @ONLY)
" COMPONENT parole_development)
install(FILES "${PROJECT_BINARY_DIR}/cmake/parole.pc" DESTINATION "${CMAKE_INSTALL_LIBDIR}/pkgconfig"
        COMPONENT parole_development)
