package io.oasis.faults.report;

import io.oasis.faults.check.Recovery;
import io.oasis.faults.workload.Exchange;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** A PNG of orders accepted per second and errors per second over the run, with the fault's window marked. */
public final class ThroughputChart {

    private ThroughputChart() {
    }

    public static void write(Path png, String title, List<Exchange> history, Instant start, Instant faultStart,
            Instant faultEnd, Instant end) throws IOException {
        int[] accepted = Recovery.acceptedPerSecond(history, start, end);
        int[] errors = Recovery.errorsPerSecond(history, start, end);
        double[] seconds = IntStream.range(0, accepted.length).asDoubleStream().toArray();
        XYChart chart = new XYChartBuilder().width(1000).height(420).title(title).xAxisTitle("seconds since start")
                .yAxisTitle("per second").build();
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        chart.getStyler().setMarkerSize(0);

        int max = Math.max(1, IntStream.concat(IntStream.of(accepted), IntStream.of(errors)).max().orElse(1));
        double from = Duration.between(start, faultStart).toMillis() / 1000.0;
        double to = Duration.between(start, faultEnd).toMillis() / 1000.0;
        XYSeries window = chart.addSeries("fault", new double[] {from, from, to, to},
                new double[] {0, max, max, 0});
        window.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        window.setFillColor(new Color(255, 160, 160, 90));
        window.setLineColor(new Color(220, 80, 80));
        window.setMarker(SeriesMarkers.NONE);

        XYSeries ok = chart.addSeries("orders accepted (2xx)", seconds, toDoubles(accepted));
        ok.setMarker(SeriesMarkers.NONE);
        ok.setLineColor(new Color(40, 110, 200));
        XYSeries failed = chart.addSeries("errors (no answer, 5xx)", seconds, toDoubles(errors));
        failed.setMarker(SeriesMarkers.NONE);
        failed.setLineColor(new Color(200, 60, 30));
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static double[] toDoubles(int[] values) {
        return IntStream.of(values).asDoubleStream().toArray();
    }
}
