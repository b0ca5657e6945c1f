# Tests of the harness (mdf_harness): allocator tracker, oracles with fake
# drivers, CMR rule walker, CARD_DATA compare.
foreach(t alloc oracles cmr modes)
  add_executable(test-harness-${t} ${CMAKE_CURRENT_LIST_DIR}/test-harness-${t}.c)
  target_include_directories(test-harness-${t} PRIVATE ${CMAKE_CURRENT_LIST_DIR})
  target_link_libraries(test-harness-${t} PRIVATE mdf_harness PkgConfig::CMOCKA)
  add_test(NAME harness-${t} COMMAND test-harness-${t})
endforeach()
