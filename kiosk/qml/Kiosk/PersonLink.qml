pragma ComponentBehavior: Bound
import QtQuick

// The person's own page, if they have one: its QR code over a line saying
// what it leads to.
Column {
    id: link
    required property var person  // the screen's copy of kiosk.person: one read for all its texts
    required property Theme theme

    // Not `visible`, which is also false while the screen is hidden.
    readonly property bool hasLink: person.link !== ""

    objectName: "personLink"
    visible: hasLink
    spacing: Math.round(10 * theme.u)

    QrCode {
        objectName: "personQr"
        theme: link.theme
        url: link.person.link
    }
    ReadingText {
        objectName: "personLinkCta"
        width: link.theme.qrSize + Math.round(40 * link.theme.u)
        text: link.person.linkCta
        wrapMode: Text.WordWrap
        font.pixelSize: link.theme.captionSize
        color: link.theme.colors.text
    }
}
