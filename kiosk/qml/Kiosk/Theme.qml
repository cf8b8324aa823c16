pragma ComponentBehavior: Bound
import QtQuick

// Sizes and colours of every screen. One unit `u` is one pixel on a
// 1080-pixel short side, so 1920x1080 and 1080x1920 share the same numbers.
// Text sizes grow by `textScale` in the larger-text mode; touch targets
// never shrink below what the physical screen needs (`metrics`, from
// core.accessibility via the kiosk state).
QtObject {
    property real u: 1
    property var colors: ({})
    property bool animated: true
    property bool reduceMotion: false
    property real textScale: 1
    property var metrics: ({ minTarget: 88, minGap: 8, reachTop: 0, reachBottom: 1080 })

    // Rounded up, so that larger text is never a pixel short of its scale.
    function text(px) { return Math.ceil(px * u * textScale - 0.01) }

    // The first screen's title is already huge and never shown in a mode.
    readonly property int titleSize: Math.round(112 * u)
    readonly property int headingSize: text(44)
    readonly property int nameSize: text(60)
    readonly property int leadSize: text(34)
    readonly property int bodySize: text(29)
    // The smallest text anywhere: 28 px at 1080p, readable from a metre.
    readonly property int captionSize: text(28)

    readonly property int margin: Math.round(64 * u)
    readonly property int gap: Math.round(28 * u)
    readonly property int controlHeight: Math.max(Math.round(96 * u), metrics.minTarget)
    readonly property int controlMinWidth: Math.max(Math.round(180 * u), metrics.minTarget)
    readonly property int controlSpacing: Math.max(Math.round(12 * u), metrics.minGap)
    readonly property int radius: Math.round(14 * u)
    readonly property int focusRing: Math.max(3, Math.round(5 * u))
    // 264 px at 1080p: above the 240 px a phone needs from a metre away.
    readonly property int qrSize: Math.round(264 * u)

    readonly property int fadeMs: animated ? 350 : 0
    readonly property int slideMs: animated ? 280 : 0
    // Decorative motion (the first screen's breathing, pages sliding in).
    readonly property bool decorativeMotion: animated && !reduceMotion
}
