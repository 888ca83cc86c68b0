# One INTERFACE target carries the settings every Ferry target shares.
add_library(ferry_common_cfg INTERFACE)
target_compile_features(ferry_common_cfg INTERFACE cxx_std_17)
target_compile_definitions(ferry_common_cfg INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_FOREACH
    QT_DISABLE_DEPRECATED_UP_TO=0x060400
    FERRY_VERSION="${PROJECT_VERSION}")
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(ferry_common_cfg INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                                      -Wold-style-cast -Woverloaded-virtual)
    if(FERRY_WERROR)
        target_compile_options(ferry_common_cfg INTERFACE -Werror)
    endif()
    if(FERRY_SANITIZE)
        string(REPLACE ";" "," _ferry_san "${FERRY_SANITIZE}")
        target_compile_options(ferry_common_cfg INTERFACE -fsanitize=${_ferry_san} -fno-omit-frame-pointer
                                                          -fno-sanitize-recover=all)
        target_link_options(ferry_common_cfg INTERFACE -fsanitize=${_ferry_san})
    endif()
elseif(MSVC)
    target_compile_options(ferry_common_cfg INTERFACE /W4 /permissive- /utf-8)
    if(FERRY_WERROR)
        target_compile_options(ferry_common_cfg INTERFACE /WX)
    endif()
endif()
