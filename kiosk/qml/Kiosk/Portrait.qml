import QtQuick

// A portrait decoded once at the size it is shown, never at full resolution:
// a 40-megapixel photo costs no more memory than a small one.
Rectangle {
    id: frame
    required property url source
    required property Theme theme
    property alias status: image.status

    color: theme.colors.surface
    radius: Math.round(6 * theme.u)
    clip: true

    Image {
        id: image
        anchors.fill: parent
        source: frame.source
        sourceSize: Qt.size(Math.ceil(frame.width), Math.ceil(frame.height))
        fillMode: Image.PreserveAspectCrop
        asynchronous: true
        cache: true
        smooth: true
        Accessible.ignored: true
    }
}
