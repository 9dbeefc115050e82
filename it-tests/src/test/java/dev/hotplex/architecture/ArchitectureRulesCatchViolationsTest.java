package dev.hotplex.architecture;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.hotplex.adapter.cli.violations.CliCommand;
import dev.hotplex.adapter.cli.violations.CliStartingAgents;
import dev.hotplex.adapter.http.violations.HttpRoute;
import dev.hotplex.architecture.allowed.ExampleMain;
import dev.hotplex.architecture.allowed.ExampleModule;
import dev.hotplex.architecture.violations.ConsolePrinter;
import dev.hotplex.architecture.violations.ExitingWorker;
import dev.hotplex.architecture.violations.FieldInjectedService;
import dev.hotplex.architecture.violations.JdbcQueryingService;
import dev.hotplex.architecture.violations.GenericExceptionThrower;
import dev.hotplex.architecture.violations.GuiceInjectedService;
import dev.hotplex.architecture.violations.InjectorCreatingBootstrap;
import dev.hotplex.architecture.violations.JavaUtilLoggingService;
import dev.hotplex.architecture.violations.JsonLeakingService;
import dev.hotplex.architecture.violations.ProcessStartingOutsideSupervision;
import dev.hotplex.architecture.violations.PublicLoggerHolder;
import dev.hotplex.architecture.violations.RetryingService;
import dev.hotplex.architecture.violations.RuntimeExecCaller;
import dev.hotplex.architecture.violations.SdkBuildingService;
import dev.hotplex.architecture.violations.ServiceLocator;
import dev.hotplex.architecture.violations.SessionManager;
import dev.hotplex.architecture.violations.SpanStartingService;
import dev.hotplex.core.model.violations.ModelRecordWithJsonAnnotation;
import dev.hotplex.core.model.violations.ModelReferencingADrivenPort;
import dev.hotplex.core.port.in.violations.DrivingPortLeakingADrivenPort;
import dev.hotplex.core.port.out.violations.DrivenPort;
import dev.hotplex.core.service.violations.CoreService;
import dev.hotplex.provider.claude.internal.wire.allowed.ClaudeWireCodec;
import dev.hotplex.provider.claude.violations.ClaudeStartingItsOwnProcess;
import dev.hotplex.provider.claude.violations.ClaudeUsingCodex;
import dev.hotplex.provider.claude.violations.ClaudeUsingSharedSupervision;
import dev.hotplex.provider.codex.violations.CodexSession;
import dev.hotplex.provider.process.violations.SharedSupervisor;
import dev.hotplex.provider.process.violations.SupervisorThatKnowsClaude;
import dev.hotplex.telemetry.sdk.violations.SdkExporter;
import dev.hotplex.telemetry.violations.TelemetryBridge;
import dev.hotplex.waf.internal.violations.RuleMatcher;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import static dev.hotplex.architecture.HotplexArchitectureRules.ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER;
import static dev.hotplex.architecture.HotplexArchitectureRules.CORE_DEPENDS_ONLY_ON_THE_JDK_AND_ITSELF;
import static dev.hotplex.architecture.HotplexArchitectureRules.CORE_MODEL_DOES_NOT_DEPEND_ON_PORTS_OR_SERVICES;
import static dev.hotplex.architecture.HotplexArchitectureRules.DRIVING_AND_DRIVEN_PORTS_DO_NOT_DEPEND_ON_EACH_OTHER;
import static dev.hotplex.architecture.HotplexArchitectureRules.GUICE_MODULES_ARE_PUBLIC_AND_NAMED_MODULE;
import static dev.hotplex.architecture.HotplexArchitectureRules.INTERNAL_PACKAGES_ARE_USED_ONLY_BY_THEIR_OWN_MODULE;
import static dev.hotplex.architecture.HotplexArchitectureRules.JACKSON_IS_USED_ONLY_AT_THE_JSON_EDGES;
import static dev.hotplex.architecture.HotplexArchitectureRules.LOGGERS_ARE_PRIVATE_STATIC_FINAL;
import static dev.hotplex.architecture.HotplexArchitectureRules.MODULES_ARE_FREE_OF_CYCLES;
import static dev.hotplex.architecture.HotplexArchitectureRules.MODULES_DEPEND_ONLY_ON_CORE_AND_ONLY_THE_APP_SEES_EVERY_MODULE;
import static dev.hotplex.architecture.HotplexArchitectureRules.NO_CLASSES_ARE_NAMED_UTIL_HELPER_OR_MANAGER;
import static dev.hotplex.architecture.HotplexArchitectureRules.NO_CLASS_OUTSIDE_THE_APP_ASKS_THE_INJECTOR_FOR_INSTANCES;
import static dev.hotplex.architecture.HotplexArchitectureRules.NO_FIELD_INJECTION;
import static dev.hotplex.architecture.HotplexArchitectureRules.NO_GENERIC_EXCEPTIONS_ARE_THROWN;
import static dev.hotplex.architecture.HotplexArchitectureRules.NO_JAVA_UTIL_LOGGING;
import static dev.hotplex.architecture.HotplexArchitectureRules.NO_PUBLIC_METHOD_OUTSIDE_THE_JSON_EDGES_EXPOSES_JACKSON_TYPES;
import static dev.hotplex.architecture.HotplexArchitectureRules.ONLY_GUICE_MODULES_AND_THE_APP_DEPEND_ON_GUICE;
import static dev.hotplex.architecture.HotplexArchitectureRules.ONLY_MAIN_CLASSES_EXIT_THE_JVM;
import static dev.hotplex.architecture.HotplexArchitectureRules.ONLY_PROVIDERS_AND_THE_APP_DEPEND_ON_PROVIDER_PROCESS;
import static dev.hotplex.architecture.HotplexArchitectureRules.ONLY_PROVIDER_PROCESS_STARTS_HOLDS_OR_SIGNALS_PROCESSES;
import static dev.hotplex.architecture.HotplexArchitectureRules.ONLY_THE_APP_CREATES_THE_INJECTOR;
import static dev.hotplex.architecture.HotplexArchitectureRules.ONLY_THE_APP_DEPENDS_ON_CORE_SERVICES;
import static dev.hotplex.architecture.HotplexArchitectureRules.ONLY_THE_CLI_ADAPTER_USES_STANDARD_STREAMS;
import static dev.hotplex.architecture.HotplexArchitectureRules.ONLY_THE_SESSION_STORE_USES_JDBC;
import static dev.hotplex.architecture.HotplexArchitectureRules.OPENTELEMETRY_IS_USED_ONLY_BY_TELEMETRY_AND_THE_APP;
import static dev.hotplex.architecture.HotplexArchitectureRules.PACKAGES_ONE_LEVEL_BELOW_EACH_MODULE_ROOT_ARE_FREE_OF_CYCLES;
import static dev.hotplex.architecture.HotplexArchitectureRules.PROVIDERS_DO_NOT_DEPEND_ON_EACH_OTHER_BUT_MAY_SHARE_PROCESS_SUPERVISION;
import static dev.hotplex.architecture.HotplexArchitectureRules.RESILIENCE4J_IS_USED_ONLY_BY_THE_APP_AND_TELEMETRY;
import static dev.hotplex.architecture.HotplexArchitectureRules.THE_OPENTELEMETRY_SDK_IS_USED_ONLY_BY_THE_TELEMETRY_SDK_PACKAGE_AND_THE_APP;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves that every rule in {@link HotplexArchitectureRules} can fail. The rules tolerate empty selections (most
 * modules have no code yet), so a mistyped package pattern would otherwise pass silently for ever. Each test evaluates
 * a rule object, the very one {@link ArchitectureTest} runs, against deliberately broken fixtures from test sources.
 */
