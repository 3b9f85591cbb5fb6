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

function panel({ x, y, width, height, title, unit, groups, format, ratioLabel }) {
  const max = niceMax(Math.max(...groups.flatMap((g) => [g.baseline, g.api]).filter(Number.isFinite)));
  const plotTop = y + 40;
  const plotBottom = y + height - 58;
  const plotLeft = x + 58;
  const plotRight = x + width - 12;
  const scale = (v) => plotBottom - ((plotBottom - plotTop) * v) / max;
  const out = [`<text x="${x + width / 2}" y="${y + 18}" class="title" text-anchor="middle">${escape(title)}</text>`];
  for (let i = 0; i <= 4; i++) {
    const value = (max * i) / 4;
    const gy = scale(value);
    out.push(`<line x1="${plotLeft}" x2="${plotRight}" y1="${gy}" y2="${gy}" class="grid"/>`);
    out.push(`<text x="${plotLeft - 6}" y="${gy + 4}" class="axis" text-anchor="end">${escape(format(value))}</text>`);
  }
  out.push(`<text x="${x + 12}" y="${(plotTop + plotBottom) / 2}" class="axis" text-anchor="middle" transform="rotate(-90 ${x + 12} ${(plotTop + plotBottom) / 2})">${escape(unit)}</text>`);
  const groupWidth = (plotRight - plotLeft) / groups.length;
  const bar = Math.min(64, groupWidth * 0.3);
  groups.forEach((group, index) => {
    const center = plotLeft + groupWidth * (index + 0.5);
    [['baseline', center - bar - 3], ['api', center + 3]].forEach(([kind, left]) => {
      const value = group[kind];
      if (!Number.isFinite(value)) return;
      const top = scale(value);
      out.push(`<rect x="${left}" y="${top}" width="${bar}" height="${Math.max(0, plotBottom - top)}" fill="${COLORS[kind]}"><title>${escape(`${group.label}, ${kind === 'api' ? 'paytokens API' : group.baselineName}: ${format(value)} ${unit}`)}</title></rect>`);
      out.push(`<text x="${left + bar / 2}" y="${top - 5}" class="value" text-anchor="middle">${escape(format(value))}</text>`);
    });
    out.push(`<text x="${center}" y="${plotBottom + 18}" class="label" text-anchor="middle">${escape(group.label)}</text>`);
    const ratio = group.api / group.baseline;
    if (Number.isFinite(ratio)) out.push(`<text x="${center}" y="${plotBottom + 36}" class="ratio" text-anchor="middle">${escape(ratioLabel(ratio))}</text>`);
  });
  out.push(`<line x1="${plotLeft}" x2="${plotRight}" y1="${plotBottom}" y2="${plotBottom}" class="baseline-axis"/>`);
  return out.join('\n');
}

/** An SVG document comparing each path with its baseline. `paths`: `[{ label, baselineName, api, baseline }]` of load results. */
export function renderChart(paths, { subtitle = '' } = {}) {
  const width = 960;
  const height = 440;
  const rps = paths.map((p) => ({ label: p.label, baselineName: p.baselineName, api: p.api?.requestsPerSecond, baseline: p.baseline?.requestsPerSecond }));
  const p99 = paths.map((p) => ({ label: p.label, baselineName: p.baselineName, api: p.api?.p99Ms, baseline: p.baseline?.p99Ms }));
  const body = [
    panel({ x: 0, y: 30, width: width / 2, height: height - 60, title: 'Requests per second (higher is better)', unit: 'req/s', groups: rps, format: (v) => Math.round(v).toLocaleString('en-US'), ratioLabel: (r) => `API = ${(100 * r).toFixed(0)}% of baseline` }),
    panel({ x: width / 2, y: 30, width: width / 2, height: height - 60, title: 'p99 latency (lower is better)', unit: 'ms', groups: p99, format: (v) => (v >= 10 ? v.toFixed(0) : v.toFixed(1)), ratioLabel: (r) => `API = ${r.toFixed(2)}× baseline` }),
  ];
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
<rect x="${width / 2 - 170}" y="${height - 22}" width="12" height="12" fill="${COLORS.baseline}"/>
<text x="${width / 2 - 152}" y="${height - 12}" class="axis">baseline (bare Fastify / Fastify + undici)</text>
<rect x="${width / 2 + 90}" y="${height - 22}" width="12" height="12" fill="${COLORS.api}"/>
<text x="${width / 2 + 108}" y="${height - 12}" class="axis">paytokens API</text>
</svg>
`;
}
