-- FinOps FOCUS 1.3 rows from the spend logs: the same rows as the gateway's
-- GET /api/v1/reports/export?format=focus, one per day x scope (key, user, team, end user, requested
-- model, tag set) x served model x token kind (input, cache_read, cache_write, output; a group whose
-- calls moved no tokens and cost nothing, e.g. refusals, gets one 'requests' row). Each kind's BilledCost
-- is the sum of the lines' recorded cost of that kind (input_cost, cache_read_cost, cache_write_cost,
-- output_cost), so Σ BilledCost = Σ cost. Lines written before input_cost/output_cost existed have no
-- split: their unsplit cost lands on the output row here (the export allocates it by list rates).
-- Days are UTC days (the dt partition); the export's days are in the budget time zone, the same rows
-- when that zone is UTC. Columns FOCUS defines that a gateway cannot know are NULL (docs/analytics.md).
-- Parameters: 1. first day, 2. last day ('YYYY-MM-DD', inclusive; they prune the dt partitions).
-- Athena: PREPARE focus_export FROM <this statement>;
--         EXECUTE focus_export USING '2025-05-01', '2025-05-31'
WITH grouped AS (
  SELECT
    dt AS day,
    coalesce(key_hash, '') AS key_hash,
    coalesce(user_id, '') AS user_id,
    coalesce(team_id, '') AS team_id,
    coalesce(end_user, '') AS end_user,
    coalesce(requested_model, '') AS requested_model,
    coalesce(model, '') AS model,
    coalesce(provider, '') AS provider,
    array_sort(coalesce(tags, ARRAY[])) AS tag_set,
    max(nullif(key_alias, '')) AS key_alias,
    count(*) AS requests,
    sum(greatest(prompt_tokens - cache_read_tokens - cache_write_tokens, 0)) AS input_tokens,
    sum(cache_read_tokens) AS cache_read_tokens,
    sum(cache_write_tokens) AS cache_write_tokens,
    sum(completion_tokens) AS output_tokens,
    sum(coalesce(input_cost, 0)) AS input_cost,
    sum(coalesce(cache_read_cost, 0)) AS cache_read_cost,
    sum(coalesce(cache_write_cost, 0)) AS cache_write_cost,
    sum(cost) - sum(coalesce(input_cost, 0)) - sum(coalesce(cache_read_cost, 0))
      - sum(coalesce(cache_write_cost, 0)) AS output_cost
  FROM spend_logs
  WHERE dt BETWEEN ? AND ?
  GROUP BY dt, coalesce(key_hash, ''), coalesce(user_id, ''), coalesce(team_id, ''), coalesce(end_user, ''),
    coalesce(requested_model, ''), coalesce(model, ''), coalesce(provider, ''),
    array_sort(coalesce(tags, ARRAY[]))
),
kinds AS (
  SELECT g.*, k.kind, k.tokens, k.kind_cost, k.ordinal
  FROM grouped g
  CROSS JOIN UNNEST(
    ARRAY['input', 'cache_read', 'cache_write', 'output', 'requests'],
    ARRAY[g.input_tokens, g.cache_read_tokens, g.cache_write_tokens, g.output_tokens, 0],
    ARRAY[g.input_cost, g.cache_read_cost, g.cache_write_cost, g.output_cost, 0]
  ) WITH ORDINALITY AS k (kind, tokens, kind_cost, ordinal)
  WHERE (k.kind <> 'requests' AND (k.tokens <> 0 OR k.kind_cost <> 0))
     OR (k.kind = 'requests' AND g.input_tokens = 0 AND g.cache_read_tokens = 0 AND g.cache_write_tokens = 0
         AND g.output_tokens = 0 AND g.input_cost = 0 AND g.cache_read_cost = 0 AND g.cache_write_cost = 0
         AND g.output_cost = 0)
)
SELECT
  kind_cost AS BilledCost,
  CAST(NULL AS varchar) AS BillingAccountId,
  CAST(NULL AS varchar) AS BillingAccountName,
  'USD' AS BillingCurrency,
  CAST(date_add('month', 1, date_trunc('month', date(day))) AS varchar) || 'T00:00:00+00:00'
    AS BillingPeriodEnd,
  CAST(date_trunc('month', date(day)) AS varchar) || 'T00:00:00+00:00' AS BillingPeriodStart,
  'Usage' AS ChargeCategory,
  CAST(NULL AS varchar) AS ChargeClass,
  coalesce(nullif(model, ''), 'unresolved model') || ' ' || kind || ' tokens'
    || IF(provider = '', '', ' via ' || provider) AS ChargeDescription,
  'Usage-Based' AS ChargeFrequency,
  CAST(date_add('day', 1, date(day)) AS varchar) || 'T00:00:00+00:00' AS ChargePeriodEnd,
  day || 'T00:00:00+00:00' AS ChargePeriodStart,
  CAST(NULL AS varchar) AS CommitmentDiscountId,
  tokens AS ConsumedQuantity,
  'Tokens' AS ConsumedUnit,
  kind_cost AS ContractedCost,
  CAST(NULL AS decimal(22, 12)) AS ContractedUnitPrice,
  kind_cost AS EffectiveCost,
  CASE provider WHEN '' THEN NULL WHEN 'bedrock' THEN 'AWS' WHEN 'azure' THEN 'Microsoft'
    WHEN 'mock' THEN 'Tollgate' ELSE provider END AS HostProviderName,
  CASE provider WHEN '' THEN NULL WHEN 'bedrock' THEN 'AWS' WHEN 'azure' THEN 'Microsoft'
    WHEN 'mock' THEN 'Tollgate' ELSE provider END AS InvoiceIssuerName,
  kind_cost AS ListCost,
  CAST(NULL AS decimal(22, 12)) AS ListUnitPrice,
  'Standard' AS PricingCategory,
  tokens AS PricingQuantity,
  'Tokens' AS PricingUnit,
  CAST(NULL AS varchar) AS RegionId,
  nullif(key_hash, '') AS ResourceId,
  key_alias AS ResourceName,
  'Virtual Key' AS ResourceType,
  'AI and Machine Learning' AS ServiceCategory,
  IF(provider = '', NULL, provider || ' ' || model) AS ServiceName,
  nullif(provider, '') AS ServiceProviderName,
  'Generative AI' AS ServiceSubcategory,
  nullif(model, '') AS SkuId,
  IF(model = '', NULL, model || ':' || kind) AS SkuPriceId,
  nullif(team_id, '') AS SubAccountId,
  nullif(team_id, '') AS SubAccountName,
  json_format(CAST(map_filter(
    MAP(
      ARRAY['team', 'user', 'key_alias', 'end_user', 'requested_model', 'request_tags'],
      ARRAY[
        CAST(nullif(team_id, '') AS JSON), CAST(nullif(user_id, '') AS JSON), CAST(key_alias AS JSON),
        CAST(nullif(end_user, '') AS JSON), CAST(nullif(requested_model, '') AS JSON),
        IF(cardinality(tag_set) = 0, NULL, CAST(tag_set AS JSON))]),
    (name, value) -> value IS NOT NULL) AS JSON)) AS Tags,
  kind AS x_TokenKind,
  requests AS x_Requests
FROM kinds
ORDER BY day, key_hash, user_id, team_id, end_user, requested_model, model, provider,
  array_join(tag_set, ','), ordinal
