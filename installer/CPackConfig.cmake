# Packaging: `cpack -G DEB` in the build folder gives ferry_VERSION_ARCH.deb with the binary, the desktop
# file, the AppStream metainfo, the icon and the translations (also compiled into the binary);
# installer/check-deb.sh installs it and checks it. NSIS/WiX and DragNDrop are not configured yet.
set(CPACK_PACKAGE_NAME "ferry")
set(CPACK_PACKAGE_VENDOR "Ferry developers")
set(CPACK_PACKAGE_CONTACT "Ferry developers <ferry@example.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
set(CPACK_GENERATOR "DEB")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "utils")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The SQLite driver is a plugin (no shared-library dependency to detect); symbols stay in the build.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libqt6svg6, qt6-qpa-plugins")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "Keeps folders in sync with a Git branch from the system tray,
 ingests GitHub pull requests and market data into PostgreSQL or SQLite on a
 schedule, and logs every run. The same binary is a command line (ferry --help).")
if(FERRY_BUILD_UI)
    install(FILES "${PROJECT_SOURCE_DIR}/resources/ferry.desktop" DESTINATION share/applications)
    install(FILES "${PROJECT_SOURCE_DIR}/resources/org.ferry.Ferry.metainfo.xml" DESTINATION share/metainfo)
    install(FILES "${PROJECT_SOURCE_DIR}/resources/icons/ferry.svg" DESTINATION share/icons/hicolor/scalable/apps)
    install(FILES "${PROJECT_BINARY_DIR}/ui/ferry_de.qm" "${PROJECT_BINARY_DIR}/ui/ferry_fr.qm"
            DESTINATION share/ferry/translations)
endif()
include(CPack)
