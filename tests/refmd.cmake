# Tests of targets/refmd/: the reference minidriver driven as a CSP would,
# over the mock reader and the simulated card.  One executable and one
# ctest entry per group.
if(TARGET mdd_refmd AND TARGET mdf_reader)
  foreach(group context readfile files pin pinex keys containers props)
    if(NOT EXISTS ${CMAKE_CURRENT_LIST_DIR}/test-refmd-${group}.c)
      continue()
    endif()
    add_executable(test-refmd-${group} ${CMAKE_CURRENT_LIST_DIR}/test-refmd-${group}.c)
    target_link_libraries(test-refmd-${group} PRIVATE mdd_refmd mdf_reader OpenSSL::Crypto PkgConfig::CMOCKA)
    add_test(NAME refmd-${group} COMMAND test-refmd-${group})
  endforeach()

  # The issue-4 planted bugs: the same test source against the clean driver
  # and against each variant (targets/refmd/CMakeLists.txt builds them).
  set(bug_index 0)
  foreach(variant refmd refmd_bug_structver0 refmd_bug_name9 refmd_bug_realloc refmd_bug_6cxx
                  refmd_bug_multisz refmd_bug_uaf)
    if(TARGET mdd_${variant})
      add_executable(test-refmd-bugs-${variant} ${CMAKE_CURRENT_LIST_DIR}/test-refmd-bugs.c)
      target_compile_definitions(test-refmd-bugs-${variant} PRIVATE REFMD_TEST_BUG=${bug_index})
      target_link_libraries(test-refmd-bugs-${variant} PRIVATE mdd_${variant} mdf_reader PkgConfig::CMOCKA)
      add_test(NAME refmd-bugs-${variant} COMMAND test-refmd-bugs-${variant})
    endif()
    math(EXPR bug_index "${bug_index} + 1")
  endforeach()
endif()
