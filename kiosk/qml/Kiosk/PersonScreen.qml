pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import KioskBackend

// One person: large portrait, both spellings of the name, role, status with
// the date it was checked, bio, key dates and, if they have one, their own
// QR code; the texts are read out in that order. A horizontal swipe moves to
// the next or previous person.
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
            height: heightBetweenLines(campaign.pinned ? campaign.y - screen.theme.gap : parent.height)
            contentHeight: body.y + body.height + Math.round(8 * screen.u)

            // One arrangement for each orientation, made when the screen turns.
            Loader {
                id: body
                x: screen.theme.margin
                y: Math.round(40 * screen.u)
                width: screen.width - 2 * screen.theme.margin
                sourceComponent: screen.wide ? wideBody : uprightBody
            }
        }

        // Upright: the bar holds only controls, so the campaign code is here:
        // under the dates (or the link), or, when the page is longer than the
        // screen (larger text), pinned to the bottom under the scrolling text,
        // so that it never scrolls out of sight.
        CampaignQr {
            id: campaign
            readonly property UprightBody upright: body.item as UprightBody
            readonly property int placeInText: upright ? body.y + upright.campaignPlace : 0
            readonly property bool pinned: upright !== null && Math.max(scroll.contentHeight, placeInText + height + Math.round(8 * screen.u)) > page.height
            visible: upright !== null
            kiosk: screen.kiosk
            theme: screen.theme
            x: screen.theme.margin
            y: pinned ? page.height - height - screen.theme.gap : placeInText
            // Beside it, in the personal link's column, may stand that link's own text.
            textWidth: (upright ? upright.campaignRoom : 0) - screen.theme.qrSize - spacing
        }
    }

    Component {
        id: wideBody
        WideBody {}
    }
    Component {
        id: uprightBody
        UprightBody {}
    }

    // Landscape, in three columns: the portrait; who they are over their
    // story; what is known now over the dates (with larger text, the dates
    // go under the story, where there is more room) and their link. Placed
    // by anchors, not layouts: a screen reader reads the texts in the order
    // written here, which goes back and forth between the columns.
    component WideBody: Item {
        id: wide
        readonly property int portraitWidth: Math.round(400 * screen.u)
        implicitHeight: Math.max(portrait.y + portrait.height, bio.y + bio.height, facts.y + facts.height,
                                 link.hasLink ? link.y + link.height : 0)

        Portrait {
            id: portrait
            objectName: "personPortrait"
            theme: screen.theme
            source: screen.person.portrait
            width: wide.portraitWidth
            height: Math.round(width * 5 / 4)
        }
        PersonIdentity {
            id: identity
            person: screen.person
            theme: screen.theme
            anchors.left: portrait.right
            anchors.leftMargin: screen.theme.margin
            width: Math.round(820 * screen.u)
        }
        PersonStatus {
            id: status
            person: screen.person
            theme: screen.theme
            anchors.left: identity.right
            anchors.leftMargin: screen.theme.margin
            anchors.right: parent.right
        }
        ReadingText {
            id: bio
            objectName: "personBio"
            anchors.left: identity.left
            anchors.top: identity.bottom
            anchors.topMargin: screen.theme.gap
            // At most about 60 characters a line, for easy reading.
            width: Math.min(identity.width, Math.round(26 * screen.theme.bodySize))
            text: screen.person.bio
            wrapMode: Text.WordWrap
            font.pixelSize: screen.theme.bodySize
            lineHeight: 1.25
            color: screen.theme.colors.text
        }
        PersonFacts {
            id: facts
            readonly property bool underBio: screen.kiosk.largerText
            kiosk: screen.kiosk
            person: screen.person
            theme: screen.theme
            anchors.left: underBio ? bio.left : status.left
            anchors.top: underBio ? bio.bottom : status.bottom
            anchors.topMargin: screen.theme.gap
            rowWidth: underBio ? Math.round(560 * screen.u * screen.theme.textScale) : status.width
        }
        PersonLink {
            id: link
            person: screen.person
            theme: screen.theme
            anchors.left: status.left
            anchors.top: facts.bottom
            anchors.topMargin: Math.round(16 * screen.u)
        }
    }

    // Upright, top to bottom: the portrait beside who they are and what is
    // known now; their story; the dates, with their link beside them (under
    // them with larger text). The campaign's code follows, on the page.
    component UprightBody: ColumnLayout {
        id: upright
        // Where the campaign's code goes, under the dates or the link, and
        // how wide it may be (beside it may stand the link's own text).
        readonly property int campaignPlace: dates.y + endsAt.y + endsAt.height + screen.theme.gap
        readonly property int campaignRoom: link.hasLink && besideFacts ? link.x - screen.theme.gap : width
        readonly property Item endsAt: link.hasLink && !besideFacts ? link : facts
        readonly property bool besideFacts: !screen.kiosk.largerText
        spacing: screen.theme.gap

        RowLayout {
            spacing: screen.theme.margin
            Portrait {
                objectName: "personPortrait"
                theme: screen.theme
                source: screen.person.portrait
                // With larger text narrower, so the name beside it fits.
                Layout.preferredWidth: Math.round((screen.kiosk.largerText ? 300 : 460) * screen.u)
                Layout.preferredHeight: Math.round(Layout.preferredWidth * 5 / 4)
                Layout.alignment: Qt.AlignTop
            }
            ColumnLayout {
                spacing: screen.theme.gap
                Layout.alignment: Qt.AlignTop
                Layout.fillWidth: true
                PersonIdentity {
                    person: screen.person
                    theme: screen.theme
                    Layout.fillWidth: true
                }
                PersonStatus {
                    person: screen.person
                    theme: screen.theme
                    Layout.fillWidth: true
                }
            }
        }
        ReadingText {
            objectName: "personBio"
            // At most about 60 characters a line, for easy reading.
            Layout.preferredWidth: Math.min(upright.width, Math.round(26 * screen.theme.bodySize))
            text: screen.person.bio
            wrapMode: Text.WordWrap
            font.pixelSize: screen.theme.bodySize
            lineHeight: 1.25
            color: screen.theme.colors.text
        }
        GridLayout {
            id: dates
            columns: upright.besideFacts ? 2 : 1
            columnSpacing: screen.theme.margin
            rowSpacing: Math.round(16 * screen.u)
            PersonFacts {
                id: facts
                kiosk: screen.kiosk
                person: screen.person
                theme: screen.theme
                rowWidth: Math.round(560 * screen.u * screen.theme.textScale)
                Layout.alignment: Qt.AlignTop
            }
            PersonLink {
                id: link
                person: screen.person
                theme: screen.theme
                Layout.alignment: Qt.AlignTop
            }
        }
    }
}
