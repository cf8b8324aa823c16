import QtQuick

// Shows its screen while `shown`, with a quiet fade; builds it only while
// it is visible so idle screens cost no memory or layout time.
Loader {
    id: fader
    required property bool shown
    required property Theme theme

    active: shown || opacity > 0
    visible: opacity > 0
    opacity: shown ? 1 : 0
    // While fading, blend one picture of the screen instead of redrawing
    // every glyph each frame (software rendering spends most time on text).
    layer.enabled: opacity > 0 && opacity < 1
    Behavior on opacity {
        NumberAnimation { duration: fader.theme.fadeMs; easing.type: Easing.InOutQuad }
    }
}
