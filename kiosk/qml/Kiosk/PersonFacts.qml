pragma ComponentBehavior: Bound
import QtQuick
import KioskBackend

// Key dates: a label and its value on each row; a date the person has none
// of leaves its row out. The rows are made once (a new person changes only
// their texts): one Repeater of rows, not nested Repeaters in a Grid, which
// can add their items out of order when built in the background.
Column {
    id: facts
    required property KioskState kiosk  // its texts: the labels
    required property var person  // the screen's copy of kiosk.person: one read for all its texts
    required property Theme theme
    required property int rowWidth  // label, space and value
    readonly property int columnSpacing: Math.round(18 * theme.u)
    readonly property int labelWidth: Math.round(160 * theme.u * theme.textScale)

    objectName: "personFacts"
    spacing: Math.round(8 * theme.u)

    Repeater {
        model: ["detained", "sentenced", "term"]
        delegate: Row {
            id: fact
            required property string modelData
            readonly property string value: facts.person[modelData]
            visible: value !== ""
            spacing: facts.columnSpacing
            ReadingText {
                width: facts.labelWidth
                text: facts.kiosk.texts[fact.modelData]
                wrapMode: Text.WordWrap
                font.pixelSize: facts.theme.captionSize
                color: facts.theme.colors.muted
            }
            ReadingText {
                width: facts.rowWidth - facts.labelWidth - facts.columnSpacing
                text: fact.value
                wrapMode: Text.WordWrap
                font.pixelSize: facts.theme.captionSize
                font.weight: Font.DemiBold
                color: facts.theme.colors.text
            }
        }
    }
}
