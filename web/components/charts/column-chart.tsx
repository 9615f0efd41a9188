import { chartIds, GRID, INK, PALETTE } from './svg';

export type Series = { name: string; values: number[] };

const H = 180;
const TOP = 24;
const LEFT = 40;
const BOTTOM = 22;

/** Grouped columns per category (months), for counts; a legend names the series. */
export function ColumnChart({
  id,
  title,
  desc,
  categories,
  series,
}: {
  id: string;
  title: string;
  desc: string;
  categories: string[];
  series: Series[];
}) {
  const ids = chartIds(id);
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const group = Math.max(24, series.length * 12 + 10);
  const width = LEFT + categories.length * group + 10;
  const bar = (group - 10) / Math.max(1, series.length);
  const y = (v: number) => TOP + H - (v / max) * H;
  return (
    <svg
      class="chart"
      role="img"
      aria-labelledby={`${ids.title} ${ids.desc}`}
      viewBox={`0 0 ${Math.max(width, 320)} ${TOP + H + BOTTOM}`}
      width="100%"
    >
      <title id={ids.title}>{title}</title>
      <desc id={ids.desc}>{desc}</desc>
      {[0, 0.5, 1].map((f) => (
        <g>
          <line x1={LEFT} x2={width} y1={y(max * f)} y2={y(max * f)} stroke={GRID} />
          <text x={LEFT - 4} y={y(max * f) + 4} text-anchor="end" font-size="10" fill={INK}>
            {Math.round(max * f)}
          </text>
        </g>
      ))}
      {categories.map((c, i) => (
        <g>
          {series.map((s, j) => {
            const v = s.values[i] ?? 0;
            return (
              <rect x={LEFT + i * group + 5 + j * bar} y={y(v)} width={bar - 1} height={TOP + H - y(v)} fill={PALETTE[j % PALETTE.length]}>
                <title>{`${c} ${s.name}: ${v}`}</title>
              </rect>
            );
          })}
          <text x={LEFT + i * group + group / 2} y={TOP + H + 15} text-anchor="middle" font-size="10" fill={INK}>
            {c.slice(5) || c}
          </text>
        </g>
      ))}
      {series.map((s, j) => (
        <g>
          <rect x={LEFT + j * 90} y={4} width={10} height={10} fill={PALETTE[j % PALETTE.length]} />
          <text x={LEFT + j * 90 + 14} y={13} font-size="11" fill={INK}>
            {s.name}
          </text>
        </g>
      ))}
    </svg>
  );
}
