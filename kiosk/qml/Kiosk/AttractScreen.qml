pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic as Controls
import KioskBackend

// The first screen: the title, the four portraits slowly breathing, and an
// invitation in every language. A touch anywhere begins.
Item {
    id: attract
    required property KioskState kiosk
    required property Theme theme
    // False while it fades in or out: the motion waits, so the fade blends
    // one still picture instead of drawing the screen again every frame.
    required property bool fullyShown
    readonly property bool wide: width >= height
    readonly property int columns: wide ? 4 : 2
    readonly property int portraitWidth: wide ? Math.round(340 * theme.u) : Math.round(400 * theme.u)

    objectName: "attractScreen"

    // True once every portrait here is decoded, or has failed.
    function portraitsSettled() {
        for (let i = 0; i < tiles.count; ++i) {
            const tile = tiles.itemAt(i) as Portrait
            if (!tile || !tile.settled)
                return false
        }
        return true
    }
    // The screen's slow motion, stepped by a timer ten times a second rather
    // than by animations at the display's 60 frames a second: a step moves a
    // portrait's edge by half a pixel at most (at 1080p) and the glow's
    // opacity by under 2%, too little to see, and a kiosk left alone all day
    // draws a sixth of the frames (README "Performance": CPU at rest). Held
    // while the screen fades, so the fade blends one still picture instead of
    // drawing the screen again every frame, and while the night hides it.
    readonly property int breathMs: 2500  // each portrait grows for this long, then shrinks
    readonly property int breathingPeriodMs: breathMs * (attract.kiosk.personCount + 1)
    readonly property int glowPeriodMs: 3600
    Timer {
        id: motion
        objectName: "attractMotion"
        property real elapsedMs: 0
        interval: 100
        repeat: true
        running: attract.theme.decorativeMotion && attract.fullyShown && !attract.kiosk.sleep.asleep
        onTriggered: elapsedMs += interval
    }

    // From 0 to 1 and back over `lengthMs`, easing in and out as a sine.
    function swell(ms, lengthMs) {
        return (1 - Math.cos(2 * Math.PI * ms / lengthMs)) / 2
    }
    // Portrait `index` grows by 5% and back in its turn, the next one growing
    // as it shrinks; the others rest at their size.
    function breathingScale(index, elapsedMs) {
        if (!attract.theme.decorativeMotion)
            return 1
        // Math.max: during a reload the model resets and index is -1 for a moment.
        const ms = elapsedMs % attract.breathingPeriodMs - attract.breathMs * Math.max(0, index)
        return ms > 0 && ms < 2 * attract.breathMs ? 1 + 0.05 * attract.swell(ms, 2 * attract.breathMs) : 1
    }
    function glowOpacity(elapsedMs) {
        const period = attract.glowPeriodMs
        return attract.theme.decorativeMotion ? 1 - 0.2 * attract.swell(elapsedMs % period, period) : 1
    }

    Accessible.role: Accessible.Pane
    Accessible.name: kiosk.texts.title

    // A touch anywhere begins; the invitation is the same as a button, low
    // enough to reach, for screen readers, keyboards and switch devices.
    TapHandler {
        onTapped: attract.kiosk.start()
    }

    Column {
        id: heading
        anchors.horizontalCenter: parent.horizontalCenter
        y: attract.wide ? Math.round(70 * attract.theme.u) : Math.round(160 * attract.theme.u)
        spacing: Math.round(12 * attract.theme.u)
        ReadingText {
            objectName: "attractTitle"
            anchors.horizontalCenter: parent.horizontalCenter
            text: attract.kiosk.texts.title.toUpperCase()
            font.pixelSize: attract.theme.titleSize
            font.weight: Font.Bold
            font.letterSpacing: Math.round(10 * attract.theme.u)
            color: attract.theme.colors.text
        }
        ReadingText {
            objectName: "attractSubtitle"
            anchors.horizontalCenter: parent.horizontalCenter
            width: Math.min(implicitWidth, attract.width - 2 * attract.theme.margin)
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            text: attract.kiosk.texts.subtitle
            font.pixelSize: attract.theme.headingSize
            color: attract.theme.colors.accent
        }
    }

    Grid {
        id: portraits
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.top: heading.bottom
        anchors.topMargin: Math.round((attract.wide ? 56 : 110) * attract.theme.u)
        columns: attract.columns
        spacing: Math.round(36 * attract.theme.u)

        Repeater {
            id: tiles
            model: attract.kiosk.people
            delegate: Portrait {
                id: tile
                objectName: "attractPortrait" + index
                required property int index
                required property url portrait
                theme: attract.theme
                source: portrait
                width: attract.portraitWidth
                height: Math.round(attract.portraitWidth * 5 / 4)
                // Each portrait in turn grows a little and back: motion that
                // invites without flashing, and no pixel stays static for long.
                transformOrigin: Item.Center
                scale: attract.breathingScale(tile.index, motion.elapsedMs)
            }
        }
    }

    Controls.AbstractButton {
        id: start
        objectName: "startButton"
        readonly property bool kioskControl: true
        readonly property string accessibleName: Accessible.name
        readonly property int accessibleRole: Accessible.role
        readonly property Item label: invitations
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: parent.bottom
        anchors.bottomMargin: Math.round((attract.wide ? 60 : 140) * attract.theme.u)
        padding: Math.round(16 * attract.theme.u)
        activeFocusOnTab: true
        Accessible.role: Accessible.Button
        Accessible.name: attract.kiosk.invitations.map(line => line.text).join(" / ")
        onClicked: attract.kiosk.start()
        background: FocusRing {
            theme: attract.theme
            target: start
            targetRadius: attract.theme.radius
            anchors.margins: 0
            visible: start.visualFocus
        }
        contentItem: Column {
            id: invitations
            spacing: Math.round(10 * attract.theme.u)
            // A slow glow, well under two changes a second, never faint enough to
            // lose its contrast.
            opacity: attract.glowOpacity(motion.elapsedMs)
            Repeater {
                model: attract.kiosk.invitations
                delegate: ReadingText {
                    required property var modelData
                    required property int index
                    objectName: "invitation_" + modelData.code
                    // A line a reload removes has no parent while its bindings
                    // are evaluated for the last time.
                    anchors.horizontalCenter: parent ? parent.horizontalCenter : undefined
                    text: modelData.text
                    font.pixelSize: index === 0 ? attract.theme.headingSize : attract.theme.leadSize
                    font.weight: index === 0 ? Font.DemiBold : Font.Normal
                    color: index === 0 ? attract.theme.colors.text : attract.theme.colors.muted
                }
            }
        }
    }
}
