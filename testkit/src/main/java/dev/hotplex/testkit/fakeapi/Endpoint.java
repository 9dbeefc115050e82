package dev.hotplex.testkit.fakeapi;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;

/**
 * How a fake API answers the one request it serves, once {@link FakeApi} read and recorded it. An
 * {@link IOException} means the client went away (or the fake is closing); the exchange is closed afterwards.
 */
@FunctionalInterface
public interface Endpoint {
    /**
     * {@code number}: the request's 1-based sequence number. {@code closing} is released when the fake closes:
     * hanging and paused answers wait on it so that they end with the fake.
     */
    void answer(HttpExchange exchange, int number, String body, CountDownLatch closing)
            throws IOException, InterruptedException;
}
