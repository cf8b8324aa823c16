pragma ComponentBehavior: Bound
import QtQuick
import KioskBackend

// One button per offered language, named in its own language; no flags.
Row {
    id: languageSwitch
    required property KioskState kiosk
    required property Theme theme

    objectName: "languageSwitch"
    spacing: theme.controlSpacing
    Accessible.role: Accessible.Grouping
    Accessible.name: kiosk.texts.language_switch

    Repeater {
        model: languageSwitch.kiosk.languages
        delegate: KioskButton {
            required property var modelData
            theme: languageSwitch.theme
            objectName: "language_" + modelData.code
            text: modelData.name
            selected: languageSwitch.kiosk.language === modelData.code
            Accessible.checkable: true
            Accessible.checked: selected
            onClicked: languageSwitch.kiosk.setLanguage(modelData.code)
        }
    }
}
