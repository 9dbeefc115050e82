package dev.hotplex.core.service;

import dev.hotplex.core.port.out.IdGenerator;

import java.util.UUID;

/** Random (version 4) UUIDs. */
public final class RandomIdGenerator implements IdGenerator {
    @Override
    public String newId() {
        return UUID.randomUUID().toString();
    }
}
