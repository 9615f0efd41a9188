/** A QR code's geometry as made in the Worker (worker/lib/qr.ts qrPath): passed as data, drawn as SVG. */
export type QrGeometry = { size: number; d: string };

/** A QR code as an <svg> element (no HTML strings), black on white whatever the page's colours. */
export function QrCode({ qr, label, class: cls }: { qr: QrGeometry; label: string; class?: string }) {
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      class={cls}
      viewBox={`0 0 ${qr.size} ${qr.size}`}
      role="img"
      aria-label={label}
      shape-rendering="crispEdges"
    >
      <rect width={qr.size} height={qr.size} fill="#fff" />
      <path d={qr.d} />
    </svg>
  );
}
