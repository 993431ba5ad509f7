package dev.parley.client.ui.voice;

import javafx.beans.property.DoubleProperty;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import java.util.function.DoubleConsumer;

/** A horizontal level bar with a draggable voice activation threshold line. UI thread only. */
public final class LevelMeter extends Pane {
    private static final double WIDTH = 160;
    private static final double HEIGHT = 14;

    public LevelMeter(DoubleProperty level, DoubleProperty threshold, DoubleConsumer thresholdCommitted) {
        setId("level-meter");
        getStyleClass().add("level-meter");
        setPrefSize(WIDTH, HEIGHT);
        setMinSize(WIDTH, HEIGHT);
        setMaxSize(WIDTH, HEIGHT);
        Region bar = new Region();
        bar.getStyleClass().add("level-bar");
        bar.setPrefHeight(HEIGHT);
        bar.setLayoutY(0);
        bar.prefWidthProperty().bind(level.multiply(WIDTH));
        bar.styleProperty().bind(javafx.beans.binding.Bindings.when(level.greaterThanOrEqualTo(threshold))
                .then("-fx-background-color: -color-success-emphasis;")
                .otherwise("-fx-background-color: -color-neutral-emphasis;"));
        Region handle = new Region();
        handle.setId("vad-threshold");
        handle.getStyleClass().add("threshold-handle");
        handle.setPrefSize(4, HEIGHT + 6);
        handle.setLayoutY(-3);
        handle.layoutXProperty().bind(threshold.multiply(WIDTH).subtract(2));
        handle.setOnMouseDragged(event -> threshold.set(clamp(event.getSceneX() - localToScene(0, 0).getX())));
        handle.setOnMouseReleased(event -> thresholdCommitted.accept(threshold.get()));
        setOnMouseClicked(event -> thresholdCommitted.accept(clamp(event.getX())));
        getChildren().addAll(bar, handle);
    }

    private static double clamp(double x) {
        return Math.max(0, Math.min(1, x / WIDTH));
    }
}
