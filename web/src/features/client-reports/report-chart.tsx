/**
 * One report chart drawn by ECharts in the browser. Only the parts the report uses are imported
 * from `echarts/core`, and this file is loaded lazily, so ECharts reaches only the report's page.
 */
import { useEffect, useRef } from 'react';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { reportChartOption, type ReportChart } from '@anchang/contracts';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export function ReportChartView({ chart, height = 260 }: { chart: ReportChart; height?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // SVG: crisp at any zoom and readable by tests and assistive tools (the labels are text).
    const instance = echarts.init(el, null, { renderer: 'svg' });
    instance.setOption(reportChartOption(chart));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
    };
  }, [chart]);
  return (
    <div
      ref={ref}
      style={{ width: '100%', height }}
      role="img"
      aria-label={chart.title}
      data-testid="report-chart"
      data-points={chart.series.reduce((n, s) => n + s.data.length, 0)}
    />
  );
}
