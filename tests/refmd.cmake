# Tests of targets/refmd/: the reference minidriver driven as a CSP would,
# over the mock reader and the simulated card.  One executable and one
# ctest entry per group.
foreach(group context readfile files pin pinex keys containers props)
  mdfuzz_add_test(NAME refmd-${group} SOURCES test-refmd-${group}.c
                  LIBRARIES mdd_refmd mdf_reader OpenSSL::Crypto PkgConfig::CMOCKA)
endforeach()

# The planted bugs (targets/refmd/planted-bugs.txt): the same test source
# against the clean driver and against each variant whose row says unit=yes.
# It is compiled with the variant's define, as the driver is, and with
# REFMD_TEST_BUG naming that define ("" for the clean driver).
include(${PROJECT_SOURCE_DIR}/cmake/mdfuzz-planted.cmake)
set(_planted ${PROJECT_SOURCE_DIR}/targets/refmd/planted-bugs.txt)
mdfuzz_read_planted(${_planted} _pb)
mdfuzz_add_test(NAME refmd-bugs-refmd SOURCES test-refmd-bugs.c
                DEFINES REFMD_TEST_BUG=""
                LIBRARIES mdd_refmd mdf_reader PkgConfig::CMOCKA)
foreach(variant IN LISTS _pb_VARIANTS)
  if(_pb_${variant}_UNIT STREQUAL "yes")
    mdfuzz_add_test(NAME refmd-bugs-${variant} SOURCES test-refmd-bugs.c
                    DEFINES ${_pb_${variant}_DEFINE} REFMD_TEST_BUG="${_pb_${variant}_DEFINE}"
                    LIBRARIES mdd_${variant} mdf_reader PkgConfig::CMOCKA)
  endif()
endforeach()

# The table agrees with the driver sources and with test-refmd-bugs.c's
# cases (also checked when configuring); and the check can fail: the same
# table plus a row whose define no source uses.
set(_planted_check ${CMAKE_COMMAND} -DSOURCE_DIR=${PROJECT_SOURCE_DIR}/targets/refmd
                   -DUNIT_TEST=${CMAKE_CURRENT_LIST_DIR}/test-refmd-bugs.c)
file(GLOB _refmd_srcs ${PROJECT_SOURCE_DIR}/targets/refmd/*.c ${PROJECT_SOURCE_DIR}/targets/refmd/*.h)
mdfuzz_check_planted(TABLE ${_planted} SOURCES ${_refmd_srcs}
                     UNIT_TEST ${CMAKE_CURRENT_LIST_DIR}/test-refmd-bugs.c)
mdfuzz_add_test(NAME refmd-planted-table
                COMMAND ${_planted_check} -DTABLE=${_planted}
                        -P ${PROJECT_SOURCE_DIR}/cmake/mdfuzz-planted.cmake)
file(READ ${_planted} _planted_text)
file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/planted-bugs-selftest.txt
     "${_planted_text}refmd_bug_selftest REFMD_BUG_SELFTEST_UNUSED CardReadFile CMR.1.3.4 no\n")
mdfuzz_add_test(NAME refmd-planted-table-detects
                COMMAND ${_planted_check} -DTABLE=${CMAKE_CURRENT_BINARY_DIR}/planted-bugs-selftest.txt
                        -P ${PROJECT_SOURCE_DIR}/cmake/mdfuzz-planted.cmake
                PROPERTIES PASS_REGULAR_EXPRESSION "REFMD_BUG_SELFTEST_UNUSED")
