# The committed seeds (corpus/<Export>/, written by mdf-gen-seeds) against
# the clean reference minidriver: every export has an honest seed and each
# honest seed's call succeeds (or returns the code listed in the test).
if(TARGET mdf_fuzz AND TARGET mdd_refmd)
  add_executable(test-seeds-honest ${CMAKE_CURRENT_LIST_DIR}/test-seeds-honest.c)
  target_include_directories(test-seeds-honest PRIVATE ${PROJECT_SOURCE_DIR}/fuzzers/exports)
  target_compile_definitions(test-seeds-honest PRIVATE
    MDF_CORPUS_DIR="${PROJECT_SOURCE_DIR}/corpus")
  target_link_libraries(test-seeds-honest PRIVATE mdd_refmd mdf_fuzz PkgConfig::CMOCKA)
  add_test(NAME seeds-honest COMMAND test-seeds-honest)
endif()
