# Tests of targets/refmd/: the reference minidriver driven as a CSP would,
# over the mock reader and the simulated card.  One executable and one
# ctest entry per group.
if(TARGET mdd_refmd AND TARGET mdf_reader)
  foreach(group context readfile files pin keys)
    if(NOT EXISTS ${CMAKE_CURRENT_LIST_DIR}/test-refmd-${group}.c)
      continue()
    endif()
    add_executable(test-refmd-${group} ${CMAKE_CURRENT_LIST_DIR}/test-refmd-${group}.c)
    target_link_libraries(test-refmd-${group} PRIVATE mdd_refmd mdf_reader OpenSSL::Crypto PkgConfig::CMOCKA)
    add_test(NAME refmd-${group} COMMAND test-refmd-${group})
  endforeach()
endif()
