pragma ComponentBehavior: Bound
import QtQuick

// The icons of the display modes, drawn rather than taken from a font so
// they look the same on every machine: a small and a large "A" for larger
// text, a half-filled circle for high contrast.
Item {
    id: icon
    required property string kind  // "larger-text" or "high-contrast"
    required property color color
    required property int size

    implicitWidth: kind === "larger-text" ? letters.implicitWidth : size
    implicitHeight: size
    Accessible.ignored: true

    Row {
        id: letters
        visible: icon.kind === "larger-text"
        anchors.bottom: parent.bottom
        spacing: Math.round(icon.size * 0.05)
        Text {
            readonly property bool decorative: true  // a picture of letters, not text to read
            anchors.baseline: big.baseline
            text: "A"
            font.pixelSize: Math.round(icon.size * 0.6)
            font.weight: Font.Bold
            color: icon.color
        }
        Text {
            id: big
            readonly property bool decorative: true
            text: "A"
            font.pixelSize: icon.size
            font.weight: Font.Bold
            color: icon.color
        }
    }

    Rectangle {
        visible: icon.kind === "high-contrast"
        anchors.fill: parent
        radius: width / 2
        color: "transparent"
        border.width: Math.max(2, Math.round(icon.size / 10))
        border.color: icon.color
        antialiasing: true

        Item {
            // The left half, filled.
            width: parent.width / 2
            height: parent.height
            clip: true
            Rectangle {
                width: icon.size
                height: icon.size
                radius: width / 2
                color: icon.color
                antialiasing: true
            }
        }
    }
}
