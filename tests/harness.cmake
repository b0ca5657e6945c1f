# Tests of the harness (mdf_harness): allocator tracker, oracles with fake
# drivers, CMR rule walker, CARD_DATA compare.
foreach(t alloc oracles cmr modes)
  mdfuzz_add_test(NAME harness-${t} EXECUTABLE test-harness-${t} SOURCES test-harness-${t}.c
                  INCLUDE_DIRECTORIES ${CMAKE_CURRENT_LIST_DIR}
                  LIBRARIES mdf_harness PkgConfig::CMOCKA)
endforeach()
