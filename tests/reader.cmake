# Tests of mock-reader/: one executable and one ctest entry per group.
foreach(group trace replay sim-fs sim-auth sim-crypto fuzzcard winscard record)
  mdfuzz_add_test(NAME reader-${group} SOURCES test-reader-${group}.c
                  LIBRARIES mdf_reader PkgConfig::CMOCKA
                  DEFINES MDF_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
endforeach()