class ArchitectureRulesCatchViolationsTest {

    // ---- 1. core is pure --------------------------------------------------------------------------------------------

    @Test
    void core_may_not_depend_on_a_library() {
        assertViolation(CORE_DEPENDS_ONLY_ON_THE_JDK_AND_ITSELF, "com.fasterxml.jackson.annotation.JsonProperty",
                ModelRecordWithJsonAnnotation.class);
    }

    // ---- 2. module boundaries ---------------------------------------------------------------------------------------

    @Test
    void a_module_may_not_depend_on_another_module_except_core() {
        assertViolation(MODULES_DEPEND_ONLY_ON_CORE_AND_ONLY_THE_APP_SEES_EVERY_MODULE, RuleMatcher.class.getName(),
                TelemetryBridge.class, RuleMatcher.class);
    }

    @Test
    void adapters_may_not_depend_on_each_other() {
        assertViolation(ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER, CliCommand.class.getName(),
                HttpRoute.class, CliCommand.class);
    }

    @Test
    void providers_may_not_depend_on_each_other() {
        assertViolation(PROVIDERS_DO_NOT_DEPEND_ON_EACH_OTHER_BUT_MAY_SHARE_PROCESS_SUPERVISION,
                CodexSession.class.getName(), ClaudeUsingCodex.class, CodexSession.class);
    }

