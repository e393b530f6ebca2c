# SPDX-License-Identifier: MIT
# Project warnings as an INTERFACE target, linked by every Easel target.
add_library(easel_warnings INTERFACE)
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(easel_warnings INTERFACE -Wall -Wextra -Wno-unused-parameter)
endif()
