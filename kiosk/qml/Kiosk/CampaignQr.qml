pragma ComponentBehavior: Bound
import QtQuick
import KioskBackend

// The campaign's QR code with its call to act beside it (or under it):
// in the bottom bar in landscape, on the screens themselves in portrait
// (there the bar holds only controls, so they all stay within reach).
Grid {
    id: campaign
    required property KioskState kiosk
    required property Theme theme
    property int textWidth: Math.round(300 * theme.u)
    property bool textBelow: false

    objectName: "campaign"
    columns: textBelow ? 1 : 2
    spacing: theme.gap
    Accessible.role: Accessible.Graphic
    Accessible.name: kiosk.texts.campaign_cta

    QrCode {
        id: code
        objectName: "campaignQr"
        theme: campaign.theme
        url: campaign.kiosk.campaignUrl
    }
    // Beside the code, level with its middle.
    Item {
        width: campaign.textWidth
        height: campaign.textBelow ? cta.height : Math.max(code.height, cta.height)
        ReadingText {
            id: cta
            objectName: "campaignCta"
            width: parent.width
            anchors.verticalCenter: parent.verticalCenter
            text: campaign.kiosk.texts.campaign_cta
            wrapMode: Text.WordWrap
            font.pixelSize: campaign.theme.bodySize
            font.weight: Font.DemiBold
            lineHeight: 1.15
            color: campaign.theme.colors.text
        }
    }
}
