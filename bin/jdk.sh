# Sourced by bin/mvn, bin/hotplex and .ci/run: exports JAVA_HOME pointing at a JDK >= 21.
# Order: $JAVA_HOME if new enough, then the java on PATH, then the newest JDK found in
# the usual install folders. Prints a clear message and returns 1 when there is none.

hotplex_java_major() { # $1 = path to a java binary; prints its feature version
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n 1 | cut -d. -f1
}

hotplex_select_jdk() {
  local min=21 candidate major best="" best_major=0
  for candidate in "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java 2>/dev/null)"; do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
    major=$(hotplex_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge "$min" ]; then
      export JAVA_HOME; JAVA_HOME=$(cd "$(dirname "$(readlink -f "$candidate")")/.." && pwd)
      return 0
    fi
  done
  for candidate in /usr/lib/jvm/*/bin/java /usr/local/lib/jvm/*/bin/java /opt/java/*/bin/java /opt/*jdk*/bin/java "$HOME"/.sdkman/candidates/java/*/bin/java; do
    [ -x "$candidate" ] || continue
    major=$(hotplex_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge "$min" ] && [ "$major" -gt "$best_major" ]; then
      best=$candidate; best_major=$major
    fi
  done
  if [ -z "$best" ]; then
    echo "hotplex: no JDK ${min} or newer found (checked JAVA_HOME, PATH and /usr/lib/jvm)." >&2
    echo "hotplex: install one (for example 'apt-get install openjdk-21-jdk') or set JAVA_HOME." >&2
    return 1
  fi
  export JAVA_HOME; JAVA_HOME=$(cd "$(dirname "$(readlink -f "$best")")/.." && pwd)
}