    @Test
    void the_shared_process_module_may_not_depend_on_a_provider() {
        assertViolation(PROVIDERS_DO_NOT_DEPEND_ON_EACH_OTHER_BUT_MAY_SHARE_PROCESS_SUPERVISION,
                ClaudeUsingCodex.class.getName(), SupervisorThatKnowsClaude.class, ClaudeUsingCodex.class);
    }

    @Test
    void providers_may_use_the_shared_process_module() {
        assertNoViolation(PROVIDERS_DO_NOT_DEPEND_ON_EACH_OTHER_BUT_MAY_SHARE_PROCESS_SUPERVISION,
                ClaudeUsingSharedSupervision.class, SharedSupervisor.class);
    }

    @Test
    void an_adapter_may_not_use_the_shared_process_module() {
        assertViolation(ONLY_PROVIDERS_AND_THE_APP_DEPEND_ON_PROVIDER_PROCESS, CliStartingAgents.class.getName(),
                CliStartingAgents.class, SharedSupervisor.class);
        assertViolation(MODULES_DEPEND_ONLY_ON_CORE_AND_ONLY_THE_APP_SEES_EVERY_MODULE, SharedSupervisor.class.getName(),
                CliStartingAgents.class, SharedSupervisor.class);
    }

    @Test
    void a_provider_may_use_the_shared_process_module_in_every_rule() {
        assertNoViolation(ONLY_PROVIDERS_AND_THE_APP_DEPEND_ON_PROVIDER_PROCESS,
                ClaudeUsingSharedSupervision.class, SharedSupervisor.class);
        assertNoViolation(MODULES_DEPEND_ONLY_ON_CORE_AND_ONLY_THE_APP_SEES_EVERY_MODULE,
                ClaudeUsingSharedSupervision.class, SharedSupervisor.class);
    }

    @Test
    void the_shared_process_module_may_not_depend_on_a_provider_layer() {
        assertViolation(MODULES_DEPEND_ONLY_ON_CORE_AND_ONLY_THE_APP_SEES_EVERY_MODULE, ClaudeUsingCodex.class.getName(),
                SupervisorThatKnowsClaude.class, ClaudeUsingCodex.class);
    }

    @Test
    void the_core_model_may_not_depend_on_a_port() {
        assertViolation(CORE_MODEL_DOES_NOT_DEPEND_ON_PORTS_OR_SERVICES, DrivenPort.class.getName(),
                ModelReferencingADrivenPort.class, DrivenPort.class);
    }

    @Test
    void a_driving_port_may_not_depend_on_a_driven_port() {
        assertViolation(DRIVING_AND_DRIVEN_PORTS_DO_NOT_DEPEND_ON_EACH_OTHER, DrivenPort.class.getName(),
                DrivingPortLeakingADrivenPort.class, DrivenPort.class);
    }

