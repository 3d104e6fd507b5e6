//! How the window's web view draws on Linux.
//!
//! WebKitGTK composites pages with OpenGL by default. Without a GPU driver (virtual machines,
//! remote desktops, CI) that is Mesa's software renderer, and with one the layers' textures still
//! live in the web process. Measured with tests/bench under Xvfb: the editor's web process held
//! about 90 MiB more with GPU compositing than with CPU drawing, and the difference between the
//! editor and a bare page shrank from about 45 MiB to 7 MiB. A form gains nothing from GPU
//! compositing, so Winroll's web view draws on the CPU.
//!
//! WebKit reads the choice from the environment when it starts its first web view. Switching the
//! view's settings after it existed (webkit2gtk's hardware-acceleration policy) was slower: the
//! bare window was ready after 686 ms that way against 589 ms this way (medians of 5). Someone
//! who wants GPU compositing back sets `WEBKIT_DISABLE_COMPOSITING_MODE=0` themselves, which this
//! leaves alone.

/// Must be the process's first act: changing the environment is only sound while no other thread
/// exists (glib's `setenv`, like the standard library's, says so).
pub fn draw_on_cpu() {
    #[cfg(target_os = "linux")]
    if let Err(e) = glib::setenv("WEBKIT_DISABLE_COMPOSITING_MODE", "1", false) {
        // Not fatal: the window draws as WebKit chooses.
        eprintln!("winroll: cannot choose CPU drawing: {e}");
    }
}
