pragma ComponentBehavior: Bound
import QtQuick

// A QR code painted by the `qr` image provider at whole pixels per module.
// The image keeps its own size: scaling it would blur the modules.
Image {
    id: qr
    required property string url
    required property Theme theme

    source: url === "" ? "" : "image://qr/" + encodeURIComponent(url)
    sourceSize: Qt.size(theme.qrSize, theme.qrSize)
    smooth: false
    mipmap: false
    cache: true
    fillMode: Image.Pad
    Accessible.role: Accessible.Graphic
    // Read out, the address is what a visitor who cannot scan can note down.
    Accessible.name: url
}
