# Tests of the mdfuzz command (cli/): one ctest entry per group.
if(TARGET mdfuzz)
  # A libFuzzer look-alike that the run tests drive through mdfuzz.
  add_executable(mdf-cli-fake-target ${CMAKE_CURRENT_LIST_DIR}/cli-fake-target.c)
  foreach(group args parse report run)
    add_executable(test-cli-${group} ${CMAKE_CURRENT_LIST_DIR}/test-cli-${group}.c)
    target_link_libraries(test-cli-${group} PRIVATE mdf_cli PkgConfig::CMOCKA)
    target_compile_definitions(test-cli-${group} PRIVATE
      MDF_TEST_MDFUZZ="$<TARGET_FILE:mdfuzz>"
      MDF_TEST_FAKE="$<TARGET_FILE:mdf-cli-fake-target>"
      MDF_TEST_DATA="${CMAKE_CURRENT_LIST_DIR}/data/cli")
    add_dependencies(test-cli-${group} mdfuzz mdf-cli-fake-target)
    add_test(NAME cli-${group} COMMAND test-cli-${group})
    set_tests_properties(cli-${group} PROPERTIES TIMEOUT 120)
  endforeach()
  # The finding-ID table has one source (harness/cmr_rules.def): the doc is
  # its `mdfuzz ids --markdown` output, and every ID an oracle names is a row.
  add_test(NAME cli-ids-doc COMMAND ${CMAKE_COMMAND} -DMDFUZZ=$<TARGET_FILE:mdfuzz>
           -DDOC=${PROJECT_SOURCE_DIR}/docs/findings.md -DWORK=${CMAKE_CURRENT_BINARY_DIR}
           -P ${CMAKE_CURRENT_LIST_DIR}/scripts/ids-doc.cmake)
  add_test(NAME cli-ids-scan COMMAND ${CMAKE_COMMAND} -DMDFUZZ=$<TARGET_FILE:mdfuzz>
           -DSRC=${PROJECT_SOURCE_DIR} -P ${CMAKE_CURRENT_LIST_DIR}/scripts/ids-scan.cmake)
endif()
