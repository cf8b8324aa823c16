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
        property real slideOffset: 0
        width: screen.width
        height: screen.height
        x: (swipe.active ? swipe.activeTranslation.x : 0) + slideOffset
        opacity: 1 - Math.abs(slideOffset) / Math.round(240 * screen.u)
        // While it moves, the page is one picture: the software renderer
        // would otherwise draw every glyph again on every frame.
        layer.enabled: swipe.active || slideIn.running

        Portrait {
            id: portrait
            objectName: "personPortrait"
            theme: screen.theme
            source: screen.person.portrait
            x: screen.theme.margin
            y: Math.round(40 * screen.u)
            width: Math.round((screen.wide ? 400 : 460) * screen.u)
            height: Math.round(width * 5 / 4)
        }

        // Name, role and status: beside the portrait in both orientations.
        Column {
            id: identity
            x: portrait.x + portrait.width + screen.theme.margin
            y: portrait.y
            width: screen.wide ? Math.round(820 * screen.u) : screen.width - x - screen.theme.margin
            spacing: Math.round(8 * screen.u)

            Text {
                objectName: "personName"
                width: parent.width
                text: screen.person.name
                wrapMode: Text.WordWrap
                font.pixelSize: screen.theme.nameSize
                font.weight: Font.Bold
                color: screen.theme.colors.text
            }
            Text {
                objectName: "personNameNative"
                width: parent.width
                text: screen.person.nameNative
                wrapMode: Text.WordWrap
                font.pixelSize: screen.theme.leadSize
                color: screen.theme.colors.muted
            }
            Text {
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

        Text {
            id: bio
            objectName: "personBio"
            x: screen.wide ? identity.x : screen.theme.margin
            y: screen.wide ? identity.y + identity.height + screen.theme.gap
                           : Math.max(portrait.y + portrait.height, status.y + status.height) + screen.theme.gap
            width: screen.wide ? identity.width : screen.width - 2 * screen.theme.margin
            text: screen.person.bio
            wrapMode: Text.WordWrap
            font.pixelSize: screen.theme.bodySize
            lineHeight: 1.3
            color: screen.theme.colors.text
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
                state_: screen.person.statusState
                label: screen.person.statusLabel
            }
            Text {
                objectName: "statusSummary"
                width: parent.width
                text: screen.person.statusSummary
                wrapMode: Text.WordWrap
                font.pixelSize: screen.theme.bodySize
                color: screen.theme.colors.text
            }
            Text {
                objectName: "statusChecked"
                width: parent.width
                text: screen.person.statusChecked
                wrapMode: Text.WordWrap
                font.pixelSize: screen.theme.captionSize
                color: screen.theme.colors.muted
            }
        }

        // Key dates: under the portrait in landscape, under the bio in portrait.
        Grid {
            id: facts
            objectName: "personFacts"
            x: screen.theme.margin
            y: screen.wide ? portrait.y + portrait.height + screen.theme.gap : bio.y + bio.height + screen.theme.gap
            columns: 2
            columnSpacing: Math.round(18 * screen.u)
            rowSpacing: Math.round(8 * screen.u)
            readonly property int valueWidth: (screen.wide ? portrait.width : Math.round(560 * screen.u)) - labelWidth - columnSpacing
            readonly property int labelWidth: Math.round(130 * screen.u)

            Repeater {
                model: [
                    { label: screen.kiosk.texts.detained, value: screen.person.detained },
                    { label: screen.kiosk.texts.sentenced, value: screen.person.sentenced },
                    { label: screen.kiosk.texts.term, value: screen.person.term }
                ].filter(fact => fact.value !== "")
                delegate: Repeater {
                    required property var modelData
                    model: [
                        { text: modelData.label, isLabel: true },
                        { text: modelData.value, isLabel: false }
                    ]
                    delegate: Text {
                        required property var modelData
                        width: modelData.isLabel ? facts.labelWidth : facts.valueWidth
                        text: modelData.text
                        wrapMode: Text.WordWrap
                        font.pixelSize: screen.theme.captionSize
                        font.weight: modelData.isLabel ? Font.Normal : Font.DemiBold
                        color: modelData.isLabel ? screen.theme.colors.muted : screen.theme.colors.text
                    }
                }
            }
        }

        // Their own link, if any: right column in landscape, beside the dates in portrait.
        Column {
            objectName: "personLink"
            visible: screen.person.link !== ""
            x: screen.wide ? status.x : facts.x + facts.width + screen.theme.margin
            y: screen.wide ? status.y + status.height + screen.theme.gap * 1.5 : facts.y
            spacing: Math.round(10 * screen.u)
            QrCode {
                objectName: "personQr"
                theme: screen.theme
                url: screen.person.link
            }
            Text {
                objectName: "personLinkCta"
                width: screen.theme.qrSize + Math.round(40 * screen.u)
                text: screen.person.linkCta
                wrapMode: Text.WordWrap
                font.pixelSize: screen.theme.captionSize
                color: screen.theme.colors.text
            }
        }
    }
}
