pragma ComponentBehavior: Bound
import QtQuick
import KioskBackend

// The staff panel: a PIN pad, then the menu. Opened only by the hidden
// corner gesture, and only when a PIN is configured. English only: it is
// for staff, not visitors.
Rectangle {
    id: overlay
    required property StaffPanel staff
    required property Theme theme
    readonly property int key: Math.round(132 * theme.u)

    objectName: "staffOverlay"
    visible: staff.panel !== ""
    color: theme.colors.background

    // Takes every touch that misses a button, so nothing reaches the screens below.
    MouseArea {
        anchors.fill: parent
    }

    Column {
        objectName: "pinPad"
        visible: overlay.staff.panel === "pin"
        anchors.centerIn: parent
        spacing: overlay.theme.gap

        Text {
            anchors.horizontalCenter: parent.horizontalCenter
            text: "Staff PIN"
            font.pixelSize: overlay.theme.headingSize
            font.weight: Font.Bold
            color: overlay.theme.colors.text
        }
        Text {
            objectName: "pinDots"
            anchors.horizontalCenter: parent.horizontalCenter
            text: overlay.staff.enteredDigits > 0 ? "●".repeat(overlay.staff.enteredDigits) : " "
            font.pixelSize: overlay.theme.headingSize
            color: overlay.theme.colors.text
        }
        Text {
            objectName: "pinMessage"
            anchors.horizontalCenter: parent.horizontalCenter
            width: 3 * overlay.key + 2 * overlay.theme.gap
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            text: overlay.staff.message
            font.pixelSize: overlay.theme.bodySize
            color: overlay.theme.colors.accent
        }
        Grid {
            anchors.horizontalCenter: parent.horizontalCenter
            columns: 3
            spacing: overlay.theme.gap
            Repeater {
                model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK"]
                delegate: KioskButton {
                    required property string modelData
                    objectName: "pinKey" + (modelData === "⌫" ? "Erase" : modelData)
                    theme: overlay.theme
                    text: modelData
                    Accessible.name: modelData === "⌫" ? "Erase" : modelData
                    width: overlay.key
                    height: overlay.key
                    onClicked: {
                        if (modelData === "⌫")
                            overlay.staff.erase()
                        else if (modelData === "OK")
                            overlay.staff.submit()
                        else
                            overlay.staff.pressDigit(modelData)
                    }
                }
            }
        }
        KioskButton {
            objectName: "pinCancel"
            anchors.horizontalCenter: parent.horizontalCenter
            theme: overlay.theme
            text: "Cancel"
            onClicked: overlay.staff.close()
        }
    }

    Item {
        objectName: "staffMenu"
        visible: overlay.staff.panel === "menu"
        anchors.fill: parent
        anchors.margins: overlay.theme.margin

        Column {
            id: menuTop
            width: parent.width
            spacing: overlay.theme.gap
            Text {
                text: "Staff menu"
                font.pixelSize: overlay.theme.headingSize
                font.weight: Font.Bold
                color: overlay.theme.colors.text
            }
            Flow {
                width: parent.width
                spacing: overlay.theme.gap
                KioskButton {
                    objectName: "staffBack"
                    theme: overlay.theme
                    text: "Back to visitors"
                    onClicked: overlay.staff.close()
                }
                KioskButton {
                    objectName: "staffReload"
                    theme: overlay.theme
                    text: "Reload content now"
                    onClicked: overlay.staff.reloadNow()
                }
                KioskButton {
                    objectName: "staffExit"
                    theme: overlay.theme
                    text: "Exit to the desktop"
                    onClicked: overlay.staff.exitToDesktop()
                }
            }
        }

        // The status can be long (many errors in a broken file): it scrolls.
        Flickable {
            objectName: "staffStatus"
            anchors.top: menuTop.bottom
            anchors.topMargin: overlay.theme.gap
            anchors.bottom: parent.bottom
            width: parent.width
            contentHeight: statusLines.implicitHeight
            clip: true
            boundsBehavior: Flickable.StopAtBounds

            Column {
                id: statusLines
                width: parent.width
                spacing: Math.round(8 * overlay.theme.u)
                Repeater {
                    model: overlay.staff.status
                    delegate: Text {
                        required property string modelData
                        width: statusLines.width
                        wrapMode: Text.WrapAtWordBoundaryOrAnywhere
                        text: modelData
                        textFormat: Text.PlainText  // problems quote the staff's files
                        font.pixelSize: overlay.theme.captionSize
                        color: overlay.theme.colors.text
                    }
                }
            }
        }
    }
}
