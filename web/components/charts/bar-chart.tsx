import { chartIds, clip, GRID, INK, PALETTE } from './svg';

export type Bar = {
  label: string;
  /** 0..max, or null when the figure is suppressed or has no data (then `text` says why). */
  value: number | null;
  /** What is printed after the bar, e.g. "93.3%" or "样本不足". */
  text: string;
  href?: string;
};

const ROW = 26;
const LABEL_W = 170;
const BAR_W = 360;
const WIDTH = LABEL_W + BAR_W + 110;

/**
 * Horizontal bars, one per row, readable without JavaScript. The chart is an image with a title and a
 * description for screen readers; every page shows the same figures in a table beside it. When its bars
 * are links it is a group instead: an image's content is hidden from screen readers, and links inside
 * one would take the keyboard focus without a name (WCAG 4.1.2; axe nested-interactive).
 */
export function BarChart({ id, title, desc, bars, max = 1 }: { id: string; title: string; desc: string; bars: Bar[]; max?: number }) {
  const ids = chartIds(id);
  const height = Math.max(1, bars.length) * ROW + 8;
  const scale = max > 0 ? BAR_W / max : 0;
  return (
    <svg
      class="chart"
      role={bars.some((b) => b.href) ? 'group' : 'img'}
      aria-labelledby={`${ids.title} ${ids.desc}`}
      viewBox={`0 0 ${WIDTH} ${height}`}
      width="100%"
      preserveAspectRatio="xMinYMin meet"
    >
      <title id={ids.title}>{title}</title>
      <desc id={ids.desc}>{desc}</desc>
      <line x1={LABEL_W} y1={0} x2={LABEL_W} y2={height} stroke={GRID} />
      {bars.map((b, i) => {
        const y = i * ROW + 4;
        const w = b.value === null ? 0 : Math.max(b.value > 0 ? 1 : 0, Math.min(BAR_W, b.value * scale));
        const row = (
          <g>
            <title>{`${b.label}: ${b.text}`}</title>
            <text x={LABEL_W - 6} y={y + ROW / 2 + 4} text-anchor="end" font-size="12" fill={INK}>
              {clip(b.label, 13)}
            </text>
            <rect x={LABEL_W} y={y + 3} width={w} height={ROW - 8} fill={PALETTE[0]} />
            <text x={LABEL_W + w + 6} y={y + ROW / 2 + 4} font-size="12" fill={INK}>
              {b.text}
            </text>
          </g>
        );
        return b.href ? <a href={b.href}>{row}</a> : row;
      })}
    </svg>
  );
}
