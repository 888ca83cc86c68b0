# Packaging: `cpack -G DEB` in the build folder gives ferry_VERSION_ARCH.deb with the binaries (`ferry`, and
# the tray application's `ferry-desktop` in /usr/libexec/ferry), the desktop file, the AppStream metainfo,
# the icon, the translations (also compiled into the binary) and the systemd units with their maintainer
# scripts; installer/check-deb.sh installs it and checks it. NSIS/WiX and DragNDrop are not configured yet.
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
# adduser (or systemd-sysusers) for postinst's system user of ferry.service.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite, adduser | systemd-sysusers")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libqt6svg6, qt6-qpa-plugins")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "Keeps folders in sync with a Git branch from the system tray,
 ingests GitHub pull requests and market data into PostgreSQL or SQLite on a
 schedule, and logs every run. The same `ferry` is a command line (ferry --help).")
if(FERRY_BUILD_UI)
    install(FILES "${PROJECT_SOURCE_DIR}/resources/ferry.desktop" DESTINATION share/applications)
    install(FILES "${PROJECT_SOURCE_DIR}/resources/org.ferry.Ferry.metainfo.xml" DESTINATION share/metainfo)
    install(FILES "${PROJECT_SOURCE_DIR}/resources/icons/ferry.svg" DESTINATION share/icons/hicolor/scalable/apps)
    install(FILES "${PROJECT_BINARY_DIR}/ui/ferry_de.qm" "${PROJECT_BINARY_DIR}/ui/ferry_fr.qm"
            DESTINATION share/ferry/translations)
endif()
# The server: systemd units for `ferry daemon` (system and user, installed but not enabled), the system
# user (sysusers.d; postinst creates it, /etc/ferry and its secrets file from the template), and the
# deployment guide that the units' Documentation= names. installer/check-deb.sh checks all of it.
if(UNIX AND NOT APPLE)
    install(FILES "${PROJECT_SOURCE_DIR}/installer/systemd/system/ferry.service" DESTINATION lib/systemd/system)
    install(FILES "${PROJECT_SOURCE_DIR}/installer/systemd/user/ferry.service" DESTINATION lib/systemd/user)
    install(FILES "${PROJECT_SOURCE_DIR}/installer/systemd/ferry.sysusers" DESTINATION lib/sysusers.d
            RENAME ferry.conf)
    install(FILES "${PROJECT_SOURCE_DIR}/installer/systemd/ferry.env" DESTINATION share/ferry)
    install(FILES "${PROJECT_SOURCE_DIR}/docs/deployment.md" DESTINATION share/doc/ferry)
    set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA "${PROJECT_SOURCE_DIR}/installer/debian/postinst"
        "${PROJECT_SOURCE_DIR}/installer/debian/prerm" "${PROJECT_SOURCE_DIR}/installer/debian/postrm")
    set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
endif()
include(CPack)
