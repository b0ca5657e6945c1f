# Every tracked C/C++ source follows .clang-format (scripts/check-format.sh,
# clang-format 14 as Debian 12 ships it).  -detects: a misformatted file
# (tests/data/format/, left out of the tree check) is reported.
mdfuzz_add_test(NAME format COMMAND bash ${PROJECT_SOURCE_DIR}/scripts/check-format.sh)
mdfuzz_add_test(NAME format-detects
                COMMAND bash ${PROJECT_SOURCE_DIR}/scripts/check-format.sh tests/data/format/misformatted.c
                PROPERTIES PASS_REGULAR_EXPRESSION "1 of 1 files differ from .clang-format")
