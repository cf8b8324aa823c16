pragma ComponentBehavior: Bound
import QtQuick

// Text a screen reader reads out, in the order the file declares it: Qt
// Quick exposes plain Text items only once an assistive technology is
// already running, so each says what it is.
// Every text comes from the staff's files, so it is drawn as plain text:
// markup such as <font> or <img src=...> shows as written, never styled,
// and never makes Qt fetch anything.
Text {
    textFormat: Text.PlainText
    Accessible.role: Accessible.StaticText
    Accessible.name: text
}
