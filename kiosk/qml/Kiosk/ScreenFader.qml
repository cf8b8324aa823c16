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
    Behavior on opacity {
        NumberAnimation { duration: fader.theme.fadeMs; easing.type: Easing.InOutQuad }
    }
}
