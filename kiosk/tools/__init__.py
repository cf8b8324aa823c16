"""Tools for staff and engineers, not run by the kiosk itself: `kiosk
preview`, the layout rules, `kiosk bench`, `kiosk status`, the heartbeat,
and `scene`, the look at a running window that the tests use too."""
