# mdfuzz's own tests (tests/*.cmake) register through one function, so that
# every ctest entry has a timeout and a renamed or deleted source is a
# configure error instead of a test that silently disappears:
#
#   mdfuzz_add_test(NAME name                  the ctest name
#       [SOURCES file...]                      builds an executable (relative paths: the
#                                              calling list's folder); each must exist
#       [EXECUTABLE exe]                       its name (default test-NAME); without
#                                              SOURCES: run this existing executable
#       [COMMAND cmd arg...]                   or run this command (nothing is built)
#       [ARGS arg...]                          appended to the command line
#       [LIBRARIES lib...] [INCLUDE_DIRECTORIES dir...] [DEFINES def...]
#       [DEPENDS target...]                    built before the test executable
#       [TARGET_PROPERTIES prop value...]      on the executable
#       [TIMEOUT seconds]                      default MDFUZZ_TEST_TIMEOUT
#       [PROPERTIES prop value...])            more test properties (WILL_FAIL, ...)
#
# mdfuzz_apply_default_timeouts(dir) gives the default timeout to the tests
# of dir that were added with add_test() directly and have none.

set(MDFUZZ_TEST_TIMEOUT 300 CACHE STRING "Default ctest timeout in seconds for mdfuzz's own tests")

function(mdfuzz_add_test)
  cmake_parse_arguments(T "" "NAME;EXECUTABLE;TIMEOUT"
                        "SOURCES;COMMAND;ARGS;LIBRARIES;INCLUDE_DIRECTORIES;DEFINES;DEPENDS;TARGET_PROPERTIES;PROPERTIES"
                        ${ARGN})
  if(NOT T_NAME)
    message(FATAL_ERROR "mdfuzz_add_test: NAME is required")
  endif()
  if(T_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "mdfuzz_add_test(${T_NAME}): unknown arguments: ${T_UNPARSED_ARGUMENTS}")
  endif()
  if(T_SOURCES AND T_COMMAND)
    message(FATAL_ERROR "mdfuzz_add_test(${T_NAME}): give SOURCES or COMMAND, not both")
  endif()
  if(NOT T_EXECUTABLE)
    set(T_EXECUTABLE test-${T_NAME})
  endif()
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT ${MDFUZZ_TEST_TIMEOUT})
  endif()

  if(T_SOURCES)
    set(srcs "")
    foreach(src IN LISTS T_SOURCES)
      get_filename_component(abs "${src}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_LIST_DIR}")
      # Generated sources (in the build tree) appear at build time.
      string(FIND "${abs}" "${CMAKE_BINARY_DIR}/" in_build)
      if(NOT in_build EQUAL 0 AND NOT EXISTS "${abs}")
        message(FATAL_ERROR "mdfuzz_add_test(${T_NAME}): source ${abs} does not exist "
                            "(called from ${CMAKE_CURRENT_LIST_FILE})")
      endif()
      list(APPEND srcs "${abs}")
    endforeach()
    add_executable(${T_EXECUTABLE} ${srcs})
    target_include_directories(${T_EXECUTABLE} PRIVATE ${T_INCLUDE_DIRECTORIES})
    target_compile_definitions(${T_EXECUTABLE} PRIVATE ${T_DEFINES})
    target_link_libraries(${T_EXECUTABLE} PRIVATE ${T_LIBRARIES})
    if(T_DEPENDS)
      add_dependencies(${T_EXECUTABLE} ${T_DEPENDS})
    endif()
    if(T_TARGET_PROPERTIES)
      set_target_properties(${T_EXECUTABLE} PROPERTIES ${T_TARGET_PROPERTIES})
    endif()
    set(cmd ${T_EXECUTABLE})
  elseif(T_COMMAND)
    set(cmd ${T_COMMAND})
  elseif(TARGET ${T_EXECUTABLE})
    set(cmd ${T_EXECUTABLE})
  else()
    message(FATAL_ERROR "mdfuzz_add_test(${T_NAME}): no SOURCES, no COMMAND and no target ${T_EXECUTABLE}")
  endif()
  if(NOT T_SOURCES AND (T_LIBRARIES OR T_INCLUDE_DIRECTORIES OR T_DEFINES OR T_DEPENDS OR T_TARGET_PROPERTIES))
    message(FATAL_ERROR "mdfuzz_add_test(${T_NAME}): build options need SOURCES")
  endif()

  add_test(NAME ${T_NAME} COMMAND ${cmd} ${T_ARGS})
  set_tests_properties(${T_NAME} PROPERTIES TIMEOUT ${T_TIMEOUT} ${T_PROPERTIES})
endfunction()

function(mdfuzz_apply_default_timeouts dir)
  get_property(tests DIRECTORY ${dir} PROPERTY TESTS)
  set(fixed "")
  foreach(t IN LISTS tests)
    get_test_property(${t} TIMEOUT timeout)
    if(NOT timeout)
      set_tests_properties(${t} PROPERTIES TIMEOUT ${MDFUZZ_TEST_TIMEOUT})
      list(APPEND fixed ${t})
    endif()
  endforeach()
  if(fixed)
    message(STATUS "mdfuzz: default timeout (${MDFUZZ_TEST_TIMEOUT} s) given to tests not added with mdfuzz_add_test: ${fixed}")
  endif()
endfunction()
