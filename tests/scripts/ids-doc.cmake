# ctest cli-ids-doc: docs/findings.md must be exactly `mdfuzz ids --markdown`.
# Adding or changing a row of harness/cmr_rules.def (or a finding class)
# changes the command's output, so this fails until the doc is regenerated:
#   mdfuzz ids --markdown > docs/findings.md
# Run as: cmake -DMDFUZZ=<mdfuzz> -DDOC=<docs/findings.md> -DWORK=<dir> -P ids-doc.cmake
cmake_minimum_required(VERSION 3.25)
foreach(v MDFUZZ DOC WORK)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "ids-doc.cmake: -D${v}=... is required")
  endif()
endforeach()

execute_process(COMMAND "${MDFUZZ}" ids --markdown
  OUTPUT_VARIABLE generated ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "'${MDFUZZ} ids --markdown' failed (${rc}): ${err}")
endif()
if(NOT EXISTS "${DOC}")
  message(FATAL_ERROR "${DOC} is missing; write it with: mdfuzz ids --markdown > ${DOC}")
endif()
file(READ "${DOC}" committed)
if(NOT generated STREQUAL committed)
  set(new "${WORK}/findings.md.generated")
  file(WRITE "${new}" "${generated}")
  execute_process(COMMAND diff -u "${DOC}" "${new}" OUTPUT_VARIABLE d ERROR_VARIABLE d)
  message("${d}")
  message(FATAL_ERROR "${DOC} differs from 'mdfuzz ids --markdown' (diff above, - committed, "
                      "+ generated); regenerate it with: mdfuzz ids --markdown > ${DOC}")
endif()
message(STATUS "${DOC} matches 'mdfuzz ids --markdown'")
