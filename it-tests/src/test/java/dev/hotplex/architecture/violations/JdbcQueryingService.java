package dev.hotplex.architecture.violations;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Opens a database connection outside the session store. */
public final class JdbcQueryingService {

    public boolean reachable(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url)) {
            return connection.isValid(1);
        }
    }
}
