pragma ComponentBehavior: Bound
import QtQuick

// A portrait decoded once at the size it is shown, never at full resolution:
// a 40-megapixel photo costs no more memory than a small one. `source` is a
// file:// URL from kiosk/ui/portraits.py, decoded by Qt on its loader thread.
// Until the picture is ready, and for good when the file is missing or
// broken, a calm head-and-shoulders silhouette stands in: no text, no error
// sign (Qt's warning names the file in the log).
Rectangle {
    id: frame
    required property url source
    required property Theme theme
    // Decoded, or given up on (the placeholder stays). Not while it has no
    // source yet: a display-size copy is being made (kiosk/ui/portraits.py).
    readonly property bool settled: image.status === Image.Ready || image.status === Image.Error

    color: theme.colors.surface
    radius: Math.round(6 * theme.u)
    clip: true
    // A picture of the person whose name is read out beside it.
    Accessible.ignored: true

    Item {
        id: placeholder
        anchors.fill: parent
        visible: image.status !== Image.Ready
        Accessible.ignored: true
        // 30% of the way from the surface to the muted text colour: visible,
        // yet quieter than any text on the screen.
        readonly property color figure: Qt.tint(frame.theme.colors.surface,
                                                Qt.alpha(frame.theme.colors.muted, 0.3))
        readonly property real headRadius: 0.17 * Math.min(width, height / 1.25)

        Rectangle {
            // The head, in the upper middle.
            x: placeholder.width / 2 - placeholder.headRadius
            y: 0.40 * placeholder.height - placeholder.headRadius
            width: 2 * placeholder.headRadius
            height: width
            radius: width / 2
            color: placeholder.figure
            antialiasing: true
        }
        Rectangle {
            // The shoulders: a wide rounded shape, cut off by the frame's bottom.
            x: 0.14 * placeholder.width
            y: 0.66 * placeholder.height
            width: 0.72 * placeholder.width
            height: 0.5 * placeholder.height
            radius: 0.28 * placeholder.width
            color: placeholder.figure
            antialiasing: true
        }
    }

    Image {
        id: image
        // A frame lower than the 4:5 of a portrait (the overview's cards with
        // larger text) shows the band around the face, which sits in the
        // upper middle, rather than the middle of the picture.
        width: parent.width
        height: Math.max(parent.height, Math.round(parent.width * 5 / 4))
        y: Math.min(0, Math.max(parent.height - height, Math.round(parent.height / 2 - 0.38 * height)))
        // Visible while loading (it draws nothing yet): scene.settle() waits
        // for the visible images. A failed one keeps progress 0, so it hides.
        visible: status !== Image.Error
        source: frame.source
        sourceSize: Qt.size(Math.ceil(width), Math.ceil(height))
        fillMode: Image.PreserveAspectCrop
        autoTransform: true  // upright as the camera was held (EXIF)
        asynchronous: true
        cache: true
        smooth: true
        Accessible.ignored: true
    }
}
