import QtQuick
import QtQuick.Controls.Basic as Controls

// A portrait with the name under it; the whole card is one touch target.
Controls.AbstractButton {
    id: card
    required property Theme theme
    required property string name
    required property url portrait
    property int portraitWidth: Math.round(260 * theme.u)
    readonly property bool kioskControl: true
    readonly property string accessibleName: Accessible.name

    Accessible.role: Accessible.Button
    Accessible.name: name
    implicitWidth: portraitWidth
    implicitHeight: content.implicitHeight
    padding: 0

    contentItem: Column {
        id: content
        spacing: Math.round(14 * card.theme.u)
        Portrait {
            theme: card.theme
            source: card.portrait
            width: card.portraitWidth
            height: Math.round(card.portraitWidth * 5 / 4)
            opacity: card.down ? 0.8 : 1
        }
        Text {
            width: card.portraitWidth
            text: card.name
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
            font.pixelSize: card.theme.leadSize
            font.weight: Font.DemiBold
            color: card.theme.colors.text
        }
    }
    background: null
}
