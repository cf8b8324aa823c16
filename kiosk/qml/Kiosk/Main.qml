import QtQuick
import KioskBackend

// The kiosk window: the screen the state asks for, over the bottom bar;
// above them the idle warning, the staff panel and the sleep screen.
Window {
    id: window
    required property KioskState kiosk
    property bool animated: true

    width: 1920
    height: 1080
    color: appTheme.colors.background
    title: kiosk.texts.title

    Theme {
        id: appTheme
        u: Math.min(window.width, window.height) / 1080
        colors: window.kiosk.palette
        animated: window.animated
    }

    // Everything visitors see, moved a few pixels now and then against burn-in.
    Item {
        id: scene
        objectName: "scene"
        x: window.kiosk.burnIn.x
        y: window.kiosk.burnIn.y
        width: window.width
        height: window.height
        // Under the staff panel nothing may react: a swipe across the PIN pad
        // would otherwise turn the page of the person screen beneath.
        enabled: window.kiosk.staff.panel === ""

        ScreenFader {
            objectName: "attractLoader"
            anchors.fill: parent
            theme: appTheme
            shown: window.kiosk.screen === "attract"
            sourceComponent: AttractScreen { kiosk: window.kiosk; theme: appTheme }
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
                shown: window.kiosk.screen === "overview"
                sourceComponent: OverviewScreen { kiosk: window.kiosk; theme: appTheme }
            }
            ScreenFader {
                objectName: "personLoader"
                anchors.fill: parent
                theme: appTheme
                shown: window.kiosk.screen === "person"
                sourceComponent: PersonScreen { kiosk: window.kiosk; theme: appTheme }
            }
        }

        BottomBar {
            id: bar
            kiosk: window.kiosk
            theme: appTheme
            wide: window.width >= window.height
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.bottom: parent.bottom
            height: implicitHeight
            visible: window.kiosk.screen !== "attract"
            // Hidden is not enough: a button that kept the keyboard focus
            // would still take Space on the first screen.
            enabled: visible
        }
    }

    IdleOverlay {
        anchors.fill: parent
        idle: window.kiosk.idle
        theme: appTheme
    }

    StaffOverlay {
        anchors.fill: parent
        staff: window.kiosk.staff
        theme: appTheme
    }

    // Outside opening hours: black, until a touch wakes it for a while.
    Rectangle {
        objectName: "sleepScreen"
        anchors.fill: parent
        color: "black"
        visible: window.kiosk.sleep.asleep
    }
}
