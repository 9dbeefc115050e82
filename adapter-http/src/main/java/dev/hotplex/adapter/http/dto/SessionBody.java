package dev.hotplex.adapter.http.dto;

/** One session as its owner sees it: the id is the client's own, never the tenant-qualified engine id. */
public record SessionBody(String id, String state, Long pid, String createdAt, String lastActiveAt,
                          String providerSessionId, String workDir, String provider) {
}
