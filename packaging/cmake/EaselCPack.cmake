# SPDX-License-Identifier: MIT
# CPack: a .deb on Linux (built and tested: tests/packaging/tst_package_deb), an NSIS installer on Windows
# and a drag-and-drop .dmg on macOS (configured, not built here: see packaging/README.md).
#
#   cmake --build build && cpack --config build/CPackConfig.cmake -B build/packages

# Placeholders until the project has a public home; one place to change them.
set(EASEL_HOMEPAGE_URL "https://easel.example.org" CACHE STRING "Project homepage, shown by installers")
set(EASEL_MAINTAINER "The Easel developers <maintainers@easel.example.org>" CACHE STRING "Package maintainer")

set(CPACK_PACKAGE_NAME easel)
set(CPACK_PACKAGE_VENDOR "The Easel developers")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "${EASEL_MAINTAINER}")
set(CPACK_PACKAGE_HOMEPAGE_URL "${EASEL_HOMEPAGE_URL}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Stable Diffusion studio that runs on your own machine")
# Lines under 80 characters: the .deb's extended description shows them as they are.
string(CONCAT CPACK_PACKAGE_DESCRIPTION
    "Easel makes images with Stable Diffusion offline, on your CPU or GPU, at no\n"
    "per-image cost. Write a prompt, watch the picture form step by step, and keep\n"
    "every image with the settings that made it. It loads the model files artists\n"
    "already have: single-file .safetensors checkpoints (SD 1.x, SD 2.x, SDXL) and\n"
    "diffusers folders.\n"
    "\n"
    "This package holds the studio (easel), its command-line front end (easel-cli)\n"
    "and a tiny demo model with random weights, so that everything works before a\n"
    "real model is added.")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGE_INSTALL_DIRECTORY Easel)
set(CPACK_PACKAGE_EXECUTABLES easel Easel) # Start menu entry (NSIS)
set(CPACK_STRIP_FILES ON)
set(CPACK_VERBATIM_VARIABLES ON)
set(CPACK_SOURCE_IGNORE_FILES "/\\.git/" "/build[^/]*/") # cpack --config CPackSourceConfig.cmake: no build trees

if(WIN32)
    set(CPACK_GENERATOR NSIS)
elseif(APPLE)
    set(CPACK_GENERATOR DragNDrop)
else()
    set(CPACK_GENERATOR DEB)
endif()

# --- Debian -----------------------------------------------------------------------------------------------
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # easel_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION graphics)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# gzip: the package is mostly the demo model, random fp16 weights that no compressor shrinks; xz saves 5 %
# (13.0 vs 13.7 MB) for ten times the time, which tst_package_deb pays on every CI run.
set(CPACK_DEBIAN_COMPRESSION_TYPE gzip)
# Depends: the shared libraries the executables link, as dpkg-shlibdeps maps them to packages (Qt 6,
# libtorch, OpenCV, zlib, libc, libstdc++...), plus the packages of the Qt plugins they load with dlopen(),
# which dpkg-shlibdeps cannot see: EaselCPackOptions.cmake.in adds those at cpack time, from the Qt
# libraries the built executables link (Qt SQL -> libqt6sql6-sqlite; Qt GUI -> Recommends qt6-wayland).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(EASEL_PACKAGED_EXECUTABLES "$<TARGET_FILE:easel-cli>")
if(TARGET easel)
    string(APPEND EASEL_PACKAGED_EXECUTABLES ";$<TARGET_FILE:easel>")
endif()
configure_file(${CMAKE_CURRENT_LIST_DIR}/EaselCPackOptions.cmake.in ${PROJECT_BINARY_DIR}/EaselCPackOptions.cmake.gen
    @ONLY)
file(GENERATE OUTPUT ${PROJECT_BINARY_DIR}/EaselCPackOptions.cmake
    INPUT ${PROJECT_BINARY_DIR}/EaselCPackOptions.cmake.gen)
set(CPACK_PROJECT_CONFIG_FILE ${PROJECT_BINARY_DIR}/EaselCPackOptions.cmake)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

# --- Windows (NSIS) -------------------------------------------------------------------------------------------
set(CPACK_NSIS_PACKAGE_NAME "Easel ${PROJECT_VERSION}")
set(CPACK_NSIS_DISPLAY_NAME "Easel")
set(CPACK_NSIS_MUI_ICON ${PROJECT_SOURCE_DIR}/packaging/windows/easel.ico)
set(CPACK_NSIS_MUI_UNIICON ${PROJECT_SOURCE_DIR}/packaging/windows/easel.ico)
set(CPACK_NSIS_INSTALLED_ICON_NAME bin\\easel.exe)
set(CPACK_NSIS_URL_INFO_ABOUT "${EASEL_HOMEPAGE_URL}")
set(CPACK_NSIS_CONTACT "${EASEL_MAINTAINER}")
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
set(CPACK_NSIS_EXECUTABLES_DIRECTORY bin)
set(CPACK_NSIS_MUI_FINISHPAGE_RUN easel.exe)
set(CPACK_NSIS_MODIFY_PATH ON) # offers to put bin\ (easel-cli.exe) on PATH
set(CPACK_NSIS_BRANDING_TEXT "Easel ${PROJECT_VERSION}")

# --- macOS (.dmg) -------------------------------------------------------------------------------------------
set(CPACK_DMG_VOLUME_NAME "Easel ${PROJECT_VERSION}")
set(CPACK_DMG_FORMAT UDZO)
set(CPACK_PACKAGE_ICON ${PROJECT_SOURCE_DIR}/packaging/macos/easel.icns)

include(CPack)
