import QtQuick
import KioskBackend

// The four people with their names, the count of political prisoners and a
// few words about the installation. A tap on a portrait opens that person.
Item {
    id: overview
    required property KioskState kiosk
    required property Theme theme
    readonly property bool wide: width >= height
    readonly property int textWidth: wide ? Math.round(760 * theme.u) : width - 2 * theme.margin

    objectName: "overviewScreen"

    Column {
        id: intro
        x: overview.theme.margin
        y: Math.round((overview.wide ? 44 : 90) * overview.theme.u)
        width: overview.textWidth
        spacing: Math.round(20 * overview.theme.u)

        Text {
            objectName: "overviewTitle"
            width: parent.width
            text: overview.kiosk.texts.title
            font.pixelSize: Math.round(68 * overview.theme.u)
            font.weight: Font.Bold
            color: overview.theme.colors.text
        }
        Text {
            objectName: "overviewHeading"
            width: parent.width
            text: overview.kiosk.texts.overview_heading
            wrapMode: Text.WordWrap
            font.pixelSize: overview.theme.headingSize
            font.weight: Font.DemiBold
            color: overview.theme.colors.accent
        }
        Text {
            objectName: "about"
            // At most about 60 characters a line, for easy reading.
            width: Math.min(parent.width, Math.round(900 * overview.theme.u))
            text: overview.kiosk.texts.about
            wrapMode: Text.WordWrap
            font.pixelSize: overview.theme.bodySize
            lineHeight: 1.3
            color: overview.theme.colors.text
        }
    }

    // The count of political prisoners: above the portraits in landscape,
    // under the text in portrait.
    Column {
        id: count
        objectName: "prisonerCount"
        x: overview.wide ? intro.x + intro.width + overview.theme.margin : overview.theme.margin
        y: overview.wide ? intro.y + Math.round(14 * overview.theme.u) : intro.y + intro.height + overview.theme.gap
        width: overview.width - x - overview.theme.margin
        spacing: Math.round(4 * overview.theme.u)
        Text {
            objectName: "prisonerCountText"
            width: parent.width
            text: overview.kiosk.texts.prisoner_count
            wrapMode: Text.WordWrap
            font.pixelSize: overview.theme.headingSize
            font.weight: Font.Bold
            color: overview.theme.colors.text
        }
        Text {
            objectName: "prisonerCountSource"
            width: parent.width
            text: overview.kiosk.texts.figure_source
            wrapMode: Text.WordWrap
            font.pixelSize: overview.theme.captionSize
            color: overview.theme.colors.muted
        }
    }

    // Landscape: a row of four beside the text; portrait: two by two below it.
    Item {
        id: cardArea
        x: count.x
        y: count.y + count.height + overview.theme.gap
        width: count.width
        height: overview.height - y

        Grid {
            id: cards
            readonly property int nameHeight: Math.round(100 * overview.theme.u)
            readonly property int byWidth: Math.floor((cardArea.width - (columns - 1) * columnSpacing) / columns)
            readonly property int byHeight: Math.floor(((cardArea.height - overview.theme.gap) / rows - nameHeight) * 4 / 5)
            anchors.centerIn: parent
            columns: overview.wide ? 4 : 2
            rows: Math.ceil(overview.kiosk.personCount / columns)
            columnSpacing: Math.round(32 * overview.theme.u)
            rowSpacing: overview.theme.gap

            Repeater {
                model: overview.kiosk.people
                delegate: PersonCard {
                    required property int index
                    required property string personId
                    objectName: "personCard" + index
                    theme: overview.theme
                    portraitWidth: Math.min(cards.byWidth, cards.byHeight, Math.round(420 * overview.theme.u))
                    onClicked: overview.kiosk.openPerson(index)
                }
            }
        }
    }
}
