package dev.hotplex.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.BE_ANNOTATED_WITH_AN_INJECTION_ANNOTATION;
import static com.tngtech.archunit.library.GeneralCodingRules.THROW_GENERIC_EXCEPTIONS;
import static com.tngtech.archunit.library.GeneralCodingRules.USE_JAVA_UTIL_LOGGING;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * hotplex's architecture rules, in one place so that {@link ArchitectureTest} runs them against the production code and
 * {@link ArchitectureRulesCatchViolationsTest} proves, against deliberately broken fixtures, that they can fail.
 *
 * <p>Most modules are still empty, so these rules must not fail on emptiness ({@code archRule.failOnEmptyShould=false}
 * in {@code src/test/resources/archunit.properties}); the self-test is what keeps them from passing vacuously.
 * Package patterns are absolute ({@code dev.hotplex.core..}, not {@code ..core..}), so that a sub-package that happens
 * to be called {@code core} or {@code app} inside some other module is not mistaken for the real one.
 */
public final class HotplexArchitectureRules {

    // ---- hotplex packages -------------------------------------------------------------------------------------------

    static final String CORE = "dev.hotplex.core..";
    static final String CORE_MODEL = "dev.hotplex.core.model..";
    static final String CORE_PORTS = "dev.hotplex.core.port..";
    static final String CORE_SERVICES = "dev.hotplex.core.service..";
    static final String TESTKIT = "dev.hotplex.testkit..";
    /** Every provider module (provider-claude, provider-codex, ...) and the shared provider-process. */
    static final String PROVIDERS = "dev.hotplex.provider..";
    /** The shared process-supervision module every provider uses: the only code that starts or signals processes. */
    static final String SHARED_PROVIDER_PROCESS = "dev.hotplex.provider.process..";
    /** A provider's own stream-json codec, e.g. {@code dev.hotplex.provider.claude.internal.wire}. */
    static final String PROVIDER_INTERNAL_WIRE = "dev.hotplex.provider..internal.wire..";
    static final String WAF = "dev.hotplex.waf..";
    static final String WAF_INTERNAL = "dev.hotplex.waf..internal..";
    static final String TELEMETRY = "dev.hotplex.telemetry..";
    static final String TELEMETRY_SDK = "dev.hotplex.telemetry.sdk..";
    /** The durable session store (store-sql): the SessionStore port over an embedded database. */
    static final String STORE = "dev.hotplex.store..";
    static final String ADAPTERS = "dev.hotplex.adapter..";
    static final String ADAPTER_HTTP = "dev.hotplex.adapter.http..";
    static final String ADAPTER_CLI = "dev.hotplex.adapter.cli..";
    /** The CLI's JSON ({@code run --json}, {@code check --jsonl}): the only part of adapter-cli that uses Jackson. */
    static final String ADAPTER_CLI_JSON = "dev.hotplex.adapter.cli.json..";
    static final String APP = "dev.hotplex.app..";
    static final String INTERNAL = "dev.hotplex..internal..";

    // ---- third-party packages ---------------------------------------------------------------------------------------

    static final String JACKSON = "com.fasterxml.jackson..";
    static final String GUICE = "com.google.inject..";
    static final String OPENTELEMETRY = "io.opentelemetry..";
    static final String[] OPENTELEMETRY_SDK = {"io.opentelemetry.sdk..", "io.opentelemetry.exporter.."};
    static final String RESILIENCE4J = "io.github.resilience4j..";

    /** Where Jackson may be used: the providers' wire codecs, the HTTP adapter, the CLI's JSON, config loading, WAF rule packs. */
    static final String[] JACKSON_EDGES = {PROVIDER_INTERNAL_WIRE, ADAPTER_HTTP, ADAPTER_CLI_JSON, APP, WAF_INTERNAL};

    // ---- 1. core is pure --------------------------------------------------------------------------------------------

    public static final ArchRule CORE_DEPENDS_ONLY_ON_THE_JDK_AND_ITSELF = classes()
            .that().resideInAPackage(CORE)
            .should().onlyDependOnClassesThat().resideInAnyPackage(CORE, "java..", "javax.annotation..", "jakarta.inject..")
            .because("core is the pure domain and its ports: every adapter, provider and the app depend on it, so a "
                    + "library in core (Jackson, Guice, OpenTelemetry, Resilience4j, a logging facade) would leak into "
                    + "all of them and tie the domain to a technology (ARCHITECTURE.md: core depends on the JDK only, "
                    + "jakarta.inject annotations allowed)");

