#!/usr/bin/env bash
# Runs the security-waf JMH benchmarks (never part of `mvn verify`). Extra arguments go to JMH,
# e.g. `security-waf/bench/run.sh -p size=1024` or `-rf json -rff target/jmh.json`; JVM options in JAVA_OPTS.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
bin/mvn -q -o -pl security-waf -Pbench test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
# shellcheck source=../../bin/jdk.sh
. bin/jdk.sh
hotplex_select_jdk
cp="security-waf/target/test-classes:security-waf/target/classes:$(cat security-waf/target/bench.classpath)"
exec "$JAVA_HOME/bin/java" ${JAVA_OPTS:-} -cp "$cp" org.openjdk.jmh.Main 'dev.hotplex.waf.bench.*' "$@"
