// Durations as operators type them: `15m`, `3h`, `1d`, `2w`, or combined like `1d12h`.
const unitMs = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1_000 } as const;

const durationPattern = /^(\d+[wdhms])+$/;

/** Milliseconds, or undefined when the text is not a positive duration. */
export const parseDuration = (text: string): number | undefined => {
  const compact = text.trim().toLowerCase();
  if (!durationPattern.test(compact)) return undefined;
  let total = 0;
  for (const [, amount, unit] of compact.matchAll(/(\d+)([wdhms])/g)) {
    total += Number(amount) * unitMs[unit as keyof typeof unitMs];
  }
  return total > 0 ? total : undefined;
};

/** The inverse for display: 90061000 → `1d 1h 1m 1s`. */
export const formatDuration = (ms: number): string => {
  const parts: string[] = [];
  let rest = ms;
  for (const [unit, size] of Object.entries(unitMs)) {
    if (unit === 'w') continue;
    const amount = Math.floor(rest / size);
    if (amount > 0) parts.push(`${amount}${unit}`);
    rest -= amount * size;
  }
  return parts.join(' ') || '0s';
};
