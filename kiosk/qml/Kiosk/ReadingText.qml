import QtQuick

// Text a screen reader reads out, in the order the file declares it: Qt
// Quick exposes plain Text items only once an assistive technology is
// already running, so each says what it is.
Text {
    Accessible.role: Accessible.StaticText
    Accessible.name: text
}
