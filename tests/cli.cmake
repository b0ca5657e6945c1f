# Tests of the mdfuzz command (cli/) and of triage's parsers and reports:
# one ctest entry per group.
# A libFuzzer look-alike that the run tests drive through mdfuzz.
add_executable(mdf-cli-fake-target ${CMAKE_CURRENT_LIST_DIR}/cli-fake-target.c)
foreach(group args parse report run)
  mdfuzz_add_test(NAME cli-${group} EXECUTABLE test-cli-${group} SOURCES test-cli-${group}.c
                  LIBRARIES mdf_cli PkgConfig::CMOCKA
                  DEFINES MDF_TEST_MDFUZZ="$<TARGET_FILE:mdfuzz>"
                          MDF_TEST_FAKE="$<TARGET_FILE:mdf-cli-fake-target>"
                          MDF_TEST_DATA="${CMAKE_CURRENT_LIST_DIR}/data/cli"
                  DEPENDS mdfuzz mdf-cli-fake-target
                  TIMEOUT 120)
endforeach()
# The finding-ID table has one source (harness/cmr_rules.def): the doc is
# its `mdfuzz ids --markdown` output, and every ID an oracle names is a row.
mdfuzz_add_test(NAME cli-ids-doc
                COMMAND ${CMAKE_COMMAND} -DMDFUZZ=$<TARGET_FILE:mdfuzz>
                        -DDOC=${PROJECT_SOURCE_DIR}/docs/findings.md -DWORK=${CMAKE_CURRENT_BINARY_DIR}
                        -P ${CMAKE_CURRENT_LIST_DIR}/scripts/ids-doc.cmake)
mdfuzz_add_test(NAME cli-ids-scan
                COMMAND ${CMAKE_COMMAND} -DMDFUZZ=$<TARGET_FILE:mdfuzz> -DSRC=${PROJECT_SOURCE_DIR}
                        -P ${CMAKE_CURRENT_LIST_DIR}/scripts/ids-scan.cmake)
