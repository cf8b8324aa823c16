pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
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

    objectName: "bottomBar"
    color: theme.colors.surface
    implicitHeight: band.implicitHeight + pad + bottomPad

    // The QR code (landscape), then the controls beside it, wrapping onto a
    // new row where the room ends; both centred in the band's height.
    RowLayout {
        id: band
        x: bar.theme.margin
        y: bar.pad
        width: bar.width - 2 * bar.theme.margin
        spacing: bar.theme.gap * 2

        CampaignQr {
            id: campaign
            visible: bar.wide
            kiosk: bar.kiosk
            theme: bar.theme
        }

        Flow {
            id: controls
            objectName: "barControls"
            Layout.fillWidth: true
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
}
