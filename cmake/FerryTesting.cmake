# ferry_add_test(NAME SOURCES file... [GUI] [POSTGRES] [LABELS label...] [LIBS lib...])
#
# One executable per test file. Every test runs on the embedded SQLite store; POSTGRES registers the same
# executable a second time as NAME_postgres with FERRY_TEST_BACKEND=postgresql, holding the "postgres"
# resource lock because some of those tests stop and start the shared server. GUI tests run offscreen.
# Tests labelled "unit" also hang off ferry_unit_tests, which the sanitizer build in CI builds alone.
add_custom_target(ferry_unit_tests)

function(ferry_add_test name)
    cmake_parse_arguments(T "GUI;POSTGRES" "" "SOURCES;LABELS;LIBS" ${ARGN})
    add_executable(${name} ${T_SOURCES})
    target_link_libraries(${name} PRIVATE ferry_common_cfg ferry_core ferry_testsupport Qt6::Test ${T_LIBS})
    if(T_GUI)
        target_link_libraries(${name} PRIVATE ferry_ui Qt6::Widgets)
    endif()
    set(env "QT_QPA_PLATFORM=offscreen;FERRY_BINARY=$<TARGET_FILE:ferry>;LC_ALL=C.UTF-8")
    if("unit" IN_LIST T_LABELS)
        add_dependencies(ferry_unit_tests ${name})
    endif()
    add_test(NAME ${name} COMMAND ${name})
    set_tests_properties(${name} PROPERTIES LABELS "${T_LABELS}" ENVIRONMENT "${env};FERRY_TEST_BACKEND=sqlite"
                                            TIMEOUT 300)
    if(T_POSTGRES)
        add_test(NAME ${name}_postgres COMMAND ${name})
        set_tests_properties(${name}_postgres PROPERTIES LABELS "${T_LABELS};postgres"
                             ENVIRONMENT "${env};FERRY_TEST_BACKEND=postgresql" RESOURCE_LOCK postgres TIMEOUT 600)
    endif()
endfunction()
