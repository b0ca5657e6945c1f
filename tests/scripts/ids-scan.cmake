# ctest cli-ids-scan: every "CMR.*" / "SPEC.*" ID literal in the sources that
# report findings must be a row of the finding-ID table (harness/cmr_rules.def),
# as `mdfuzz ids` prints it, and no mdf_finding() call names a class by a
# string literal.  A new oracle ID without a row fails here.
# Run as: cmake -DMDFUZZ=<mdfuzz> -DSRC=<source dir> -P ids-scan.cmake
cmake_minimum_required(VERSION 3.25) # IN_LIST
foreach(v MDFUZZ SRC)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "ids-scan.cmake: -D${v}=... is required")
  endif()
endforeach()

execute_process(COMMAND "${MDFUZZ}" ids OUTPUT_VARIABLE listing ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "'${MDFUZZ} ids' failed (${rc}): ${err}")
endif()
# The first field of each line is the ID.
string(REGEX MATCHALL "\n(CMR|SPEC)\\.[^\t\n]+\t" known "\n${listing}")
string(REGEX REPLACE "[\n\t]" "" known "${known}")
list(LENGTH known nknown)
if(nknown LESS 100)
  message(FATAL_ERROR "'mdfuzz ids' listed only ${nknown} CMR/SPEC IDs:\n${listing}")
endif()

# Everything that can report a finding: harness, compat (UI trap), fuzz
# targets, the runtime in common/, triage, the mock reader, the command and
# the public headers (sources, headers and X-macro tables).
set(dirs harness compat fuzzers common triage mock-reader cli include)
set(globs)
foreach(d IN LISTS dirs)
  foreach(ext c h def)
    list(APPEND globs "${SRC}/${d}/*.${ext}")
  endforeach()
endforeach()
file(GLOB_RECURSE sources ${globs})
list(LENGTH sources nsources)
if(nsources LESS 20)
  message(FATAL_ERROR "ids-scan.cmake: found only ${nsources} sources under ${SRC}")
endif()

set(missing "")
set(nused 0)
set(literal_classes "")
foreach(f IN LISTS sources)
  # A finding class is named through MDF_FINDING_ID(NAME) (its one table,
  # include/mdfuzz/common/finding_ids.h), never as a string of its own.
  file(STRINGS "${f}" class_lines REGEX "mdf_finding\\(\"[^CS\"]")
  foreach(line IN LISTS class_lines)
    file(RELATIVE_PATH rel "${SRC}" "${f}")
    string(STRIP "${line}" line)
    string(APPEND literal_classes "  ${rel}: ${line}\n")
  endforeach()
  file(STRINGS "${f}" lines REGEX "\"(CMR|SPEC)\\.")
  foreach(line IN LISTS lines)
    string(REGEX MATCHALL "\"(CMR|SPEC)\\.[A-Za-z0-9_.]+\"" ids "${line}")
    foreach(id IN LISTS ids)
      string(REPLACE "\"" "" id "${id}")
      math(EXPR nused "${nused} + 1")
      if(NOT id IN_LIST known)
        file(RELATIVE_PATH rel "${SRC}" "${f}")
        string(APPEND missing "  ${id} (${rel})\n")
      endif()
    endforeach()
  endforeach()
endforeach()
if(literal_classes)
  message(FATAL_ERROR "finding classes written as string literals (use MDF_FINDING_ID(NAME) and a row "
                      "of include/mdfuzz/common/finding_ids.h):\n${literal_classes}")
endif()
if(missing)
  message(FATAL_ERROR "finding IDs used in the sources with no row in harness/cmr_rules.def "
                      "(add an MDF_CMR_REQ or MDF_CMR_RULE row, then regenerate docs/findings.md):\n"
                      "${missing}")
endif()
message(STATUS "${nused} ID literals in ${nsources} sources, all among ${nknown} table rows")
