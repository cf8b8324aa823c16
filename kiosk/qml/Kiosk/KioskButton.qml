pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic as Controls

// A large touch button: at least the theme's minimum target in both
// directions, label in the theme font, an optional icon before the label,
// a focus ring for keyboard and switch users.
Controls.Button {
    id: control
    required property Theme theme
    property bool selected: checked
    property string glyphBefore: ""
    property string glyphAfter: ""
    property string modeIcon: ""  // one of ModeIcon's kinds, drawn before the label
    // Read by `kiosk preview` for controls.json.
    readonly property bool kioskControl: true
    readonly property string accessibleName: Accessible.name
    readonly property int accessibleRole: Accessible.role
    readonly property Item label: label

    Accessible.role: Accessible.Button
    Accessible.name: text
    activeFocusOnTab: true
    focusPolicy: Qt.StrongFocus
    implicitHeight: theme.controlHeight
    implicitWidth: Math.max(theme.controlMinWidth, implicitContentWidth + leftPadding + rightPadding)
    leftPadding: Math.round(22 * theme.u)
    rightPadding: Math.round(22 * theme.u)
    font.pixelSize: theme.bodySize
    font.weight: Font.DemiBold

    // Enter as well as Space: switch devices and keypads send either.
    Keys.onReturnPressed: control.clicked()
    Keys.onEnterPressed: control.clicked()

    contentItem: Row {
        spacing: Math.round(12 * control.theme.u)
        ModeIcon {
            visible: kind !== ""
            kind: control.modeIcon
            color: label.color
            size: Math.round(control.font.pixelSize * 1.2)
            anchors.verticalCenter: parent.verticalCenter
        }
        Text {
            visible: control.glyphBefore !== ""
            text: control.glyphBefore
            textFormat: Text.PlainText
            font: control.font
            color: label.color
            anchors.verticalCenter: parent.verticalCenter
        }
        Text {
            id: label
            objectName: control.objectName + "Label"
            text: control.text
            textFormat: Text.PlainText  // from the staff's files: markup shows as written
            font: control.font
            color: control.selected ? control.theme.colors.selectedText : control.theme.colors.buttonText
            anchors.verticalCenter: parent.verticalCenter
        }
        Text {
            visible: control.glyphAfter !== ""
            text: control.glyphAfter
            textFormat: Text.PlainText
            font: control.font
            color: label.color
            anchors.verticalCenter: parent.verticalCenter
        }
    }

    background: Rectangle {
        id: plate
        radius: control.theme.radius
        color: control.selected ? control.theme.colors.selected : control.theme.colors.button
        border.width: Math.max(2, Math.round(3 * control.theme.u))
        border.color: control.selected ? control.theme.colors.selected : control.theme.colors.buttonBorder
        opacity: control.down ? 0.75 : 1

        FocusRing {
            theme: control.theme
            target: plate
            targetRadius: plate.radius
            visible: control.visualFocus
        }
    }
}
