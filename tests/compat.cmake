# Tests of the compat layer (compat/include/, compat/).
if(NOT TARGET mdf_compat)
  return()
endif()
set(_c ${CMAKE_CURRENT_SOURCE_DIR}/compat)

# ABI: sizes, offsets, constants, CARD_DATA table, wide names.
add_executable(test-compat-abi test-compat-abi.c)
target_include_directories(test-compat-abi PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(test-compat-abi PRIVATE mdf_compat PkgConfig::CMOCKA)
add_test(NAME compat-abi COMMAND test-compat-abi)

# The same layout table as _Static_asserts, for x86-64 and i386.  -ffreestanding
# keeps libc headers out, so no multilib is needed where the compiler has
# its own stdint.h (clang, gcc); skipped if the compiler cannot target -m32.
set(_abi_cmd ${CMAKE_C_COMPILER} -std=c11 -ffreestanding -fsyntax-only -fshort-wchar -Wall -Wextra -Werror
             -I${PROJECT_SOURCE_DIR}/compat/include ${_c}/abi_static.c)
add_test(NAME compat-abi-static-x64 COMMAND ${_abi_cmd} -m64)
execute_process(COMMAND ${_abi_cmd} -m32 RESULT_VARIABLE _m32 OUTPUT_QUIET ERROR_QUIET)
if(_m32 EQUAL 0)
  add_test(NAME compat-abi-static-x86 COMMAND ${_abi_cmd} -m32)
  # The check must be able to fail: one wrong expected offset.
  add_test(NAME compat-abi-static-detects COMMAND ${_abi_cmd} -m32 -DMDF_ABI_SELFTEST_WRONG)
  set_tests_properties(compat-abi-static-detects PROPERTIES WILL_FAIL TRUE)
else()
  message(STATUS "compat: ${CMAKE_C_COMPILER} cannot compile -m32; x86 layout check skipped")
endif()

# Wide strings, *_s rules, formats, code pages.
add_executable(test-compat-wide test-compat-wide.c)
target_link_libraries(test-compat-wide PRIVATE mdf_compat PkgConfig::CMOCKA)
add_test(NAME compat-wide COMMAND test-compat-wide)

# Vendor-style drivers in C and C++ build unchanged and work through CARD_DATA.
add_library(mdf_test_c_driver STATIC ${_c}/c_driver.c)
target_link_libraries(mdf_test_c_driver PUBLIC mdf_compat)
add_library(mdf_test_cxx_driver STATIC ${_c}/cxx_driver.cpp)
target_link_libraries(mdf_test_cxx_driver PUBLIC mdf_compat)
foreach(lang c cxx)
  add_executable(test-compat-driver-${lang} test-compat-driver.c)
  target_compile_definitions(test-compat-driver-${lang} PRIVATE DRIVER_PREFIX="${lang}-")
  target_link_libraries(test-compat-driver-${lang} PRIVATE mdf_test_${lang}_driver PkgConfig::CMOCKA)
  set_target_properties(test-compat-driver-${lang} PROPERTIES LINKER_LANGUAGE CXX)
  add_test(NAME compat-driver-${lang} COMMAND test-compat-driver-${lang})
endforeach()

# UI traps: each call reports CMR.1.0.3 (the process then aborts).
add_executable(test-compat-ui-trap ${_c}/ui_trap.c)
target_link_libraries(test-compat-ui-trap PRIVATE mdf_compat)
foreach(fn MessageBoxA MessageBoxW MessageBoxExA MessageBoxExW DialogBoxParamA DialogBoxParamW
           DialogBoxIndirectParamW CreateDialogParamW CreateWindowExA CreateWindowExW TaskDialog TaskDialogIndirect)
  # Through sh: ctest fails an aborted process even when its output matches.
  add_test(NAME compat-ui-trap-${fn} COMMAND sh -c "\"$0\" \"$1\" 2>&1; exit 0" $<TARGET_FILE:test-compat-ui-trap> ${fn})
  set_tests_properties(compat-ui-trap-${fn} PROPERTIES
    PASS_REGULAR_EXPRESSION "mdfuzz: CMR\\.1\\.0\\.3: ${fn} called: the card module may not present UI")
endforeach()
