# SPDX-License-Identifier: MIT
# Where things are installed, one place for app/ and packaging/.
#   Linux, Windows: bin/easel, bin/easel-cli, share/easel/{clip,models,translations}
#   macOS:          easel.app/Contents/MacOS/{easel,easel-cli}, easel.app/Contents/Resources/easel/...
# core/jobs/resources.cpp finds the resources relative to the executable in both layouts, and the build tree
# mirrors the Linux/Windows one (build/app/easel + build/share/easel).
include(GNUInstallDirs)
if(APPLE AND EASEL_BUILD_GUI)
    set(EASEL_INSTALL_BINDIR easel.app/Contents/MacOS)
    set(EASEL_INSTALL_RESOURCEDIR easel.app/Contents/Resources/easel)
else()
    set(EASEL_INSTALL_BINDIR ${CMAKE_INSTALL_BINDIR})
    set(EASEL_INSTALL_RESOURCEDIR ${CMAKE_INSTALL_DATADIR}/easel)
endif()
# The build tree's copy of share/easel (resources, compiled translations).
set(EASEL_BUILD_RESOURCEDIR ${PROJECT_BINARY_DIR}/share/easel)
# Installed directories get the standard modes (0755) whatever the umask of the build (lintian checks them).
set(CMAKE_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
