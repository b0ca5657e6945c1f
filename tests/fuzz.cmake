# Tests of the fuzz targets' parts: the decoder, encoder and text form, and
# the standalone engine (fuzzers/engine/standalone_main.c, run against a toy target).
#
# mdf_decode: the decoder sources without the export table, so the
# decoder tests (test-local rows) build while the table is being written.
if(TARGET mdf_decode)
  foreach(t decode text)
    add_executable(test-fuzz-${t} ${CMAKE_CURRENT_LIST_DIR}/test-fuzz-${t}.c)
    target_include_directories(test-fuzz-${t} PRIVATE ${CMAKE_CURRENT_LIST_DIR})
    target_link_libraries(test-fuzz-${t} PRIVATE mdf_decode PkgConfig::CMOCKA)
    add_test(NAME fuzz-${t} COMMAND test-fuzz-${t})
  endforeach()
endif()

# Every committed input of every target, through the real export table.
if(TARGET mdf_fuzz)
  add_executable(test-fuzz-corpus ${CMAKE_CURRENT_LIST_DIR}/test-fuzz-corpus.c)
  target_include_directories(test-fuzz-corpus PRIVATE ${CMAKE_CURRENT_LIST_DIR})
  target_link_libraries(test-fuzz-corpus PRIVATE mdf_fuzz PkgConfig::CMOCKA)
  target_compile_definitions(test-fuzz-corpus PRIVATE
    MDF_CORPUS_DIR="${PROJECT_SOURCE_DIR}/corpus")
  add_test(NAME fuzz-corpus COMMAND test-fuzz-corpus)
endif()

add_executable(standalone-toy ${CMAKE_CURRENT_LIST_DIR}/standalone-toy.c
                              ${PROJECT_SOURCE_DIR}/fuzzers/engine/standalone_main.c)
add_executable(test-fuzz-standalone ${CMAKE_CURRENT_LIST_DIR}/test-fuzz-standalone.c)
target_include_directories(test-fuzz-standalone PRIVATE ${CMAKE_CURRENT_LIST_DIR})
target_compile_definitions(test-fuzz-standalone PRIVATE TOY_PATH="$<TARGET_FILE:standalone-toy>")
target_link_libraries(test-fuzz-standalone PRIVATE PkgConfig::CMOCKA)
add_dependencies(test-fuzz-standalone standalone-toy)
add_test(NAME fuzz-standalone COMMAND test-fuzz-standalone)

# The custom mutator (fuzzers/mutator/mutator*.c): sizes, structure, determinism,
# robustness over every export row and the sequence list.
if(TARGET mdf_fuzz)
  add_executable(test-fuzz-mutator ${CMAKE_CURRENT_LIST_DIR}/test-fuzz-mutator.c
                                   ${MDFUZZ_MUTATOR_SOURCES})
  target_include_directories(test-fuzz-mutator PRIVATE ${CMAKE_CURRENT_LIST_DIR}
                                                       ${PROJECT_SOURCE_DIR}/fuzzers/decode ${PROJECT_SOURCE_DIR}/fuzzers/mutator)
  target_link_libraries(test-fuzz-mutator PRIVATE mdf_fuzz PkgConfig::CMOCKA)
  add_test(NAME fuzz-mutator COMMAND test-fuzz-mutator)
endif()

# The Sequence and HostileCard targets end to end (fuzzers/target/fuzz_export.c
# pseudo-exports, seq_honest.c, hostile.c) against the clean refmd, and
# their committed seeds (corpus/Sequence, corpus/HostileCard).
if(TARGET mdf_fuzz AND TARGET mdd_refmd)
  add_executable(test-fuzz-seq ${CMAKE_CURRENT_LIST_DIR}/test-fuzz-seq.c)
  target_link_libraries(test-fuzz-seq PRIVATE mdf_fuzz mdd_refmd PkgConfig::CMOCKA)
  target_compile_definitions(test-fuzz-seq PRIVATE MDF_CORPUS_DIR="${PROJECT_SOURCE_DIR}/corpus")
  add_test(NAME fuzz-seq COMMAND test-fuzz-seq)
endif()
