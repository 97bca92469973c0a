/** Numbers as people read them: precision from the catalogue, units attached, signed gaps. Pure. */

export function formatValue(value: number | null | undefined, precision: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value.toLocaleString('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: Math.max(0, Math.min(6, precision)) });
}

/** "1.5 工作日", "65%": % sticks to the number, other units after a space. */
export function withUnit(text: string, unit: string): string {
  if (!unit) return text;
  return unit === '%' || unit === '‰' ? `${text}${unit}` : `${text} ${unit}`;
}

export function formatWithUnit(value: number | null | undefined, precision: number, unit: string): string {
  const s = formatValue(value, precision);
  return s === '—' ? s : withUnit(s, unit);
}

/** "+0.5", "−1.2" (a real minus sign), "0". */
export function formatSigned(value: number | null | undefined, precision: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const s = formatValue(Math.abs(value), precision);
  if (s === '0') return '0';
  return value > 0 ? `+${s}` : `−${s}`;
}

export function formatScore(score: number | null | undefined): string {
  if (score === null || score === undefined || !Number.isFinite(score)) return '—';
  return score.toFixed(1);
}

export function formatPercent(share: number | null | undefined, digits = 0): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  return `${(share * 100).toFixed(digits)}%`;
}

/** The fewest decimals, from `precision` up to 3, at which two different values read differently. */
export function distinctDigits(a: number, b: number, precision: number): number {
  for (let d = Math.max(0, precision); d < 3; d++) if (formatValue(a, d) !== formatValue(b, d)) return d;
  return 3;
}
