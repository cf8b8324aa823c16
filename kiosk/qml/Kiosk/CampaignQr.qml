pragma ComponentBehavior: Bound
import QtQuick
import KioskBackend

// The campaign's QR code with its call to act: in the bottom bar in
// landscape, on the screens themselves in portrait (there the bar holds
// only controls, so they all stay within reach).
Row {
    id: campaign
    required property KioskState kiosk
    required property Theme theme
    property int textWidth: Math.round(300 * theme.u)

    objectName: "campaign"
    spacing: theme.gap
    Accessible.role: Accessible.Graphic
    Accessible.name: kiosk.texts.campaign_cta

    QrCode {
        objectName: "campaignQr"
        theme: campaign.theme
        url: campaign.kiosk.campaignUrl
    }
    ReadingText {
        objectName: "campaignCta"
        width: campaign.textWidth
        anchors.verticalCenter: parent.verticalCenter
        text: campaign.kiosk.texts.campaign_cta
        wrapMode: Text.WordWrap
        font.pixelSize: campaign.theme.bodySize
        font.weight: Font.DemiBold
        lineHeight: 1.15
        color: campaign.theme.colors.text
    }
}
