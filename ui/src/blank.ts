// The benchmark's blank page (test-hook builds only): sends the same "ready" mark as the editor,
// and nothing else.
import { backend } from "./backend";
import { startupTimeline } from "./startup";

void backend.editorReady({ timeline: startupTimeline() });
