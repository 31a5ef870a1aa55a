// The lesson figures' plotting layer (lessons/lib/plot.mjs): what a reader
// needs from a figure reaches the SVG that raster.mjs turns into a PNG.
import { chart, heatmap, panels, toSvg } from '../../lessons/lib/plot.mjs';

const size = (svg) => [Number(/width="([\d.]+)"/.exec(svg)[1]), Number(/height="([\d.]+)"/.exec(svg)[1])];
const count = (svg, text) => svg.split(text).length - 1;

describe('lesson plots', () => {
  test('a log axis is labelled in decades, named series get one legend entry each', async () => {
    const svg = await toSvg(chart({
      title: 'gradient norms', width: 500, height: 360,
      x: { label: 'layer', min: 1, max: 3, ticks: [1, 2, 3] },
      y: { label: 'norm', log: true },
      series: [
        { kind: 'band', color: '#d95f02', band: [[1, 1e-6, 1e-4], [2, 1e-5, 1e-3], [3, 1e-4, 1e-2]] },
        { kind: 'line', name: 'ReLU, He', color: '#d95f02', markers: true, points: [[1, 1e-5], [2, 1e-4], [3, 1e-3]] },
        { kind: 'line', name: 'tanh, Xavier', color: '#66a61e', dash: '2 3', points: [[1, 2e-3], [2, 3e-3], [3, 4e-3]] },
      ],
    }));
    const [width, height] = size(svg);
    expect(width).toBeGreaterThan(400);
    expect(width).toBeLessThan(600);
    expect(height).toBeGreaterThan(300);
    expect(height).toBeLessThan(420);
    for (const label of ['1e-6', '1e-4', '0.01']) expect(svg).toContain(`>${label}</text>`);
    expect(count(svg, '>ReLU, He</text>')).toBe(1);
    expect(count(svg, '>tanh, Xavier</text>')).toBe(1);
    expect(svg).toContain('stroke-dasharray="2,3"');
  });

  test('named ticks replace numbers, and each panel keeps its own legend', async () => {
    const strip = (name, color) => chart({
      title: name, width: 300, height: 260,
      x: { min: -0.5, max: 1.5, ticks: [0, 1], tickLabels: ['relu', 'leaky 0.01'] },
      y: { label: 'gap', min: 0 },
      series: [{ kind: 'points', name, color, jitter: 20, points: [[0, 0.1], [0, 0.2], [1, 0.3]] }],
    });
    const svg = await toSvg(panels([strip('left panel', '#d95f02'), strip('right panel', '#1b9e77')], { title: 'two panels' }));
    expect(count(svg, '>relu</text>')).toBe(2);
    expect(count(svg, '>leaky 0.01</text>')).toBe(2);
    // The legend entry of each panel, beside its title: the colour scales are not merged.
    expect(count(svg, '>left panel</text>')).toBe(2);
    expect(count(svg, '>right panel</text>')).toBe(2);
  });

  test('a heatmap shows every cell with its value, in light text on dark cells', async () => {
    const svg = await toSvg(heatmap({
      title: 'constant at init', rows: ['2', '8'], cols: ['1', '64'], values: [[0, 1], [0.25, 0.5]],
      rowLabel: 'units per layer', colLabel: 'hidden layers',
    }));
    for (const label of ['0.00', '1.00', '0.25', '0.50']) expect(svg).toContain(`>${label}</text>`);
    expect(svg).toMatch(/fill="#fff"[^>]*>1\.00<\/text>/);
    expect(svg).toMatch(/fill="#000"[^>]*>0\.25<\/text>/);
  });
});
