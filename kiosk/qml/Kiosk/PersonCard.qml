pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic as Controls

// A portrait with the name under it; the whole card is one touch target.
// The portrait is cropped to the height the layout allows (the face stays
// in view: it sits in the upper middle of every portrait).
Controls.AbstractButton {
    id: card
    required property Theme theme
    required property string name
    required property url portrait
    property int portraitWidth: Math.round(260 * theme.u)
    property int portraitHeight: Math.round(portraitWidth * 5 / 4)
    property int nameHeight: Math.round(90 * theme.u)
    // None (0): the name alone, framed as a button.
    readonly property bool showsPortrait: portraitHeight > 0
    readonly property bool kioskControl: true
    readonly property string accessibleName: Accessible.name
    readonly property int accessibleRole: Accessible.role
    readonly property Item label: nameText

    Accessible.role: Accessible.Button
    Accessible.name: name
    activeFocusOnTab: true
    focusPolicy: Qt.StrongFocus
    Keys.onReturnPressed: card.clicked()
    Keys.onEnterPressed: card.clicked()
    implicitWidth: portraitWidth
    implicitHeight: content.implicitHeight
    padding: 0

    contentItem: Column {
        id: content
        spacing: card.showsPortrait ? Math.round(14 * card.theme.u) : 0
        Portrait {
            visible: card.showsPortrait
            theme: card.theme
            source: card.portrait
            width: card.portraitWidth
            height: card.portraitHeight
            opacity: card.down ? 0.8 : 1
        }
        Text {
            id: nameText
            width: card.portraitWidth
            height: card.nameHeight
            text: card.name
            textFormat: Text.PlainText  // from the staff's files: markup shows as written
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
            verticalAlignment: card.showsPortrait ? Text.AlignTop : Text.AlignVCenter
            font.pixelSize: card.theme.leadSize
            font.weight: Font.DemiBold
            color: card.theme.colors.text
        }
    }
    background: Rectangle {
        color: "transparent"
        radius: card.theme.radius
        border.width: Math.max(2, Math.round(3 * card.theme.u))
        border.color: card.showsPortrait ? "transparent" : card.theme.colors.buttonBorder
        FocusRing {
            theme: card.theme
            target: parent
            targetRadius: Math.round(6 * card.theme.u)
            visible: card.visualFocus
        }
    }
}
