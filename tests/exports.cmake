# Tests of the export table (fuzzers/exports/exports*.c): coverage of CARD_DATA,
# exports.list, rules; output contracts on fake drivers.
if(TARGET mdf_fuzz)
  add_executable(test-exports-table ${CMAKE_CURRENT_LIST_DIR}/test-exports-table.c)
  target_compile_definitions(test-exports-table PRIVATE
    MDF_EXPORTS_LIST="${PROJECT_SOURCE_DIR}/fuzzers/exports/exports.list")
  target_link_libraries(test-exports-table PRIVATE mdf_fuzz PkgConfig::CMOCKA)
  add_test(NAME exports-table COMMAND test-exports-table)

  add_executable(test-exports-contracts ${CMAKE_CURRENT_LIST_DIR}/test-exports-contracts.c)
  target_include_directories(test-exports-contracts PRIVATE ${CMAKE_CURRENT_LIST_DIR})
  target_link_libraries(test-exports-contracts PRIVATE mdf_fuzz PkgConfig::CMOCKA)
  add_test(NAME exports-contracts COMMAND test-exports-contracts)
endif()
