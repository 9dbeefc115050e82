package dev.hotplex.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.hotplex.core.port.in.Engine;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@link HotplexArchitectureRules} against every production class of every hotplex module (and the testkit, which
 * is main code used only by tests but held to the same rules). Test classes, including the self-test's deliberately
 * broken fixtures, are left out by {@link ImportOption.DoNotIncludeTests}.
 */
@AnalyzeClasses(packages = HotplexModules.BASE_PACKAGE, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    // 1. core is pure
    @ArchTest
    static final ArchRule core_depends_only_on_the_jdk_and_itself =
            HotplexArchitectureRules.CORE_DEPENDS_ONLY_ON_THE_JDK_AND_ITSELF;

    // 2. module boundaries
    @ArchTest
    static final ArchRule modules_depend_only_on_core_and_only_the_app_sees_every_module =
            HotplexArchitectureRules.MODULES_DEPEND_ONLY_ON_CORE_AND_ONLY_THE_APP_SEES_EVERY_MODULE;

    @ArchTest
    static final ArchRule adapters_do_not_depend_on_each_other =
            HotplexArchitectureRules.ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER;

    @ArchTest
    static final ArchRule providers_do_not_depend_on_each_other_but_may_share_process_supervision =
            HotplexArchitectureRules.PROVIDERS_DO_NOT_DEPEND_ON_EACH_OTHER_BUT_MAY_SHARE_PROCESS_SUPERVISION;

    @ArchTest
    static final ArchRule only_providers_and_the_app_depend_on_provider_process =
            HotplexArchitectureRules.ONLY_PROVIDERS_AND_THE_APP_DEPEND_ON_PROVIDER_PROCESS;

    @ArchTest
    static final ArchRule core_model_does_not_depend_on_ports_or_services =
            HotplexArchitectureRules.CORE_MODEL_DOES_NOT_DEPEND_ON_PORTS_OR_SERVICES;

    @ArchTest
    static final ArchRule driving_and_driven_ports_do_not_depend_on_each_other =
            HotplexArchitectureRules.DRIVING_AND_DRIVEN_PORTS_DO_NOT_DEPEND_ON_EACH_OTHER;

    @ArchTest
    static final ArchRule only_the_app_depends_on_core_services =
            HotplexArchitectureRules.ONLY_THE_APP_DEPENDS_ON_CORE_SERVICES;

    @ArchTest
    static final ArchRule internal_packages_are_used_only_by_their_own_module =
            HotplexArchitectureRules.INTERNAL_PACKAGES_ARE_USED_ONLY_BY_THEIR_OWN_MODULE;

    // 3. Guice stays in the composition root
    @ArchTest
    static final ArchRule only_the_app_creates_the_injector =
            HotplexArchitectureRules.ONLY_THE_APP_CREATES_THE_INJECTOR;

    @ArchTest
    static final ArchRule no_class_outside_the_app_asks_the_injector_for_instances =
            HotplexArchitectureRules.NO_CLASS_OUTSIDE_THE_APP_ASKS_THE_INJECTOR_FOR_INSTANCES;

    @ArchTest
    static final ArchRule only_guice_modules_and_the_app_depend_on_guice =
            HotplexArchitectureRules.ONLY_GUICE_MODULES_AND_THE_APP_DEPEND_ON_GUICE;

    // 4. processes
    @ArchTest
    static final ArchRule only_provider_process_starts_holds_or_signals_processes =
            HotplexArchitectureRules.ONLY_PROVIDER_PROCESS_STARTS_HOLDS_OR_SIGNALS_PROCESSES;

    // 5. the console and the JVM's exit
    @ArchTest
    static final ArchRule only_the_cli_adapter_uses_standard_streams =
            HotplexArchitectureRules.ONLY_THE_CLI_ADAPTER_USES_STANDARD_STREAMS;

    @ArchTest
    static final ArchRule only_main_classes_exit_the_jvm =
            HotplexArchitectureRules.ONLY_MAIN_CLASSES_EXIT_THE_JVM;

    // 6. no package cycles
    @ArchTest
    static final ArchRule modules_are_free_of_cycles =
            HotplexArchitectureRules.MODULES_ARE_FREE_OF_CYCLES;

    @ArchTest
    static final ArchRule packages_one_level_below_each_module_root_are_free_of_cycles =
            HotplexArchitectureRules.PACKAGES_ONE_LEVEL_BELOW_EACH_MODULE_ROOT_ARE_FREE_OF_CYCLES;

    // 7. coding rules
    @ArchTest
    static final ArchRule no_field_injection =
            HotplexArchitectureRules.NO_FIELD_INJECTION;

    @ArchTest
    static final ArchRule no_java_util_logging =
            HotplexArchitectureRules.NO_JAVA_UTIL_LOGGING;

    @ArchTest
    static final ArchRule no_generic_exceptions_are_thrown =
            HotplexArchitectureRules.NO_GENERIC_EXCEPTIONS_ARE_THROWN;

    @ArchTest
    static final ArchRule no_classes_are_named_util_helper_or_manager =
            HotplexArchitectureRules.NO_CLASSES_ARE_NAMED_UTIL_HELPER_OR_MANAGER;

    @ArchTest
    static final ArchRule loggers_are_private_static_final =
            HotplexArchitectureRules.LOGGERS_ARE_PRIVATE_STATIC_FINAL;

    // 8. Jackson at the edges only
    @ArchTest
    static final ArchRule jackson_is_used_only_at_the_json_edges =
            HotplexArchitectureRules.JACKSON_IS_USED_ONLY_AT_THE_JSON_EDGES;

    @ArchTest
    static final ArchRule no_public_method_outside_the_json_edges_exposes_jackson_types =
            HotplexArchitectureRules.NO_PUBLIC_METHOD_OUTSIDE_THE_JSON_EDGES_EXPOSES_JACKSON_TYPES;

    // 9. OpenTelemetry
    @ArchTest
    static final ArchRule opentelemetry_is_used_only_by_telemetry_and_the_app =
            HotplexArchitectureRules.OPENTELEMETRY_IS_USED_ONLY_BY_TELEMETRY_AND_THE_APP;

    @ArchTest
    static final ArchRule the_opentelemetry_sdk_is_used_only_by_the_telemetry_sdk_package_and_the_app =
            HotplexArchitectureRules.THE_OPENTELEMETRY_SDK_IS_USED_ONLY_BY_THE_TELEMETRY_SDK_PACKAGE_AND_THE_APP;

    // 10. Resilience4j
    @ArchTest
    static final ArchRule resilience4j_is_used_only_by_the_app_and_telemetry =
            HotplexArchitectureRules.RESILIENCE4J_IS_USED_ONLY_BY_THE_APP_AND_TELEMETRY;

    // 10b. JDBC
    @ArchTest
    static final ArchRule only_the_session_store_uses_jdbc =
            HotplexArchitectureRules.ONLY_THE_SESSION_STORE_USES_JDBC;

    // 11. Guice modules
    @ArchTest
    static final ArchRule guice_modules_are_public_and_named_module =
            HotplexArchitectureRules.GUICE_MODULES_ARE_PUBLIC_AND_NAMED_MODULE;

    /**
     * The rules tolerate empty selections while modules are being written, so make sure the import is not empty by
     * mistake: it must contain core's Engine port, and none of the test classes (in particular not the fixtures).
     */
    @ArchTest
    static void the_analysis_covers_the_production_code_and_no_test_code(JavaClasses classes) {
        assertThat(classes.contain(Engine.class))
                .as("the production classes were imported (core's Engine port among them)")
                .isTrue();
        assertThat(classes.stream().map(JavaClass::getName))
                .as("no test classes were imported")
                .noneMatch(name -> name.startsWith("dev.hotplex.architecture."));
        assertThat(classes.stream().flatMap(javaClass -> javaClass.getSource().stream()))
                .as("no class was imported from a test output directory")
                .noneMatch(source -> source.getUri().toString().contains("/test-classes/"));
    }
}
