pragma ComponentBehavior: Bound
import QtQuick

// Shown only when the kiosk has no usable settings at all (and no good copy
// of earlier ones): a calm line in many languages, never an error. The kiosk
// keeps watching its files and replaces this window once they are fixed.
Window {
    id: window
    required property var lines  // [{code, text}], built in (kiosk/core/out_of_order.py)
    required property var colors  // the dark palette
    property bool frameless: false  // full screen on a kiosk PC
    readonly property real u: Math.min(width, height) / 1080

    width: 1920
    height: 1080
    flags: frameless ? Qt.Window | Qt.FramelessWindowHint : Qt.Window
    color: colors.background
    title: "Unbreakable"

    // This screen may stand for days: it drifts a few pixels now and then,
    // like the kiosk's own screens, so it leaves no ghost on the panel.
    property int drift: 0
    Timer {
        interval: 120000
        repeat: true
        running: true
        onTriggered: window.drift = (window.drift + 1) % 4
    }

    Column {
        objectName: "outOfOrder"
        anchors.centerIn: parent
        anchors.horizontalCenterOffset: [0, 3, 0, -3][window.drift]
        anchors.verticalCenterOffset: [-3, 0, 3, 0][window.drift]
        spacing: Math.round(18 * window.u)
        Repeater {
            model: window.lines
            delegate: Text {
                required property var modelData
                anchors.horizontalCenter: parent.horizontalCenter
                text: modelData.text
                font.pixelSize: Math.round(44 * window.u)
                color: window.colors.text
            }
        }
    }
}
