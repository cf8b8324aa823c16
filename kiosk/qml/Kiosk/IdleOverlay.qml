pragma ComponentBehavior: Bound
import QtQuick
import KioskBackend

// "Are you still there?": shown after a quiet minute, with the seconds left
// before the kiosk starts over. Any touch (taken by the kiosk's input watch)
// cancels it, so this overlay needs no buttons of its own.
Rectangle {
    id: overlay
    required property IdleWatch idle
    required property Theme theme

    objectName: "idleOverlay"
    visible: idle.warning
    color: Qt.rgba(0, 0, 0, 0.82)

    Rectangle {
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * overlay.theme.margin, Math.round(1100 * overlay.theme.u))
        height: column.implicitHeight + 2 * overlay.theme.margin
        radius: overlay.theme.radius
        color: overlay.theme.colors.surface
        border.width: Math.max(2, Math.round(3 * overlay.theme.u))
        border.color: overlay.theme.colors.buttonBorder

        Column {
            id: column
            anchors.centerIn: parent
            width: parent.width - 2 * overlay.theme.margin
            spacing: overlay.theme.gap

            ReadingText {
                objectName: "idleQuestion"
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                text: overlay.idle.question
                font.pixelSize: overlay.theme.nameSize
                font.weight: Font.Bold
                color: overlay.theme.colors.text
            }
            ReadingText {
                objectName: "idleCountdown"
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                text: overlay.idle.countdownText
                font.pixelSize: overlay.theme.leadSize
                color: overlay.theme.colors.accent
            }
            ReadingText {
                objectName: "idleContinue"
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                text: overlay.idle.continueHint
                font.pixelSize: overlay.theme.bodySize
                color: overlay.theme.colors.text
            }
        }
    }
}
