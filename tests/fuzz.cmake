# Tests of the fuzz targets' parts: the decoder (mdf_fuzz) and the
# standalone engine (fuzzers/standalone_main.c, run against a toy target).
if(TARGET mdf_fuzz AND TARGET mdf_reader)
  add_executable(test-fuzz-decode ${CMAKE_CURRENT_LIST_DIR}/test-fuzz-decode.c)
  target_link_libraries(test-fuzz-decode PRIVATE mdf_fuzz PkgConfig::CMOCKA)
  add_test(NAME fuzz-decode COMMAND test-fuzz-decode)
endif()

add_executable(standalone-toy ${CMAKE_CURRENT_LIST_DIR}/standalone-toy.c
                              ${PROJECT_SOURCE_DIR}/fuzzers/standalone_main.c)
add_executable(test-fuzz-standalone ${CMAKE_CURRENT_LIST_DIR}/test-fuzz-standalone.c)
target_include_directories(test-fuzz-standalone PRIVATE ${CMAKE_CURRENT_LIST_DIR})
target_compile_definitions(test-fuzz-standalone PRIVATE TOY_PATH="$<TARGET_FILE:standalone-toy>")
target_link_libraries(test-fuzz-standalone PRIVATE PkgConfig::CMOCKA)
add_dependencies(test-fuzz-standalone standalone-toy)
add_test(NAME fuzz-standalone COMMAND test-fuzz-standalone)
