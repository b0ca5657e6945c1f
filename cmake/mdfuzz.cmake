# mdfuzz build functions.  A vendor registers a minidriver with one call:
#
#   mdfuzz_add_minidriver(NAME
#       SOURCES src...                 driver sources, C or C++, unchanged
#       [DEFINES def...]               extra compile definitions for the driver
#       [INCLUDE_DIRECTORIES dir...]   the driver's own include folders
#       [EXPORTS export...]            fuzz only these exports (default: all)
#       [PLANTED finding-id])          a planted-bug build: its tests expect
#                                      this finding (e.g. CMR.1.3.4) instead of silence
#
# It builds the driver against compat/include, generates one fuzz target per
# export (bin/fuzz-NAME-EXPORT) for the configured engine, and the tests:
#   clean driver:   replay seeds + regressions quietly; a fixed-seed run of 10,000 inputs
#   planted driver: the regressions named NAME-* must produce the finding;
#                   with libFuzzer, fuzzing from the honest seeds (corpus/EXPORT/honest-*)
#                   must find it: seeds that already hit the bug do not count.
# Every test has a timeout: MDFUZZ_TEST_TIMEOUT, and for the fuzz-finds tests
# MDFUZZ_FIND_SECONDS (libFuzzer's own limit) plus MDFUZZ_TEST_TIMEOUT for
# the start and the report.

set(MDFUZZ_ROOT ${CMAKE_CURRENT_LIST_DIR}/.. CACHE INTERNAL "")
get_filename_component(MDFUZZ_ROOT "${MDFUZZ_ROOT}" ABSOLUTE)
set(MDFUZZ_CLEAN_RUNS 10000 CACHE STRING "Inputs in the fixed-seed clean run of each target")
set(MDFUZZ_FIND_SECONDS 300 CACHE STRING "Time limit for a planted bug to be found in tests (a bound for a loaded machine; libFuzzer with -seed=1 finds each in seconds)")
set(MDFUZZ_TEST_TIMEOUT 300 CACHE STRING "Default ctest timeout in seconds (replays, clean runs; mdfuzz's own tests)")
set(MDFUZZ_MANIFEST ${CMAKE_BINARY_DIR}/mdfuzz-targets.tsv)

# Give a library the engine's coverage instrumentation (libFuzzer: only
# driver code and the compat runtime; AFL++ instruments whatever it compiles).
function(mdfuzz_instrument tgt)
  if(MDFUZZ_COVERAGE_FLAGS)
    target_compile_options(${tgt} PRIVATE ${MDFUZZ_COVERAGE_FLAGS})
  endif()
endfunction()

# Link the fuzzing engine's main into a target.
function(mdfuzz_link_engine tgt)
  if(MDFUZZ_ENGINE STREQUAL "libfuzzer")
    target_link_options(${tgt} PRIVATE -fsanitize=fuzzer)
  elseif(MDFUZZ_ENGINE STREQUAL "afl")
    target_link_libraries(${tgt} PRIVATE "${MDFUZZ_AFL_DRIVER}")
  else()
    target_sources(${tgt} PRIVATE ${MDFUZZ_ROOT}/fuzzers/engine/standalone_main.c)
  endif()
endfunction()

# The custom mutator goes into the executable itself (MDFUZZ_CUSTOM_MUTATOR):
# libFuzzer only weakly references LLVMFuzzerCustomMutator, so a definition
# in a static library would never be pulled in.
set(MDFUZZ_MUTATOR_SOURCES ${MDFUZZ_ROOT}/fuzzers/mutator/mutator.c ${MDFUZZ_ROOT}/fuzzers/mutator/mutator_args.c
    ${MDFUZZ_ROOT}/fuzzers/mutator/mutator_case.c CACHE INTERNAL "")
function(mdfuzz_add_mutator tgt)
  if(MDFUZZ_CUSTOM_MUTATOR)
    target_sources(${tgt} PRIVATE ${MDFUZZ_MUTATOR_SOURCES})
    target_include_directories(${tgt} PRIVATE ${MDFUZZ_ROOT}/fuzzers/decode)
  endif()
endfunction()

