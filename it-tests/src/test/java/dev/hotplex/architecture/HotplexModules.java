package dev.hotplex.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Maps a package to the hotplex module it belongs to, by the project's package convention.
 *
 * <p>A module's root package is {@code dev.hotplex.<name>} ({@code core}, {@code waf}, {@code telemetry}, {@code store},
 * {@code app}, {@code testkit}), except under the grouping packages {@code adapter} and {@code provider}, where it is one level
 * deeper ({@code dev.hotplex.adapter.http}, {@code dev.hotplex.provider.claude},
 * {@code dev.hotplex.provider.process}). A plain {@code dev.hotplex.(*)..} slice pattern would lump both adapters (and
 * all providers) into one slice; this mapping keeps one slice per Maven module.
 */
final class HotplexModules {

    static final String BASE_PACKAGE = "dev.hotplex";

    /** Packages whose children, not themselves, are the module roots. */
    private static final Set<String> GROUPING_PACKAGES = Set.of("adapter", "provider");

    /** One slice per module, e.g. {@code dev.hotplex.core}, {@code dev.hotplex.adapter.http}. */
    static final SliceAssignment MODULES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            return moduleRootOf(javaClass.getPackageName()).map(SliceIdentifier::of).orElseGet(SliceIdentifier::ignore);
        }

        @Override
        public String getDescription() {
            return "hotplex modules";
        }
    };

    /**
     * One slice per package one level below a module's root (e.g. {@code dev.hotplex.core.model},
     * {@code dev.hotplex.provider.claude.internal}); classes directly in a module's root package form a slice of their
     * own, so a cycle between a module's root package and its {@code internal} package is caught too.
     */
    static final SliceAssignment PACKAGES_ONE_LEVEL_BELOW_EACH_MODULE_ROOT = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            return firstLevelPackageOf(javaClass.getPackageName())
                    .map(SliceIdentifier::of)
                    .orElseGet(SliceIdentifier::ignore);
        }

        @Override
        public String getDescription() {
            return "packages one level below each hotplex module's root";
        }
    };

    private HotplexModules() {
    }

    /** The root package of the module {@code packageName} belongs to; empty outside {@code dev.hotplex}. */
    static Optional<String> moduleRootOf(String packageName) {
        List<String> segments = segmentsBelowBase(packageName);
        if (segments.isEmpty()) {
            return Optional.empty();
        }
        int depth = GROUPING_PACKAGES.contains(segments.get(0)) && segments.size() > 1 ? 2 : 1;
        return Optional.of(BASE_PACKAGE + "." + String.join(".", segments.subList(0, depth)));
    }

    /** The module root plus one more package segment, or the module root itself for classes directly in it. */
    static Optional<String> firstLevelPackageOf(String packageName) {
        return moduleRootOf(packageName).map(root -> {
            if (packageName.equals(root)) {
                return root;
            }
            String below = packageName.substring(root.length() + 1);
            int dot = below.indexOf('.');
            return root + "." + (dot < 0 ? below : below.substring(0, dot));
        });
    }

    private static List<String> segmentsBelowBase(String packageName) {
        if (!packageName.startsWith(BASE_PACKAGE + ".")) {
            return List.of();
        }
        return Arrays.asList(packageName.substring(BASE_PACKAGE.length() + 1).split("\\."));
    }
}
