pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic as Controls

// Text that may be taller than its place (larger text, a long bio): it
// scrolls with a finger or, once focused, with the arrow keys, and shows a
// bar while there is more to read. When everything fits it is inert, so a
// horizontal swipe beneath still turns the page. Its height is best set with
// heightBetweenLines(), so that its bottom edge never cuts a line in half.
Flickable {
    id: area
    required property Theme theme
    readonly property bool scrollable: contentHeight > height + 1
    readonly property bool kioskScrollArea: true  // read by the layout tests
    readonly property int step: Math.round(3 * theme.bodySize)

    clip: true
    flickableDirection: Flickable.VerticalFlick
    boundsBehavior: Flickable.StopAtBounds
    interactive: scrollable
    // Screens are kept while hidden: each time one is shown again, it starts at the top.
    onVisibleChanged: if (!visible) contentY = 0
    // A stop for the keyboard only while there is something to scroll. Set
    // here, not bound: Qt refuses to drop it while the area has the focus,
    // so the focus moves on first (larger text turned off, say).
    Component.onCompleted: activeFocusOnTab = scrollable
    onScrollableChanged: {
        if (!scrollable && activeFocus)
            nextItemInFocusChain(true).forceActiveFocus(Qt.TabFocusReason)
        activeFocusOnTab = scrollable
    }
    Accessible.role: Accessible.Pane

    // The greatest height up to `room` at which the bottom edge, with the
    // text at its top, falls between two lines of every text in it: a line
    // cut in half reads as something broken, not as more to read.
    function heightBetweenLines(room: real): real {
        const texts = []
        const collect = (item) => {
            for (const child of item.children) {
                if (!child.visible)
                    continue
                if (child instanceof Text && child.text !== "" && child.lineCount > 0)
                    texts.push(child)
                collect(child)
            }
        }
        collect(contentItem)
        let edge = room
        // Moving the edge above a line of one text may cut a line of another
        // beside it: again until no text is cut (the edge only ever rises).
        for (let moved = true; moved;) {
            moved = false
            for (const text of texts) {
                // Summed, not mapped: so this is worked out again whenever
                // a text or a row it stands in moves.
                let top = 0
                for (let item = text; item !== contentItem; item = item.parent)
                    top += item.y
                const slot = text.contentHeight / text.lineCount
                // Qt puts what a lineHeight over 1 adds under each line's letters.
                const letters = text.lineHeightMode === Text.ProportionalHeight ? slot / Math.max(1, text.lineHeight) : slot
                const line = Math.floor((edge - top) / slot)
                const lineTop = top + line * slot
                if (line >= 0 && line < text.lineCount && edge > lineTop && edge < lineTop + letters) {
                    // Halfway down the room under the line above: clear of
                    // an accent that rises above the line's own top.
                    edge = lineTop - (slot - letters) / 2
                    moved = true
                }
            }
        }
        return edge
    }

    function scrollBy(dy) {
        const target = Math.max(0, Math.min(contentHeight - height, contentY + dy))
        if (target === contentY)
            return false
        contentY = target
        return true
    }
    // Up and Down scroll while there is more; at either end they pass on and
    // move the focus like everywhere else.
    Keys.onUpPressed: (event) => { event.accepted = area.scrollBy(-area.step) }
    Keys.onDownPressed: (event) => { event.accepted = area.scrollBy(area.step) }

    Controls.ScrollIndicator.vertical: Controls.ScrollIndicator {
        active: area.scrollable
        visible: area.scrollable
        contentItem: Rectangle {
            implicitWidth: Math.round(10 * area.theme.u)
            radius: width / 2
            color: area.theme.colors.muted
        }
    }

    FocusRing {
        parent: area
        theme: area.theme
        target: area
        targetRadius: area.theme.radius
        anchors.margins: 0
        visible: area.activeFocus
    }
}
