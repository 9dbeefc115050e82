package dev.hotplex.core.service.violations;

/** Test-only fixture: a core service, which only the app may use directly. */
public final class CoreService {

    public void serve() {
    }
}
