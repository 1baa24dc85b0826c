package dev.tollgate.athena;

import dev.tollgate.gateway.spendlog.SpendLogRecord;
import dev.tollgate.gateway.spendlog.SpendLogRecordBuilder;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A realistic, reproducible month of gateway traffic: 21,600 calls over nine days in May and June
 * 2025, 5 teams, 13 users, 20 keys, 150 end users, 7 models on 4 providers, tags, streams,
 * cached prompts, estimated usage, budget and rate-limit refusals, upstream failures and timeouts.
 * Money is exact: rates per token times whole tokens.
 */
final class SpendLogDataSet {
    static final List<LocalDate> DAYS = List.of(
            LocalDate.of(2025, 5, 1),
            LocalDate.of(2025, 5, 2),
            LocalDate.of(2025, 5, 3),
            LocalDate.of(2025, 5, 29),
            LocalDate.of(2025, 5, 30),
            LocalDate.of(2025, 5, 31),
            LocalDate.of(2025, 6, 1),
            LocalDate.of(2025, 6, 2),
            LocalDate.of(2025, 6, 3));
    static final int CALLS_PER_DAY = 2_400;

    /** A model and its USD rates per token. */
    record Model(
            String name,
            String provider,
            String upstream,
            String apiBase,
            String callType,
            String in,
            String cacheRead,
            String cacheWrite,
            String out,
            int baseMs,
            int weight) {
        BigDecimal rate(String perToken) {
            return new BigDecimal(perToken);
        }
    }

    /** A virtual key and who it belongs to (user and team may be null: a service key). */
    record Key(String hash, String alias, String userId, String teamId, List<String> tags) {}

    static final List<Model> MODELS = List.of(
            new Model(
                    "gpt-4o-mini",
                    "openai",
                    "gpt-4o-mini-2024-07-18",
                    "https://api.openai.com/v1",
                    "chat_completion",
                    "0.00000015",
                    "0.000000075",
                    "0.00000015",
                    "0.0000006",
                    600,
                    30),
            new Model(
                    "gpt-4o",
                    "openai",
                    "gpt-4o-2024-11-20",
                    "https://api.openai.com/v1",
                    "chat_completion",
                    "0.0000025",
                    "0.00000125",
                    "0.0000025",
                    "0.00001",
                    1200,
                    12),
            new Model(
                    "o4-mini",
                    "openai",
                    "o4-mini-2025-04-16",
                    "https://api.openai.com/v1",
                    "chat_completion",
                    "0.0000011",
                    "0.000000275",
                    "0.0000011",
                    "0.0000044",
                    4000,
                    6),
            new Model(
                    "claude-sonnet-4",
                    "anthropic",
                    "claude-sonnet-4-20250514",
                    "https://api.anthropic.com",
                    "chat_completion",
                    "0.000003",
                    "0.0000003",
                    "0.00000375",
                    "0.000015",
                    1500,
                    14),
            new Model(
                    "claude-haiku-3.5",
                    "anthropic",
                    "claude-3-5-haiku-20241022",
                    "https://api.anthropic.com",
                    "chat_completion",
                    "0.0000008",
                    "0.00000008",
                    "0.000001",
                    "0.000004",
                    700,
                    10),
            new Model(
                    "llama-3.3-70b",
                    "bedrock",
                    "meta.llama3-3-70b-instruct-v1:0",
                    "https://bedrock-runtime.us-east-1.amazonaws.com",
                    "chat_completion",
                    "0.00000072",
                    "0.00000072",
                    "0.00000072",
                    "0.00000072",
                    900,
                    8),
            new Model(
                    "text-embedding-3-small",
                    "openai",
                    "text-embedding-3-small",
                    "https://api.openai.com/v1",
                    "embedding",
                    "0.00000002",
                    "0.00000002",
                    "0.00000002",
                    "0",
                    150,
                    20));

    private static final String[] TEAMS = {"t-search", "t-support", "t-research", "t-growth", "t-platform"};
    private static final String[] TAGS = {"prod", "staging", "search", "chat", "batch", "eval"};
    private static final int[] HOUR_WEIGHTS = {
        1, 1, 1, 1, 1, 2, 3, 5, 8, 10, 10, 9, 8, 9, 10, 10, 9, 7, 5, 4, 3, 2, 2, 1
    };

