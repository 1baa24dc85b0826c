#!/usr/bin/env bash
# The proxy's memory need (docs/cost.md): bench/memory.sh [seconds=30] [threads=2] [max-heap=…]
# Runs the shaded Lambda jar's handler under back-to-back calls (mock model, in-memory ledger) with the JVM
# flags the managed java21 runtime and the stack use (SerialGC, C1 only), and prints the heap live set, the
# most heap used, and the resident set (idle, after load, peak).
set -euo pipefail
cd "$(dirname "$0")/.."
for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25*; do
  if [ -n "$candidate" ] && [ -x "$candidate/bin/java" ]; then export JAVA_HOME="$candidate"; break; fi
done
[ -f functions/gateway/target/tollgate-lambda.jar ] || ./mvnw -q -B -pl functions/gateway -am package -DskipTests
TOLLGATE_MASTER_KEY=sk-test-master "$JAVA_HOME/bin/java" -XX:+UseSerialGC -XX:+TieredCompilation -XX:TieredStopAtLevel=1 \
  "-Xmx${3:-870m}" -cp functions/gateway/target/tollgate-lambda.jar --source 21 \
  bench/MemoryUnderLoad.java functions/gateway/src/test/resources/events/chat-completion.json \
  functions/gateway/src/test/resources/events/chat-completion-stream.json "${1:-30}" "${2:-2}" 2>/dev/null | grep '^calls'
