pragma ComponentBehavior: Bound
import QtQuick
import KioskBackend

// The kiosk window: the screen the state asks for, over the bottom bar;
// above them the idle warning, the staff panel and the sleep screen.
Window {
    id: window
    required property KioskState kiosk
    property bool animated: true
    // Full screen on a kiosk PC: no window manager's frame, ever.
    property bool frameless: false
    // Once true, the screens not shown yet are built in the background.
    property bool preloadScreens: false

    width: 1920
    height: 1080
    flags: frameless ? Qt.Window | Qt.FramelessWindowHint : Qt.Window
    color: appTheme.colors.background
    title: kiosk.texts.title

    // Not before the first screen's portraits are decoded: the other
    // screens' portraits would overtake them on Qt's image loader thread.
    Timer {
        interval: 100
        repeat: true
        running: !window.preloadScreens
        onTriggered: window.preloadScreens = !attractFader.item || (attractFader.item as AttractScreen).portraitsSettled()
    }

    Theme {
        id: appTheme
        u: Math.min(window.width, window.height) / 1080
        colors: window.kiosk.palette
        animated: window.animated
        reduceMotion: window.kiosk.reduceMotion
        textScale: window.kiosk.textScale
        metrics: window.kiosk.metrics
    }

    // Everything visitors see, moved a few pixels now and then against burn-in.
    Item {
        id: scene
        objectName: "scene"
        x: window.kiosk.burnIn.x
        y: window.kiosk.burnIn.y
        width: window.width
        height: window.height
        // Under the staff panel nothing may react (a swipe across the PIN pad
        // would otherwise turn the page of the person screen beneath), nor
        // be read out to a screen reader as if it were on the panel.
        visible: window.kiosk.staff.panel === ""
        // Keyboard and switch devices: the arrow keys move the focus like Tab
        // and Shift+Tab (a control that uses an arrow itself takes it first);
        // on the first screen Enter or Space begins.
        focus: true
        Keys.onPressed: (event) => {
            const forward = event.key === Qt.Key_Right || event.key === Qt.Key_Down
            const backward = event.key === Qt.Key_Left || event.key === Qt.Key_Up
            if (forward || backward) {
                const from = window.activeFocusItem ? window.activeFocusItem : scene
                const next = from.nextItemInFocusChain(forward)
                if (next)
                    next.forceActiveFocus(forward ? Qt.TabFocusReason : Qt.BacktabFocusReason)
                event.accepted = true
            } else if (window.kiosk.screen === "attract"
                       && [Qt.Key_Return, Qt.Key_Enter, Qt.Key_Space].includes(event.key)) {
                window.kiosk.start()
                event.accepted = true
            }
        }

        ScreenFader {
            id: attractFader
            objectName: "attractLoader"
            anchors.fill: parent
            theme: appTheme
            preload: window.preloadScreens
            shown: window.kiosk.screen === "attract"
            screen: AttractScreen {
                kiosk: window.kiosk
                theme: appTheme
                fullyShown: attractFader.shown && attractFader.opacity === 1
            }
        }

        Item {
            id: content
            anchors.top: parent.top
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.bottom: bar.top

            ScreenFader {
                objectName: "overviewLoader"
                anchors.fill: parent
                theme: appTheme
                preload: window.preloadScreens
                shown: window.kiosk.screen === "overview"
                screen: OverviewScreen { kiosk: window.kiosk; theme: appTheme }
            }
            ScreenFader {
                objectName: "personLoader"
                anchors.fill: parent
                theme: appTheme
                preload: window.preloadScreens
                shown: window.kiosk.screen === "person"
                screen: PersonScreen { kiosk: window.kiosk; theme: appTheme }
            }
        }

        LazyLoader {
            id: bar
            objectName: "bottomBarLoader"
            preload: window.preloadScreens
            needed: window.kiosk.screen !== "attract"
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.bottom: parent.bottom
            visible: needed && status === Loader.Ready
            // Hidden is not enough: a button that kept the keyboard focus
            // would still take Space on the first screen.
            enabled: visible
            sourceComponent: BottomBar {
                kiosk: window.kiosk
                theme: appTheme
                wide: window.width >= window.height
                reachBottomInset: Math.max(0, Math.ceil(window.height - window.kiosk.metrics.reachBottom))
            }
        }
    }

    LazyLoader {
        anchors.fill: parent
        preload: window.preloadScreens
        needed: window.kiosk.idle.warning
        sourceComponent: IdleOverlay { idle: window.kiosk.idle; theme: appTheme }
    }

    LazyLoader {
        objectName: "staffOverlayLoader"
        anchors.fill: parent
        preload: window.preloadScreens
        needed: window.kiosk.staff.panel !== ""
        sourceComponent: StaffOverlay { staff: window.kiosk.staff; theme: appTheme }
    }

    // Outside opening hours: black, until a touch wakes it for a while.
    Rectangle {
        objectName: "sleepScreen"
        anchors.fill: parent
        color: "black"
        visible: window.kiosk.sleep.asleep
    }
}
