import QtQuick
import KioskBackend

// The band at the bottom of every screen but the first: campaign QR code,
// the person navigation and the language switch. Everything a visitor
// touches is here, low enough to reach from a wheelchair.
Rectangle {
    id: bar
    required property KioskState kiosk
    required property Theme theme
    required property bool wide  // landscape: one row; portrait: two
    readonly property bool onPerson: kiosk.screen === "person"

    objectName: "bottomBar"
    color: theme.colors.surface
    implicitHeight: wide ? theme.qrSize + 2 * Math.round(32 * theme.u)
                         : theme.qrSize + theme.controlHeight + 3 * Math.round(32 * theme.u)

    Row {
        id: campaign
        objectName: "campaign"
        spacing: bar.theme.gap
        anchors.left: parent.left
        anchors.leftMargin: bar.theme.margin
        anchors.bottom: parent.bottom
        anchors.bottomMargin: Math.round(32 * bar.theme.u)
        Accessible.role: Accessible.Graphic
        Accessible.name: bar.kiosk.texts.campaign_cta

        QrCode {
            objectName: "campaignQr"
            theme: bar.theme
            url: bar.kiosk.campaignUrl
        }
        Text {
            objectName: "campaignCta"
            width: Math.round(300 * bar.theme.u)
            anchors.verticalCenter: parent.verticalCenter
            text: bar.kiosk.texts.campaign_cta
            wrapMode: Text.WordWrap
            font.pixelSize: bar.theme.bodySize
            font.weight: Font.DemiBold
            lineHeight: 1.15
            color: bar.theme.colors.text
        }
    }

    // Landscape: between the QR block and the languages; portrait: a row above them.
    Item {
        id: middle
        x: bar.wide ? campaign.x + campaign.width + bar.theme.gap : bar.theme.margin
        y: bar.wide ? 0 : Math.round(32 * bar.theme.u)
        width: bar.wide ? languages.x - x - bar.theme.gap : bar.width - 2 * bar.theme.margin
        height: bar.wide ? bar.height : bar.theme.controlHeight

        Row {
            id: navigation
            visible: bar.onPerson
            anchors.centerIn: parent
            spacing: Math.round(16 * bar.theme.u)
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
        Text {
            objectName: "overviewHint"
            visible: !bar.onPerson
            anchors.centerIn: parent
            width: Math.min(implicitWidth, parent.width)
            text: bar.kiosk.texts.overview_hint
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
            font.pixelSize: bar.theme.leadSize
            color: bar.theme.colors.muted
        }
    }

    LanguageSwitch {
        id: languages
        kiosk: bar.kiosk
        theme: bar.theme
        anchors.right: parent.right
        anchors.rightMargin: bar.theme.margin
        anchors.verticalCenter: campaign.verticalCenter
        // Portrait: the buttons stack so the QR block keeps its room.
        columns: bar.wide ? bar.kiosk.languages.length : 1
    }
}
