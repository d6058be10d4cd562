import { mount } from "@vue/test-utils";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { nextTick } from "vue";
import TrendChart from "../src/components/TrendChart.vue";

// happy-dom has no canvas: ECharts is replaced by a fake instance that records the calls.
const chart = vi.hoisted(() => ({ setOption: vi.fn(), resize: vi.fn(), dispose: vi.fn() }));
vi.mock("echarts/core", () => ({ init: vi.fn(() => chart), use: vi.fn() }));
vi.mock("echarts/charts", () => ({ LineChart: {} }));
vi.mock("echarts/components", () => ({
  GridComponent: {},
  TooltipComponent: {},
  LegendComponent: {},
  MarkLineComponent: {},
}));
vi.mock("echarts/renderers", () => ({ CanvasRenderer: {} }));

beforeEach(() => {
  chart.setOption.mockClear();
  chart.dispose.mockClear();
});

describe("TrendChart", () => {
  it("draws the option, replaces it when it changes, and disposes the chart on unmount", async () => {
    const first = { series: [{ type: "line", data: [["2026-11-28", 185]] }] };
    const wrapper = mount(TrendChart, { props: { option: first, testId: "chart" } });
    expect(wrapper.attributes("data-test")).toBe("chart");
    expect(chart.setOption).toHaveBeenCalledWith(first, true);

    const second = { series: [{ type: "line", data: [] }] };
    await wrapper.setProps({ option: second });
    await nextTick();
    expect(chart.setOption).toHaveBeenLastCalledWith(second, true);

    wrapper.unmount();
    expect(chart.dispose).toHaveBeenCalledTimes(1);
  });
});
