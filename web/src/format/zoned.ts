// Wall-clock times in the organisation's time zone ↔ instants. A datetime-local input gives
// "2026-11-20T14:30" without a zone; the CRM means the tenant's zone, not the browser's.

const partsFormat = new Map<string, Intl.DateTimeFormat>();

const formatFor = (timeZone: string): Intl.DateTimeFormat => {
  let format = partsFormat.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormat.set(timeZone, format);
  }
  return format;
};

/** The zone's offset from UTC at an instant, in milliseconds (Moscow: +3 h). */
export const zoneOffsetMs = (timeZone: string, at: number): number => {
  const parts = Object.fromEntries(
    formatFor(timeZone)
      .formatToParts(new Date(at))
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return asUtc - Math.floor(at / 1000) * 1000;
};

/** "2026-11-20T14:30" on the wall clock of `timeZone` → ISO instant in UTC. */
export const zonedLocalToIso = (local: string, timeZone: string): string | undefined => {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!match) return undefined;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  let instant = wall - zoneOffsetMs(timeZone, wall);
  instant = wall - zoneOffsetMs(timeZone, instant);
  return new Date(instant).toISOString();
};

/** An instant as "YYYY-MM-DDTHH:mm" on the wall clock of `timeZone` (for datetime-local values). */
export const isoToZonedLocal = (iso: string | number | Date, timeZone: string): string => {
  const at = new Date(iso).getTime();
  const local = new Date(at + zoneOffsetMs(timeZone, at));
  return local.toISOString().slice(0, 16);
};
