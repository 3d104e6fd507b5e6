//! A bare Tauri window built exactly like Winroll, for the start-up and memory benchmark
//! (tests/bench/startup.py). Lives outside src-tauri because the bundler ships every binary there.

fn main() {
    winroll_desktop::run_page(winroll_desktop::Page::Blank);
}
