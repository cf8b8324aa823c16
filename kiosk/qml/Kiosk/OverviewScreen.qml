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
    // The people take the whole width in portrait, and in landscape with
    // larger text (their names would not fit beside the text).
    readonly property bool peopleAcross: !wide || kiosk.largerText

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

        ScrollArea {
            id: introArea
            objectName: "overviewIntro"
            theme: overview.theme
            // Landscape: down to the bottom beside the people, or down to the
            // people under it; portrait: down to the count.
            Layout.row: 0
            Layout.column: 0
            Layout.rowSpan: !overview.wide ? 1 : overview.peopleAcross ? 2 : 4
            Layout.preferredWidth: overview.wide ? Math.round(760 * overview.theme.u) : 0
            Layout.fillWidth: !overview.wide
            Layout.fillHeight: true
            Layout.bottomMargin: overview.peopleAcross ? overview.theme.gap : 0
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

        // The count of political prisoners: top right in landscape, under the
        // text in portrait (with the campaign code, which the bar holds only in
        // landscape), then the hint and the people.
        Column {
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
            spacing: overview.theme.gap

            Column {
                objectName: "prisonerCount"
                width: parent.width
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
                visible: !overview.wide
                kiosk: overview.kiosk
                theme: overview.theme
                textWidth: Math.min(Math.round(420 * overview.theme.u), parent.width - x - overview.theme.qrSize - spacing)
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
            readonly property int count: Math.max(1, overview.kiosk.personCount)
            readonly property int spacing: Math.max(Math.round(24 * overview.theme.u), overview.theme.controlSpacing)
            // Room for a long name on two lines ("Valiantsin" is the longest word).
            readonly property int columns: (width - (count - 1) * spacing) / count >= 6 * overview.theme.leadSize
                                           ? count : Math.ceil(count / 2)
            readonly property int rows: Math.ceil(count / columns)
            readonly property int cardWidth: Math.floor((width - (columns - 1) * spacing) / columns)
            readonly property int nameSpacing: Math.round(14 * overview.theme.u)
            readonly property int nameHeight: Math.max(Math.ceil(2 * overview.theme.leadSize * 1.25), overview.theme.controlHeight)
            readonly property int rowHeight: Math.min(
                Math.floor((overview.height - overview.theme.gap - overview.reachTop - (rows - 1) * spacing) / rows),
                Math.round(cardWidth * 5 / 4) + nameSpacing + nameHeight)
            Layout.row: 3
            Layout.column: overview.peopleAcross ? 0 : 1
            Layout.columnSpan: overview.wide && overview.peopleAcross ? 2 : 1
            Layout.preferredWidth: 0
            Layout.fillWidth: true
            Layout.preferredHeight: rows * rowHeight + (rows - 1) * spacing

            Grid {
                anchors.bottom: parent.bottom
                anchors.horizontalCenter: parent.horizontalCenter
                columns: cardArea.columns
                spacing: cardArea.spacing

                Repeater {
                    model: overview.kiosk.people
                    delegate: PersonCard {
                        required property int index
                        objectName: "personCard" + index
                        theme: overview.theme
                        portraitWidth: cardArea.cardWidth
                        portraitHeight: cardArea.rowHeight - cardArea.nameSpacing - cardArea.nameHeight
                        nameHeight: cardArea.nameHeight
                        onClicked: overview.kiosk.openPerson(index)
                    }
                }
            }
        }
    }
}