    @Test
    void an_adapter_may_not_use_a_core_service_directly() {
        assertViolation(ONLY_THE_APP_DEPENDS_ON_CORE_SERVICES, HttpRoute.class.getName(),
                CoreService.class, HttpRoute.class);
    }

    @Test
    void another_module_may_not_reach_into_an_internal_package() {
        assertViolation(INTERNAL_PACKAGES_ARE_USED_ONLY_BY_THEIR_OWN_MODULE, TelemetryBridge.class.getName(),
                RuleMatcher.class, TelemetryBridge.class);
    }

    // ---- 3. Guice stays in the composition root ---------------------------------------------------------------------

    @Test
    void only_the_app_may_create_an_injector() {
        assertViolation(ONLY_THE_APP_CREATES_THE_INJECTOR, "createInjector", InjectorCreatingBootstrap.class);
    }

    @Test
    void no_class_outside_the_app_may_look_up_instances_in_the_injector() {
        assertViolation(NO_CLASS_OUTSIDE_THE_APP_ASKS_THE_INJECTOR_FOR_INSTANCES, "getInstance",
                ServiceLocator.class);
    }

    @Test
    void a_class_that_is_not_a_module_may_not_use_guice() {
        assertViolation(ONLY_GUICE_MODULES_AND_THE_APP_DEPEND_ON_GUICE, "com.google.inject.Inject",
                GuiceInjectedService.class);
    }

    @Test
    void a_module_may_use_guice_also_from_a_nested_class() {
        assertNoViolation(ONLY_GUICE_MODULES_AND_THE_APP_DEPEND_ON_GUICE, ExampleModule.class,
                anonymousClassIn(ExampleModule.class));
    }

    // ---- 4. processes -----------------------------------------------------------------------------------------------

    @Test
    void only_process_supervision_may_use_process_builder() {
        assertViolation(ONLY_PROVIDER_PROCESS_STARTS_HOLDS_OR_SIGNALS_PROCESSES, "java.lang.ProcessBuilder",
                ProcessStartingOutsideSupervision.class);
    }

    @Test
    void only_process_supervision_may_call_runtime_exec() {
        assertViolation(ONLY_PROVIDER_PROCESS_STARTS_HOLDS_OR_SIGNALS_PROCESSES, "Runtime.exec",
                RuntimeExecCaller.class);
    }

    @Test
    void a_provider_may_not_start_or_signal_processes_itself() {
        assertViolation(ONLY_PROVIDER_PROCESS_STARTS_HOLDS_OR_SIGNALS_PROCESSES, "java.lang.ProcessHandle",
                ClaudeStartingItsOwnProcess.class);
    }

    @Test
    void the_shared_process_module_may_start_processes() {
        assertNoViolation(ONLY_PROVIDER_PROCESS_STARTS_HOLDS_OR_SIGNALS_PROCESSES, SharedSupervisor.class);
    }

    // ---- 5. the console and the JVM's exit --------------------------------------------------------------------------

    @Test
    void only_the_cli_adapter_may_write_to_standard_output() {
        assertViolation(ONLY_THE_CLI_ADAPTER_USES_STANDARD_STREAMS, "System.out", ConsolePrinter.class);
    }

    @Test
    void only_a_main_class_may_exit_the_jvm() {
        assertViolation(ONLY_MAIN_CLASSES_EXIT_THE_JVM, "System.exit", ExitingWorker.class);
    }

    @Test
    void a_main_class_may_exit_the_jvm_also_from_a_nested_class() {
        assertNoViolation(ONLY_MAIN_CLASSES_EXIT_THE_JVM, ExampleMain.class, anonymousClassIn(ExampleMain.class));
    }

    // ---- 6. no package cycles ---------------------------------------------------------------------------------------

