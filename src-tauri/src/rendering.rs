//! How the window's web view draws on Linux.
//!
//! WebKitGTK composites pages with OpenGL by default. Without a GPU driver (virtual machines,
//! remote desktops, CI) that is Mesa's software renderer, and with one the layers' textures still
//! live in the web process. Measured with tests/bench under Xvfb: the editor's web process held
//! about 90 MiB more with GPU compositing than with CPU drawing, and the difference between the
//! editor and a bare page shrank from about 45 MiB to 7 MiB. A form gains nothing from GPU
//! compositing, so Winroll's web view draws on the CPU. Someone who wants it back sets
//! `WEBKIT_DISABLE_COMPOSITING_MODE=0`, which this leaves alone.

use tauri::{Runtime, WebviewWindow};

pub fn draw_on_cpu<R: Runtime>(window: &WebviewWindow<R>) -> tauri::Result<()> {
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        window.with_webview(|webview| {
            use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};
            if let Some(settings) = webview.inner().settings() {
                settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
            }
        })?;
    }
    #[cfg(not(target_os = "linux"))]
    let _ = window;
    Ok(())
}
