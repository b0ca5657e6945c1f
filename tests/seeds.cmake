# The committed seeds (corpus/<Export>/, written by mdf-gen-seeds) against
# the clean reference minidriver: every export has an honest seed and each
# honest seed's call succeeds (or returns the code listed in the test).
mdfuzz_add_test(NAME seeds-honest SOURCES test-seeds-honest.c
                DEFINES MDF_CORPUS_DIR="${PROJECT_SOURCE_DIR}/corpus"
                LIBRARIES mdd_refmd mdf_fuzz PkgConfig::CMOCKA)
