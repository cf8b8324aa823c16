import QtQuick

// "Imprisoned" or "Released" on a coloured plate; the colour repeats what
// the word says, it never replaces it.
Rectangle {
    id: badge
    required property string state_
    required property string label
    required property Theme theme

    implicitWidth: badgeText.implicitWidth + Math.round(40 * theme.u)
    implicitHeight: badgeText.implicitHeight + Math.round(18 * theme.u)
    radius: height / 2
    color: state_ === "imprisoned" ? theme.colors.imprisoned : theme.colors.released

    ReadingText {
        id: badgeText
        objectName: "statusBadgeLabel"
        anchors.centerIn: parent
        text: badge.label.toUpperCase()
        font.pixelSize: badge.theme.captionSize
        font.weight: Font.Bold
        font.letterSpacing: Math.round(2 * badge.theme.u)
        color: badge.theme.colors.badgeText
    }
}
