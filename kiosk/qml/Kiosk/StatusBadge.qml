pragma ComponentBehavior: Bound
import QtQuick

// The status ("Imprisoned", "Freed, in exile", ...) on a coloured plate;
// the colour (its tone: held or free) repeats what the words say, it never
// replaces them. A status too long for its column wraps inside the plate.
Rectangle {
    id: badge
    required property string tone
    required property string label
    required property Theme theme
    // The widest the plate may be: its column's width.
    property real maxWidth: implicitWidth
    readonly property int padding: Math.round(20 * theme.u)

    implicitWidth: badgeText.implicitWidth + 2 * padding
    width: Math.min(implicitWidth, maxWidth)
    height: badgeText.height + Math.round(18 * theme.u)
    radius: Math.min(height / 2, Math.round(24 * theme.u))
    color: tone === "held" ? theme.colors.imprisoned : theme.colors.released

    ReadingText {
        id: badgeText
        objectName: "statusBadgeLabel"
        anchors.centerIn: parent
        width: badge.width - 2 * badge.padding
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.WordWrap
        text: badge.label.toUpperCase()
        font.pixelSize: badge.theme.captionSize
        font.weight: Font.Bold
        font.letterSpacing: Math.round(2 * badge.theme.u)
        color: badge.theme.colors.badgeText
    }
}
