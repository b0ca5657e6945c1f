# The layering of the top-level folders (scripts/check-layering.py): no
# cycle, generic folders never use targets/ or link a driver library, and
# the layer order common <- mock-reader <- compat <- harness <- triage,
# fuzzers <- cli.  -detects: the check reports violations planted in a
# scratch tree.
find_package(Python3 REQUIRED COMPONENTS Interpreter)
set(_layering ${PROJECT_SOURCE_DIR}/scripts/check-layering.py)
mdfuzz_add_test(NAME layering COMMAND ${Python3_EXECUTABLE} ${_layering} ${PROJECT_SOURCE_DIR})
mdfuzz_add_test(NAME layering-detects COMMAND ${Python3_EXECUTABLE} ${_layering} --self-test)
