package backstep.report;

import backstep.drill.DrillResult;
import backstep.drill.TimelineEvent;
import backstep.drill.load.WorkloadTick;
import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The drill's workload latency per second (p50, p95) with the faults and decisions marked, as a PNG (xchart). */
public final class LatencyChart {
  private LatencyChart() {}

  public static byte[] png(DrillResult r) throws IOException {
    XYChart chart = new XYChartBuilder().width(900).height(360).title("Workload latency — " + r.title())
        .xAxisTitle("seconds since the drill started").yAxisTitle("ms").build();
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
    long t0 = r.startedAt().toEpochMilli();
    List<Double> x = new ArrayList<>();
    List<Double> p50 = new ArrayList<>();
    List<Double> p95 = new ArrayList<>();
    double top = 1;
    for (WorkloadTick t : r.ticks()) {
      x.add((t.at().toEpochMilli() - t0) / 1000.0);
      p50.add(Double.isNaN(t.p50()) ? 0 : t.p50());
      p95.add(Double.isNaN(t.p95()) ? 0 : t.p95());
      top = Math.max(top, Double.isNaN(t.p95()) ? 0 : t.p95());
    }
    if (x.isEmpty()) {
      x.add(0.0);
      p50.add(0.0);
      p95.add(0.0);
    }
    chart.addSeries("p50", x, p50).setMarker(SeriesMarkers.NONE);
    chart.addSeries("p95", x, p95).setMarker(SeriesMarkers.NONE);
    marks(chart, r, t0, top, TimelineEvent.Kind.FAULT, "faults", SeriesMarkers.DIAMOND);
    marks(chart, r, t0, top, TimelineEvent.Kind.DECISION, "decisions", SeriesMarkers.TRIANGLE_UP);
    return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
  }

  private static void marks(XYChart chart, DrillResult r, long t0, double top, TimelineEvent.Kind kind, String name,
      org.knowm.xchart.style.markers.Marker marker) {
    List<Double> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    for (TimelineEvent e : r.timeline()) {
      if (e.kind() == kind) {
        x.add((e.at().toEpochMilli() - t0) / 1000.0);
        y.add(top);
      }
    }
    if (!x.isEmpty()) {
      XYSeries s = chart.addSeries(name, x, y);
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      s.setMarker(marker);
    }
  }
}
