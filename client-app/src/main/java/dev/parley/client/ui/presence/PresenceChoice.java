package dev.parley.client.ui.presence;

import dev.parley.protocol.control.model.Presence;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Tooltip;
import javafx.util.StringConverter;

/** The header's presence menu: Online, Away, Busy, Invisible; shows auto-away too. UI thread only. */
public final class PresenceChoice extends ChoiceBox<Presence> {

    public PresenceChoice(PresenceViewModel model) {
        setId("presence-choice");
        getItems().setAll(PresenceViewModel.CHOICES);
        setConverter(new StringConverter<>() {
            @Override
            public String toString(Presence value) {
                return value == null ? "" : PresenceViewModel.label(value);
            }

            @Override
            public Presence fromString(String text) {
                return null;
            }
        });
        setValue(model.presenceProperty().get());
        model.presenceProperty().addListener((obs, old, now) -> setValue(now));
        setOnAction(event -> {
            if (getValue() != null && getValue() != model.presenceProperty().get()) {
                model.choose(getValue());
            }
        });
        setTooltip(new Tooltip("Your presence; Settings sets after how long idle you turn away by yourself"));
        setPrefWidth(110);
    }
}
