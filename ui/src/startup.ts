// Where the start-up time goes, as the page sees it: named marks (milliseconds since the page's
// navigation began) that test and benchmark builds send with the ready mark, so the start-up
// benchmark can print a breakdown beside its total. A mark costs next to nothing, so the shipped
// app makes them too; it never sends them anywhere.
const PREFIX = "winroll:";

export function markStartup(name: string) {
  performance.mark(PREFIX + name);
}

/** "html 12, dom 30, script 95, …, ready 410": the navigation's own milestones, then the marks. */
export function startupTimeline(): string {
  const parts: string[] = [];
  const [navigation] = performance.getEntriesByType("navigation") as PerformanceNavigationTiming[];
  if (navigation)
    parts.push(`html ${Math.round(navigation.responseEnd)}`, `dom ${Math.round(navigation.domInteractive)}`);
  for (const mark of performance.getEntriesByType("mark")) {
    if (mark.name.startsWith(PREFIX)) parts.push(`${mark.name.slice(PREFIX.length)} ${Math.round(mark.startTime)}`);
  }
  parts.push(`ready ${Math.round(performance.now())}`);
  return parts.join(", ");
}
