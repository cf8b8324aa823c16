pragma ComponentBehavior: Bound
import QtQuick

// Builds its item in the background once the window is up (`preload`), or
// at once when it is `needed` before that; then keeps it.
Loader {
    required property bool preload
    required property bool needed

    active: needed || preload || item !== null
    // A load in the background is completed at once when this turns false.
    asynchronous: !needed
    // Half built, an item has its defaults, not its bindings: visible, say.
    visible: status === Loader.Ready
}
