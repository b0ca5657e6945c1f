# Tests of the export table (fuzzers/exports/exports*.c): coverage of CARD_DATA,
# exports.list, rules; output contracts on fake drivers.
# MDF_EXPORTS_CMAKE: the names CMake read from exports.list (MDFUZZ_EXPORTS),
# which the test compares with the list expanded as C.
get_property(_mdfuzz_exports GLOBAL PROPERTY MDFUZZ_EXPORTS)
string(REPLACE ";" " " _mdfuzz_exports "${_mdfuzz_exports}")
mdfuzz_add_test(NAME exports-table SOURCES test-exports-table.c
                LIBRARIES mdf_fuzz PkgConfig::CMOCKA
                DEFINES MDF_EXPORTS_LIST="${PROJECT_SOURCE_DIR}/fuzzers/exports/exports.list"
                        MDF_EXPORTS_CMAKE="${_mdfuzz_exports}")

mdfuzz_add_test(NAME exports-contracts SOURCES test-exports-contracts.c
                INCLUDE_DIRECTORIES ${CMAKE_CURRENT_LIST_DIR}
                LIBRARIES mdf_fuzz PkgConfig::CMOCKA)
