pragma ComponentBehavior: Bound
import QtQuick
import KioskBackend

// One person: large portrait, both spellings of the name, role, status with
// the date it was checked, bio, key dates and, if they have one, their own
// QR code. A horizontal swipe moves to the next or previous person.
Item {
    id: screen
    required property KioskState kiosk
    required property Theme theme
    readonly property bool wide: width >= height
    readonly property var person: kiosk.person
    readonly property real u: theme.u

    objectName: "personScreen"
    clip: true

    DragHandler {
        id: swipe
        target: null
        xAxis.enabled: true
        yAxis.enabled: false
        // persistentTranslation adds up over all drags: measure this one from its start.
        property real startX: 0
        onActiveChanged: {
            if (active) {
                startX = persistentTranslation.x
                return
            }
            const dx = persistentTranslation.x - startX
            if (dx < -screen.width * 0.12)
                screen.kiosk.showNext()
            else if (dx > screen.width * 0.12)
                screen.kiosk.showPrevious()
        }
    }

    // The page follows the finger while swiping, and the next person's page
    // slides in from the side they come from.
    property int shownIndex: kiosk.personIndex
    Connections {
        target: screen.kiosk
        function onPersonIndexChanged() {
            const count = screen.kiosk.personCount
            const forward = (screen.kiosk.personIndex - screen.shownIndex + count) % count === 1
            screen.shownIndex = screen.kiosk.personIndex
            scroll.contentY = 0  // a new person starts at the top
            // Opened from the overview, or changed while hidden: no slide.
            if (!screen.visible)
                return
            // Without decorative motion the new page only fades in.
            slideIn.from = (forward ? 1 : -1) * Math.round(120 * screen.u)
            slideIn.restart()
        }
    }
    NumberAnimation {
        id: slideIn
        target: page
        property: "slideOffset"
        to: 0
        duration: screen.theme.slideMs
        easing.type: Easing.OutCubic
    }

    Item {
        id: page
        objectName: "personPage"
        property real slideOffset: 0
        width: screen.width
        height: screen.height
        x: screen.theme.decorativeMotion ? (swipe.active ? swipe.activeTranslation.x : 0) + slideOffset : 0
        opacity: 1 - Math.abs(slideOffset) / Math.round(240 * screen.u)
        // The page is one picture, so it moves under a finger without the
        // software renderer drawing every glyph again each frame. Always, not
        // only while it moves: making the picture is the costly part, and a
        // swipe's first frame would pay for it.
        layer.enabled: screen.visible

        // Opaque: the software renderer may start a layer's picture on black.
        Rectangle {
            anchors.fill: parent
            color: screen.theme.colors.background
        }

        ScrollArea {
        id: scroll
        objectName: "personScroll"
        theme: screen.theme
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        // Above the campaign's code when that is pinned to the bottom.
        height: campaign.pinned ? campaign.y - screen.theme.gap : parent.height
        contentHeight: Math.max(portrait.y + portrait.height, identity.y + identity.height,
                                status.y + status.height, bio.y + bio.height, facts.y + facts.height,
                                link.visible ? link.y + link.height : 0) + Math.round(8 * screen.u)

        Portrait {
            id: portrait
            objectName: "personPortrait"
            theme: screen.theme
            source: screen.person.portrait
            x: screen.theme.margin
            y: Math.round(40 * screen.u)
            // Portrait with larger text: narrower, so the name beside it fits.
            width: Math.round((screen.wide ? 400 : screen.kiosk.largerText ? 300 : 460) * screen.u)
            height: Math.round(width * 5 / 4)
        }

        // Name, role and status: beside the portrait in both orientations.
        Column {
            id: identity
            x: portrait.x + portrait.width + screen.theme.margin
            y: portrait.y
            width: screen.wide ? Math.round(820 * screen.u) : screen.width - x - screen.theme.margin
            spacing: Math.round(8 * screen.u)

            ReadingText {
                objectName: "personName"
                width: parent.width
                text: screen.person.name
                wrapMode: Text.WordWrap
                font.pixelSize: screen.theme.nameSize
                font.weight: Font.Bold
                color: screen.theme.colors.text
            }
            ReadingText {
                objectName: "personNameNative"
                width: parent.width
                text: screen.person.nameNative
                wrapMode: Text.WordWrap
                font.pixelSize: screen.theme.leadSize
                color: screen.theme.colors.muted
            }
            ReadingText {
                objectName: "personRole"
                width: parent.width
                topPadding: Math.round(6 * screen.u)
                text: screen.person.role
                wrapMode: Text.WordWrap
                font.pixelSize: screen.theme.bodySize
                font.weight: Font.DemiBold
                color: screen.theme.colors.accent
            }
        }

        // Status: right column in landscape, under the name in portrait.
        Column {
            id: status
            objectName: "personStatus"
            x: screen.wide ? identity.x + identity.width + screen.theme.margin : identity.x
            y: screen.wide ? portrait.y : identity.y + identity.height + screen.theme.gap
            width: screen.wide ? screen.width - x - screen.theme.margin : identity.width
            spacing: Math.round(10 * screen.u)

            StatusBadge {
                objectName: "statusBadge"
                theme: screen.theme
                tone: screen.person.statusTone
                label: screen.person.statusLabel
                maxWidth: parent.width
            }
            ReadingText {
                objectName: "statusSummary"
                width: parent.width
                text: screen.person.statusSummary
                wrapMode: Text.WordWrap
                font.pixelSize: screen.theme.bodySize
                color: screen.theme.colors.text
            }
            ReadingText {
                objectName: "statusChecked"
                width: parent.width
                text: screen.person.statusChecked
                wrapMode: Text.WordWrap
                font.pixelSize: screen.theme.captionSize
                color: screen.theme.colors.muted
            }
        }

        ReadingText {
            id: bio
            objectName: "personBio"
            x: screen.wide ? identity.x : screen.theme.margin
            y: screen.wide ? identity.y + identity.height + screen.theme.gap
                           : Math.max(portrait.y + portrait.height, status.y + status.height) + screen.theme.gap
            // At most about 60 characters a line, for easy reading.
            width: Math.min(screen.wide ? identity.width : screen.width - 2 * screen.theme.margin,
                            Math.round(26 * screen.theme.bodySize))
            text: screen.person.bio
            wrapMode: Text.WordWrap
            font.pixelSize: screen.theme.bodySize
            lineHeight: 1.25
            color: screen.theme.colors.text
        }

        // Key dates: a label and its value on each row; a date the person
        // has none of leaves its row out. The rows are made once (a new
        // person changes only their texts): one Repeater of rows, not nested
        // Repeaters in a Grid, which can add their items out of order when
        // built in the background.
        Column {
            id: facts
            objectName: "personFacts"
            // Landscape: in the right column under the status (larger text: under
            // the bio, where there is more width); portrait: under the bio.
            readonly property bool besideBio: screen.wide && !screen.kiosk.largerText
            x: besideBio ? status.x : bio.x
            y: besideBio ? status.y + status.height + screen.theme.gap : bio.y + bio.height + screen.theme.gap
            spacing: Math.round(8 * screen.u)
            readonly property int columnSpacing: Math.round(18 * screen.u)
            readonly property int valueWidth: (besideBio ? status.width : Math.round(560 * screen.u * screen.theme.textScale)) - labelWidth - columnSpacing
            readonly property int labelWidth: Math.round(160 * screen.u * screen.theme.textScale)

            Repeater {
                model: ["detained", "sentenced", "term"]
                delegate: Row {
                    id: fact
                    required property string modelData
                    readonly property string value: screen.person[modelData]
                    visible: value !== ""
                    spacing: facts.columnSpacing
                    ReadingText {
                        width: facts.labelWidth
                        text: screen.kiosk.texts[fact.modelData]
                        wrapMode: Text.WordWrap
                        font.pixelSize: screen.theme.captionSize
                        color: screen.theme.colors.muted
                    }
                    ReadingText {
                        width: facts.valueWidth
                        text: fact.value
                        wrapMode: Text.WordWrap
                        font.pixelSize: screen.theme.captionSize
                        font.weight: Font.DemiBold
                        color: screen.theme.colors.text
                    }
                }
            }
        }

        // Their own link, if any: under the dates in landscape, beside them in portrait.
        Column {
            id: link
            objectName: "personLink"
            visible: screen.person.link !== ""
            // Portrait: beside the dates, or under them when larger text leaves no room.
            readonly property bool besideFacts: !screen.wide && !screen.kiosk.largerText
            x: screen.wide ? status.x : besideFacts ? facts.x + facts.width + screen.theme.margin : facts.x
            y: besideFacts ? facts.y : facts.y + facts.height + Math.round(16 * screen.u)
            spacing: Math.round(10 * screen.u)
            QrCode {
                objectName: "personQr"
                theme: screen.theme
                url: screen.person.link
            }
            ReadingText {
                objectName: "personLinkCta"
                width: screen.theme.qrSize + Math.round(40 * screen.u)
                text: screen.person.linkCta
                wrapMode: Text.WordWrap
                font.pixelSize: screen.theme.captionSize
                color: screen.theme.colors.text
            }
        }
        }

        // Portrait: the bar holds only controls, so the campaign code is here:
        // under the dates (or the link), or, when the page is longer than the
        // screen (larger text), pinned to the bottom under the scrolling text,
        // so that it never scrolls out of sight.
        CampaignQr {
            id: campaign
            visible: !screen.wide
            kiosk: screen.kiosk
            theme: screen.theme
            readonly property int placeInText: (link.visible && !link.besideFacts ? link.y + link.height : facts.y + facts.height) + screen.theme.gap
            readonly property bool pinned: !screen.wide && Math.max(scroll.contentHeight, placeInText + height + Math.round(8 * screen.u)) > page.height
            x: screen.theme.margin
            y: pinned ? page.height - height - screen.theme.gap : placeInText
            // Beside it, in the personal link's column, may stand that link's own text.
            textWidth: (link.visible && link.besideFacts ? link.x - screen.theme.gap : screen.width - screen.theme.margin)
                       - (x + screen.theme.qrSize + spacing)
        }
    }
}
