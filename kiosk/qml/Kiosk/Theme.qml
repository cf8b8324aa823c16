import QtQuick

// Sizes and colours of every screen. One unit `u` is one pixel on a
// 1080-pixel short side, so 1920x1080 and 1080x1920 share the same numbers.
QtObject {
    property real u: 1
    property var colors: ({})
    property bool animated: true

    readonly property int titleSize: Math.round(112 * u)
    readonly property int headingSize: Math.round(44 * u)
    readonly property int nameSize: Math.round(60 * u)
    readonly property int leadSize: Math.round(34 * u)
    readonly property int bodySize: Math.round(29 * u)
    readonly property int captionSize: Math.round(25 * u)

    readonly property int margin: Math.round(64 * u)
    readonly property int gap: Math.round(28 * u)
    readonly property int controlHeight: Math.round(96 * u)
    readonly property int controlMinWidth: Math.round(180 * u)
    readonly property int radius: Math.round(14 * u)
    // 264 px at 1080p: above the 240 px a phone needs from a metre away.
    readonly property int qrSize: Math.round(264 * u)

    readonly property int fadeMs: animated ? 350 : 0
    readonly property int slideMs: animated ? 280 : 0
}
