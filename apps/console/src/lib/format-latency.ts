/**
 * A latency for people: "235 ms" below a second, "2.35 s" above, "—" when there is none.
 * @example formatLatencyMs(2345) // "2.35 s"
 */
export function formatLatencyMs(latencyMs: number | null | undefined): string {
  if (latencyMs === null || latencyMs === undefined || !Number.isFinite(latencyMs)) return '—';
  if (latencyMs < 1000) return `${Math.round(latencyMs)} ms`;
  if (latencyMs < 10_000) return `${(latencyMs / 1000).toFixed(2)} s`;
  return `${(latencyMs / 1000).toFixed(1)} s`;
}

/**
 * A 0–1 ratio as a percent with the precision operators need near 100 % ("99.95 %"), "—" when there is none.
 * @example formatRatioAsPercent(0.9995) // "99.95 %"
 */
export function formatRatioAsPercent(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '—';
  const percent = ratio * 100;
  if (percent === 100 || percent === 0) return `${percent} %`;
  return `${percent.toFixed(2)} %`;
}

/**
 * A signed time offset (a clock difference or correction): "+35 ms", "−1.20 s", "0 ms"; "—" when there is none.
 * @example formatOffsetMs(-1200) // "−1.20 s"
 */
export function formatOffsetMs(offsetMs: number | null | undefined): string {
  if (offsetMs === null || offsetMs === undefined || !Number.isFinite(offsetMs)) return '—';
  const magnitude = formatLatencyMs(Math.abs(offsetMs));
  if (Math.round(offsetMs) === 0) return magnitude;
  // A real minus sign: a hyphen reads as a dash next to the digits.
  return `${offsetMs > 0 ? '+' : '\u2212'}${magnitude}`;
}
