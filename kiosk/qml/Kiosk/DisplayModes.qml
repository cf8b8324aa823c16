pragma ComponentBehavior: Bound
import QtQuick
import KioskBackend

// Larger text and high contrast: a visitor's own choice, undone for the
// next visitor. Icon and word, like every control, in the current language.
Row {
    id: modes
    required property KioskState kiosk
    required property Theme theme

    objectName: "displayModes"
    spacing: theme.controlSpacing
    Accessible.role: Accessible.Grouping
    Accessible.name: kiosk.texts.display_options

    KioskButton {
        objectName: "largerTextButton"
        theme: modes.theme
        text: modes.kiosk.texts.larger_text
        modeIcon: "larger-text"
        selected: modes.kiosk.largerText
        Accessible.checkable: true
        Accessible.checked: selected
        onClicked: modes.kiosk.setLargerText(!modes.kiosk.largerText)
    }
    KioskButton {
        objectName: "highContrastButton"
        theme: modes.theme
        text: modes.kiosk.texts.high_contrast
        modeIcon: "high-contrast"
        selected: modes.kiosk.highContrast
        Accessible.checkable: true
        Accessible.checked: selected
        onClicked: modes.kiosk.setHighContrast(!modes.kiosk.highContrast)
    }
}
