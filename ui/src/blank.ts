// The benchmark's blank page (test-hook builds only): sends the same "ready" mark as the editor,
// and nothing else.
import { api } from "./api";
import { startupTimeline } from "./startup";

void api.editorReady(startupTimeline());
