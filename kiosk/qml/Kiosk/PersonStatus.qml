pragma ComponentBehavior: Bound
import QtQuick

// What is known of a person now: the status on its plate, a sentence about
// it and the date it was checked; as wide as its place.
Column {
    id: status
    required property var person  // the screen's copy of kiosk.person: one read for all its texts
    required property Theme theme

    objectName: "personStatus"
    spacing: Math.round(10 * theme.u)

    StatusBadge {
        objectName: "statusBadge"
        theme: status.theme
        tone: status.person.statusTone
        label: status.person.statusLabel
        maxWidth: status.width
    }
    ReadingText {
        objectName: "statusSummary"
        width: status.width
        text: status.person.statusSummary
        wrapMode: Text.WordWrap
        font.pixelSize: status.theme.bodySize
        color: status.theme.colors.text
    }
    ReadingText {
        objectName: "statusChecked"
        width: status.width
        text: status.person.statusChecked
        wrapMode: Text.WordWrap
        font.pixelSize: status.theme.captionSize
        color: status.theme.colors.muted
    }
}
