#!/usr/bin/env bash
# Cold start of the Lambda artifact (docs/benchmarks.md): bench/coldstart.sh [runs=5]
# Runs the shaded jar alone, as Lambda would (java21 bytecode on the JDK here), with the same JVM flags the
# stack sets (JAVA_TOOL_OPTIONS=-XX:+TieredCompilation -XX:TieredStopAtLevel=1), against the built-in mock
# model; prints JVM start → handler ready → first response for each run. Then the proxy function's streaming
# entry point as Lambda starts it (the exec wrapper → StreamingRuntime, the jar extracted as /var/task, a loopback
# Runtime API): process start → initialised → first streamed byte → complete, for each run.
set -euo pipefail
cd "$(dirname "$0")/.."
for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25*; do
  if [ -n "$candidate" ] && [ -x "$candidate/bin/java" ]; then export JAVA_HOME="$candidate"; break; fi
done
[ -f functions/gateway/target/tollgate-lambda.jar ] || ./mvnw -q -B -pl functions/gateway -am package -DskipTests
for i in $(seq 1 "${1:-5}"); do
  TOLLGATE_MASTER_KEY=sk-test-master "$JAVA_HOME/bin/java" -XX:+TieredCompilation -XX:TieredStopAtLevel=1 -Xmx1g \
    -cp functions/gateway/target/tollgate-lambda.jar bench/ColdStart.java \
    functions/gateway/src/test/resources/events/chat-completion.json 2>/dev/null | grep '^status'
done
TASK=functions/gateway/target/lambda-task
rm -rf "$TASK" && mkdir -p "$TASK" && (cd "$TASK" && "$JAVA_HOME/bin/jar" xf ../tollgate-lambda.jar)
for i in $(seq 1 "${1:-5}"); do
  "$JAVA_HOME/bin/java" bench/StreamingColdStart.java "$PWD/$TASK" functions/gateway/src/main/lambda-wrapper/tollgate-streaming \
    functions/gateway/src/test/resources/events/chat-completion-stream.json "$JAVA_HOME/bin/java"
done
