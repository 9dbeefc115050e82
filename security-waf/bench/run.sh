#!/usr/bin/env bash
# Runs the security-waf JMH benchmarks (never part of `mvn verify`). Extra arguments go to JMH,
# e.g. `security-waf/bench/run.sh -p size=1024` or `-rf json -rff target/jmh.json`; JVM options in JAVA_OPTS.
exec "$(dirname "$0")/../../bin/jmh" security-waf 'dev.hotplex.waf.bench.*' "$@"