    // ---- 2. module boundaries ---------------------------------------------------------------------------------------

    public static final ArchRule MODULES_DEPEND_ONLY_ON_CORE_AND_ONLY_THE_APP_SEES_EVERY_MODULE = layeredArchitecture()
            .consideringOnlyDependenciesInAnyPackage("dev.hotplex..")
            .withOptionalLayers(true)
            .layer("core").definedBy(CORE)
            .layer("providers").definedBy(resideInAPackage(PROVIDERS).and(not(resideInAPackage(SHARED_PROVIDER_PROCESS))))
            .layer("provider-process").definedBy(SHARED_PROVIDER_PROCESS)
            .layer("security-waf").definedBy(WAF)
            .layer("telemetry").definedBy(TELEMETRY)
            .layer("session-store").definedBy(STORE)
            .layer("adapters").definedBy(ADAPTERS)
            .layer("testkit").definedBy(TESTKIT)
            .layer("app").definedBy(APP)
            .whereLayer("core").mayNotAccessAnyLayer()
            .whereLayer("providers").mayOnlyAccessLayers("core", "provider-process")
            .whereLayer("provider-process").mayOnlyAccessLayers("core")
            .whereLayer("provider-process").mayOnlyBeAccessedByLayers("providers", "app")
            .whereLayer("security-waf").mayOnlyAccessLayers("core")
            .whereLayer("telemetry").mayOnlyAccessLayers("core")
            .whereLayer("session-store").mayOnlyAccessLayers("core")
            .whereLayer("session-store").mayOnlyBeAccessedByLayers("app")
            .whereLayer("adapters").mayOnlyAccessLayers("core")
            .whereLayer("testkit").mayOnlyAccessLayers("core")
            .whereLayer("testkit").mayNotBeAccessedByAnyLayer()
            .whereLayer("app").mayNotBeAccessedByAnyLayer()
            .because("every module talks to the others only through core's ports, and the app (the composition root) "
                    + "is the one place that sees every module and wires them together; so an adapter never knows which "
                    + "provider runs, a provider never knows who calls it, and the testkit's fakes never reach production "
                    + "(the one exception: providers build on the shared provider-process module)");

    public static final ArchRule ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER = slices()
            .matching("dev.hotplex.adapter.(*)..")
            .should().notDependOnEachOther()
            .because("the HTTP API and the CLI are independent ways into the same Engine port; whatever they share "
                    + "belongs in core");

    public static final ArchRule PROVIDERS_DO_NOT_DEPEND_ON_EACH_OTHER_BUT_MAY_SHARE_PROCESS_SUPERVISION = slices()
            .matching("dev.hotplex.provider.(*)..")
            .should().notDependOnEachOther()
            .ignoreDependency(resideInAPackage(PROVIDERS), resideInAPackage(SHARED_PROVIDER_PROCESS))
            .because("each agent CLI family is one provider module selected by config; code two providers need moves "
                    + "into the shared provider-process module (dev.hotplex.provider.process), which depends on no "
                    + "provider itself");

    public static final ArchRule ONLY_PROVIDERS_AND_THE_APP_DEPEND_ON_PROVIDER_PROCESS = classes()
            .that().resideInAPackage(SHARED_PROVIDER_PROCESS)
            .should().onlyHaveDependentClassesThat().resideInAnyPackage(PROVIDERS, APP)
            .because("agent processes are a provider's business: an adapter (or the WAF, telemetry, the testkit) that "
                    + "started or signalled them would bypass the Engine, its session pool and its limits; the app only "
                    + "wires the supervision's configuration (sandbox, state dir) into the providers");

    public static final ArchRule CORE_MODEL_DOES_NOT_DEPEND_ON_PORTS_OR_SERVICES = noClasses()
            .that().resideInAPackage(CORE_MODEL)
            .should().dependOnClassesThat().resideInAnyPackage(CORE_PORTS, CORE_SERVICES)
            .because("the domain model is the innermost ring: ports and services are built on it, never the reverse");

    public static final ArchRule DRIVING_AND_DRIVEN_PORTS_DO_NOT_DEPEND_ON_EACH_OTHER = slices()
            .matching("dev.hotplex.core.port.(*)..")
            .should().notDependOnEachOther()
            .because("port.in is what adapters call and port.out is what core needs from providers and stores; they meet "
                    + "only in core.service, so either side can change without touching the other");

