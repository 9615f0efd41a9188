import { chartIds, GRID, INK, PALETTE } from './svg';

export type Point = { label: string; value: number | null; text: string };

const H = 160;
const TOP = 12;
const LEFT = 44;
const STEP = 48;

/** A rate over time (0–100 %); a missing or suppressed point is left out rather than drawn as a fake zero. */
export function LineChart({ id, title, desc, points }: { id: string; title: string; desc: string; points: Point[] }) {
  const ids = chartIds(id);
  const width = LEFT + Math.max(1, points.length) * STEP;
  const x = (i: number) => LEFT + i * STEP + STEP / 2;
  const y = (v: number) => TOP + H - v * H;
  // The line joins the known points; a month without a figure gets no dot (its text says why).
  const line = points.flatMap((p, i) => (p.value === null ? [] : [`${x(i)},${y(p.value)}`]));
  return (
    <svg
      class="chart"
      role="img"
      aria-labelledby={`${ids.title} ${ids.desc}`}
      viewBox={`0 0 ${Math.max(width, 320)} ${TOP + H + 24}`}
      width="100%"
    >
      <title id={ids.title}>{title}</title>
      <desc id={ids.desc}>{desc}</desc>
      {[0, 0.5, 1].map((f) => (
        <g>
          <line x1={LEFT} x2={width} y1={y(f)} y2={y(f)} stroke={GRID} />
          <text x={LEFT - 4} y={y(f) + 4} text-anchor="end" font-size="10" fill={INK}>
            {`${f * 100}%`}
          </text>
        </g>
      ))}
      {line.length > 1 && <polyline points={line.join(' ')} fill="none" stroke={PALETTE[0]} stroke-width="2" />}
      {points.map((p, i) => (
        <g>
          {p.value !== null && (
            <circle cx={x(i)} cy={y(p.value)} r="3.5" fill={PALETTE[0]}>
              <title>{`${p.label}: ${p.text}`}</title>
            </circle>
          )}
          <text x={x(i)} y={TOP + H + 16} text-anchor="middle" font-size="10" fill={INK}>
            {p.label.slice(5) || p.label}
          </text>
        </g>
      ))}
    </svg>
  );
}
