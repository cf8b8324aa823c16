import QtQuick
import QtQuick.Controls.Basic as Controls

// A large touch button: at least 96 px high at 1080p, label in the theme font.
Controls.Button {
    id: control
    required property Theme theme
    property bool selected: false
    property string glyphBefore: ""
    property string glyphAfter: ""
    // Read by `kiosk preview` for controls.json.
    readonly property bool kioskControl: true
    readonly property string accessibleName: Accessible.name

    Accessible.name: text
    implicitHeight: theme.controlHeight
    implicitWidth: Math.max(theme.controlMinWidth, implicitContentWidth + leftPadding + rightPadding)
    leftPadding: Math.round(28 * theme.u)
    rightPadding: Math.round(28 * theme.u)
    font.pixelSize: theme.bodySize
    font.weight: Font.DemiBold

    contentItem: Row {
        spacing: Math.round(12 * control.theme.u)
        Text {
            visible: control.glyphBefore !== ""
            text: control.glyphBefore
            font: control.font
            color: label.color
            anchors.verticalCenter: parent.verticalCenter
        }
        Text {
            id: label
            objectName: control.objectName + "Label"
            text: control.text
            font: control.font
            color: control.selected ? control.theme.colors.selectedText : control.theme.colors.buttonText
            anchors.verticalCenter: parent.verticalCenter
        }
        Text {
            visible: control.glyphAfter !== ""
            text: control.glyphAfter
            font: control.font
            color: label.color
            anchors.verticalCenter: parent.verticalCenter
        }
    }

    background: Rectangle {
        radius: control.theme.radius
        color: control.selected ? control.theme.colors.selected : control.theme.colors.button
        border.width: Math.max(2, Math.round(3 * control.theme.u))
        border.color: control.selected ? control.theme.colors.selected : control.theme.colors.buttonBorder
        opacity: control.down ? 0.75 : 1
    }
}
