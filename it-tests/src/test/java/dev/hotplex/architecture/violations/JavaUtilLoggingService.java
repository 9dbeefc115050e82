package dev.hotplex.architecture.violations;

import java.util.logging.Logger;

/** Logs through java.util.logging, without keeping the logger in a field. */
public final class JavaUtilLoggingService {

    public void work() {
        Logger.getLogger(JavaUtilLoggingService.class.getName()).info("working");
    }
}