function(mdfuzz_add_minidriver name)
  cmake_parse_arguments(MD "" "PLANTED" "SOURCES;DEFINES;INCLUDE_DIRECTORIES;EXPORTS" ${ARGN})
  if(NOT MD_SOURCES)
    message(FATAL_ERROR "mdfuzz_add_minidriver(${name}): SOURCES is required")
  endif()
  add_library(mdd_${name} STATIC ${MD_SOURCES})
  target_include_directories(mdd_${name} PRIVATE ${MD_INCLUDE_DIRECTORIES})
  target_compile_definitions(mdd_${name} PRIVATE ${MD_DEFINES})
  target_link_libraries(mdd_${name} PUBLIC mdf_compat)
  mdfuzz_instrument(mdd_${name})

  get_property(exports GLOBAL PROPERTY MDFUZZ_EXPORTS)
  if(MD_EXPORTS)
    set(exports ${MD_EXPORTS})
  endif()
  set(run ${MDFUZZ_ROOT}/cmake/run-target.sh)
  foreach(export IN LISTS exports)
    set(t fuzz-${name}-${export})
    add_executable(${t} ${MDFUZZ_ROOT}/fuzzers/target/fuzz_export.c)
    target_compile_definitions(${t} PRIVATE MDF_TARGET_EXPORT=${export})
    target_link_libraries(${t} PRIVATE mdd_${name} mdf_fuzz)
    mdfuzz_link_engine(${t})
    mdfuzz_add_mutator(${t})
    set_property(GLOBAL APPEND PROPERTY MDFUZZ_TARGETS ${t})
    if(MD_PLANTED)
      file(APPEND ${MDFUZZ_MANIFEST} "${name}-${export}\t${name}\t${export}\t${MD_PLANTED}\n")
    else()
      file(APPEND ${MDFUZZ_MANIFEST} "${name}-${export}\t${name}\t${export}\t-\n")
    endif()

    if(MDFUZZ_ENGINE STREQUAL "afl")
      continue() # the AFL++ driver reads one input; tests run the other presets
    endif()
    set(seeds ${MDFUZZ_ROOT}/corpus/${export})
    set(regs ${MDFUZZ_ROOT}/corpus/regressions/${export})
    if(MD_PLANTED)
      add_test(NAME ${name}-${export}-regression-finds
               COMMAND ${run} --engine ${MDFUZZ_ENGINE} --expect ${MD_PLANTED}
                       --files "${regs}/${name}-*" -- $<TARGET_FILE:${t}>)
      set_tests_properties(${name}-${export}-regression-finds PROPERTIES TIMEOUT ${MDFUZZ_TEST_TIMEOUT})
      if(MDFUZZ_ENGINE STREQUAL "libfuzzer")
        add_test(NAME ${name}-${export}-fuzz-finds
                 COMMAND ${run} --engine libfuzzer --expect ${MD_PLANTED} --seeds "${seeds}/honest-*"
                         -- $<TARGET_FILE:${t}> -seed=1 -max_total_time=${MDFUZZ_FIND_SECONDS}
                            -dict=${MDFUZZ_ROOT}/fuzzers/dict/${export}.dict)
        math(EXPR find_timeout "${MDFUZZ_FIND_SECONDS} + ${MDFUZZ_TEST_TIMEOUT}")
        set_tests_properties(${name}-${export}-fuzz-finds PROPERTIES TIMEOUT ${find_timeout})
      endif()
    else()
      add_test(NAME ${name}-${export}-replay
               COMMAND ${run} --engine ${MDFUZZ_ENGINE} --clean --files "${seeds}/*" --files "${regs}/*"
                       -- $<TARGET_FILE:${t}>)
      add_test(NAME ${name}-${export}-clean-run
               COMMAND ${run} --engine ${MDFUZZ_ENGINE} --clean --corpus ${seeds}
                       -- $<TARGET_FILE:${t}> -seed=1 -runs=${MDFUZZ_CLEAN_RUNS})
      set_tests_properties(${name}-${export}-replay ${name}-${export}-clean-run
                           PROPERTIES TIMEOUT ${MDFUZZ_TEST_TIMEOUT})
    endif()
  endforeach()
endfunction()
