pragma ComponentBehavior: Bound
import QtQuick
import KioskBackend

// The band at the bottom of every screen but the first, holding every
// control a visitor needs on every screen: the person navigation, the
// language switch and the display modes (plus the campaign QR code in
// landscape). The groups wrap onto more rows when they need to (larger
// text, a long word); the band is low enough to reach from a wheelchair,
// and keeps its controls above `reachBottom` on a screen mounted low.
Rectangle {
    id: bar
    required property KioskState kiosk
    required property Theme theme
    required property bool wide  // landscape: the campaign QR code is here too
    required property int reachBottomInset  // px below the lowest reachable point
    readonly property bool onPerson: kiosk.screen === "person"
    readonly property int pad: Math.round(32 * theme.u)
    readonly property int bottomPad: pad + reachBottomInset
    readonly property int bandHeight: Math.max(wide ? theme.qrSize : 0, controls.height)

    objectName: "bottomBar"
    color: theme.colors.surface
    implicitHeight: bandHeight + pad + bottomPad

    CampaignQr {
        id: campaign
        visible: bar.wide
        kiosk: bar.kiosk
        theme: bar.theme
        x: bar.theme.margin
        y: bar.pad + (bar.bandHeight - height) / 2
    }

    // Starting beside the QR code, wrapping onto a new row where the room ends.
    Flow {
        id: controls
        objectName: "barControls"
        x: bar.wide ? campaign.x + campaign.width + bar.theme.gap * 2 : bar.theme.margin
        width: bar.width - bar.theme.margin - x
        y: bar.pad + (bar.bandHeight - height) / 2
        spacing: bar.theme.controlSpacing

        Row {
            id: navigation
            objectName: "navigation"
            visible: bar.onPerson
            spacing: bar.theme.controlSpacing
            KioskButton {
                objectName: "backButton"
                theme: bar.theme
                text: bar.kiosk.texts.back
                glyphBefore: "\u2190"
                onClicked: bar.kiosk.backToOverview()
            }
            KioskButton {
                objectName: "previousButton"
                theme: bar.theme
                text: bar.kiosk.texts.previous
                glyphBefore: "\u2039"
                onClicked: bar.kiosk.showPrevious()
            }
            KioskButton {
                objectName: "nextButton"
                theme: bar.theme
                text: bar.kiosk.texts.next
                glyphAfter: "\u203a"
                onClicked: bar.kiosk.showNext()
            }
        }
        LanguageSwitch {
            id: languages
            kiosk: bar.kiosk
            theme: bar.theme
        }
        DisplayModes {
            id: modes
            kiosk: bar.kiosk
            theme: bar.theme
        }
    }
}
