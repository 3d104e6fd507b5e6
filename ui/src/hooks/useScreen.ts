// What every screen that opens over the editor does for keyboard and screen-reader users: focus
// moves into it (its heading, so a screen reader reads where the user is), Escape closes it
// wherever focus is, and closing gives focus back to what had it before (the top-bar button).
import { useEffect, useLayoutEffect, useRef } from "react";

export function useScreen<T extends HTMLElement = HTMLHeadingElement>(onClose: () => void) {
  const heading = useRef<T>(null);
  const close = useRef(onClose);
  // The latest onClose, without re-registering the listener (and losing the opener) each render.
  useLayoutEffect(() => {
    close.current = onClose;
  });

  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    heading.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      // A control that used Escape itself (a native dialog, a menu) has the first say.
      if (e.key !== "Escape" || e.defaultPrevented || document.querySelector("dialog[open]")) return;
      e.preventDefault();
      close.current();
    };
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("keydown", onKey);
      // Back to the opener, when it is still there (the screen may have replaced it).
      if (before?.isConnected && !before.closest("[inert]")) before.focus();
    };
  }, []);

  return heading;
}
