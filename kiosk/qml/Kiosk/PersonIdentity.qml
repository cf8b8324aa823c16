pragma ComponentBehavior: Bound
import QtQuick

// A person's name in both spellings and their role, stacked; as wide as its
// place, as tall as its texts.
Column {
    id: identity
    required property var person  // the screen's copy of kiosk.person: one read for all its texts
    required property Theme theme

    spacing: Math.round(8 * theme.u)

    ReadingText {
        objectName: "personName"
        width: identity.width
        text: identity.person.name
        wrapMode: Text.WordWrap
        font.pixelSize: identity.theme.nameSize
        font.weight: Font.Bold
        color: identity.theme.colors.text
    }
    ReadingText {
        objectName: "personNameNative"
        width: identity.width
        text: identity.person.nameNative
        wrapMode: Text.WordWrap
        font.pixelSize: identity.theme.leadSize
        color: identity.theme.colors.muted
    }
    ReadingText {
        objectName: "personRole"
        width: identity.width
        topPadding: Math.round(6 * identity.theme.u)
        text: identity.person.role
        wrapMode: Text.WordWrap
        font.pixelSize: identity.theme.bodySize
        font.weight: Font.DemiBold
        color: identity.theme.colors.accent
    }
}
