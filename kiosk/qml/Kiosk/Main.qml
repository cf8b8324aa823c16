import QtQuick
import KioskBackend

// The kiosk window: the screen the state asks for, over the bottom bar.
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
    }
}
