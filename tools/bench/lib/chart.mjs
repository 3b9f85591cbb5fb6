// The bench chart, drawn by hand as SVG: per path, the API next to its baseline, for requests per second
// (higher is better) and p99 latency (lower is better).

const COLORS = { baseline: '#9aa5b1', api: '#2f6fdf' };
const escape = (text) => String(text).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

function niceMax(value) {
  if (!(value > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (step * magnitude >= value * 1.08) return step * magnitude;
  return 10 * magnitude;
}

function panel({ x, y, width, height, title, unit, group, format, ratioLabel }) {
  const values = [group.baseline, group.api].filter(Number.isFinite);
  const max = niceMax(Math.max(...values, 0));
  const plotTop = y + 44;
  const plotBottom = y + height - 62;
  const plotLeft = x + 62;
  const plotRight = x + width - 16;
  const scale = (v) => plotBottom - ((plotBottom - plotTop) * v) / max;
  const out = [`<text x="${x + width / 2}" y="${y + 20}" class="title" text-anchor="middle">${escape(title)}</text>`];
  for (let i = 0; i <= 4; i++) {
    const value = (max * i) / 4;
    const gy = scale(value);
    out.push(`<line x1="${plotLeft}" x2="${plotRight}" y1="${gy}" y2="${gy}" class="grid"/>`);
    out.push(`<text x="${plotLeft - 6}" y="${gy + 4}" class="axis" text-anchor="end">${escape(format(value))}</text>`);
  }
  out.push(
    `<text x="${x + 14}" y="${(plotTop + plotBottom) / 2}" class="axis" text-anchor="middle" transform="rotate(-90 ${x + 14} ${(plotTop + plotBottom) / 2})">${escape(unit)}</text>`,
  );
  const center = (plotLeft + plotRight) / 2;
  const bar = Math.min(90, (plotRight - plotLeft) * 0.28);
  [
    ['baseline', center - bar - 10, group.baselineName],
    ['api', center + 10, 'paytokens API'],
  ].forEach(([kind, left, name]) => {
    const value = group[kind];
    out.push(`<text x="${left + bar / 2}" y="${plotBottom + 17}" class="label" text-anchor="middle">${escape(name)}</text>`);
    if (!Number.isFinite(value)) return;
    const top = scale(value);
    out.push(
      `<rect x="${left}" y="${top}" width="${bar}" height="${Math.max(0, plotBottom - top)}" fill="${COLORS[kind]}"><title>${escape(`${group.label}, ${name}: ${format(value)} ${unit}`)}</title></rect>`,
    );
    out.push(`<text x="${left + bar / 2}" y="${top - 6}" class="value" text-anchor="middle">${escape(format(value))}</text>`);
  });
  const ratio = group.api / group.baseline;
  if (Number.isFinite(ratio))
    out.push(`<text x="${center}" y="${plotBottom + 38}" class="ratio" text-anchor="middle">${escape(ratioLabel(ratio))}</text>`);
  out.push(`<line x1="${plotLeft}" x2="${plotRight}" y1="${plotBottom}" y2="${plotBottom}" class="baseline-axis"/>`);
  return out.join('\n');
}

/**
 * An SVG document comparing each path with its baseline: one row of panels per path, requests per second
 * on the left and p99 latency on the right, each panel on its own scale. `paths`: `[{ label, baselineName,
 * api, baseline }]` of load results.
 */
export function renderChart(paths, { subtitle = '' } = {}) {
  const width = 960;
  const rowHeight = 300;
  const top = 40;
  const height = top + rowHeight * paths.length + 10;
  const body = paths.flatMap((p, row) => {
    const y = top + row * rowHeight;
    const common = { label: p.label, baselineName: p.shortBaselineName ?? p.baselineName };
    return [
      panel({
        x: 0,
        y,
        width: width / 2,
        height: rowHeight,
        title: `${p.label}: req/s (higher is better)`,
        unit: 'req/s',
        group: { ...common, api: p.api?.requestsPerSecond, baseline: p.baseline?.requestsPerSecond },
        format: (v) => Math.round(v).toLocaleString('en-US'),
        ratioLabel: (r) => `API: ${(100 * r).toFixed(0)}% of the baseline`,
      }),
      panel({
        x: width / 2,
        y,
        width: width / 2,
        height: rowHeight,
        title: `${p.label}: p99 latency (lower is better)`,
        unit: 'ms',
        group: { ...common, api: p.api?.p99Ms, baseline: p.baseline?.p99Ms },
        format: (v) => (v >= 10 ? v.toFixed(0) : v.toFixed(1)),
        ratioLabel: (r) => `API: ${r.toFixed(2)}× the baseline`,
      }),
    ];
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif">
<style>
  .title { font-size: 15px; font-weight: 600; fill: #1f2933; }
  .heading { font-size: 17px; font-weight: 700; fill: #1f2933; }
  .sub { font-size: 12px; fill: #52606d; }
  .axis { font-size: 11px; fill: #52606d; }
  .label { font-size: 13px; fill: #1f2933; }
  .value { font-size: 11px; fill: #1f2933; }
  .ratio { font-size: 12px; fill: #52606d; }
  .grid { stroke: #e4e7eb; stroke-width: 1; }
  .baseline-axis { stroke: #7b8794; stroke-width: 1; }
</style>
<rect width="100%" height="100%" fill="#ffffff"/>
<text x="16" y="24" class="heading">paytokens API vs bare baselines</text>
<text x="${width - 16}" y="24" class="sub" text-anchor="end">${escape(subtitle)}</text>
${body.join('\n')}
</svg>
`;
}