    public static final ArchRule ONLY_THE_APP_DEPENDS_ON_CORE_SERVICES = classes()
            .that().resideInAPackage(CORE_SERVICES)
            .should().onlyHaveDependentClassesThat().resideInAnyPackage(CORE_SERVICES, APP)
            .because("the services implement the driving ports and are wired in the app; everyone else uses the port "
                    + "interfaces, so an implementation can be swapped or decorated without touching its callers");

    // ---- 3. Guice stays in the composition root ---------------------------------------------------------------------

    public static final ArchRule ONLY_THE_APP_CREATES_THE_INJECTOR = noClasses()
            .that().resideOutsideOfPackage(APP)
            .should().callMethodWhere(callTo("com.google.inject.Guice", "createInjector"))
            .because("there is one injector, built by the composition root; modules contribute bindings, not injectors");

    public static final ArchRule NO_CLASS_OUTSIDE_THE_APP_ASKS_THE_INJECTOR_FOR_INSTANCES = noClasses()
            .that().resideOutsideOfPackage(APP)
            .should().callMethodWhere(callTo("com.google.inject.Injector", "getInstance"))
            .because("looking instances up in the injector is a service locator: it hides dependencies that "
                    + "constructor injection makes explicit; only main (and picocli's factory bridge) in the app may do it");

    public static final ArchRule ONLY_GUICE_MODULES_AND_THE_APP_DEPEND_ON_GUICE = noClasses()
            .that().resideOutsideOfPackage(APP)
            .and(not(namedOrNestedInAClassNamed("Module")))
            .should().dependOnClassesThat().resideInAPackage(GUICE)
            .because("classes are plain constructor-injected Java (jakarta.inject annotations at most), so they can be "
                    + "built by hand in tests; Guice itself appears only in each module's *Module and in the app");

    // ---- 4. processes -----------------------------------------------------------------------------------------------

    public static final ArchRule ONLY_PROVIDER_PROCESS_STARTS_HOLDS_OR_SIGNALS_PROCESSES = noClasses()
            .that().resideOutsideOfPackage(SHARED_PROVIDER_PROCESS)
            .should().dependOnClassesThat().belongToAnyOf(ProcessBuilder.class, Process.class, ProcessHandle.class)
            .orShould().callMethodWhere(callTo("java.lang.Runtime", "exec"))
            .because("agent processes must be started with an argument list in their own process group (sandboxed), "
                    + "drained, registered on disk and killed as a group; the shared provider-process module does all "
                    + "of that for every provider, so no other code, not even a provider, may start, hold or signal a "
                    + "process");

    // ---- 5. the console and the JVM's exit --------------------------------------------------------------------------

    public static final ArchRule ONLY_THE_CLI_ADAPTER_USES_STANDARD_STREAMS = noClasses()
            .that().resideOutsideOfPackage(ADAPTER_CLI)
            .should(ACCESS_STANDARD_STREAMS)
            .because("the console belongs to the CLI: elsewhere stdout/stderr output would corrupt `hotplex run --json` "
                    + "NDJSON and bypass logging; report through logging, events or exceptions instead");

    public static final ArchRule ONLY_MAIN_CLASSES_EXIT_THE_JVM = noClasses()
            .that(not(namedOrNestedInAClassNamed("Main")))
            .should().callMethod(System.class, "exit", int.class)
            .orShould().callMethod(Runtime.class, "exit", int.class)
            .orShould().callMethod(Runtime.class, "halt", int.class)
            .because("exiting skips the graceful shutdown that kills every agent process group and flushes telemetry; "
                    + "only main turns an outcome into an exit code");

    // ---- 6. no package cycles ---------------------------------------------------------------------------------------

    public static final ArchRule MODULES_ARE_FREE_OF_CYCLES = slices()
            .assignedFrom(HotplexModules.MODULES)
            .should().beFreeOfCycles()
            .because("Maven forbids cycles between modules; checking them here catches a cycle through a package that "
                    + "sits in the wrong module before the build graph does");

    public static final ArchRule PACKAGES_ONE_LEVEL_BELOW_EACH_MODULE_ROOT_ARE_FREE_OF_CYCLES = slices()
            .assignedFrom(HotplexModules.PACKAGES_ONE_LEVEL_BELOW_EACH_MODULE_ROOT)
            .should().beFreeOfCycles()
            .because("packages that depend on each other in a cycle can only be understood, tested and moved together");

    // ---- 7. coding rules --------------------------------------------------------------------------------------------

    public static final ArchRule NO_FIELD_INJECTION = noFields()
            .should(BE_ANNOTATED_WITH_AN_INJECTION_ANNOTATION)
            .as("no classes should use field injection")
            .because("constructor injection with final fields makes dependencies explicit and lets tests build "
                    + "classes with fakes, without an injector");

