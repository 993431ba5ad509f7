package dev.parley.server.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** Named figures at one moment, with their help text, in the order they are exposed. */
public final class MetricsSnapshot {
    private record Figure(String help, String type, double value) {
    }

    private final Map<String, Figure> figures = new LinkedHashMap<>();

    public MetricsSnapshot gauge(String name, String help, double value) {
        figures.put(name, new Figure(help, "gauge", value));
        return this;
    }

    public MetricsSnapshot counter(String name, String help, double value) {
        figures.put(name, new Figure(help, "counter", value));
        return this;
    }

    /** One figure's value; NaN when there is no such figure. */
    public double value(String name) {
        Figure figure = figures.get(name);
        return figure == null ? Double.NaN : figure.value();
    }

    /** The Prometheus text exposition format (version 0.0.4). */
    public String toPrometheusText() {
        StringBuilder text = new StringBuilder();
        figures.forEach((name, figure) -> text
                .append("# HELP ").append(name).append(' ').append(figure.help()).append('\n')
                .append("# TYPE ").append(name).append(' ').append(figure.type()).append('\n')
                .append(name).append(' ').append(format(figure.value())).append('\n'));
        return text.toString();
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
