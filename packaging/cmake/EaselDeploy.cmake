# SPDX-License-Identifier: MIT
# Windows and macOS: copy the runtime libraries next to the installed executables, so that the NSIS
# installer and the .dmg run on machines without Qt, libtorch or OpenCV. Runs at install time, hence
# also inside cpack. NOT BUILT OR RUN ON THIS PROJECT'S CI (Debian only): see packaging/README.md.
# On Linux the .deb depends on Debian's packages instead, and nothing here applies.

if(NOT WIN32 AND NOT APPLE)
    return()
endif()

# Qt's deployment tools live next to qmake.
get_target_property(easel_qmake Qt6::qmake IMPORTED_LOCATION)
get_filename_component(easel_qt_bindir "${easel_qmake}" DIRECTORY)
# libtorch's shared libraries: all of them (CPU: c10, torch_cpu, fbgemm, asmjit, libiomp5md/libomp, uv...;
# CUDA builds add c10_cuda, torch_cuda, cuDNN, cuBLAS, nvrtc..., about 2.5 GB).
get_filename_component(easel_torch_libdir "${TORCH_INSTALL_PREFIX}/lib" ABSOLUTE)

if(WIN32)
    find_program(EASEL_WINDEPLOYQT windeployqt HINTS "${easel_qt_bindir}" REQUIRED)
    # MSVC runtime (vcruntime, msvcp) into bin/.
    set(CMAKE_INSTALL_SYSTEM_RUNTIME_DESTINATION ${CMAKE_INSTALL_BINDIR})
    include(InstallRequiredSystemLibraries)
    file(GLOB easel_torch_dlls "${easel_torch_libdir}/*.dll")
    install(FILES ${easel_torch_dlls} DESTINATION ${CMAKE_INSTALL_BINDIR})
    # OpenCV and zlib DLLs (whatever the executables import, found on these paths), Qt left to windeployqt.
    get_filename_component(easel_opencv_bindir "${OpenCV_DIR}/../bin" ABSOLUTE)
    install(CODE "
        file(GET_RUNTIME_DEPENDENCIES
            EXECUTABLES \"$<TARGET_FILE:easel>\" \"$<TARGET_FILE:easel-cli>\"
            RESOLVED_DEPENDENCIES_VAR deps UNRESOLVED_DEPENDENCIES_VAR missing
            DIRECTORIES \"${easel_opencv_bindir}\" \"${easel_torch_libdir}\" \"${easel_qt_bindir}\"
            PRE_EXCLUDE_REGEXES \"^api-ms-\" \"^ext-ms-\" \"^Qt6\"
            POST_EXCLUDE_REGEXES \"[Ss]ystem32\" \"[Ww]indows\")
        file(INSTALL \${deps} DESTINATION \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}\")
        if(missing)
            message(WARNING \"Easel: DLLs not found, the installer will lack them: \${missing}\")
        endif()
        execute_process(COMMAND \"${EASEL_WINDEPLOYQT}\" --release --no-compiler-runtime --no-translations
                --dir \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}\"
                \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}/easel.exe\"
                \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}/easel-cli.exe\"
            COMMAND_ERROR_IS_FATAL ANY)
    ")
elseif(APPLE)
    find_program(EASEL_MACDEPLOYQT macdeployqt HINTS "${easel_qt_bindir}" REQUIRED)
    # The bundle's icon.
    target_sources(easel PRIVATE ${PROJECT_SOURCE_DIR}/packaging/macos/easel.icns)
    set_source_files_properties(${PROJECT_SOURCE_DIR}/packaging/macos/easel.icns
        TARGET_DIRECTORY easel PROPERTIES MACOSX_PACKAGE_LOCATION Resources)
    # macdeployqt copies Qt (frameworks, platform/sqldriver plugins) and every other non-system dylib the
    # bundle's executables load (libtorch from -libpath, OpenCV from Homebrew) into Contents/Frameworks and
    # rewrites their install names. easel-cli is inside the bundle, so -executable fixes it up too.
    install(CODE "
        execute_process(COMMAND \"${EASEL_MACDEPLOYQT}\" \"\${CMAKE_INSTALL_PREFIX}/easel.app\"
                -executable=\"\${CMAKE_INSTALL_PREFIX}/easel.app/Contents/MacOS/easel-cli\"
                -libpath=\"${easel_torch_libdir}\" -always-overwrite
            COMMAND_ERROR_IS_FATAL ANY)
    ")
endif()
