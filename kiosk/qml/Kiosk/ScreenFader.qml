pragma ComponentBehavior: Bound
import QtQuick

// Shows its screen while `shown`. The screen coming in fades in on top of
// the one going out, which stays as it is beneath until it is covered: only
// the incoming screen is blended, as one picture (software rendering spends
// most of its time on text, so no screen is redrawn glyph by glyph while it
// fades). Each screen is built once and then kept: the shown one at once,
// the others in the background once the window is up (`preload`), so a tap
// never waits for a screen to be built. A screen that is not shown takes no
// touch and keeps no keyboard focus.
Item {
    id: fader
    required property bool shown
    required property Theme theme
    required property Component screen
    required property bool preload
    readonly property Item item: loader.item as Item

    z: shown ? 1 : 0
    enabled: shown
    visible: opacity > 0
    layer.enabled: opacity > 0 && opacity < 1

    states: State {
        name: "hidden"
        when: !fader.shown
        PropertyChanges { fader.opacity: 0 }
    }
    transitions: [
        Transition {
            to: "hidden"
            SequentialAnimation {
                PauseAnimation { duration: fader.theme.fadeMs }
                PropertyAction { property: "opacity" }
            }
        },
        Transition {
            from: "hidden"
            NumberAnimation { property: "opacity"; duration: fader.theme.fadeMs; easing.type: Easing.InOutQuad }
        }
    ]

    // Opaque, so nothing of the screen beneath shows through this one.
    Rectangle {
        anchors.fill: parent
        color: fader.theme.colors.background
    }

    LazyLoader {
        id: loader
        anchors.fill: parent
        sourceComponent: fader.screen
        preload: fader.preload
        needed: fader.shown
    }
}
