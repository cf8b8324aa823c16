pragma ComponentBehavior: Bound
import QtQuick

// The keyboard focus, drawn just outside a control so it never hides the
// label; in the accent colour, which stands out on every surface.
Rectangle {
    required property Theme theme
    required property Item target
    required property real targetRadius

    anchors.fill: target
    anchors.margins: -2 * theme.focusRing
    radius: targetRadius + 2 * theme.focusRing
    color: "transparent"
    border.width: theme.focusRing
    border.color: theme.colors.accent
    Accessible.ignored: true
}
