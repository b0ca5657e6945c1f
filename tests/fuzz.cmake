# Tests of the fuzz targets' parts: the decoder, encoder and text form, and
# the standalone engine (fuzzers/engine/standalone_main.c, run against a toy target).
foreach(t decode text)
  mdfuzz_add_test(NAME fuzz-${t} SOURCES test-fuzz-${t}.c
                  INCLUDE_DIRECTORIES ${CMAKE_CURRENT_LIST_DIR}
                  LIBRARIES mdf_decode PkgConfig::CMOCKA)
endforeach()

# Every committed input of every target, through the real export table.
mdfuzz_add_test(NAME fuzz-corpus SOURCES test-fuzz-corpus.c
                INCLUDE_DIRECTORIES ${CMAKE_CURRENT_LIST_DIR}
                LIBRARIES mdf_fuzz PkgConfig::CMOCKA
                DEFINES MDF_CORPUS_DIR="${PROJECT_SOURCE_DIR}/corpus")

add_executable(standalone-toy ${CMAKE_CURRENT_LIST_DIR}/standalone-toy.c
                              ${PROJECT_SOURCE_DIR}/fuzzers/engine/standalone_main.c)
mdfuzz_add_test(NAME fuzz-standalone SOURCES test-fuzz-standalone.c
                INCLUDE_DIRECTORIES ${CMAKE_CURRENT_LIST_DIR}
                DEFINES TOY_PATH="$<TARGET_FILE:standalone-toy>"
                LIBRARIES PkgConfig::CMOCKA
                DEPENDS standalone-toy)

# The custom mutator (fuzzers/mutator/mutator*.c): sizes, structure, determinism,
# robustness over every export row and the sequence list.
mdfuzz_add_test(NAME fuzz-mutator SOURCES test-fuzz-mutator.c ${MDFUZZ_MUTATOR_SOURCES}
                INCLUDE_DIRECTORIES ${CMAKE_CURRENT_LIST_DIR} ${PROJECT_SOURCE_DIR}/fuzzers/decode
                                    ${PROJECT_SOURCE_DIR}/fuzzers/mutator
                LIBRARIES mdf_fuzz PkgConfig::CMOCKA)

# The Sequence and HostileCard targets end to end (fuzzers/target/fuzz_export.c
# pseudo-exports, seq_honest.c, hostile.c) against the clean refmd, and
# their committed seeds (corpus/Sequence, corpus/HostileCard).
mdfuzz_add_test(NAME fuzz-seq SOURCES test-fuzz-seq.c
                LIBRARIES mdf_fuzz mdd_refmd PkgConfig::CMOCKA
                DEFINES MDF_CORPUS_DIR="${PROJECT_SOURCE_DIR}/corpus")
