import QtQuick

// Shows its screen while `shown`, with a quiet cross-fade. Each screen is
// built once and then kept: the shown one at once, the others in the
// background after the first frame (`preload`), so a tap never waits for a
// screen to be built. A screen that is not shown takes no touch, keeps no
// keyboard focus and is not drawn.
Loader {
    id: fader
    required property bool shown
    required property Theme theme
    // Set by the window once its first frame is on the screen.
    property bool preload: false

    active: shown || preload || item !== null
    // A screen asked for before its background build has finished is
    // completed at once (Loader finishes an asynchronous load when this
    // turns false).
    asynchronous: !shown
    enabled: shown
    visible: opacity > 0
    opacity: shown ? 1 : 0
    // While fading, blend one picture of the screen instead of redrawing
    // every glyph each frame (software rendering spends most time on text).
    layer.enabled: opacity > 0 && opacity < 1
    Behavior on opacity {
        NumberAnimation { duration: fader.theme.fadeMs; easing.type: Easing.InOutQuad }
    }
}
