import { useEffect, useRef } from 'react';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { SurveySummary } from '@anchang/contracts';

echarts.use([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

/** The trend by day: answers as bars, the average rating (1–5) and NPS (−100..100) as lines. */
export function TrendChart({ days, labels }: { days: SurveySummary['byDay']; labels: { answers: string; rating: string; nps: string } }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    chart.setOption({
      grid: { left: 48, right: 56, top: 40, bottom: 32 },
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: [labels.answers, labels.rating, labels.nps] },
      xAxis: { type: 'category', data: days.map((d) => d.date.slice(5)) },
      yAxis: [
        { type: 'value', name: labels.answers, minInterval: 1 },
        { type: 'value', name: 'NPS / ★', min: -100, max: 100, splitLine: { show: false } },
      ],
      series: [
        { name: labels.answers, type: 'bar', data: days.map((d) => d.answers), itemStyle: { color: '#c7d7ea' }, barMaxWidth: 24 },
        // The rating is drawn on the NPS axis scaled ×20 (5 ★ = 100) so both read on one side; the tooltip shows the real value.
        {
          name: labels.rating,
          type: 'line',
          yAxisIndex: 1,
          data: days.map((d) => (d.averageRating === null ? null : d.averageRating * 20)),
          tooltip: { valueFormatter: (v: unknown) => (typeof v === 'number' ? `${(v / 20).toFixed(2)} ★` : '—') },
          itemStyle: { color: '#f59e0b' },
        },
        { name: labels.nps, type: 'line', yAxisIndex: 1, data: days.map((d) => d.nps), itemStyle: { color: '#0f3d66' } },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [days, labels]);
  return <div ref={ref} style={{ width: '100%', height: 260 }} data-testid="survey-trend" />;
}
