import type { BpPoint } from "../../bindings/BpPoint";
import type { GlucosePoint } from "../../bindings/GlucosePoint";
import type { ThresholdVersion } from "../../bindings/ThresholdVersion";
import type { LineSeriesOption } from "echarts/charts";
import type {
  GridComponentOption,
  LegendComponentOption,
  MarkLineComponentOption,
  TooltipComponentOption,
} from "echarts/components";
import type { ComposeOption } from "echarts/core";
import { t } from "../../i18n";
import { formatDateCn } from "../../utils/format";
import { glucoseKindLabel } from "./options";

/** The options TrendChart is given here: line series with grid, tooltip, legend and mark lines. */
export type TrendChartOption = ComposeOption<
  LineSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption | MarkLineComponentOption
>;

/**
 * Where the charts draw their reference lines: the "uncontrolled" bounds of the current threshold
 * version. The lines only guide the eye; whether a reading is flagged is the core's decision.
 */
export type ChartGuides = { systolic: number; diastolic: number; glucoseX10: number };

/** The defaults of the national guidance (140/90 mmHg, fasting 7.0 mmol/L), used until the core's are known. */
export const DEFAULT_GUIDES: ChartGuides = { systolic: 140, diastolic: 90, glucoseX10: 70 };

export function guidesFrom(version: ThresholdVersion | null | undefined): ChartGuides {
  if (!version) return DEFAULT_GUIDES;
  const { bp, glucose } = version.thresholds;
  return {
    systolic: bp.uncontrolledSystolic,
    diastolic: bp.uncontrolledDiastolic,
    glucoseX10: glucose.fastingDiabetesX10,
  };
}

const SYSTOLIC_COLOR = "#d9534f";
const DIASTOLIC_COLOR = "#409eff";
const GLUCOSE_COLOR = "#e6a23c";

/** The tooltip is HTML; the core's texts are escaped before they go into it. */
function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The one tooltip param field used: which point (same index in every series, built from one array). */
type TooltipParam = { dataIndex: number; marker?: unknown; seriesName?: string; value?: unknown };

function firstParam(params: unknown): TooltipParam | null {
  const list = (Array.isArray(params) ? params : [params]) as TooltipParam[];
  return list[0] ?? null;
}

/** "2026年11月28日 · 随访": the source makes a follow-up reading distinguishable from a check-up. */
function pointTitle(date: string, source: string): string {
  return `<strong>${escapeHtml(formatDateCn(date))}</strong> · ${escapeHtml(source)}`;
}

/** A dashed horizontal reference line with its value as the label. */
function guideLine(value: number, label: string, color: string) {
  return {
    silent: true,
    symbol: "none",
    lineStyle: { type: "dashed" as const, color },
    label: { formatter: label, position: "insideEndTop" as const, color },
    data: [{ yAxis: value }],
  };
}

const DAY_MS = 24 * 3600 * 1000;

/** Dates, never finer than a day: a single reading would otherwise get ticks hours apart, each
 * labelled with the same date. */
const timeAxis = {
  type: "time" as const,
  minInterval: DAY_MS,
  axisLabel: { formatter: "{yyyy}-{MM}-{dd}", hideOverlap: true },
};

/** 血压: systolic and diastolic over time, reference lines at the uncontrolled bounds. */
export function bpChartOption(points: BpPoint[], guides: ChartGuides = DEFAULT_GUIDES): TrendChartOption {
  const unit = t("checkups.health.mmHg");
  return {
    grid: { left: 48, right: 56, top: 40, bottom: 32 },
    legend: { top: 0, data: [t("checkups.health.systolic"), t("checkups.health.diastolic")] },
    tooltip: {
      trigger: "axis",
      formatter: (params: unknown) => {
        const p = firstParam(params);
        const point = p ? points[p.dataIndex] : undefined;
        if (!point) return "";
        return [
          pointTitle(point.date, point.source),
          `${t("checkups.health.systolic")} ${point.systolic} ${unit}`,
          `${t("checkups.health.diastolic")} ${point.diastolic} ${unit}`,
        ].join("<br/>");
      },
    },
    xAxis: timeAxis,
    yAxis: {
      type: "value",
      name: unit,
      // Keep the reference lines on the chart even when every reading is far below them.
      min: (v: { min: number }) => Math.floor((Math.min(v.min, guides.diastolic) - 10) / 10) * 10,
      max: (v: { max: number }) => Math.ceil((Math.max(v.max, guides.systolic) + 10) / 10) * 10,
    },
    series: [
      {
        type: "line",
        name: t("checkups.health.systolic"),
        data: points.map((p) => [p.date, p.systolic]),
        color: SYSTOLIC_COLOR,
        symbolSize: 8,
        markLine: guideLine(guides.systolic, String(guides.systolic), SYSTOLIC_COLOR),
      },
      {
        type: "line",
        name: t("checkups.health.diastolic"),
        data: points.map((p) => [p.date, p.diastolic]),
        color: DIASTOLIC_COLOR,
        symbolSize: 8,
        markLine: guideLine(guides.diastolic, String(guides.diastolic), DIASTOLIC_COLOR),
      },
    ],
  };
}

/** 血糖: mmol/L over time (the core sends tenths), the kind in the tooltip, a line at the diabetes bound. */
export function glucoseChartOption(points: GlucosePoint[], guides: ChartGuides = DEFAULT_GUIDES): TrendChartOption {
  const unit = t("checkups.health.mmol");
  const guide = guides.glucoseX10 / 10;
  return {
    grid: { left: 48, right: 56, top: 40, bottom: 32 },
    legend: { top: 0, data: [t("checkups.health.glucose")] },
    tooltip: {
      trigger: "axis",
      formatter: (params: unknown) => {
        const p = firstParam(params);
        const point = p ? points[p.dataIndex] : undefined;
        if (!point) return "";
        const value = t("checkups.health.glucoseValue", {
          value: (point.valueX10 / 10).toFixed(1),
          unit,
          kind: glucoseKindLabel(point.kind),
        });
        return [pointTitle(point.date, point.source), `${t("checkups.health.glucose")} ${escapeHtml(value)}`].join(
          "<br/>",
        );
      },
    },
    xAxis: timeAxis,
    yAxis: {
      type: "value",
      name: unit,
      min: (v: { min: number }) => Math.max(0, Math.floor(Math.min(v.min, guide) - 1)),
      max: (v: { max: number }) => Math.ceil(Math.max(v.max, guide) + 1),
    },
    series: [
      {
        type: "line",
        name: t("checkups.health.glucose"),
        data: points.map((p) => [p.date, p.valueX10 / 10]),
        color: GLUCOSE_COLOR,
        symbolSize: 8,
        markLine: guideLine(guide, guide.toFixed(1), GLUCOSE_COLOR),
      },
    ],
  };
}
