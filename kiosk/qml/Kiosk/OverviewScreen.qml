pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import KioskBackend

// The four people, the count of political prisoners and a few words about
// the installation. A tap on a person opens their page. The people sit at
// the bottom, within a seated visitor's reach; the text above scrolls when
// it is larger than its place.
Item {
    id: overview
    required property KioskState kiosk
    required property Theme theme
    readonly property bool wide: width >= height
    readonly property int reachTop: Math.ceil(theme.metrics.reachTop)
    readonly property int introWidth: Math.round(760 * theme.u)  // in landscape
    readonly property bool peopleAcross: cards.across
    // Upright with larger text the count stands beside the campaign's code,
    // not above it, so the text about the installation keeps room to be read.
    readonly property bool countBesideCode: !wide && theme.textScale > 1
    // The size of the people's cards, worked out in one go from the window's
    // size and the text size (theme.textScale), never from the grid's cells
    // nor from other bindings: those settle a step after the text size, and
    // the cards followed each step (larger text on in landscape made them
    // 472, 884, then 430 px wide: every portrait decoded three times). So
    // the cards change size once, and each portrait is decoded once.
    readonly property var cards: {
        const count = Math.max(1, kiosk.personCount)
        // The people take the whole width in portrait, and in landscape with
        // larger text (their names would not fit beside the text).
        const across = !wide || theme.textScale > 1
        const lead = theme.text(34)  // theme.leadSize, read from textScale itself, so never a step behind
        const spacing = Math.max(Math.round(24 * theme.u), theme.controlSpacing)
        // The whole width, or the column right of the text (see the grid below).
        const grid = width - 2 * theme.margin
        const room = across ? grid : grid - introWidth - theme.margin
        // Room for a long name on two lines ("Valiantsin" is the longest word).
        const columns = (room - (count - 1) * spacing) / count >= 6 * lead ? count : Math.ceil(count / 2)
        const rows = Math.ceil(count / columns)
        const cardWidth = Math.floor((room - (columns - 1) * spacing) / columns)
        const nameSpacing = Math.round(14 * theme.u)
        const nameHeight = Math.max(Math.ceil(2 * lead * 1.25), theme.controlHeight)
        const portraitRoom = Math.min(Math.floor((height - theme.gap - reachTop - (rows - 1) * spacing) / rows)
                                      - nameSpacing - nameHeight, Math.round(cardWidth * 5 / 4))
        // Too low a strip says nothing about a face: then the name alone, and
        // the row no higher than the name (the text above gets the room).
        const portraitHeight = portraitRoom >= Math.round(120 * theme.u) ? portraitRoom : 0
        const rowHeight = portraitHeight > 0 ? portraitHeight + nameSpacing + nameHeight : nameHeight
        return {
            across: across,
            columns: columns,
            spacing: spacing,
            width: cardWidth,
            portraitHeight: portraitHeight,
            nameHeight: nameHeight,
            height: rows * rowHeight + (rows - 1) * spacing,
        }
    }

    objectName: "overviewScreen"

    // Landscape: the text on the left, the count and the people on the
    // right (with larger text, the people across the bottom); portrait: all
    // stacked, the people lowest. The text is 760 units wide in landscape;
    // all else fills the width left (preferred width 0, fill).
    GridLayout {
        x: overview.theme.margin
        y: Math.round((overview.wide ? 44 : 90) * overview.theme.u)
        width: overview.width - 2 * overview.theme.margin
        height: overview.height - overview.theme.gap - y
        columns: overview.wide ? 2 : 1
        columnSpacing: overview.theme.margin
        rowSpacing: 0

        // The text's place: landscape, down to the bottom beside the people,
        // or down to the people under it; portrait, down to the count. The
        // text scrolls in it, in a box that ends between two lines.
        Item {
            Layout.row: 0
            Layout.column: 0
            Layout.rowSpan: !overview.wide ? 1 : overview.peopleAcross ? 2 : 4
            Layout.preferredWidth: overview.wide ? overview.introWidth : 0
            Layout.fillWidth: !overview.wide
            Layout.fillHeight: true
            Layout.bottomMargin: overview.peopleAcross ? overview.theme.gap : 0

            ScrollArea {
                id: introArea
                objectName: "overviewIntro"
                theme: overview.theme
                width: parent.width
                height: heightBetweenLines(parent.height)
                contentHeight: intro.height

                Column {
                    id: intro
                    width: introArea.width
                    spacing: Math.round(20 * overview.theme.u)

                    ReadingText {
                        objectName: "overviewTitle"
                        width: parent.width
                        text: overview.kiosk.texts.title
                        wrapMode: Text.WordWrap
                        font.pixelSize: overview.theme.text(68)
                        font.weight: Font.Bold
                        color: overview.theme.colors.text
                    }
                    ReadingText {
                        objectName: "overviewHeading"
                        width: parent.width
                        text: overview.kiosk.texts.overview_heading
                        wrapMode: Text.WordWrap
                        font.pixelSize: overview.theme.headingSize
                        font.weight: Font.DemiBold
                        color: overview.theme.colors.accent
                    }
                    ReadingText {
                        objectName: "about"
                        // At most about 60 characters a line, for easy reading.
                        width: Math.min(parent.width, Math.round(26 * overview.theme.bodySize))
                        text: overview.kiosk.texts.about
                        wrapMode: Text.WordWrap
                        font.pixelSize: overview.theme.bodySize
                        lineHeight: 1.3
                        color: overview.theme.colors.text
                    }
                }
            }
        }

        // The count of political prisoners: top right in landscape, under the
        // text in portrait (with the campaign code, which the bar holds only in
        // landscape: under the count, or with larger text beside it, so that
        // the text above keeps room to be read), then the hint and the people.
        Grid {
            id: below
            Layout.row: overview.wide ? 0 : 1
            Layout.column: overview.wide ? 1 : 0
            // With larger text in landscape it takes no height of the grid's:
            // it hangs down beside the hint, which is short and on the left.
            Layout.preferredHeight: overview.wide && overview.peopleAcross ? 0 : -1
            Layout.preferredWidth: 0
            Layout.fillWidth: true
            Layout.alignment: Qt.AlignTop
            Layout.topMargin: overview.wide ? Math.round(14 * overview.theme.u) : 0
            Layout.bottomMargin: overview.wide ? 0 : overview.theme.gap
            columns: overview.countBesideCode ? 2 : 1
            spacing: overview.theme.gap

            Column {
                objectName: "prisonerCount"
                width: below.width - (overview.countBesideCode ? campaign.width + below.spacing : 0)
                spacing: Math.round(4 * overview.theme.u)
                ReadingText {
                    objectName: "prisonerCountText"
                    width: parent.width
                    text: overview.kiosk.texts.prisoner_count
                    wrapMode: Text.WordWrap
                    font.pixelSize: overview.theme.headingSize
                    font.weight: Font.Bold
                    color: overview.theme.colors.text
                }
                ReadingText {
                    objectName: "prisonerCountSource"
                    width: parent.width
                    text: overview.kiosk.texts.figure_source
                    wrapMode: Text.WordWrap
                    font.pixelSize: overview.theme.captionSize
                    color: overview.theme.colors.muted
                }
                // What is known to have changed since the count, if staff say so.
                ReadingText {
                    objectName: "prisonerCountNote"
                    visible: text !== ""
                    // At most about 60 characters a line, like the text about the installation.
                    width: Math.min(parent.width, Math.round(26 * overview.theme.captionSize))
                    text: overview.kiosk.texts.figure_note
                    wrapMode: Text.WordWrap
                    font.pixelSize: overview.theme.captionSize
                    color: overview.theme.colors.text
                }
                ReadingText {
                    objectName: "prisonerCountChecked"
                    width: parent.width
                    text: overview.kiosk.texts.figure_checked
                    wrapMode: Text.WordWrap
                    font.pixelSize: overview.theme.captionSize
                    color: overview.theme.colors.muted
                }
            }
            CampaignQr {
                id: campaign
                visible: !overview.wide
                kiosk: overview.kiosk
                theme: overview.theme
                textBelow: overview.countBesideCode
                textWidth: textBelow ? overview.theme.qrSize
                                     : Math.min(Math.round(420 * overview.theme.u), parent.width - overview.theme.qrSize - spacing)
            }
        }
        // Landscape: the room between the count and the people beside the text.
        Item {
            visible: overview.wide && !overview.peopleAcross
            Layout.row: 1
            Layout.column: 1
            Layout.fillHeight: true
        }
        ReadingText {
            id: hint
            objectName: "overviewHint"
            Layout.row: 2
            Layout.column: overview.peopleAcross ? 0 : 1
            Layout.columnSpan: overview.wide && overview.peopleAcross ? 2 : 1
            Layout.preferredWidth: 0
            Layout.fillWidth: true
            Layout.bottomMargin: Math.round(14 * overview.theme.u)
            text: overview.kiosk.texts.overview_hint
            wrapMode: Text.WordWrap
            font.pixelSize: overview.theme.leadSize
            color: overview.theme.colors.muted
        }

        // The people at the bottom, never above the highest point a visitor in
        // a wheelchair can reach: one row, or two when a name (in larger text)
        // would not fit the width of a quarter.
        Item {
            id: cardArea
            Layout.row: 3
            Layout.column: overview.peopleAcross ? 0 : 1
            Layout.columnSpan: overview.wide && overview.peopleAcross ? 2 : 1
            Layout.preferredWidth: 0
            Layout.fillWidth: true
            Layout.preferredHeight: overview.cards.height

            Grid {
                anchors.bottom: parent.bottom
                anchors.horizontalCenter: parent.horizontalCenter
                columns: overview.cards.columns
                spacing: overview.cards.spacing

                Repeater {
                    model: overview.kiosk.people
                    delegate: PersonCard {
                        required property int index
                        objectName: "personCard" + index
                        theme: overview.theme
                        portraitWidth: overview.cards.width
                        portraitHeight: overview.cards.portraitHeight
                        nameHeight: overview.cards.nameHeight
                        onClicked: overview.kiosk.openPerson(index)
                    }
                }
            }
        }
    }
}
