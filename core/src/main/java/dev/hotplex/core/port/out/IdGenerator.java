package dev.hotplex.core.port.out;

/** The engine's only source of fresh ids (turn ids, request ids), so tests can predict them. */
@FunctionalInterface
public interface IdGenerator {
    String newId();
}