    @Test
    void modules_may_not_form_a_cycle() {
        assertViolation(MODULES_ARE_FREE_OF_CYCLES, "Cycle detected", HttpRoute.class, CliCommand.class);
    }

    @Test
    void packages_inside_a_module_may_not_form_a_cycle() {
        assertViolation(PACKAGES_ONE_LEVEL_BELOW_EACH_MODULE_ROOT_ARE_FREE_OF_CYCLES, "Cycle detected",
                TelemetryBridge.class, SdkExporter.class);
    }

    // ---- 7. coding rules --------------------------------------------------------------------------------------------

    @Test
    void fields_may_not_be_injected() {
        assertViolation(NO_FIELD_INJECTION, FieldInjectedService.class.getName(), FieldInjectedService.class);
    }

    @Test
    void java_util_logging_may_not_be_used() {
        assertViolation(NO_JAVA_UTIL_LOGGING, "java.util.logging", JavaUtilLoggingService.class);
    }

    @Test
    void generic_exceptions_may_not_be_thrown() {
        assertViolation(NO_GENERIC_EXCEPTIONS_ARE_THROWN, "java.lang.RuntimeException", GenericExceptionThrower.class);
    }

    @Test
    void classes_may_not_be_named_manager() {
        assertViolation(NO_CLASSES_ARE_NAMED_UTIL_HELPER_OR_MANAGER, SessionManager.class.getName(),
                SessionManager.class);
    }

    @Test
    void loggers_may_not_be_shared_or_mutable() {
        assertViolation(LOGGERS_ARE_PRIVATE_STATIC_FINAL, PublicLoggerHolder.class.getName(),
                PublicLoggerHolder.class);
    }

    // ---- 8. Jackson at the edges only -------------------------------------------------------------------------------

    @Test
    void jackson_may_not_be_used_outside_the_json_edges() {
        assertViolation(JACKSON_IS_USED_ONLY_AT_THE_JSON_EDGES, "com.fasterxml.jackson.databind.JsonNode",
                JsonLeakingService.class);
    }

    @Test
    void core_may_not_carry_jackson_annotations() {
        assertViolation(JACKSON_IS_USED_ONLY_AT_THE_JSON_EDGES, "com.fasterxml.jackson.annotation.JsonProperty",
                ModelRecordWithJsonAnnotation.class);
    }

    @Test
    void a_public_method_outside_the_json_edges_may_not_expose_a_jackson_type() {
        assertViolation(NO_PUBLIC_METHOD_OUTSIDE_THE_JSON_EDGES_EXPOSES_JACKSON_TYPES,
                "exposes com.fasterxml.jackson.databind.JsonNode", JsonLeakingService.class);
    }

    @Test
    void a_providers_wire_codec_may_use_and_expose_jackson() {
        assertNoViolation(JACKSON_IS_USED_ONLY_AT_THE_JSON_EDGES, ClaudeWireCodec.class);
        assertNoViolation(NO_PUBLIC_METHOD_OUTSIDE_THE_JSON_EDGES_EXPOSES_JACKSON_TYPES, ClaudeWireCodec.class);
    }

    // ---- 9. OpenTelemetry -------------------------------------------------------------------------------------------

    @Test
    void opentelemetry_may_not_be_used_outside_telemetry_and_the_app() {
        assertViolation(OPENTELEMETRY_IS_USED_ONLY_BY_TELEMETRY_AND_THE_APP, "io.opentelemetry.api.trace.Tracer",
                SpanStartingService.class);
    }

    @Test
    void the_opentelemetry_sdk_may_not_be_used_outside_the_telemetry_sdk_package_and_the_app() {
        assertViolation(THE_OPENTELEMETRY_SDK_IS_USED_ONLY_BY_THE_TELEMETRY_SDK_PACKAGE_AND_THE_APP,
                "io.opentelemetry.sdk.OpenTelemetrySdk", SdkBuildingService.class);
    }

    // ---- 10. Resilience4j -------------------------------------------------------------------------------------------

