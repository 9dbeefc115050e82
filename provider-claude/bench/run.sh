#!/usr/bin/env bash
# Runs the provider-claude JMH benchmarks (stream-json decoding and event mapping on the recorded transcripts;
# never part of `mvn verify`). Extra arguments go to JMH; JVM options in JAVA_OPTS.
exec "$(dirname "$0")/../../bin/jmh" provider-claude 'dev.hotplex.provider.claude.bench.*' "$@"
