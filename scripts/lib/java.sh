# shellcheck shell=bash
# Sourced by Outpost's scripts: selects a JDK >= 21 and exports JAVA_HOME and JAVA.
# Order: $JAVA_HOME if new enough, `java` on PATH if new enough, else the newest JDK >= 21
# under /usr/lib/jvm (Debian's default java is 17; a Temurin 21+ usually sits beside it).

outpost_java_major() { # prints the major version of the java binary $1, or 0
  # A JDK's `release` file names its version: reading it costs nothing, while asking the JVM
  # costs a JVM start (~0.1 s) on every command. The JVM is asked only when the file is absent.
  local release major
  release="$(dirname "$(dirname "$1")")/release"
  if [ -r "$release" ]; then
    major=$(sed -n 's/^JAVA_VERSION="\{0,1\}\([0-9][0-9]*\).*/\1/p' "$release" | head -n 1)
    if [ -n "$major" ]; then
      # Java 8 and older spell it 1.8.0_x: major 1 is below 21 all the same.
      echo "$major"
      return
    fi
  fi
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1 || echo 0
}

outpost_select_java() {
  local candidate major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    major=$(outpost_java_major "$JAVA_HOME/bin/java")
    if [ "${major:-0}" -ge 21 ]; then best="$JAVA_HOME"; best_major=$major; fi
  fi
  if [ -z "$best" ] && command -v java >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    major=$(outpost_java_major "$candidate/bin/java")
    if [ "${major:-0}" -ge 21 ]; then best="$candidate"; best_major=$major; fi
  fi
  if [ -z "$best" ]; then
    for candidate in /usr/lib/jvm/*; do
      [ -x "$candidate/bin/javac" ] || continue
      major=$(outpost_java_major "$candidate/bin/java")
      if [ "${major:-0}" -ge 21 ] && [ "$major" -gt "$best_major" ]; then best="$candidate"; best_major=$major; fi
    done
  fi
  if [ -z "$best" ]; then
    echo "Outpost needs a JDK 21 or newer; none found in JAVA_HOME, on PATH or under /usr/lib/jvm." >&2
    echo "Install one (for example: apt-get install openjdk-21-jdk-headless) and set JAVA_HOME." >&2
    return 1
  fi
  export JAVA_HOME="$best"
  export JAVA="$best/bin/java"
}

# Maven 3.9 on JDK 24+ prints "sun.misc.Unsafe ... terminally deprecated" warnings from its own
# libraries (not Outpost's): allow that access quietly, on the JDKs that know the flag.
outpost_quiet_maven() {
  local major
  major=$(outpost_java_major "$JAVA")
  if [ "${major:-0}" -ge 24 ]; then
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  fi
}
