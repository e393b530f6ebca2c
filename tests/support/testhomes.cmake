# SPDX-License-Identifier: MIT
# Setup of the CTest fixture easel_test_homes: empties ROOT and makes a fresh home for each test in
# TESTS (names separated by commas), with the XDG folders easel_isolate_test() points that test at.
# Usage: cmake -DROOT=<folder> -DTESTS=<name,name...> -P testhomes.cmake
if(NOT ROOT OR NOT IS_ABSOLUTE "${ROOT}" OR NOT ROOT MATCHES "/homes$")
    message(FATAL_ERROR "testhomes.cmake: ROOT must be an absolute path ending in /homes, got '${ROOT}'")
endif()
file(REMOVE_RECURSE "${ROOT}")
string(REPLACE "," ";" TESTS "${TESTS}")
foreach(test IN LISTS TESTS)
    set(home "${ROOT}/${test}")
    file(MAKE_DIRECTORY "${home}/.config" "${home}/.cache" "${home}/.local/share" "${home}/.local/state")
endforeach()
list(LENGTH TESTS count)
message(STATUS "fresh homes for ${count} tests under ${ROOT}")
