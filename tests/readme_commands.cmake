# SPDX-License-Identifier: MIT
# Fails when .ci/run no longer runs the README's test command verbatim.
file(READ "${ROOT}/README.md" readme)
file(STRINGS "${ROOT}/.ci/run" ci REGEX "^apt-get ")
list(LENGTH ci n)
if(NOT n EQUAL 1)
    message(FATAL_ERROR ".ci/run must contain exactly one command line (found ${n})")
endif()
string(FIND "${readme}" "${ci}" at)
if(at EQUAL -1)
    message(FATAL_ERROR ".ci/run's command is not in README.md:\n${ci}")
endif()