    @Test
    void resilience4j_may_not_be_used_outside_the_app_and_telemetry() {
        assertViolation(RESILIENCE4J_IS_USED_ONLY_BY_THE_APP_AND_TELEMETRY, "io.github.resilience4j",
                RetryingService.class);
    }

    // ---- 10b. JDBC --------------------------------------------------------------------------------------------------

    @Test
    void jdbc_may_not_be_used_outside_the_session_store() {
        assertViolation(ONLY_THE_SESSION_STORE_USES_JDBC, "java.sql", JdbcQueryingService.class);
    }

    // ---- 11. Guice modules ------------------------------------------------------------------------------------------

    @Test
    void a_guice_module_must_be_public_and_named_module() throws ClassNotFoundException {
        Class<?> bindings = Class.forName("dev.hotplex.architecture.violations.Bindings", false,
                ArchitectureRulesCatchViolationsTest.class.getClassLoader());
        EvaluationResult result = evaluate(GUICE_MODULES_ARE_PUBLIC_AND_NAMED_MODULE, bindings);
        assertThat(result.getFailureReport().getDetails())
                .anySatisfy(detail -> assertThat(detail).contains("Bindings").contains("PUBLIC"))
                .anySatisfy(detail -> assertThat(detail).contains("Bindings").contains("Module"));
    }

    @Test
    void a_public_guice_module_named_module_passes() {
        assertNoViolation(GUICE_MODULES_ARE_PUBLIC_AND_NAMED_MODULE, ExampleModule.class,
                anonymousClassIn(ExampleModule.class));
    }

    // ---- the rule set itself ----------------------------------------------------------------------------------------

    @Test
    void every_rule_runs_against_the_production_code() throws IllegalAccessException {
        List<ArchRule> defined = new ArrayList<>();
        for (Field field : HotplexArchitectureRules.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && ArchRule.class.isAssignableFrom(field.getType())) {
                defined.add((ArchRule) field.get(null));
            }
        }
        List<ArchRule> run = new ArrayList<>();
        for (Field field : ArchitectureTest.class.getDeclaredFields()) {
            if (field.isAnnotationPresent(ArchTest.class) && ArchRule.class.isAssignableFrom(field.getType())) {
                run.add((ArchRule) field.get(null));
            }
        }
        assertThat(defined).as("rules in HotplexArchitectureRules").isNotEmpty();
        assertThat(run).as("rules that ArchitectureTest runs").containsExactlyInAnyOrderElementsOf(defined);
    }

    @Test
    void every_rule_says_why() throws IllegalAccessException {
        for (Field field : HotplexArchitectureRules.class.getFields()) {
            if (ArchRule.class.isAssignableFrom(field.getType())) {
                ArchRule rule = (ArchRule) field.get(null);
                assertThat(rule.getDescription()).as(field.getName()).contains(" because ");
            }
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    private static EvaluationResult evaluate(ArchRule rule, Class<?>... fixtures) {
        return rule.evaluate(new ClassFileImporter().importClasses(fixtures));
    }

    private static void assertViolation(ArchRule rule, String expectedInReport, Class<?>... fixtures) {
        EvaluationResult result = evaluate(rule, fixtures);
        assertThat(result.hasViolation()).as("'%s' reports a violation", rule.getDescription()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .as("violations of '%s'", rule.getDescription())
                .anySatisfy(detail -> assertThat(detail).contains(expectedInReport));
    }

    private static void assertNoViolation(ArchRule rule, Class<?>... fixtures) {
        EvaluationResult result = evaluate(rule, fixtures);
        assertThat(result.getFailureReport().getDetails()).as("violations of '%s'", rule.getDescription()).isEmpty();
    }

    private static Class<?> anonymousClassIn(Class<?> enclosing) {
        try {
            return Class.forName(enclosing.getName() + "$1", false, enclosing.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError("expected an anonymous class in " + enclosing.getName(), e);
        }
    }
}
