#!/usr/bin/env bash
# Gateway overhead benchmark (docs/benchmarks.md):
#   bench/overhead.sh [clients=32] [requests=20000] [--dynamodb-local]
# Same closed-loop load, straight to a loopback upstream, through Tollgate's local runtime, and
# through Portkey's open-source gateway (pinned in bench/package.json). Loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25*; do
  if [ -n "$candidate" ] && [ -x "$candidate/bin/java" ]; then export JAVA_HOME="$candidate"; break; fi
done
./mvnw -q -B -pl functions/local -am package -DskipTests -Dshade.skip=true -Denforcer.skip=true
(cd bench && npm ci --no-audit --no-fund --silent)
CP="functions/local/target/test-classes:functions/local/target/classes:$(cat functions/local/target/test-classpath.txt)"
exec "$JAVA_HOME/bin/java" -Xmx2g -Dlogback.configurationFile=logback-test.xml -cp "$CP" \
  dev.tollgate.local.bench.OverheadBenchmark "$@"
