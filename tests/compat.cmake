# Tests of the compat layer (compat/include/, compat/).
set(_c ${CMAKE_CURRENT_SOURCE_DIR}/compat)

# ABI: sizes, offsets, constants, CARD_DATA table, wide names.
mdfuzz_add_test(NAME compat-abi SOURCES test-compat-abi.c
                INCLUDE_DIRECTORIES ${CMAKE_CURRENT_SOURCE_DIR}
                LIBRARIES mdf_compat PkgConfig::CMOCKA)

# The same layout table as _Static_asserts, for x86-64 and i386.  -ffreestanding
# keeps libc headers out, so no multilib is needed where the compiler has
# its own stdint.h (clang, gcc); skipped if the compiler cannot target -m32.
if(NOT EXISTS ${_c}/abi_static.c)
  message(FATAL_ERROR "tests/compat.cmake: ${_c}/abi_static.c does not exist")
endif()
set(_abi_cmd ${CMAKE_C_COMPILER} -std=c11 -ffreestanding -fsyntax-only -fshort-wchar -Wall -Wextra -Werror
             -I${PROJECT_SOURCE_DIR}/compat/include ${_c}/abi_static.c)
mdfuzz_add_test(NAME compat-abi-static-x64 COMMAND ${_abi_cmd} -m64)
execute_process(COMMAND ${_abi_cmd} -m32 RESULT_VARIABLE _m32 OUTPUT_QUIET ERROR_QUIET)
if(_m32 EQUAL 0)
  mdfuzz_add_test(NAME compat-abi-static-x86 COMMAND ${_abi_cmd} -m32)
  # The check must be able to fail: one wrong expected offset.
  mdfuzz_add_test(NAME compat-abi-static-detects COMMAND ${_abi_cmd} -m32 -DMDF_ABI_SELFTEST_WRONG
                  PROPERTIES WILL_FAIL TRUE)
else()
  message(STATUS "compat: ${CMAKE_C_COMPILER} cannot compile -m32; x86 layout check skipped")
endif()

# Wide strings, *_s rules, formats, code pages.
mdfuzz_add_test(NAME compat-wide SOURCES test-compat-wide.c
                LIBRARIES mdf_compat PkgConfig::CMOCKA)

# Vendor-style drivers in C and C++ build unchanged and work through CARD_DATA.
add_library(mdf_test_c_driver STATIC ${_c}/c_driver.c)
target_link_libraries(mdf_test_c_driver PUBLIC mdf_compat)
add_library(mdf_test_cxx_driver STATIC ${_c}/cxx_driver.cpp)
target_link_libraries(mdf_test_cxx_driver PUBLIC mdf_compat)
foreach(lang c cxx)
  mdfuzz_add_test(NAME compat-driver-${lang} SOURCES test-compat-driver.c
                  DEFINES DRIVER_PREFIX="${lang}-"
                  LIBRARIES mdf_test_${lang}_driver PkgConfig::CMOCKA
                  TARGET_PROPERTIES LINKER_LANGUAGE CXX)
endforeach()

# UI traps: each call reports CMR.1.0.3 (the process then aborts).  One test
# per row of compat/ui_traps.def, the list compat/ui.c and ui_trap.c expand.
set(_traps_def ${PROJECT_SOURCE_DIR}/compat/ui_traps.def)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${_traps_def})
file(STRINGS ${_traps_def} _traps REGEX "^MDF_UI_TRAP\\(")
if(NOT _traps)
  message(FATAL_ERROR "tests/compat.cmake: no MDF_UI_TRAP rows in ${_traps_def}")
endif()
mdfuzz_add_test(NAME compat-ui-trap-unknown SOURCES compat/ui_trap.c EXECUTABLE test-compat-ui-trap
                INCLUDE_DIRECTORIES ${PROJECT_SOURCE_DIR}/compat
                LIBRARIES mdf_compat
                ARGS NoSuchUiFunction
                PROPERTIES WILL_FAIL TRUE)
foreach(row IN LISTS _traps)
  if(NOT row MATCHES "^MDF_UI_TRAP\\(([A-Za-z0-9_]+),")
    message(FATAL_ERROR "tests/compat.cmake: ${_traps_def}: cannot read the name in: ${row}")
  endif()
  set(fn ${CMAKE_MATCH_1})
  # Through sh: ctest fails an aborted process even when its output matches.
  # (No ';' in the script: it would split the CMake argument.)
  mdfuzz_add_test(NAME compat-ui-trap-${fn}
                  COMMAND sh -c "\"$0\" \"$1\" 2>&1 || exit 0" $<TARGET_FILE:test-compat-ui-trap> ${fn}
                  PROPERTIES PASS_REGULAR_EXPRESSION
                             "mdfuzz: CMR\\.1\\.0\\.3: ${fn} called: the card module may not present UI")
endforeach()
