#!/usr/bin/env bash
# Acceptance: the real coding-agent CLIs, pinned in package.json, against ./tollgate local with models
# backed by the built-in mock provider. For each CLI: it prints an answer and exits 0, and its calls appear
# in /spend/logs with the right client, session id, user and a cost. Offline; about a minute.
#   acceptance/run-agents.sh            (after `npm ci` here and a build: ./tollgate local builds if needed)
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
BIN="$HERE/node_modules/.bin"
[ -x "$BIN/claude" ] && [ -x "$BIN/codex" ] || { echo "run 'npm ci' in $HERE first" >&2; exit 2; }

WORK="$(mktemp -d)"
PORT=$((20000 + RANDOM % 20000))
GATEWAY_PID=""
cleanup() {
  [ -n "$GATEWAY_PID" ] && kill "$GATEWAY_PID" 2>/dev/null && wait "$GATEWAY_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

passed=0
failed=0
check() { # check "what" command...
  local what="$1"; shift
  if "$@"; then passed=$((passed + 1)); echo "ok   $what"; else failed=$((failed + 1)); echo "FAIL $what"; fi
}

"$ROOT/tollgate" local --fresh --data "$WORK/data" --port "$PORT" >"$WORK/gateway.log" 2>&1 &
GATEWAY_PID=$!
for _ in $(seq 1 240); do
  grep -q "Tollgate is running" "$WORK/gateway.log" 2>/dev/null && break
  kill -0 "$GATEWAY_PID" 2>/dev/null || break
  sleep 0.5
done
grep -q "Tollgate is running" "$WORK/gateway.log" || { cat "$WORK/gateway.log"; echo "0 passed, 1 failed"; exit 1; }
BASE="http://127.0.0.1:$PORT"
MASTER="$(cat "$WORK/data/master-key")"

# One developer, one key with a budget: what a platform team hands out.
curl -s "$BASE/user/new" -H "Authorization: Bearer $MASTER" -H 'content-type: application/json' \
  -d '{"user_id":"dev-alice","auto_create_key":false}' >/dev/null
KEY="$(curl -s "$BASE/key/generate" -H "Authorization: Bearer $MASTER" -H 'content-type: application/json' \
  -d '{"user_id":"dev-alice","key_alias":"alice-laptop","max_budget":5,"budget_duration":"30d"}' \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])')"
[ -n "$KEY" ] || { echo "could not create a key"; echo "0 passed, 1 failed"; exit 1; }

# Claude Code: Anthropic's Messages API, streamed.
mkdir -p "$WORK/claude-home"
(cd "$WORK" && HOME="$WORK/claude-home" ANTHROPIC_BASE_URL="$BASE" ANTHROPIC_AUTH_TOKEN="$KEY" \
  DISABLE_TELEMETRY=1 CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1 DISABLE_AUTOUPDATER=1 \
  ANTHROPIC_MODEL=mock-claude-sonnet ANTHROPIC_SMALL_FAST_MODEL=mock-claude-sonnet \
  ANTHROPIC_DEFAULT_HAIKU_MODEL=mock-claude-sonnet \
  timeout 180 "$BIN/claude" -p "say hi" --model mock-claude-sonnet </dev/null >"$WORK/claude.out" 2>"$WORK/claude.err")
claude_exit=$?
check "claude -p exits 0 (exit $claude_exit)" test "$claude_exit" -eq 0
check "claude -p prints the model's answer" grep -q "mock model" "$WORK/claude.out"

# Codex: the Responses API, streamed, through a model_providers entry.
mkdir -p "$WORK/codex-home/.codex"
cat >"$WORK/codex-home/.codex/config.toml" <<EOF
model = "mock-gpt-4o-mini"
model_provider = "tollgate"

[model_providers.tollgate]
name = "Tollgate"
base_url = "$BASE/v1"
env_key = "TOLLGATE_API_KEY"
wire_api = "responses"
EOF
(cd "$WORK" && HOME="$WORK/codex-home" TOLLGATE_API_KEY="$KEY" \
  timeout 180 "$BIN/codex" exec --skip-git-repo-check "say hi" </dev/null >"$WORK/codex.out" 2>"$WORK/codex.err")
codex_exit=$?
check "codex exec exits 0 (exit $codex_exit)" test "$codex_exit" -eq 0
check "codex exec prints the model's answer" grep -q "mock model" "$WORK/codex.out"

# Their calls in the spend log: client, session, developer, cost.
logs_ok() { # logs_ok client call_type
  curl -s "$BASE/spend/logs?client=$1&limit=100" -H "Authorization: Bearer $MASTER" | python3 -c "
import json, sys
from decimal import Decimal
lines = [l for l in json.load(sys.stdin)['data'] if l['call_type'] == '$2' and l['status'] == 200]
ok = bool(lines) and all(l.get('session_id') and l['user_id'] == 'dev-alice' and Decimal(str(l['cost'])) > 0
                         for l in lines)
print('  %s: %d %s call(s), sessions %s, cost %s' % ('$1', len(lines), '$2',
      sorted({l.get('session_id') for l in lines}), sum(Decimal(str(l['cost'])) for l in lines)))
sys.exit(0 if ok else 1)"
}
check "Claude Code's calls are logged as client claude-code with a session and a cost" logs_ok claude-code messages
check "Codex's calls are logged as client codex with a session and a cost" logs_ok codex responses

if [ "$failed" -gt 0 ]; then
  for f in claude.out claude.err codex.out codex.err gateway.log; do echo "--- $f"; tail -20 "$WORK/$f"; done
fi
echo "agents: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