    private SpendLogDataSet() {}

    static List<Key> keys(Random random) {
        List<Key> keys = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            boolean service = i >= 18;
            String team = service ? null : TEAMS[i % TEAMS.length];
            String user = service ? null : "u-" + (i % 13);
            List<String> tags = new ArrayList<>();
            for (String tag : TAGS) {
                if (random.nextInt(4) == 0) {
                    tags.add(tag);
                }
            }
            keys.add(new Key(
                    String.format("%064x", new java.math.BigInteger(256, random)), "key-" + i, user, team, tags));
        }
        return keys;
    }

    /** The calls, in no particular order. */
    static List<SpendLogRecord> generate(long seed) {
        Random random = new Random(seed);
        List<Key> keys = keys(random);
        List<SpendLogRecord> records = new ArrayList<>(DAYS.size() * CALLS_PER_DAY);
        for (LocalDate day : DAYS) {
            for (int i = 0; i < CALLS_PER_DAY; i++) {
                records.add(call(random, keys, day, "req-" + day + "-" + i));
            }
        }
        return records;
    }

    /** User agents and the client each normalises to (call/ClientTools), as the tools send them. */
    private static final String[][] AGENTS = {
        {"claude-cli/2.1.328 (external, cli)", "claude-code"},
        {"codex_cli_rs/0.169.0 (Mac OS 15.1.0; arm64)", "codex"},
        {"OpenAI/Python 2.8.1", "openai-python"},
        {"Cursor/1.7.2", "cursor"},
        {"curl/8.5.0", "curl"}
    };

    private static SpendLogRecord call(Random random, List<Key> keys, LocalDate day, String requestId) {
        Instant start = day.atStartOfDay(ZoneOffset.UTC)
                .toInstant()
                .plusSeconds(3600L * weightedHour(random) + random.nextInt(3600))
                .plusMillis(random.nextInt(1000));
        Model model = weightedModel(random);
        Key key = random.nextInt(100) < 2 ? null : keys.get(random.nextInt(keys.size()));
        boolean stream = model.callType().equals("chat_completion") && random.nextInt(100) < 45;
        SpendLogRecordBuilder b = SpendLogRecord.builder()
                .requestId(requestId)
                .callType(model.callType())
                .startTime(start)
                .requestedModel(model.name())
                .stream(stream);
        if (key != null) {
            LinkedHashSet<String> tags = new LinkedHashSet<>(key.tags());
            if (random.nextInt(5) == 0) {
                tags.add(TAGS[random.nextInt(TAGS.length)]);
            }
            b.model(model.name())
                    .provider(model.provider())
                    .upstreamModel(model.upstream())
                    .apiBase(model.apiBase())
                    .keyHash(key.hash())
                    .keyAlias(key.alias())
                    .userId(key.userId())
                    .teamId(key.teamId())
                    .endUser(random.nextInt(10) < 7 ? String.format("cust-%03d", random.nextInt(150)) : null)
                    .tags(List.copyOf(tags))
                    .metadata(Map.of("feature", "f-" + random.nextInt(6)));
            String[] agent = AGENTS[random.nextInt(AGENTS.length)];
            b.caller(
                    agent[0],
                    agent[1],
                    agent[1].equals("claude-code") || agent[1].equals("codex")
                            ? agent[1] + "-session-" + random.nextInt(40)
                            : null);
        }
        int outcome = random.nextInt(1000);
        long durationMs;
        int status;
        if (key == null) {
            status = 401;
            b.errorType("authentication_error")
                    .errorMessage("Invalid API key: sk-live-abcdef12345")
                    .upstreamCalled(false);
            durationMs = 1 + random.nextInt(5);
        } else if (outcome < 40) {
            status = 429;
            b.errorType("budget_exceeded")
                    .errorMessage("team budget 1d exhausted")
                    .upstreamCalled(false);
            durationMs = 2 + random.nextInt(10);
        } else if (outcome < 60) {
            status = 429;
            b.errorType("rate_limit_exceeded").errorMessage("key rpm limit").upstreamCalled(false);
            durationMs = 1 + random.nextInt(5);
        } else if (outcome < 90) {
            status = new int[] {500, 502, 503, 504}[random.nextInt(4)];
            b.errorType(status == 504 ? "timeout_error" : "upstream_error")
                    .errorMessage("upstream answered " + status)
                    .upstreamCalled(true)
                    .retries(random.nextInt(3))
                    .budgetReserved(new BigDecimal("0.05"));
            durationMs = status == 504 ? 30_000 + random.nextInt(1000) : 200 + random.nextInt(3000);
        } else if (outcome < 100) {
            status = 400;
            b.errorType("invalid_request_error")
                    .errorMessage("context_length_exceeded")
                    .upstreamCalled(true)
                    .budgetReserved(new BigDecimal("0.02"));
            durationMs = 80 + random.nextInt(200);
        } else {
            status = 200;
            durationMs = success(random, b, model, stream);
        }
        b.status(status).durationMs(durationMs).endTime(start.plusMillis(durationMs));
        if (stream && status < 400) {
            long ttft = Math.min(durationMs, 80 + random.nextInt(model.baseMs()));
            b.firstTokenTime(start.plusMillis(ttft)).timeToFirstTokenMs(ttft);
        }
        if (random.nextInt(200) == 0) {
            b.messages("[{\"role\":\"user\",\"content\":\"summarise \\\"Q2\\\" numbers\"}]")
                    .response("{\"role\":\"assistant\",\"content\":\"Revenue rose 4%.\"}");
        }
        return b.build();
    }

    private static long success(Random random, SpendLogRecordBuilder b, Model model, boolean stream) {
        boolean chat = model.callType().equals("chat_completion");
        long prompt = 20 + random.nextInt(chat ? 8000 : 2000);
        long completion = chat ? 5 + random.nextInt(1500) : 0;
        long cacheRead = chat && random.nextInt(10) < 3 ? prompt * 6 / 10 : 0;
        long cacheWrite =
                model.provider().equals("anthropic") && cacheRead == 0 && random.nextInt(10) == 0 ? prompt * 3 / 10 : 0;
        long reasoning = model.name().equals("o4-mini") ? completion / 2 : 0;
        BigDecimal in = model.rate(model.in());
        BigDecimal readCost = model.rate(model.cacheRead()).multiply(BigDecimal.valueOf(cacheRead));
        BigDecimal writeCost = model.rate(model.cacheWrite()).multiply(BigDecimal.valueOf(cacheWrite));
        BigDecimal inputCost = in.multiply(BigDecimal.valueOf(prompt - cacheRead - cacheWrite));
        BigDecimal outputCost = model.rate(model.out()).multiply(BigDecimal.valueOf(completion));
        BigDecimal cost = inputCost.add(readCost).add(writeCost).add(outputCost);
        b.splitCost(inputCost, outputCost)
                .upstreamCalled(true)
                .tokens(prompt, completion, cacheRead, cacheWrite, reasoning)
                .usageEstimated(stream && random.nextInt(100) < 12)
                .cost(cost)
                .cacheReadCost(readCost)
                .cacheReadUncachedCost(in.multiply(BigDecimal.valueOf(cacheRead)))
                .cacheWriteCost(writeCost)
                .cacheWriteUncachedCost(in.multiply(BigDecimal.valueOf(cacheWrite)))
                .budgetReserved(cost.multiply(new BigDecimal("1.5")).add(new BigDecimal("0.001")))
                .maxTokensClamped(random.nextInt(100) == 0)
                .fallbackUsed(random.nextInt(100) == 0)
                .retries(random.nextInt(50) == 0 ? 1 : 0);
        return model.baseMs() + completion * (1 + random.nextInt(20)) / 4 + random.nextInt(model.baseMs());
    }

    private static int weightedHour(Random random) {
        int total = 0;
        for (int w : HOUR_WEIGHTS) {
            total += w;
        }
        int pick = random.nextInt(total);
        for (int hour = 0; hour < 24; hour++) {
            pick -= HOUR_WEIGHTS[hour];
            if (pick < 0) {
                return hour;
            }
        }
        return 23;
    }

    private static Model weightedModel(Random random) {
        int total = MODELS.stream().mapToInt(Model::weight).sum();
        int pick = random.nextInt(total);
        for (Model m : MODELS) {
            pick -= m.weight();
            if (pick < 0) {
                return m;
            }
        }
        return MODELS.get(0);
    }
}