    /**
     * Stricter than {@link com.tngtech.archunit.library.GeneralCodingRules#USE_JAVA_UTIL_LOGGING}, which only catches
     * assigning a java.util.logging type to a field: a plain {@code Logger.getLogger(..).info(..)} slips through it.
     */
    public static final ArchRule NO_JAVA_UTIL_LOGGING = noClasses()
            .should(USE_JAVA_UTIL_LOGGING)
            .orShould().dependOnClassesThat().resideInAPackage("java.util.logging..")
            .because("java.util.logging cannot be configured together with the rest of the logging; use "
                    + "System.Logger or the logging facade");

    public static final ArchRule NO_GENERIC_EXCEPTIONS_ARE_THROWN = noClasses()
            .should(THROW_GENERIC_EXCEPTIONS)
            .because("callers map errors to stable codes (HTTP status, CLI exit code): throw HotplexException with an "
                    + "ErrorCode, or a specific exception type");

    public static final ArchRule NO_CLASSES_ARE_NAMED_UTIL_HELPER_OR_MANAGER = noClasses()
            .should().haveSimpleNameEndingWith("Util")
            .orShould().haveSimpleNameEndingWith("Utils")
            .orShould().haveSimpleNameEndingWith("Helper")
            .orShould().haveSimpleNameEndingWith("Manager")
            .because("such names attract unrelated code and become cycle magnets; name the concept instead "
                    + "(ProcessTreeKiller, not ProcessUtils) and keep helpers next to their only user");

    public static final ArchRule LOGGERS_ARE_PRIVATE_STATIC_FINAL = fields()
            .that().haveRawType(System.Logger.class)
            .or().haveRawType("org.slf4j.Logger")
            .should().bePrivate()
            .andShould().beStatic()
            .andShould().beFinal()
            .because("a logger belongs to the class that declares it; shared or mutable loggers blur where a message "
                    + "came from");

    // ---- 8. Jackson at the edges only -------------------------------------------------------------------------------

    public static final ArchRule JACKSON_IS_USED_ONLY_AT_THE_JSON_EDGES = noClasses()
            .that().resideOutsideOfPackages(JACKSON_EDGES)
            .should().dependOnClassesThat().resideInAPackage(JACKSON)
            .because("JSON is a wire format, not the domain: DTOs are mapped to core records in the providers' "
                    + "internal.wire codecs, in the HTTP adapter, in the app's config loading and in the WAF's rule-pack "
                    + "loader, and nowhere else");

    public static final ArchRule NO_PUBLIC_METHOD_OUTSIDE_THE_JSON_EDGES_EXPOSES_JACKSON_TYPES = codeUnits()
            .that().arePublic()
            .and().areDeclaredInClassesThat().resideOutsideOfPackages(JACKSON_EDGES)
            .should(notExposeTypesIn(JACKSON))
            .because("a Jackson type in a public signature (JsonNode, ObjectMapper, JsonProcessingException) forces "
                    + "every caller to depend on Jackson too");

    // ---- 9. OpenTelemetry -------------------------------------------------------------------------------------------

    public static final ArchRule OPENTELEMETRY_IS_USED_ONLY_BY_TELEMETRY_AND_THE_APP = noClasses()
            .that().resideOutsideOfPackages(TELEMETRY, APP)
            .should().dependOnClassesThat().resideInAPackage(OPENTELEMETRY)
            .because("core reports through the EngineObserver port and telemetry is a decorator plus an event bridge; "
                    + "spans and contexts in other modules would leak OpenTelemetry into the domain");

    public static final ArchRule THE_OPENTELEMETRY_SDK_IS_USED_ONLY_BY_THE_TELEMETRY_SDK_PACKAGE_AND_THE_APP = noClasses()
            .that().resideOutsideOfPackages(TELEMETRY_SDK, APP)
            .should().dependOnClassesThat().resideInAnyPackage(OPENTELEMETRY_SDK)
            .because("instrumentation codes against the OpenTelemetry API only; the SDK and its exporters are "
                    + "configured in one package and built once by the app");

    // ---- 10. Resilience4j -------------------------------------------------------------------------------------------

    public static final ArchRule RESILIENCE4J_IS_USED_ONLY_BY_THE_APP_AND_TELEMETRY = noClasses()
            .that().resideOutsideOfPackages(APP, TELEMETRY, ADAPTER_HTTP)
            .should().dependOnClassesThat().resideInAPackage(RESILIENCE4J)
            .because("retries, breakers and bulkheads are decorators composed in the app from validated config "
                    + "(telemetry only bridges their events into metrics; the HTTP adapter only uses its rate limiter "
                    + "for per-tenant request budgets); a provider retrying on its own could duplicate a turn's output");

