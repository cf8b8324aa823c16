pragma ComponentBehavior: Bound
import QtQuick
import KioskBackend

// The staff panel: a PIN pad, then the menu. Opened only by the hidden
// corner gesture, and only when a PIN is configured. English only: it is
// for staff, not visitors. Held to the visitors' rules (docs/accessibility.md):
// every control within reach of a wheelchair and at least the smallest
// target, named for a screen reader, legible in the larger text and high
// contrast a visitor (or a staff member) left on.
Rectangle {
    id: overlay
    required property StaffPanel staff
    required property Theme theme
    readonly property bool wide: width >= height
    // The band a seated staff member reaches, less a margin at the bottom
    // like the visitors' bar (window coordinates: the overlay fills it).
    readonly property int reachTop: Math.ceil(theme.metrics.reachTop)
    readonly property int reachBottom: Math.floor(Math.min(height, theme.metrics.reachBottom)) - Math.round(32 * theme.u)
    // Room between keys for a gloved finger.
    readonly property int keyGap: Math.max(theme.metrics.minGap, Math.round(20 * theme.u))
    // Square keys of 132 px at 1080p, smaller only so that the four rows and
    // Cancel fit in the reach band, never under the smallest target.
    readonly property int key: Math.max(theme.metrics.minTarget, Math.min(
        Math.round(132 * theme.u),
        Math.floor((reachBottom - reachTop - theme.controlHeight - 4 * keyGap) / 4)))

    objectName: "staffOverlay"
    visible: staff.panel !== ""
    color: theme.colors.background

    // Takes every touch that misses a button, so nothing reaches the screens below.
    MouseArea {
        anchors.fill: parent
    }

    // The keys at the bottom of the reach band; what they are for above
    // them (upright) or beside them (landscape).
    Item {
        objectName: "pinPad"
        visible: overlay.staff.panel === "pin"
        anchors.fill: parent
        Accessible.role: Accessible.Dialog
        Accessible.name: "Staff PIN"

        Column {
            id: about
            x: overlay.theme.margin
            width: (overlay.wide ? keys.x : overlay.width) - 2 * overlay.theme.margin
            y: overlay.wide ? keys.y + (keys.height - height) / 2 : keys.y - height - overlay.theme.gap
            spacing: overlay.theme.gap

            ReadingText {
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                text: "Staff PIN"
                font.pixelSize: overlay.theme.headingSize
                font.weight: Font.Bold
                color: overlay.theme.colors.text
            }
            // A dot a digit; a screen reader hears only how many.
            Text {
                objectName: "pinDots"
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                text: "●".repeat(overlay.staff.enteredDigits)
                font.pixelSize: overlay.theme.headingSize
                color: overlay.theme.colors.text
                Accessible.role: Accessible.StaticText
                Accessible.name: overlay.staff.enteredSummary
            }
            ReadingText {
                objectName: "pinMessage"
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                visible: text !== ""
                text: overlay.staff.message
                font.pixelSize: overlay.theme.bodySize
                color: overlay.theme.colors.accent
            }
        }

        Column {
            id: keys
            x: overlay.wide ? Math.round(overlay.width / 2) : Math.round((overlay.width - width) / 2)
            y: overlay.reachBottom - height
            spacing: overlay.keyGap

            Grid {
                columns: 3
                spacing: overlay.keyGap
                Repeater {
                    model: [
                        { label: "1", name: "1" }, { label: "2", name: "2" }, { label: "3", name: "3" },
                        { label: "4", name: "4" }, { label: "5", name: "5" }, { label: "6", name: "6" },
                        { label: "7", name: "7" }, { label: "8", name: "8" }, { label: "9", name: "9" },
                        { label: "⌫", name: "Delete the last digit" }, { label: "0", name: "0" },
                        { label: "OK", name: "OK" }
                    ]
                    delegate: KioskButton {
                        required property var modelData
                        readonly property string digit: modelData.label
                        objectName: "pinKey" + (digit === "⌫" ? "Erase" : digit)
                        theme: overlay.theme
                        text: digit
                        Accessible.name: modelData.name
                        font.pixelSize: overlay.theme.leadSize
                        // Fixed, and the label in the middle of the key.
                        implicitWidth: overlay.key
                        implicitHeight: overlay.key
                        leftPadding: Math.max(0, Math.floor((width - label.implicitWidth) / 2))
                        rightPadding: leftPadding
                        onClicked: {
                            if (digit === "⌫")
                                overlay.staff.erase()
                            else if (digit === "OK")
                                overlay.staff.submit()
                            else
                                overlay.staff.pressDigit(digit)
                        }
                    }
                }
            }
            KioskButton {
                objectName: "pinCancel"
                theme: overlay.theme
                text: "Cancel"
                implicitWidth: 3 * overlay.key + 2 * overlay.keyGap
                leftPadding: Math.max(0, Math.floor((width - label.implicitWidth) / 2))
                rightPadding: leftPadding
                onClicked: overlay.staff.close()
            }
        }
    }

    // The status fills the screen; the actions are at the bottom of the reach band.
    Item {
        objectName: "staffMenu"
        visible: overlay.staff.panel === "menu"
        anchors.fill: parent
        Accessible.role: Accessible.Dialog
        Accessible.name: "Staff menu"

        ReadingText {
            id: menuHeading
            x: overlay.theme.margin
            y: overlay.theme.margin
            text: "Staff menu"
            font.pixelSize: overlay.theme.headingSize
            font.weight: Font.Bold
            color: overlay.theme.colors.text
        }

        // The status can be long (many errors in a broken file): it scrolls.
        // No wider than a comfortable line.
        ScrollArea {
            objectName: "staffStatus"
            theme: overlay.theme
            x: overlay.theme.margin
            anchors.top: menuHeading.bottom
            anchors.topMargin: overlay.theme.gap
            // Down to the buttons, ending between two lines.
            height: heightBetweenLines(actions.y - overlay.theme.gap - y)
            width: Math.min(overlay.width - 2 * overlay.theme.margin, 27 * overlay.theme.captionSize)
            contentHeight: statusLines.implicitHeight
            Accessible.name: "Status"

            Column {
                id: statusLines
                width: parent.width
                spacing: Math.round(8 * overlay.theme.u)
                Repeater {
                    model: overlay.staff.status
                    delegate: ReadingText {
                        required property string modelData
                        width: statusLines.width
                        wrapMode: Text.WrapAtWordBoundaryOrAnywhere
                        text: modelData  // plain text: problems quote the staff's files
                        font.pixelSize: overlay.theme.captionSize
                        color: overlay.theme.colors.text
                    }
                }
            }
        }

        Flow {
            id: actions
            x: overlay.theme.margin
            y: overlay.reachBottom - height
            width: overlay.width - 2 * overlay.theme.margin
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
}
