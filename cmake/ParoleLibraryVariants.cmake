# The library in both variants, static and shared, for `cmake --install`.
# Included at the end of lib/CMakeLists.txt, where the imported targets the
# library links (found there or above) are visible; does nothing unless
# PAROLE_INSTALL is on (the default for a top-level build).
#
# `parole` is static, or shared with BUILD_SHARED_LIBS=ON; the other variant is
# linked from the very same object files (compiled position-independent), so
# nothing is compiled twice. Both files are called libparole. In the package they
# are parole::parole_static and parole::parole_shared (cmake/parole-config.cmake.in).

# parole_link_lists(OTHER LINKS INTERFACE): the name of the variant that is not
# `parole` itself, the libraries `parole` links, and those it passes on to its
# users. Here and in cmake/ParoleInstall.cmake (find_dependency, parole.pc).
function(parole_link_lists other_var links_var interface_var)
  get_target_property(type parole TYPE)
  if(type STREQUAL "STATIC_LIBRARY")
    set(${other_var} parole_shared PARENT_SCOPE)
  else()
    set(${other_var} parole_static PARENT_SCOPE)
  endif()
  get_target_property(links parole LINK_LIBRARIES)
  get_target_property(interface parole INTERFACE_LINK_LIBRARIES)
  if(NOT links)
    set(links "")
  endif()
  if(NOT interface)
    set(interface "")
  endif()
  list(FILTER interface EXCLUDE REGEX "^\\$<LINK_ONLY:")
  set(${links_var} "${links}" PARENT_SCOPE)
  set(${interface_var} "${interface}" PARENT_SCOPE)
endfunction()

if(NOT PAROLE_INSTALL)
  return()
endif()

parole_link_lists(_parole_other _parole_links _parole_interface)
if(_parole_other STREQUAL "parole_shared")
  set(_parole_main parole_static)
  add_library(parole_shared SHARED $<TARGET_OBJECTS:parole>)
else()
  set(_parole_main parole_shared)
  add_library(parole_static STATIC $<TARGET_OBJECTS:parole>)
endif()
add_library(parole::${_parole_main} ALIAS parole)
add_library(parole::${_parole_other} ALIAS ${_parole_other})
set_target_properties(parole PROPERTIES EXPORT_NAME ${_parole_main})
set_target_properties(${_parole_other} PROPERTIES EXPORT_NAME ${_parole_other} OUTPUT_NAME parole)
foreach(_parole_property IN ITEMS VERSION SOVERSION CXX_EXTENSIONS INTERFACE_INCLUDE_DIRECTORIES
                                  INTERFACE_COMPILE_DEFINITIONS INTERFACE_COMPILE_OPTIONS INTERFACE_COMPILE_FEATURES
                                  INTERFACE_LINK_OPTIONS)
  get_target_property(_parole_value parole ${_parole_property})
  if(NOT _parole_value STREQUAL "_parole_value-NOTFOUND")
    set_property(TARGET ${_parole_other} PROPERTY ${_parole_property} "${_parole_value}")
  endif()
endforeach()

# The same dependencies: what `parole` links privately stays private (the static
# variant turns it into $<LINK_ONLY:...>), what it passes on is passed on.
foreach(_parole_lib IN LISTS _parole_links)
  if(_parole_lib IN_LIST _parole_interface)
    target_link_libraries(${_parole_other} PUBLIC "${_parole_lib}")
  else()
    target_link_libraries(${_parole_other} PRIVATE "${_parole_lib}")
  endif()
endforeach()
foreach(_parole_lib IN LISTS _parole_interface)
  if(NOT _parole_lib IN_LIST _parole_links)
    target_link_libraries(${_parole_other} INTERFACE "${_parole_lib}")
  endif()
endforeach()