    // ---- 10b. JDBC --------------------------------------------------------------------------------------------------

    public static final ArchRule ONLY_THE_SESSION_STORE_USES_JDBC = noClasses()
            .that().resideOutsideOfPackage(STORE)
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.sqlite..")
            .because("persistence is the SessionStore port's business: the engine sees records, never connections, "
                    + "so the database can change without touching core, adapters or providers");

    // ---- 11. Guice modules ------------------------------------------------------------------------------------------

    public static final ArchRule GUICE_MODULES_ARE_PUBLIC_AND_NAMED_MODULE = classes()
            .that().areAssignableTo("com.google.inject.Module")
            .and().areNotInterfaces()
            .should().bePublic()
            .andShould().haveSimpleNameEndingWith("Module")
            .because("each Maven module ships one public XModule that the app installs; the name is how the "
                    + "Guice-only-in-modules rule recognises it");

    // ---- internal packages ------------------------------------------------------------------------------------------

    public static final ArchRule INTERNAL_PACKAGES_ARE_USED_ONLY_BY_THEIR_OWN_MODULE = classes()
            .that().resideInAPackage(INTERNAL)
            .should(onlyBeUsedByTheirOwnModule())
            .because("internal packages (a provider's wire codec and session, the WAF's rule engine) are "
                    + "implementation details behind the module's public types and its Guice module; not even the app "
                    + "reaches into them");

    private HotplexArchitectureRules() {
    }

    // ---- building blocks --------------------------------------------------------------------------------------------

    /** Calls of the method named {@code methodName} (any overload) on {@code ownerName} or on any subtype of it. */
    private static DescribedPredicate<JavaCall<?>> callTo(String ownerName, String methodName) {
        return DescribedPredicate.describe(ownerName + "." + methodName + "(..)", call ->
                call.getTarget().getName().equals(methodName)
                        && call.getTarget().getOwner().isAssignableTo(ownerName));
    }

    /** Classes named {@code *suffix}, and classes nested (also anonymously) in such a class. */
    private static DescribedPredicate<JavaClass> namedOrNestedInAClassNamed(String suffix) {
        return DescribedPredicate.describe("named *" + suffix + " (or nested in a class so named)", javaClass -> {
            for (Optional<JavaClass> current = Optional.of(javaClass); current.isPresent();
                    current = current.get().getEnclosingClass()) {
                if (current.get().getSimpleName().endsWith(suffix)) {
                    return true;
                }
            }
            return false;
        });
    }

    /** Return, parameter (including type arguments) and declared exception types outside the given packages. */
    private static ArchCondition<JavaCodeUnit> notExposeTypesIn(String... packages) {
        DescribedPredicate<JavaClass> forbidden = resideInAnyPackage(packages);
        return new ArchCondition<>("not expose types from " + Arrays.toString(packages) + " in their signature") {
            @Override
            public void check(JavaCodeUnit codeUnit, ConditionEvents events) {
                Stream<JavaType> signature = Stream.concat(
                        Stream.concat(Stream.of(codeUnit.getReturnType()), codeUnit.getParameterTypes().stream()),
                        codeUnit.getThrowsClause().getTypes().stream().map(JavaType.class::cast));
                signature.flatMap(type -> type.getAllInvolvedRawTypes().stream())
                        .filter(forbidden)
                        .distinct()
                        .forEach(exposed -> events.add(SimpleConditionEvent.violated(codeUnit,
                                codeUnit.getDescription() + " exposes " + exposed.getName() + " in its signature")));
            }
        };
    }

    private static ArchCondition<JavaClass> onlyBeUsedByTheirOwnModule() {
        return new ArchCondition<>("only be used by their own module") {
            @Override
            public void check(JavaClass internalClass, ConditionEvents events) {
                Optional<String> ownModule = HotplexModules.moduleRootOf(internalClass.getPackageName());
                for (Dependency dependency : internalClass.getDirectDependenciesToSelf()) {
                    Optional<String> userModule = HotplexModules.moduleRootOf(dependency.getOriginClass().getPackageName());
                    if (!userModule.equals(ownModule)) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()
                                + " reaches into internal package " + internalClass.getPackageName()
                                + " of module " + ownModule.orElse("?")));
                    }
                }
            }
        };
    }
}
